"""The data file's schema: one `Partnership` per file, as frozen pydantic models.

Everything a document needs is here, typed: text that appears in documents is `Text`
(kk/ru/en), dates are dates, money is `Money` (Decimal + ISO currency code). Unknown
fields are errors. Regulation rules (what the MoSHE recommendations and the MoH Rules
expect) are not checked here but in `spdocs.checks`; this module only rejects data that
no document could be rendered from.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from spdocs import limits

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)

Regime = Literal["higher_education", "medical"]
HEModel = Literal[
    "branch",
    "consortium_branch",
    "joint_programs",
    "certification_center",
    "franchise",
    "joint_venture",
]
HE_MODELS: tuple[HEModel, ...] = get_args(HEModel)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]
# Numbers and codes that YAML may read as numbers (2025, 45): the loader turns them into text.
Code = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    WithJsonSchema({"type": ["string", "integer"], "minLength": 1}),
]
PeriodId = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z_.-]*$"),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^[0-9A-Za-z][0-9A-Za-z_.-]*$"}),
]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]

# --- What documents can hold (spdocs.limits), checked at load time: check clean ⇒ render works.
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(limits.currency)]
PartnershipId = Annotated[Id, AfterValidator(limits.portable_id)]  # a folder name, on Windows too


class Base(BaseModel):
    """Frozen, strict about unknown fields; numbers given where text is expected become text.

    Every value is checked against what a document can hold (`spdocs.limits.check_value`):
    no control characters in text, dates and numbers in range.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    @field_validator("*")
    @classmethod
    def _fits_a_document(cls, value: Any) -> Any:
        return limits.check_value(value)


class Text(Base):
    """A text that appears in documents, in each language."""

    kk: str = Field(min_length=1, description="Kazakh (Cyrillic)")
    ru: str = Field(min_length=1, description="Russian")
    en: str = Field(min_length=1, description="English")

    @field_validator("kk", "ru", "en")
    @classmethod
    def _nfc(cls, value: str) -> str:
        # Word and LibreOffice render decomposed letters badly; keep one form (glossary §4).
        value = unicodedata.normalize("NFC", value)
        if not value.strip():
            raise ValueError("text is blank")
        return value

    def get(self, lang: Lang) -> str:
        """Return the text in ``lang``."""
        return str(getattr(self, lang))


class Money(Base):
    """An amount of money: Decimal plus an ISO 4217 currency code."""

    amount: Decimal = Field(ge=0)
    currency: Currency = "KZT"

    @model_validator(mode="after")
    def _writable(self) -> Money:
        try:
            limits.check_money(self.amount, self.currency)
        except ValueError as exc:
            raise ValueError(f"amount: {exc}") from None
        return self


class Person(Base):
    """A person named in a document: name and position per language."""

    name: Text
    position: Text


class Authority(Base):
    """What empowers a signatory: the charter, a power of attorney, regulations or an order."""

    basis: Literal["charter", "power_of_attorney", "regulations", "order"]
    number: str | None = None
    date: dt.date | None = None


class Signatory(Person):
    """The person who signs for a party."""

    authority: Authority


class BankDetails(Base):
    """Bank details as printed under the signatures."""

    bank: Text
    account: Code = Field(description="IIK/IBAN or account number")
    bic: Code = Field(description="BIK or SWIFT code")
    kbe: str | None = Field(None, description="Kazakhstani beneficiary code (Кбе), if any")


class Ranking(Base):
    """A place in an international ranking (QS, THE, ARWU or a subject ranking)."""

    system: Literal["QS", "THE", "ARWU", "other"]
    year: int = Field(ge=2000, le=2100)
    rank: int = Field(ge=1, description="the place, or the upper end of a band such as 401-500")
    rank_to: int | None = Field(None, description="the lower end of a band, e.g. 500 in 401-500")
    subject: Text | None = Field(None, description="for a subject ranking: the subject")


class Party(Base):
    """An organization that is a party to the partnership."""

    name: Text = Field(description="full official name as written in documents, with legal form")
    short_name: Text
    alias: Text = Field(description='how the agreement calls it: "Университет", "Партнер", ...')
    country: Country
    legal_form: Text | None = None
    bin: Annotated[str, StringConstraints(pattern=r"^\d{12}$")] | None = Field(
        None, description="business identification number (12 digits), for Kazakhstani organizations"
    )
    kind: Literal["university", "medical_university", "medical_organization", "research_organization", "other"] = (
        "university"
    )
    address: Text
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    bank: BankDetails | None = None
    signatory: Signatory
    rankings: list[Ranking] = []

    @model_validator(mode="after")
    def _kazakhstani_bin(self) -> Party:
        if self.country == "KZ" and self.bin is None:
            raise ValueError("bin: a Kazakhstani organization needs its BIN (12 digits)")
        return self


class Participant(Base):
    """Another participant: an enterprise, investor or organization (may sign, may hold a share)."""

    role: Literal["enterprise", "investor", "organization"]
    name: Text
    short_name: Text
    alias: Text
    country: Country
    bin: Annotated[str, StringConstraints(pattern=r"^\d{12}$")] | None = None
    address: Text
    bank: BankDetails | None = None
    signatory: Signatory | None = Field(None, description="given when the participant signs the agreement")
    contribution: Text | None = Field(None, description="what the participant brings (practice bases, financing)")


class Parties(Base):
    """The Kazakhstani organization, its foreign partner (a consortium's lead) and others."""

    kazakhstani: Party
    foreign: Party
    others: list[Participant] = []


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


