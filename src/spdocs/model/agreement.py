"""The cooperation agreement: number, dates and term, purpose, areas, disputes and copies."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from spdocs.messages import Invalid
from spdocs.model.base import Base, Code, Id, LangCode, Text
from spdocs.model.legal import Act, Arbitration


class Area(Base):
    """A priority area of cooperation; indicators and activities refer to it by id."""

    id: Id
    name: Text
    moh_area: Literal["personnel", "science", "medical_services"] | None = Field(
        None, description="medical regime: which primary area of the MoH Rules, p. 4, this is"
    )


class MinistryRef(Base):
    """How the partnership was agreed with the ministry (letter, protocol or order)."""

    document: Text
    number: str | None = None
    date: dt.date | None = None


class Amendment(Base):
    """A supplementary agreement that changed the agreement (`spdocs amend` writes the last one)."""

    number: Code
    date: dt.date = Field(description="date of signing")
    place: Text = Field(description="city of signing")


# The kinds of document: a contract (договор / шарт), a cooperation agreement (соглашение /
# келісім), both binding, with liability and disputes clauses; a memorandum of understanding
# (меморандум) has neither. Their titles and word forms are the terms' (t.agreement.doc).
AgreementType = Literal["agreement", "cooperation", "memorandum"]


class Agreement(Base):
    """The cooperation agreement itself."""

    type: AgreementType = Field(
        "agreement",
        description="agreement (договор / шарт); cooperation agreement (соглашение о сотрудничестве / "
        "ынтымақтастық туралы келісім), binding like a договор; or memorandum of understanding: no liability "
        "clause, disputes by negotiation only",
    )
    number: Code
    date: dt.date = Field(description="date of signing")
    place: Text = Field(description="city of signing")
    start: dt.date
    end: dt.date | None = None
    term_years: int | None = Field(None, ge=1, le=99)
    auto_renewal: bool = False
    ministry: MinistryRef | None = None
    purpose: Text
    objectives: list[Text] = Field(min_length=1)
    areas: list[Area] = Field(min_length=1)
    forms: list[Text] = Field(min_length=1, description="forms of cooperation")
    disputes: Literal["court_kz", "arbitration", "aifc_court", "aifc_iac"] = "court_kz"
    arbitration: Arbitration | None = Field(
        None, description="for `disputes: arbitration` (or `aifc_iac`): institution, rules, seat, language, arbitrators"
    )
    court: Text | None = Field(None, description="for `disputes: court_kz`: the court agreed on, if any")
    legal_basis: list[Act] = Field(
        [], description="acts the agreement rests on besides the regime's own (treaties, laws, decisions, programmes)"
    )
    governing_law: Literal["kz", "english"] = "kz"
    foreign_in_working_group: bool | None = Field(
        None,
        description="the agreement says the foreign side's representatives sit in the working group "
        "(default: as the order's members show, or yes when no working group is given)",
    )
    prevailing: LangCode | None = Field(None, description="text that prevails if versions differ")
    copies: int = Field(2, ge=1, le=10, description="originals signed")

    @model_validator(mode="after")
    def _term(self) -> Agreement:
        if self.end is None and self.term_years is None:
            raise Invalid("data.model.term")
        return self

    @property
    def end_date(self) -> dt.date:
        """Return the last day of the term (given, or computed from ``term_years``)."""
        if self.end is not None:
            return self.end
        assert self.term_years is not None
        try:
            anniversary = self.start.replace(year=self.start.year + self.term_years)
        except ValueError:  # 29 February
            anniversary = self.start.replace(year=self.start.year + self.term_years, day=28)
        return anniversary - dt.timedelta(days=1)

    @property
    def years(self) -> int:
        """Return the term in whole years."""
        if self.term_years is not None:
            return self.term_years
        end = self.end_date + dt.timedelta(days=1)
        return end.year - self.start.year - ((end.month, end.day) < (self.start.month, self.start.day))
