"""One partnership: every section, and the sections its model requires (from `spdocs.regimes`)."""

from __future__ import annotations

from pydantic import Field, model_validator

from spdocs.model.agreement import Agreement
from spdocs.model.base import Base, Id, ModelCode, RegimeCode, Text
from spdocs.model.higher_education import (
    Committee,
    Funding,
    Governance,
    Program,
    QualityAssurance,
    ResearchGroup,
    Staffing,
)
from spdocs.model.indicators import Indicator, Period
from spdocs.model.legal import Commitment
from spdocs.model.medical import PlanItem, Selection
from spdocs.model.parties import Parties
from spdocs.model.sections import Branch, CertificationCenter, Consortium, Franchise, JointVenture
from spdocs.model.working_group import WorkingGroup
from spdocs.regimes import PROFILES, REGIMES


class Partnership(Base):
    """One strategic partnership: everything its documents are rendered from."""

    id: Id = Field(description="used in output paths: out/<id>/agreement.kk.docx")
    regime: RegimeCode
    model: ModelCode | None = Field(None, description="higher education: one of the six MoSHE models")
    parties: Parties
    agreement: Agreement
    commitments: list[Commitment] = Field(
        [], description="what each party undertakes; given for a party, it replaces the agreement's standard list"
    )
    branch: Branch | None = None
    consortium: Consortium | None = None
    programs: list[Program] = []
    certification_center: CertificationCenter | None = None
    franchise: Franchise | None = None
    joint_venture: JointVenture | None = None
    staffing: Staffing | None = None
    committees: list[Committee] = []
    governance: Governance | None = None
    quality_assurance: QualityAssurance | None = None
    research_groups: list[ResearchGroup] = []
    third_mission: list[Text] = []
    professional_development: list[Text] = []
    funding: Funding | None = None
    selection: Selection | None = None
    plan: list[PlanItem] = []
    working_group: WorkingGroup | None = None
    indicators: list[Indicator] = []
    periods: list[Period] = []

    @model_validator(mode="after")
    def _model_sections(self) -> Partnership:
        models = REGIMES[self.regime].models
        if models and self.model is None:
            raise ValueError(f"model: {self.regime.replace('_', ' ')} needs one of {', '.join(models)}")
        if not models and self.model is not None:
            raise ValueError(f"model: the {self.regime} regime has no partnership model; remove `model`")
        if self.model is not None and self.model not in models:
            raise ValueError(f"model: '{self.model}' is not a model of the {self.regime} regime ({', '.join(models)})")
        spec = PROFILES[self.model or self.regime]
        for section in spec.requires:
            if not getattr(self, section):
                need = "at least one item in" if isinstance(getattr(self, section), list) else "a"
                raise ValueError(f"{section}: the '{spec.code}' model needs {need} `{section}` section")
        return self