class Agreement(Base):
    """The cooperation agreement itself."""

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
    governing_law: Literal["kz", "english"] = "kz"
    prevailing: Lang | None = Field(None, description="text that prevails if versions differ")
    copies: int = Field(2, ge=1, le=10, description="originals signed")

    @model_validator(mode="after")
    def _term(self) -> Agreement:
        if self.end is None and self.term_years is None:
            raise ValueError("give `end` or `term_years`")
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


class Branch(Base):
    """A branch of the foreign organization: registration and licence (MoSHE ch. 3, areas 4, 7)."""

    name: Text
    city: Text
    status: Literal["planned", "registered", "operating"] = "planned"
    bin: Annotated[str, StringConstraints(pattern=r"^\d{12}$")] | None = None
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


class Lab(Base):
    """A laboratory of a certification center and its equipment."""

    name: Text
    equipment: list[Text] = Field(min_length=1)


class CertificationCenter(Base):
    """A certification center: labs, equipment and what it certifies (MoSHE ch. 2, p. 5.4)."""

    name: Text
    labs: list[Lab] = Field(min_length=1)
    certifications: list[Text] = Field(min_length=1)


class Franchise(Base):
    """A franchise: what the franchisor transfers, financed by the investor (MoSHE ch. 2, p. 5.5)."""

    brand: Text
    programs: bool = True
    teaching_methods: bool = True
    quality_standards: bool = True
    investor: Text = Field(description="the investor who finances it (a participant's short name)")
    royalty: Text | None = None


class Share(Base):
    """A participant's share in a joint venture, in percent."""

    holder: Text
    percent: Decimal = Field(gt=0, le=100)


class JointVenture(Base):
    """A joint venture with AIFC participant status (MoSHE ch. 2, p. 5.6)."""

    name: Text
    shares: list[Share] = Field(min_length=2)
    aifc_participant: bool
    aifc_registration: str | None = None
    english_law: bool = True


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


class FundingSource(Base):
    """A source of financing (MoSHE ch. 3, area 6)."""

    type: Literal[
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
    note: Text | None = None


class BudgetItem(Base):
    """A budget line."""

    item: Text
    amount: Money
    year: int | None = None
    source: str | None = Field(None, description="the type of one of the funding sources")


class Funding(Base):
    """Sources of financing and budget."""

    sources: list[FundingSource] = Field(min_length=1)
    budget: list[BudgetItem] = []


class Selection(Base):
    """Why this partner was chosen (MoH Rules, p. 6)."""

    rankings: Text | None = None
    achievements: list[Text] = []
    personnel: Text | None = None


class PlanItem(Base):
    """An activity in the plan (MoH Rules, p. 10)."""

    area: Id
    activity: Text
    due: dt.date | None = None
    responsible: Text | None = None


class Member(Person):
    """A member of the working group."""

    role: Literal["chair", "deputy_chair", "secretary", "member"]


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


class Indicator(Base):
    """A target indicator with its plan for each reporting period."""

    id: Id
    name: Text
    unit: Text
    area: Id
    baseline: Decimal | None = None
    higher_is_better: bool = True
    targets: dict[str, Decimal] = Field(min_length=1, description="period id -> planned value")

    @field_validator("targets", mode="before")
    @classmethod
    def _period_keys(cls, value: object) -> object:
        # YAML reads `2025:` as an integer; period ids are text.
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value


class Actual(Base):
    """An actual value for one indicator in one period; ``value: null`` means no data."""

    value: Decimal | None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: object) -> object:
        return data if isinstance(data, dict) else {"value": data}


_TEXT_SCHEMA = {
    "type": "object",
    "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGS},
    "required": list(LANGS),
    "additionalProperties": False,
}
# An actual is written as a bare number (or null), or as {value, note}.
ActualValue = Annotated[
    Actual,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": ["number", "string", "null"]},
                {
                    "type": "object",
                    "properties": {"value": {"type": ["number", "string", "null"]}, "note": _TEXT_SCHEMA},
                    "required": ["value"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class Activity(Base):
    """Something done in a period, under a priority area."""

    area: Id
    text: Text


class Period(Base):
    """A reporting period with what was achieved in it."""

    id: PeriodId
    start: dt.date
    end: dt.date
    due: dt.date
    actuals: dict[str, ActualValue] = {}
    summary: Text | None = None
    activities: list[Activity] = []
    problems: list[Text] = []
    proposals: list[Text] = []
    preparer: Person | None = None
    phone: str | None = None
    signed_by: Literal["first_head", "responsible"] = "first_head"

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value


class Partnership(Base):
    """One strategic partnership: everything its documents are rendered from."""

    id: PartnershipId = Field(description="used in output paths: out/<id>/agreement.kk.docx")
    regime: Regime
    model: HEModel | None = Field(None, description="higher education: one of the six MoSHE models")
    parties: Parties
    agreement: Agreement
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
        if self.regime == "higher_education" and self.model is None:
            raise ValueError(f"model: higher education needs one of {', '.join(HE_MODELS)}")
        if self.regime == "medical" and self.model is not None:
            raise ValueError("model: the medical regime (MoH Rules) has no MoSHE model; remove `model`")
        needs = {
            "branch": "branch",
            "consortium_branch": "consortium",
            "certification_center": "certification_center",
            "franchise": "franchise",
            "joint_venture": "joint_venture",
        }
        section = needs.get(self.model or "")
        if section and getattr(self, section) is None:
            raise ValueError(f"{section}: the '{self.model}' model needs a `{section}` section")
        if self.model == "consortium_branch" and self.branch is None:
            raise ValueError("branch: the 'consortium_branch' model needs a `branch` section")
        if self.model == "joint_programs" and not self.programs:
            raise ValueError("programs: the 'joint_programs' model needs at least one program")
        return self
