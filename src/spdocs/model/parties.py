"""The parties: organizations that sign, their signatories, bank details and rankings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, model_validator

from spdocs.messages import Invalid
from spdocs.model.base import Base, Bin, Code, Country, Id, Person, Region, Text


class Authority(Base):
    """What empowers a signatory: the charter (a continental university's statute), a power of attorney,
    regulations or an order."""

    basis: Literal["charter", "statute", "power_of_attorney", "regulations", "order"]
    number: str | None = None
    date: dt.date | None = None


class Signatory(Person):
    """The person who signs for a party."""

    authority: Authority
    acting: bool = Field(
        False, description="signs as acting; write the position as signed, e.g. «исполняющий обязанности Ректора»"
    )


class BankDetails(Base):
    """Bank details as printed under the signatures (which ones depends on the country)."""

    bank: Text
    account: Code = Field(description="KZ: ИИК; RU: расчетный счет; elsewhere: IBAN or account number")
    bic: Code = Field(description="KZ and RU: БИК; elsewhere: SWIFT code")
    kbe: str | None = Field(None, description="Kazakhstani beneficiary code (Кбе), if any")
    corr_account: str | None = Field(None, description="RU: корреспондентский счет of the bank")
    swift: str | None = Field(None, description="RU: the bank's SWIFT code besides its БИК, if any")
    aba: str | None = Field(None, description="US: ABA routing number")
    correspondent: Text | None = Field(None, description="correspondent bank (name, SWIFT), if payments go through one")


_OPEN_RANK = re.compile(r"^\s*(?:(\d+)\s*\+|>\s*(\d+))\s*$")


class Ranking(Base):
    """A place in an international ranking (QS, THE, ARWU or a subject ranking)."""

    system: Literal["QS", "THE", "ARWU", "other"]
    year: int = Field(ge=2000, le=2100)
    rank: Annotated[
        int,
        WithJsonSchema(
            {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": _OPEN_RANK.pattern}]}
        ),
    ] = Field(
        ge=1,
        description='the place, or the upper end of a band such as 401-500; an open-ended band: "801+" '
        '(">800", more than 800, is the same band)',
    )
    rank_to: int | None = Field(None, description="the lower end of a band, e.g. 500 in 401-500")
    open_ended: bool = Field(
        False, description="the band has no lower end (801+): it never counts as a place in a TOP-500"
    )
    subject: Text | None = Field(None, description="for a subject ranking: the subject")
    source: str | None = Field(None, description="where the figure comes from: the ranking table's address")
    scope: Literal["global", "subject", "national"] = Field(
        "global", description="a national ranking does not count towards the TOP-500 of the MoSHE recommendations"
    )

    @model_validator(mode="before")
    @classmethod
    def _open_band(cls, data: object) -> object:
        # "801+" and ">800" (places are whole numbers: more than 800 is 801 or lower) are one band
        if isinstance(data, dict) and isinstance(data.get("rank"), str) and (m := _OPEN_RANK.match(data["rank"])):
            return {**data, "rank": int(m[1]) if m[1] else int(m[2]) + 1, "open_ended": True}
        return data

    @model_validator(mode="after")
    def _band(self) -> Ranking:
        if self.open_ended and self.rank_to is not None:
            raise Invalid("data.model.open_band", field="rank_to")
        return self

    @property
    def place(self) -> str:
        """Return the place as printed: «285», «401–500», «801+»."""
        if self.open_ended:
            return f"{self.rank}+"
        return f"{self.rank}\u2013{self.rank_to}" if self.rank_to else str(self.rank)

    def within(self, top: int) -> bool:
        """Return whether the place is surely among the first ``top``: the whole band, never an open one."""
        return not self.open_ended and (self.rank_to or self.rank) <= top


class Parent(Base):
    """The organization a signing unit belongs to: a university whose centre or institute signs, or
    whose branch does. Its requisites serve a unit that has no BIN of its own; its rankings count."""

    name: Text = Field(description="full official name, with legal form, in the nominative")
    relation: Literal["unit", "branch"] = Field(
        "unit", description="unit: a structural unit (centre, institute, faculty); branch: a registered branch"
    )
    bin: Bin | None = None
    inn: str | None = Field(None, description="Russian organizations: ИНН")
    kpp: str | None = Field(None, description="Russian organizations: КПП")
    ogrn: str | None = Field(None, description="Russian organizations: ОГРН")
    bank: BankDetails | None = Field(None, description="used when the unit has no bank details of its own")
    rankings: list[Ranking] = Field([], description="the parent's rankings: they count for HE-RANKING")


class Party(Base):
    """An organization that is a party to the partnership."""

    name: Text = Field(description="full official name as written in documents, with legal form")
    short_name: Text
    alias: Text = Field(description='how the agreement calls it: "Университет", "Партнер", ...')
    country: Country
    legal_form: Text | None = None
    bin: Bin | None = Field(
        None, description="business identification number (12 digits), for Kazakhstani organizations"
    )
    inn: str | None = Field(None, description="Russian organizations: ИНН (taxpayer number)")
    kpp: str | None = Field(None, description="Russian organizations: КПП (registration reason code)")
    ogrn: str | None = Field(None, description="Russian organizations: ОГРН (state registration number)")
    kind: Literal["university", "medical_university", "medical_organization", "research_organization", "other"] = (
        "university"
    )
    region: Region | None = Field(
        None,
        description="Kazakhstani organizations: the oblast or city of republican significance it is in "
        "(a foreign organization is placed by its country; a region given for it is not used)",
    )
    address: Text
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    bank: BankDetails | None = None
    signatory: Signatory
    rankings: list[Ranking] = []
    parent: Parent | None = Field(
        None, description="when a unit of an organization signs (a centre, an institute, a branch): its parent"
    )

    @model_validator(mode="after")
    def _kazakhstani_bin(self) -> Party:
        # a unit without a BIN of its own signs with its parent's
        if self.country == "KZ" and self.bin is None and (self.parent is None or self.parent.bin is None):
            raise Invalid("data.model.bin_needed", field="bin")
        return self


class Participant(Base):
    """Another participant: an enterprise, investor or organization (may sign, may hold a share)."""

    id: Id | None = Field(None, description="how other sections refer to it (governance seats); not printed")
    role: Literal["enterprise", "investor", "organization", "university", "state_body"] = Field(
        description="university: a further university of a consortium; state_body: a ministry or an akimat"
    )
    name: Text
    short_name: Text
    alias: Text
    country: Country
    region: Region | None = Field(
        None,
        description="Kazakhstani participants: the oblast or city of republican significance it is in "
        "(HE-REGIONAL counts the Kazakhstani university's region only); a foreign one is placed by its country",
    )
    bin: Bin | None = None
    inn: str | None = Field(None, description="Russian organizations: ИНН (taxpayer number)")
    kpp: str | None = Field(None, description="Russian organizations: КПП (registration reason code)")
    ogrn: str | None = Field(None, description="Russian organizations: ОГРН (state registration number)")
    address: Text
    bank: BankDetails | None = None
    signatory: Signatory | None = Field(None, description="given when the participant signs the agreement")
    parent: Parent | None = Field(None, description="when a unit of an organization takes part: its parent")
    contribution: Text | None = Field(None, description="what the participant brings (practice bases, financing)")


class Parties(Base):
    """The Kazakhstani organization, its foreign partner (a consortium's lead) and others."""

    kazakhstani: Party
    foreign: Party
    others: list[Participant] = []
