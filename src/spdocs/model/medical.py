"""The partner's selection (MoH Rules, p. 6; MoSHE ch. 3, rec. 1) and the plan of activities (MoH Rules, p. 10)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from spdocs.model.base import Base, Country, Id, Text
from spdocs.model.higher_education import FundingType
from spdocs.model.parties import Ranking


class Candidate(Base):
    """Another organization considered as the partner, set against the same criteria."""

    name: Text
    country: Country
    rankings: list[Ranking] = []
    achievements: list[Text] = []
    personnel: Text | None = None
    reason: Text | None = Field(None, description="why it was not chosen")


class Selection(Base):
    """Why this partner was chosen (MoH Rules, p. 6), and the other candidates considered."""

    rankings: Text | None = None
    achievements: list[Text] = []
    personnel: Text | None = None
    candidates: list[Candidate] = Field([], description="other organizations considered, compared in a table")
    decided: dt.date | None = Field(None, description="date of the decision (the justification's date)")
    conclusion: Text | None = Field(None, description="a sentence added to the conclusion")


class PlanItem(Base):
    """An activity in the plan (MoH Rules, p. 10; MoSHE ch. 3): when, who, what for, paid from what."""

    area: Id
    activity: Text
    due: dt.date | None = None
    responsible: Text | None = None
    result: Text | None = Field(None, description="the expected result")
    indicators: list[Id] = Field([], description="ids of the indicators the activity serves")
    funding: FundingType | None = Field(None, description="the type of one of the funding sources")


class PlanApproval(Base):
    """When the first head approved the plan (the approval block: БЕКІТЕМІН / УТВЕРЖДАЮ)."""

    date: dt.date | None = Field(None, description="omitted: the block is left to be dated by hand")
