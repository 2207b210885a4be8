"""The data file's schema: one `Partnership` per file, as frozen pydantic models.

Everything a document needs is here, typed: text that appears in documents is `Text` (one
field per language of `spdocs.languages`), dates are dates, money is `Money` (Decimal + ISO
currency code). Unknown fields are errors. Which sections a model needs is data in
`spdocs.regimes`. Regulation rules (what the MoSHE recommendations and the MoH Rules expect)
are checked in `spdocs.checks`; the model only rejects data no document could be rendered from.

Modules follow the data file: ``base`` (texts, money, codes), ``parties``, ``agreement``,
``sections`` (model sections), ``higher_education``, ``medical``, ``working_group``,
``indicators`` and ``partnership``.
"""

from __future__ import annotations

from spdocs.languages import LANGS, Lang
from spdocs.model.agreement import Agreement, AgreementType, Amendment, Area, MinistryRef
from spdocs.model.base import (
    Base,
    Bin,
    Code,
    Country,
    Currency,
    Id,
    LangCode,
    ModelCode,
    Money,
    PartnershipId,
    PeriodId,
    Person,
    RegimeCode,
    Region,
    Text,
    TextBase,
)
from spdocs.model.higher_education import (
    BudgetItem,
    Committee,
    Funding,
    FundingSource,
    Governance,
    Program,
    QualityAssurance,
    ResearchGroup,
    Staffing,
)
from spdocs.model.indicators import (
    Activity,
    Actual,
    ActualValue,
    CoverLetter,
    Indicator,
    Outgoing,
    Period,
    Spending,
    SpendingValue,
)
from spdocs.model.legal import Act, Arbitration, Commitment
from spdocs.model.medical import Candidate, PlanApproval, PlanItem, Selection
from spdocs.model.parties import Authority, BankDetails, Parent, Participant, Parties, Party, Ranking, Signatory
from spdocs.model.partnership import Partnership
from spdocs.model.sections import (
    Branch,
    CertificationCenter,
    Consortium,
    ConsortiumMember,
    Franchise,
    JointVenture,
    Lab,
    Share,
)
from spdocs.model.working_group import Appointee, Endorser, Head, Member, Order, WorkingGroup

__all__ = [
    "LANGS",
    "Act",
    "Activity",
    "Actual",
    "ActualValue",
    "Agreement",
    "AgreementType",
    "Amendment",
    "Appointee",
    "Arbitration",
    "Area",
    "Authority",
    "BankDetails",
    "Base",
    "Bin",
    "Branch",
    "BudgetItem",
    "Candidate",
    "CertificationCenter",
    "Code",
    "Commitment",
    "Committee",
    "Consortium",
    "ConsortiumMember",
    "Country",
    "CoverLetter",
    "Currency",
    "Endorser",
    "Franchise",
    "Funding",
    "FundingSource",
    "Governance",
    "Head",
    "Id",
    "Indicator",
    "JointVenture",
    "Lab",
    "Lang",
    "LangCode",
    "Member",
    "MinistryRef",
    "ModelCode",
    "Money",
    "Order",
    "Outgoing",
    "Parent",
    "Participant",
    "Parties",
    "Partnership",
    "PartnershipId",
    "Party",
    "Period",
    "PeriodId",
    "Person",
    "PlanApproval",
    "PlanItem",
    "Program",
    "QualityAssurance",
    "Ranking",
    "RegimeCode",
    "Region",
    "ResearchGroup",
    "Selection",
    "Share",
    "Signatory",
    "Spending",
    "SpendingValue",
    "Staffing",
    "Text",
    "TextBase",
    "WorkingGroup",
]
