"""Sections of medical partnerships (MoH Rules): the partner's selection and the plan of activities."""

from __future__ import annotations

import datetime as dt

from spdocs.model.base import Base, Id, Text


class Selection(Base):
    """Why this partner was chosen (MoH Rules, p. 6)."""

    rankings: Text | None = None
    achievements: list[Text] = []
    personnel: Text | None = None


class PlanItem(Base):
    """An activity in the plan (MoH Rules, p. 10)."""

    area: Id
    activity: Text
    due: dt.date | None = None
    responsible: Text | None = None
