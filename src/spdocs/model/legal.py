"""The agreement's legal frame as data: the acts it rests on, how disputes are decided, who undertakes what."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from spdocs.messages import Invalid
from spdocs.model.base import Base, Id, LangCode, Text


class Act(Base):
    """An act the agreement rests on, as its preamble names it (in the nominative case)."""

    kind: Literal["treaty", "ratification_law", "law", "code", "decree", "resolution", "order", "programme", "project"]
    title: Text = Field(
        description="full citation as printed: «Закон Республики Казахстан от … № … «…»», in the nominative"
    )
    date: dt.date | None = Field(None, description="date of adoption (signing, for a treaty)")
    in_force: dt.date | None = Field(None, description="date it entered into force, if known")


class Arbitration(Base):
    """The arbitration agreement: institution, its rules, seat, language, number of arbitrators."""

    institution: Text | None = Field(
        None, description="the arbitral institution that administers the case (required for `disputes: arbitration`)"
    )
    rules: Text = Field(description="the institution's rules that apply, e.g. its Arbitration Rules")
    seat: Text = Field(description="the legal place of arbitration (a city and country)")
    language: LangCode | Literal["de", "pl", "fr", "zh"] = Field(description="language of the proceedings (ISO 639)")
    arbitrators: Literal[1, 3] = Field(description="number of arbitrators")


class Commitment(Base):
    """What one party undertakes: a type from the list, with details, or free text (type ``other``)."""

    party: Id = Field(description="`kazakhstani`, `foreign`, or the `id` of a signing party in `parties.others`")
    type: Literal[
        "academic_staff",
        "methodologies",
        "staff_training",
        "research",
        "dual_degree_programs",
        "equipment",
        "standards_textbooks",
        "funding",
        "premises",
        "clinical_bases",
        "internships",
        "admission",
        "reporting",
        "other",
    ]
    text: Text | None = Field(
        None,
        description="details (printed in brackets), or for `other` the commitment itself, worded as an item "
        "after «обязуется:» / «міндетті:» / “shall:”",
    )

    @model_validator(mode="after")
    def _other_has_text(self) -> Commitment:
        if self.type == "other" and self.text is None:
            raise Invalid("data.model.commitment_text", field="text")
        return self
