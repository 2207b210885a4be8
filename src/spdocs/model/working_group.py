"""The working group created by order of the first head (MoH Rules, p. 8)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from spdocs.model.base import Base, Code, Person, Text


class Member(Person):
    """A member of the working group."""

    role: Literal["chair", "deputy_chair", "secretary", "member"]
    side: Literal["kazakhstani", "foreign"] = Field(
        default="kazakhstani",
        description="the party the member represents; the foreign side's representatives sit in the group "
        "when the agreement says so (MoH Rules, p. 8)",
    )


class Head(Person):
    """The first head who signs the order, or the person acting for them."""

    acting: bool = Field(
        False,
        description="signs as acting head; write the position as signed, e.g. «исполняющий обязанности Ректора»",
    )


class Appointee(Person):
    """A person the order appoints (the responsible person) or charges with control."""

    object_form: Text | None = Field(
        default=None,
        description="position and name in the case the order's sentence needs: ru accusative («проректора по науке "
        "А.Б. Иванову»), kk dative for control («… А.Б. Ивановаға»); omitted: a wording in the nominative",
    )


class Endorser(Person):
    """Who endorses the draft order before the first head signs it (approval sheet)."""

    date: dt.date | None = Field(None, description="date of the endorsement; omitted: a blank line to fill in")


class Order(Base):
    """The order of the first head that creates the working group."""

    number: Code
    date: dt.date
    place: Text
    endorsers: list[Endorser] = Field(
        default=[],
        description="the approval sheet (келісу парағы / лист согласования): legal department, the vice-rector "
        "responsible, the head of the unit …, in order; empty: no approval sheet",
    )
    executor: Person | None = Field(None, description="who prepared the draft (Орынд. / Исп. line)")
    phone: str | None = Field(None, description="the executor's phone")
    acknowledgement: bool = Field(
        default=True, description="add the acknowledgement list (танысқандар / ознакомлены) of the members"
    )


class WorkingGroup(Base):
    """The working group created by order of the first head (MoH Rules, p. 8)."""

    order: Order
    first_head: Head
    responsible: Appointee | None = None
    control: Appointee | None = Field(None, description="who controls execution; omitted: the first head")
    members: list[Member] = Field(min_length=1)
