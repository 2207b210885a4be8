"""The sections of particular MoSHE models: branch, consortium, certification centre, franchise, JV.

Which model uses which section is data in `spdocs.regimes` (``Profile.requires``, ``sections``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from spdocs.messages import Invalid
from spdocs.model.base import Base, Bin, Country, Id, Text


class Branch(Base):
    """A branch of the foreign organization: registration and licence (MoSHE ch. 3, areas 4, 7)."""

    name: Text
    city: Text
    status: Literal["planned", "registered", "operating"] = "planned"
    bin: Bin | None = None
    registered_on: dt.date | None = None
    license_number: str | None = None
    license_date: dt.date | None = None
    structure: Text | None = Field(None, description="how its structure follows the foreign organization's")


class ConsortiumMember(Base):
    """A foreign member of a consortium and its role."""

    name: Text
    country: Country
    role: Text
    lead: bool = False


class Consortium(Base):
    """The consortium of foreign organizations behind a consortium branch."""

    name: Text
    members: list[ConsortiumMember] = Field(min_length=1)


class Lab(Base):
    """A laboratory of a certification center and its equipment."""

    name: Text
    equipment: list[Text] = Field(min_length=1)


class CertificationCenter(Base):
    """A certification center: labs, equipment and what it certifies (MoSHE ch. 2, p. 5.4)."""

    name: Text
    status: Literal["trial", "operating"] = Field(
        "operating",
        description="trial: in trial operation (опытная эксплуатация / тәжірибелік пайдалану), no certificates "
        "issued yet; the agreement says certificates come with regular operation",
    )
    labs: list[Lab] = Field(min_length=1)
    certifications: list[Text] = Field(
        [], description="what it certifies; may be empty while in trial operation (the Parties determine it later)"
    )


class Franchise(Base):
    """A franchise: what the franchisor transfers, financed by the investor (MoSHE ch. 2, p. 5.5)."""

    brand: Text
    programs: bool = True
    teaching_methods: bool = True
    quality_standards: bool = True
    investor: Text = Field(description="the investor who finances it (a participant's short name)")
    royalty: Text | None = None


class Share(Base):
    """A shareholder's part of a joint venture's share capital, in percent."""

    party: Id | None = Field(None, description="the shareholder: `kazakhstani`, `foreign` or a party's `id`")
    holder: Text | None = Field(None, description="the shareholder's name as printed (default: the party's short name)")
    percent: Decimal = Field(gt=0, le=100)

    @model_validator(mode="after")
    def _holder(self) -> Share:
        if self.party is None and self.holder is None:
            raise Invalid("data.model.shareholder")
        return self


class JointVenture(Base):
    """A joint venture with AIFC participant status (MoSHE ch. 2, p. 5.6)."""

    name: Text
    shares: list[Share] = Field(min_length=2)
    aifc_participant: bool
    status: Literal["planned", "registered", "operating"] = Field(
        "planned", description="planned: to be created under the agreement; registered/operating: exists"
    )
    aifc_registration: str | None = None
    aifc_registered_on: dt.date | None = Field(None, description="date of registration by the AIFC Registrar")
    register_by: dt.date | None = Field(None, description="deadline the agreement sets for its registration")
    english_law: bool = True
