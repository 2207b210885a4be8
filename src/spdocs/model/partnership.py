"""One partnership: every section, and the sections its model requires (from `spdocs.regimes`)."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from spdocs.messages import Invalid
from spdocs.model.agreement import Agreement, Amendment
from spdocs.model.base import Base, LangCode, ModelCode, PartnershipId, RegimeCode, Text
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
from spdocs.model.medical import PlanApproval, PlanItem, Selection
from spdocs.model.parties import Parties
from spdocs.model.sections import Branch, CertificationCenter, Consortium, Franchise, JointVenture
from spdocs.model.working_group import WorkingGroup
from spdocs.regimes import PROFILES, REGIMES


class Partnership(Base):
    """One strategic partnership: everything its documents are rendered from."""

    id: PartnershipId = Field(description="used in output paths: out/<id>/agreement.kk.docx")
    regime: RegimeCode
    model: ModelCode | None = Field(None, description="higher education: one of the six MoSHE models")
    parties: Parties
    agreement: Agreement
    documents: dict[str, list[LangCode]] = Field(
        {},
        description="the languages each kind of document is issued in, e.g. {order: [kk, ru]}; "
        "a kind not named keeps its default (agreement: kk, ru, en; order and report: kk, ru)",
    )
    amendments: list[Amendment] = Field([], description="supplementary agreements, oldest first")
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
    plan_approval: PlanApproval | None = None
    working_group: WorkingGroup | None = None
    indicators: list[Indicator] = []
    periods: list[Period] = []

    @field_validator("documents")
    @classmethod
    def _documents(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        from spdocs.kinds import KINDS

        for kind, langs in value.items():
            if kind not in KINDS:
                raise Invalid("data.model.documents_kind", field=kind, kind=kind, kinds=tuple(KINDS))
            if not langs:
                raise Invalid("data.model.documents_none", field=kind)
            if len(set(langs)) != len(langs):
                raise Invalid("data.model.documents_twice", field=kind)
        return value

    @model_validator(mode="after")
    def _model_sections(self) -> Partnership:
        models = REGIMES[self.regime].models
        if models and self.model is None:
            raise Invalid("data.model.model_needed", field="model", regime=self.regime, models=models)
        if not models and self.model is not None:
            raise Invalid("data.model.model_none", field="model", regime=self.regime)
        if self.model is not None and self.model not in models:
            raise Invalid("data.model.model_wrong", field="model", model=self.model, regime=self.regime, models=models)
        spec = PROFILES[self.model or self.regime]
        for section in spec.requires:
            if not getattr(self, section):
                key = "section_items" if isinstance(getattr(self, section), list) else "section_needed"
                raise Invalid(f"data.model.{key}", field=section, model=spec.code, section=section)
        return self
