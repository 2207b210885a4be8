"""Sections of higher-education partnerships (MoSHE ch. 3): programmes, staff, committees, funding."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from spdocs.model.base import Base, Code, Id, Money, Text


class Program(Base):
    """A dual-degree (or joint) educational program."""

    code: Code
    name: Text
    level: Literal["bachelor", "master", "doctorate", "residency", "internship"]
    languages: list[Literal["kk", "ru", "en", "other"]] = Field(min_length=1)
    dual_degree: bool = True
    start_year: int | None = None
    duration_years: Decimal | None = None
    accreditation: Text | None = Field(None, description="accreditation body recognized in Kazakhstan")
    kazakh_language: bool = Field(description="includes the discipline Kazakh language")
    history_of_kazakhstan: bool = Field(description="includes the discipline History of Kazakhstan")


class Staffing(Base):
    """Teaching staff ratio, in percent (MoSHE ch. 3, area 5: KZ up to 70, foreign up to 30)."""

    kazakhstani_percent: Decimal = Field(ge=0, le=100)
    foreign_percent: Decimal = Field(ge=0, le=100)
    foreign_staff_count: int | None = Field(None, ge=0)


class Committee(Base):
    """A joint committee of representatives of both sides."""

    type: Literal["teaching_learning", "admission", "educational_innovation", "student_experience", "other"]
    name: Text | None = Field(None, description="only for type 'other'")
    members_kazakhstani: int = Field(ge=0)
    members_foreign: int = Field(ge=0)


class Governance(Base):
    """How the partnership (or branch) is managed."""

    body: Text = Field(description="the joint management body, e.g. the Joint Board")
    members_kazakhstani: int = Field(ge=0)
    members_foreign: int = Field(ge=0)
    members_others: dict[Id, int] = Field(
        {}, description="seats of the other signing parties, by their `id` (parties.others[].id)"
    )
    meetings_per_year: int = Field(1, ge=0)


class QualityAssurance(Base):
    """The quality assurance system and its procedures."""

    system: Text
    procedures: list[Text] = Field(min_length=1)


class ResearchGroup(Base):
    """A joint research group."""

    name: Text
    leads: Text = Field(description="its leaders from both sides")
    topic: Text


FundingType = Literal[
    "own_kazakhstani",
    "own_foreign",
    "state_order",
    "paid_services",
    "local_grants",
    "external_investment",
    "sponsorship",
    "other_lawful",
    "state_budget",
    "loan",
]


class FundingSource(Base):
    """A source of financing (MoSHE ch. 3, area 6)."""

    type: FundingType
    note: Text | None = None


class BudgetItem(Base):
    """A budget line."""

    id: Id | None = Field(None, description="names the line for the actual spending of a period (periods[].spending)")
    item: Text
    amount: Money
    year: int | None = None
    source: str | None = Field(None, description="the type of one of the funding sources")


class Funding(Base):
    """Sources of financing and budget."""

    sources: list[FundingSource] = Field(min_length=1)
    budget: list[BudgetItem] = []
