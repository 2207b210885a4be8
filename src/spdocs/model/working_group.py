"""The working group created by order of the first head (MoH Rules, p. 8)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from spdocs.model.base import Base, Code, Person, Text


class Member(Person):
    """A member of the working group."""

    role: Literal["chair", "deputy_chair", "secretary", "member"]
    party: Literal["kazakhstani", "foreign"] = Field(
        "kazakhstani", description="whose employee: a representative of the foreign side is `foreign`"
    )


class Head(Person):
    """The first head who signs the order, or the person acting for them."""

    acting: bool = Field(
        False,
        description="signs as acting head; write the position as signed, e.g. «исполняющий обязанности Ректора»",
    )


class Order(Base):
    """The order of the first head that creates the working group."""

    number: Code
    date: dt.date
    place: Text


class WorkingGroup(Base):
    """The working group created by order of the first head (MoH Rules, p. 8)."""

    order: Order
    first_head: Head
    responsible: Person | None = None
    control: Person | None = Field(None, description="who controls execution; omitted: the first head")
    members: list[Member] = Field(min_length=1)
