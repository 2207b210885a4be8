"""Regulation checks: each rule, on a variant of an example that breaks only that rule."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from spdocs.checks import RULES, Finding, check, input_findings
from spdocs.checks.base import moh, moshe
from spdocs.checks.messages import catalogue, citation, fill
from spdocs.checks.report import format_human, format_json
from spdocs.errors import InputError
from spdocs.loader import load_with_lines, loads, parse
from spdocs.model import Partnership

ROOT = Path(__file__).resolve().parents[1]
TARAZ = ROOT / "examples" / "taraz-mendeleev.yaml"

# A minimal medical partnership (MoH Rules) that passes every rule; names are fictional.
MEDICAL = """
id: test-medical
regime: medical
parties:
  kazakhstani:
    name: {kk: «Тест медицина университеті» КеАҚ, ru: НАО «Тестовый медицинский университет», en: Test Medical University NJSC}
    short_name: {kk: Тест медицина университеті, ru: Тестовый медицинский университет, en: Test Medical University}
    alias: {kk: Университет, ru: Университет, en: the University}
    country: KZ
    bin: "000140001234"
    kind: medical_university
    address: {kk: Алматы қ., ru: г. Алматы, en: Almaty}
    signatory:
      name: {kk: А.Б. Тестов, ru: А.Б. Тестов, en: A.B. Testov}
      position: {kk: ректор, ru: ректор, en: Rector}
      authority: {basis: charter}
  foreign:
    name: {kk: Дьюк университеті, ru: Университет Дьюка, en: Duke University}
    short_name: {kk: Дьюк университеті, ru: Университет Дьюка, en: Duke University}
    alias: {kk: Серіктес, ru: Партнер, en: the Partner}
    country: US
    kind: university
    address: {kk: "Дарем қ., АҚШ", ru: "г. Дарем, США", en: "Durham, USA"}
    signatory:
      name: {kk: Дж. Смит, ru: Дж. Смит, en: J. Smith}
      position: {kk: проректор, ru: проректор, en: Provost}
      authority: {basis: power_of_attorney, number: "12", date: 2025-01-10}
    rankings:
      - {system: QS, year: 2025, rank: 50}
agreement:
  number: 7-СП
  date: 2025-02-01
  place: {kk: Алматы қ., ru: г. Алматы, en: Almaty}
  start: 2025-02-01
  term_years: 5
  purpose: {kk: медициналық білім беру мен ғылымды дамыту, ru: развитие медицинского образования и науки, en: developing medical education and science}
  objectives:
    - {kk: денсаулық сақтау кадрларын даярлау, ru: подготовка кадров здравоохранения, en: training health personnel}
  areas:
    - id: personnel
      name: {kk: Кадрларды даярлау, ru: Подготовка кадров, en: Training of personnel}
      moh_area: personnel
    - id: science
      name: {kk: Ғылыми әлеуетті дамыту, ru: Развитие научного потенциала, en: Scientific potential}
      moh_area: science
  forms:
    - {kk: тағылымдамалар, ru: стажировки, en: internships}
selection:
  rankings: {kk: QS рейтингінде 50-орын, ru: 50-е место в рейтинге QS, en: 50th place in the QS ranking}
  achievements:
    - {kk: клиникалық зерттеулер орталығы, ru: центр клинических исследований, en: a clinical research centre}
  personnel: {kk: тәжірибелі профессорлар, ru: опытные профессора, en: experienced professors}
plan:
  - area: personnel
    activity: {kk: оқытушылар тағылымдамасы, ru: стажировка преподавателей, en: lecturer internships}
    due: 2025-12-01
working_group:
  order:
    number: 15-ө
    date: 2025-02-10
    place: {kk: Алматы қ., ru: г. Алматы, en: Almaty}
  first_head:
    name: {kk: А.Б. Тестов, ru: А.Б. Тестов, en: A.B. Testov}
    position: {kk: ректор, ru: ректор, en: Rector}
  responsible:
    name: {kk: В.Г. Сидорова, ru: В.Г. Сидорова, en: V.G. Sidorova}
    position: {kk: проректор, ru: проректор, en: Vice-Rector}
  members:
    - name: {kk: В.Г. Сидорова, ru: В.Г. Сидорова, en: V.G. Sidorova}
      position: {kk: проректор, ru: проректор, en: Vice-Rector}
      role: chair
    - name: {kk: Д.Е. Ахметов, ru: Д.Е. Ахметов, en: D.E. Akhmetov}
      position: {kk: маман, ru: специалист, en: Specialist}
      role: secretary
    - name: {kk: Дж. Смит, ru: Дж. Смит, en: J. Smith}
      position: {kk: Серіктестің үйлестірушісі, ru: координатор Партнера, en: Partner's coordinator}
      role: member
      side: foreign
indicators:
  - id: trained
    name: {kk: Даярланған мамандар, ru: Подготовленные специалисты, en: Specialists trained}
    unit: {kk: адам, ru: чел., en: persons}
    area: personnel
    targets: {"2025": 20}
  - id: papers
    name: {kk: Бірлескен мақалалар, ru: Совместные статьи, en: Joint papers}
    unit: {kk: бірлік, ru: ед., en: items}
    area: science
    targets: {"2025": 3}
periods:
  - id: "2025"
    start: 2025-01-01
    end: 2025-12-31
    due: 2026-03-01
    summary: {kk: Жоспар орындалды, ru: План выполнен, en: The plan was fulfilled}
    actuals: {trained: 22, papers: 3}
"""  # noqa: E501 (YAML data: long flow mappings on one line)

BASES: dict[str, Callable[[], Any]] = {
    "he": lambda: yaml.safe_load(TARAZ.read_text(encoding="utf-8")),
    "med": lambda: yaml.safe_load(MEDICAL),
}


def prepare(data: Any) -> tuple[str, Partnership, dict[Any, int]]:
    """Return the YAML text of ``data``, its partnership and its line map (lines refer to that text)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    plain, lines = parse(text, name="t.yaml")
    return text, Partnership.model_validate(plain), lines


def run(data: Any, lang: str = "en") -> list[Finding]:
    """Return the findings of ``data``."""
    _, partnership, lines = prepare(data)
    return check(partnership, lines=lines, path="t.yaml", lang=lang)


@functools.cache
def baseline(base: str, lang: str = "en") -> frozenset[tuple[str, str, str, str]]:
    return frozenset(_key(f) for f in run(BASES[base](), lang))


def _key(f: Finding) -> tuple[str, str, str, str]:
    return (f.rule, f.severity, f.field, f.message)


def line_of(text: str, *needles: str) -> int:
    """Return the line of the last needle, each searched (as a line start) after the one before."""
    lines, i, found = text.splitlines(), 0, 0
    for needle in needles:
        while not lines[i].lstrip().startswith(needle):
            i += 1
        found, i = i, i + 1
    return found + 1


def _walk(data: Any, path: str) -> tuple[Any, str | int]:
    """Return the container of the dotted ``path`` ("programs.0.code") and the last key in it."""
    keys: list[Any] = path.split(".")
    for key in keys[:-1]:
        data = data[int(key) if isinstance(data, list) else key]
    return data, int(keys[-1]) if isinstance(data, list) else keys[-1]


def setin(data: Any, path: str, value: Any) -> None:
    parent, key = _walk(data, path)
    parent[key] = value


def delin(data: Any, path: str) -> None:
    parent, key = _walk(data, path)
    del parent[key]


def _franchise(d: Any, **changes: Any) -> None:
    d["model"] = "franchise"
    del d["branch"]
    investor = copy.deepcopy(d["parties"]["others"][0])
    investor.update(role="investor", short_name={"kk": "«Инвест» АҚ", "ru": "АО «Инвест»", "en": "Invest JSC"})
    d["parties"]["others"].append(investor)
    d["franchise"] = {
        "brand": {"kk": "РХТУ", "ru": "РХТУ", "en": "MUCTR"},
        "investor": investor["short_name"],
        **changes,
    }


def _jv(d: Any, **changes: Any) -> None:
    d["model"] = "joint_venture"
    del d["branch"]
    kz, foreign = (d["parties"][s]["short_name"] for s in ("kazakhstani", "foreign"))
    shares = [{"holder": kz, "percent": 51}, {"holder": foreign, "percent": 49}]
    d["joint_venture"] = {"name": kz, "shares": shares, "aifc_participant": True, **changes}


def _cert_center(d: Any, **changes: Any) -> None:
    d["model"] = "certification_center"
    del d["branch"]
    lab = {"name": d["agreement"]["place"], "equipment": [d["agreement"]["place"]]}
    d["certification_center"] = {"name": d["agreement"]["place"], "labs": [lab], **changes}


def _consortium(d: Any, members: int) -> None:
    d["model"] = "consortium_branch"
    member = {"name": d["parties"]["foreign"]["name"], "country": "RU", "role": d["agreement"]["place"], "lead": True}
    d["consortium"] = {"name": d["branch"]["name"], "members": [dict(member, lead=i == 0) for i in range(members)]}


def _single_area(d: Any) -> None:
    d["agreement"]["areas"] = d["agreement"]["areas"][:1]
    for ind in d["indicators"]:
        ind["area"] = "education"
    for period in d["periods"]:
        for activity in period["activities"]:
            activity["area"] = "education"
    for item in d.get("plan", []):
        item["area"] = "education"


def _no_indicators(d: Any) -> None:
    d["indicators"] = []
    for item in d.get("plan", []):
        item["indicators"] = []
    for period in d["periods"]:
        period["actuals"] = {}


def _drop_indicator(d: Any) -> None:
    d["indicators"] = d["indicators"][:1]
    del d["periods"][0]["actuals"]["papers"]


def _branch(d: Any, drop: str, **changes: Any) -> None:
    del d["branch"][drop]
    d["branch"].update(changes)


def _add_to(path: str, item: Any) -> Callable[[Any], None]:
    """Return a change that appends ``item`` to the list at ``path``."""

    def change(d: Any) -> None:
        parent, key = _walk(d, path)
        parent[key].append(item)

    return change


Needles = tuple[str, ...] | int


def _control_to_chair(d: Any) -> None:
    chair = d["working_group"]["members"][0]
    setin(d, "working_group.control", {"name": chair["name"], "position": chair["position"]})


# fmt: off
CASES: list[tuple[str, str, Callable[[Any], Any], str, str, str, Needles]] = [
    # id, base, change, rule, severity, field, needles for the expected line (or the line)
    ("he-term", "he", lambda d: setin(d, "agreement.term_years", 3),
     "HE-TERM", "error", "agreement.term_years", ("agreement:", "term_years:")),
    ("he-ministry", "he", lambda d: delin(d, "agreement.ministry"),
     "HE-MINISTRY", "warning", "agreement.ministry", ("agreement:",)),
    ("he-ministry-late", "he", lambda d: setin(d, "agreement.ministry.date", d["agreement"]["date"].replace(month=5)),
     "HE-MINISTRY", "warning", "agreement.ministry.date", ("agreement:", "ministry:", "date:")),
    ("he-foreign-staff", "he", lambda d: d["staffing"].update(foreign_percent=0, foreign_staff_count=0),
     "HE-FOREIGN-OBLIG", "warning", "staffing.foreign_percent", ("staffing:", "foreign_percent:")),
    ("he-foreign-dual", "he", lambda d: [p.update(dual_degree=False) for p in d["programs"]],
     "HE-FOREIGN-OBLIG", "warning", "programs", ("programs:",)),
    ("he-ranking", "he", lambda d: d["parties"]["foreign"]["rankings"][0].update(rank=601, rank_to=700),
     "HE-RANKING", "warning", "parties.foreign.rankings[0].rank", ("foreign:", "rankings:", "rank:")),
    ("he-ranking-none", "he", lambda d: setin(d, "parties.foreign.rankings", []),
     "HE-RANKING", "warning", "parties.foreign.rankings", ("foreign:", "rankings:")),
    ("he-areas", "he", _single_area, "HE-AREAS", "info", "agreement.areas", ("agreement:", "areas:")),
    ("he-indicators", "he", _no_indicators, "HE-INDICATORS", "error", "indicators", ("working_group:", "indicators:")),
    ("he-lang", "he", lambda d: setin(d, "programs.0.languages", ["ru", "other"]),
     "HE-LANG", "info", "programs[0].languages", ("programs:", "languages:")),
    ("he-kz-disciplines", "he", lambda d: setin(d, "programs.1.history_of_kazakhstan", False),
     "HE-KZ-DISCIPLINES", "error", "programs[1].history_of_kazakhstan", ("- code: 7M07102", "history_of_kazakhstan:")),
    ("he-accreditation", "he", lambda d: delin(d, "programs.0.accreditation"),
     "HE-ACCREDITATION", "warning", "programs[0].accreditation", ("programs:", "- code: 6B07101")),
    ("he-committees", "he", lambda d: d["committees"].pop(1),
     "HE-COMMITTEES", "warning", "committees", ("committees:",)),
    ("he-committees-one-sided", "he", lambda d: setin(d, "committees.2.members_foreign", 0),
     "HE-COMMITTEES", "warning", "committees[2]", ("committees:", "- type: educational_innovation")),
    ("he-qa", "he", lambda d: delin(d, "quality_assurance"), "HE-QA", "warning", "quality_assurance", 1),
    ("he-regional", "he", lambda d: setin(d, "parties.others", []),
     "HE-REGIONAL", "info", "parties.others", ("parties:", "others:")),
    ("he-research-groups", "he", lambda d: setin(d, "research_groups", []),
     "HE-RESEARCH-GROUPS", "info", "research_groups", ("research_groups:",)),
    ("he-third-mission", "he", lambda d: setin(d, "third_mission", []),
     "HE-THIRD-MISSION", "info", "third_mission", ("third_mission:",)),
    ("he-branch-reg", "he", lambda d: delin(d, "branch.bin"), "HE-BRANCH-REG", "error", "branch.bin", ("branch:",)),
    ("he-branch-reg-planned", "he", lambda d: _branch(d, "bin", status="planned"),
     "HE-BRANCH-REG", "warning", "branch.bin", ("branch:",)),
    ("he-branch-structure", "he", lambda d: delin(d, "branch.structure"),
     "HE-BRANCH-STRUCTURE", "info", "branch.structure", ("branch:",)),
    ("he-staff-ratio", "he", lambda d: d["staffing"].update(kazakhstani_percent=60, foreign_percent=40),
     "HE-STAFF-RATIO", "warning", "staffing.foreign_percent", ("staffing:", "foreign_percent:")),
    ("he-staff-total", "he", lambda d: d["staffing"].update(kazakhstani_percent=80),
     "HE-STAFF-RATIO", "error", "staffing", ("staffing:",)),
    ("he-parity", "he", lambda d: setin(d, "governance.members_foreign", 2),
     "HE-PARITY", "warning", "governance.members_foreign", ("governance:", "members_foreign:")),
    ("he-prof-dev", "he", lambda d: setin(d, "professional_development", []),
     "HE-PROF-DEV", "info", "professional_development", ("professional_development:",)),
    ("he-funding", "he", _add_to("funding.sources", {"type": "state_budget"}),
     "HE-FUNDING", "error", "funding.sources[4].type", ("funding:", "- type: state_budget")),
    ("he-funding-loan", "he", _add_to("funding.sources", {"type": "loan"}),
     "HE-FUNDING", "warning", "funding.sources[4].type", ("funding:", "- type: loan")),
    ("he-license", "he", lambda d: delin(d, "branch.license_number"),
     "HE-LICENSE", "warning", "branch.license_number", ("branch:",)),
    ("he-license-operating", "he", lambda d: _branch(d, "license_number", status="operating"),
     "HE-LICENSE", "error", "branch.license_number", ("branch:",)),
    ("he-consortium", "he", lambda d: _consortium(d, 1),
     "HE-CONSORTIUM", "error", "consortium.members", ("consortium:", "members:")),
    ("he-franchise", "he", lambda d: _franchise(d, teaching_methods=False),
     "HE-FRANCHISE", "warning", "franchise.teaching_methods", ("franchise:", "teaching_methods:")),
    ("he-jv", "he", lambda d: _jv(d, aifc_participant=False),
     "HE-JV", "error", "joint_venture.aifc_participant", ("joint_venture:", "aifc_participant:")),
    ("he-cert-center", "he", lambda d: _cert_center(d, certifications=[]),
     "HE-CERT-CENTER", "warning", "certification_center.certifications", ("certification_center:", "certifications:")),
    ("med-partner", "med", lambda d: setin(d, "parties.foreign.kind", "research_organization"),
     "MED-PARTNER", "error", "parties.foreign.kind", ("foreign:", "kind:")),
    ("med-term", "med", lambda d: setin(d, "agreement.term_years", 2),
     "MED-TERM", "warning", "agreement.term_years", ("agreement:", "term_years:")),
    ("med-areas", "med", lambda d: [a.pop("moh_area") for a in d["agreement"]["areas"]],
     "MED-AREAS", "error", "agreement.areas", ("agreement:", "areas:")),
    ("med-selection", "med", lambda d: delin(d, "selection"), "MED-SELECTION", "warning", "selection", 1),
    ("med-selection-personnel", "med", lambda d: delin(d, "selection.personnel"),
     "MED-SELECTION", "warning", "selection.personnel", ("selection:",)),
    ("med-wg-order", "med", lambda d: delin(d, "working_group"), "MED-WG-ORDER", "error", "working_group", 1),
    ("med-indicators", "med", _drop_indicator,
     "MED-INDICATORS", "error", "agreement.areas[1]", ("areas:", "- id: science")),
    ("med-plan", "med", lambda d: setin(d, "plan", []), "MED-PLAN", "warning", "plan", ("plan:",)),
    ("med-report", "med", lambda d: delin(d, "periods.0.summary"),
     "MED-REPORT", "error", "periods[0].summary", ("periods:", "- id:")),
    ("gen-country", "he", lambda d: d["parties"]["foreign"].update(country="KZ", bin="123456789012"),
     "GEN-COUNTRY", "error", "parties.foreign.country", ("foreign:", "country:")),
    ("gen-sections", "he",
     lambda d: setin(d, "franchise", {"brand": d["branch"]["name"], "investor": d["branch"]["name"]}),
     "GEN-SECTIONS", "warning", "franchise", ("franchise:",)),
    ("gen-sections-medical", "med",
     lambda d: setin(d, "branch", {"name": d["agreement"]["place"], "city": d["agreement"]["place"]}),
     "GEN-SECTIONS", "warning", "branch", ("branch:",)),
    ("gen-ids", "he",
     _add_to("agreement.areas", {"id": "education", "name": {"kk": "Оқу", "ru": "Учеба", "en": "Study"}}),
     "GEN-IDS", "error", "agreement.areas[3].id", ("areas:", "- id: mobility", "- id: education")),
    ("gen-ref-area", "he", lambda d: setin(d, "indicators.0.area", "sport"),
     "GEN-REF-AREA", "error", "indicators[0].area", ("indicators:", "area: sport")),
    ("gen-dates", "he", lambda d: setin(d, "agreement.start", d["agreement"]["date"].replace(day=1)),
     "GEN-DATES", "error", "agreement.start", ("agreement:", "start:")),
    ("gen-dates-due", "he", lambda d: setin(d, "periods.0.due", d["periods"][0]["end"].replace(day=1)),
     "GEN-DATES", "error", "periods[0].due", ("periods:", "due:")),
    ("gen-dates-order", "med", lambda d: setin(d, "working_group.order.date", d["periods"][0]["due"].replace(month=5)),
     "GEN-DATES", "error", "working_group.order.date", ("working_group:", "order:", "date:")),
    ("gen-periods", "he", lambda d: setin(d, "periods.1.start", d["periods"][0]["end"].replace(day=1)),
     "GEN-PERIODS", "error", "periods[1].start", ("periods:", "- id: 2026", "start:")),
    ("gen-targets", "he", lambda d: d["indicators"][0]["targets"].pop(2026),
     "GEN-TARGETS", "warning", "indicators[0].targets", ("indicators:", "targets:")),
    ("gen-targets-unknown", "he", lambda d: d["indicators"][0]["targets"].update({2027: 150}),
     "GEN-TARGETS", "warning", "indicators[0].targets.2027", ("indicators:", "targets:", "2027:")),
    ("gen-actuals-unknown", "he", lambda d: d["periods"][0]["actuals"].update(visitors=3),
     "GEN-ACTUALS-UNKNOWN", "error", "periods[0].actuals.visitors", ("periods:", "visitors:")),
    ("gen-actuals-missing", "he", lambda d: d["periods"][0]["actuals"].pop("projects"),
     "GEN-ACTUALS-MISSING", "warning", "periods[0].actuals", ("periods:", "actuals:")),
    ("gen-budget-source", "he", lambda d: setin(d, "funding.budget.0.source", "local_grants"),
     "GEN-BUDGET-SOURCE", "error", "funding.budget[0].source", ("budget:", "source:")),
    ("gen-plan-ref", "he", lambda d: setin(d, "plan.0.indicators", ["studnets"]),
     "GEN-PLAN-REF", "error", "plan[0].indicators[0]", ("plan:", "indicators:", "- studnets")),
    ("gen-plan-funding", "med", lambda d: setin(d, "plan.0.funding", "loan"),
     "GEN-PLAN-REF", "error", "plan[0].funding", ("plan:", "funding: loan")),
    ("gen-selection-self", "he",
     lambda d: setin(d, "selection.candidates.0.name", copy.deepcopy(d["parties"]["foreign"]["short_name"])),
     "GEN-SELECTION-SELF", "error", "selection.candidates[0].name", ("selection:", "candidates:", "- name:")),
    ("gen-signatory", "he", lambda d: setin(d, "parties.foreign.signatory.authority", {"basis": "power_of_attorney"}),
     "GEN-SIGNATORY", "warning", "parties.foreign.signatory.authority", ("foreign:", "signatory:", "authority:")),
    ("gen-wg-chair", "he", lambda d: setin(d, "working_group.members.0.role", "member"),
     "GEN-WG-CHAIR", "error", "working_group.members", ("working_group:", "members:")),
    ("gen-wg-chair-many", "med", lambda d: setin(d, "working_group.members.1.role", "chair"),
     "GEN-WG-CHAIR", "error", "working_group.members[1].role",
     ("working_group:", "members:", "- name:", "- name:", "role:")),
    ("gen-wg-responsible", "he", lambda d: delin(d, "working_group.responsible"),
     "GEN-WG-RESPONSIBLE", "error", "working_group.responsible", ("working_group:",)),
    ("gen-wg-responsible-med", "med", lambda d: delin(d, "working_group.responsible"),
     "GEN-WG-RESPONSIBLE", "error", "working_group.responsible", ("working_group:",)),
    ("gen-wg-control-chair", "he", _control_to_chair,
     "GEN-WG-CONTROL-CHAIR", "warning", "working_group.control.name", ("working_group:", "control:", "name:")),
    ("gen-wg-foreign", "med",  # the agreement says the foreign side sits in the group; the order lists none
     lambda d: (setin(d, "working_group.members.2.side", "kazakhstani"),
                setin(d, "agreement.foreign_in_working_group", True)),
     "GEN-WG-FOREIGN", "warning", "working_group.members", ("working_group:", "members:")),
    ("gen-spending-unknown", "he", lambda d: d["periods"][0].update(spending={"nowhere": 5}),
     "GEN-SPENDING-UNKNOWN", "error", "periods[0].spending.nowhere", ("periods:", "spending:", "nowhere:")),
    ("gen-spending-amount", "he",  # 3 decimals of tenge on a line the budget names by id
     lambda d: (setin(d, "funding.budget.0.id", "equipment-2025"),
                d["periods"][0].update(spending={"equipment-2025": 1500.555})),
     "GEN-SPENDING-AMOUNT", "error", "periods[0].spending.equipment-2025",
     ("periods:", "spending:", "equipment-2025:")),
    ("gen-acting", "he", lambda d: setin(d, "working_group.first_head.acting", True),
     "GEN-ACTING", "warning", "working_group.first_head.position", ("working_group:", "first_head:", "position:")),
    ("gen-arbitration", "med", lambda d: setin(d, "agreement.disputes", "arbitration"),
     "GEN-ARBITRATION", "error", "agreement.disputes", ("agreement:", "disputes:")),
    ("gen-arbitration-institution", "med", lambda d: d["agreement"].update(disputes="arbitration", arbitration={
        "rules": d["agreement"]["place"], "seat": d["agreement"]["place"], "language": "en", "arbitrators": 3}),
     "GEN-ARBITRATION", "error", "agreement.arbitration", ("agreement:", "arbitration:")),
    ("gen-act-in-force", "med", lambda d: setin(d, "agreement.date", dt.date(2020, 12, 21)),
     "GEN-ACT-IN-FORCE", "error", "agreement.date", ("agreement:", "date:")),
    ("gen-fact-date", "he", lambda d: setin(d, "branch.license_date", dt.date(2025, 9, 1)),
     "GEN-FACT-DATE", "warning", "branch.license_date", ("branch:", "license_date:")),
    ("gen-gov-seats", "he", lambda d: setin(d, "governance.members_others", {"nobody": 1}),
     "GEN-GOV-SEATS", "error", "governance.members_others.nobody", ("governance:", "members_others:", "nobody:")),
    ("gen-ref-party", "med", lambda d: setin(d, "commitments", [{"party": "partner", "type": "research"}]),
     "GEN-REF-PARTY", "error", "commitments[0].party", ("commitments:", "- party:")),
    ("gen-wg-foreign-unexpected", "med", lambda d: setin(d, "agreement.foreign_in_working_group", False),
     "GEN-WG-FOREIGN", "warning", "working_group.members[2].side",
     ("working_group:", "members:", "side:")),
    ("gen-acting-signatory", "he", lambda d: setin(d, "parties.foreign.signatory.acting", True),
     "GEN-ACTING", "warning", "parties.foreign.signatory.position", ("foreign:", "signatory:", "position:")),
    ("he-ranking-national", "he", lambda d: d["parties"]["foreign"]["rankings"][0].update(scope="national", rank=3),
     "HE-RANKING", "warning", "parties.foreign.rankings[0].scope", ("foreign:", "rankings:", "scope:")),
    ("gen-script", "he", lambda d: setin(d, "parties.kazakhstani.signatory.name.kk", "Ә.Б. Сейiтқали"),
     "GEN-SCRIPT", "error", "parties.kazakhstani.signatory.name.kk", ("kazakhstani:", "signatory:", "name:", "kk:")),
    ("gen-untranslated", "he", lambda d: setin(d, "third_mission.0.kk", d["third_mission"][0]["en"]),
     "GEN-UNTRANSLATED", "warning", "third_mission[0].kk", ("third_mission:", "- kk:")),
    ("gen-bidi", "he", lambda d: setin(d, "agreement.number", "01-\u202eСП/2025"),
     "GEN-BIDI", "warning", "agreement.number", ("agreement:", "number:")),
    # the agreement is issued in English by default: its texts are needed in English
    ("gen-translation", "he", lambda d: delin(d, "third_mission.0.en"),
     "GEN-TRANSLATION", "error", "third_mission[0].en", ("third_mission:", "- kk:")),
    ("gen-prevailing", "he",
     lambda d: (setin(d, "agreement.prevailing", "en"), d.update(documents={"agreement": ["kk", "ru"]})),
     "GEN-PREVAILING", "error", "agreement.prevailing", ("agreement:", "prevailing:")),
]
# fmt: on


@pytest.mark.parametrize(
    ("base", "change", "rule", "severity", "field", "needles"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule(base: str, change: Callable[[Any], Any], rule: str, severity: str, field: str, needles: Needles) -> None:
    data = BASES[base]()
    change(data)
    text, partnership, lines = prepare(data)
    new = {
        lang: [
            f for f in check(partnership, lines=lines, path="t.yaml", lang=lang) if _key(f) not in baseline(base, lang)
        ]
        for lang in ("en", "kk", "ru")
    }
    line = needles if isinstance(needles, int) else line_of(text, *needles)
    assert [(f.rule, f.severity, f.field, f.line, f.path) for f in new["en"]] == [
        (rule, severity, field, line, "t.yaml")
    ]
    for lang in ("kk", "ru"):  # the same finding, worded in Kazakh and Russian
        assert [(f.rule, f.field) for f in new[lang]] == [(rule, field)]
        message, cited = new[lang][0].message, new[lang][0].citation
        assert message and message != new["en"][0].message and "{" not in message
        assert cited != new["en"][0].citation or not cited


def test_every_rule_has_a_case() -> None:
    assert {r.id for r in RULES} == {c[3] for c in CASES}


@pytest.mark.parametrize("base", sorted(BASES))
def test_bases_have_no_errors(base: str) -> None:
    assert [f for f in run(BASES[base]()) if f.severity == "error"] == []


def test_medical_base_is_clean() -> None:
    assert run(BASES["med"]()) == []


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.y*ml")), ids=lambda p: p.name)
def test_examples_have_no_errors(path: Path) -> None:
    partnership, lines = load_with_lines(path)
    errors = [f for f in check(partnership, lines=lines, path=str(path)) if f.severity == "error"]
    assert errors == []


def test_taraz_findings() -> None:
    partnership, lines = load_with_lines(TARAZ)
    found = [(f.rule, f.severity, f.field, f.line) for f in check(partnership, lines=lines)]
    line = line_of(TARAZ.read_text(encoding="utf-8"), "periods:", "- id: 2026", "student-mobility:")
    # The branch was registered and licensed after signing: the agreement states both as obligations.
    text = TARAZ.read_text(encoding="utf-8")
    assert found == [
        ("GEN-FACT-DATE", "warning", "branch.registered_on", line_of(text, "branch:", "registered_on:")),
        ("GEN-FACT-DATE", "warning", "branch.license_date", line_of(text, "branch:", "license_date:")),
        ("GEN-ACTUALS-MISSING", "warning", "periods[1].actuals.student-mobility", line),
    ]


def _fields(template: str) -> set[tuple[str, str]]:
    return {(name, (spec or "")[:2]) for _, name, spec, _ in string.Formatter().parse(template) if name}


def test_messages_cover_every_rule_in_every_language() -> None:
    messages = catalogue()["messages"]
    assert set(messages) == {r.id for r in RULES}
    for rule, variants in messages.items():
        for variant, texts in variants.items():
            assert set(texts) == {"kk", "ru", "en"}, (rule, variant)
            names = {name for name, _ in _fields(texts["en"])}
            for lang, template in texts.items():
                assert {name for name, _ in _fields(template)} == names, (rule, variant, lang)
                args = {name: 2 if spec == "p:" else "x" for name, spec in _fields(template)}
                assert fill(template, args, lang=lang)
            assert '"' not in "".join(texts.values())  # «…» in kk/ru, “…” in en


def test_terms_are_complete() -> None:
    for vocab, codes in catalogue()["terms"].items():
        for code, texts in codes.items():
            assert set(texts) == {"kk", "ru", "en"} and all(texts.values()), (vocab, code)


@pytest.mark.parametrize(
    ("cite", "lang", "expected"),
    [
        (moshe("ch", 3, "area", 5), "en", "MoSHE rec. (draft, 2024), ch. 3, area 5"),
        (moshe("ch", 3, "area", 5), "ru", "Методические рекомендации МНВО (проект, 2024), гл. 3, направление 5"),
        (moshe("ch", 3, "area", 5), "kk", "ҒЖБМ әдістемелік ұсынымдары (жоба, 2024), 3-тарау, 5-бағыт"),
        (
            moshe("ch", 2, "p", 5, "item", 2),
            "ru",
            "Методические рекомендации МНВО (проект, 2024), гл. 2, п. 5, подп. 2)",
        ),
        (moh("p", 8), "en", "MoH Rules (№ ҚР ДСМ-263/2020), p. 8"),
        (moh("p", 8), "ru", "Правила МЗ (№ ҚР ДСМ-263/2020), п. 8"),
        (moh("p", 8), "kk", "ДСМ Қағидалары (№ ҚР ДСМ-263/2020), 8-тармақ"),
    ],
)
def test_citation(cite: Any, lang: str, expected: str) -> None:
    assert citation(cite, lang=lang) == expected


def test_check_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="'de'"):
        check(loads(MEDICAL), lang="de")


def test_input_findings() -> None:
    with pytest.raises(InputError) as caught:
        loads("id: x\nregime: medical\n", name="x.yaml")
    [first, *_] = input_findings(caught.value)
    assert (first.rule, first.severity, first.path, first.field) == ("SCHEMA", "error", "x.yaml", "agreement")


def test_lines_are_optional() -> None:
    data = BASES["med"]()
    data["plan"] = []
    [finding] = check(loads(yaml.safe_dump(data, allow_unicode=True)))
    assert (finding.rule, finding.line, finding.path) == ("MED-PLAN", None, "")


def _finding(severity: str, line: int | None, rule: str = "X-RULE") -> Finding:
    return Finding(rule, severity, "msg «x»", "MoH Rules (№ ҚР ДСМ-263/2020), p. 8", "a.b", line, "f.yaml", None)  # type: ignore[arg-type]


RESULTS = [
    ("a.yaml", [_finding("info", 3), _finding("error", 9), _finding("warning", 1)]),
    ("b.yaml", []),
    ("c.yaml", [_finding("warning", None)]),
]


def test_format_human() -> None:
    text = format_human(RESULTS, lang="en")
    assert text.splitlines() == [
        "a.yaml:9: error X-RULE a.b: msg «x» [MoH Rules (№ ҚР ДСМ-263/2020), p. 8]",
        "a.yaml:1: warning X-RULE a.b: msg «x» [MoH Rules (№ ҚР ДСМ-263/2020), p. 8]",
        "a.yaml:3: info X-RULE a.b: msg «x» [MoH Rules (№ ҚР ДСМ-263/2020), p. 8]",
        "c.yaml: warning X-RULE a.b: msg «x» [MoH Rules (№ ҚР ДСМ-263/2020), p. 8]",
        "1 error, 2 warnings, 1 info in 3 files",
    ]


@pytest.mark.parametrize(
    ("lang", "results", "expected"),
    [
        ("en", [("a", [_finding("error", 1)] * 2)], "2 errors, 0 warnings, 0 info in 1 file"),
        ("ru", RESULTS, "ошибок: 1, предупреждений: 2, замечаний: 1; файлов: 3"),
        ("kk", RESULTS, "қателер: 1, ескертулер: 2, ескертпелер: 1; файлдар: 3"),
    ],
)
def test_format_human_summary(lang: str, results: Any, expected: str) -> None:
    assert format_human(results, lang=lang).splitlines()[-1] == expected


def test_format_human_localizes_severity() -> None:
    assert format_human(RESULTS, lang="ru").startswith("a.yaml:9: ошибка X-RULE a.b: ")


def test_format_json() -> None:
    text = format_json(RESULTS)
    doc = json.loads(text)
    assert list(doc) == ["files", "summary", "version"] and doc["version"] == 1
    assert doc["summary"] == {"errors": 1, "info": 1, "warnings": 2}
    assert [f["path"] for f in doc["files"]] == ["a.yaml", "b.yaml", "c.yaml"]
    assert doc["files"][1]["findings"] == []
    first = doc["files"][0]["findings"][0]
    assert first == {
        "citation": "MoH Rules (№ ҚР ДСМ-263/2020), p. 8",
        "field": "a.b",
        "line": 9,
        "message": "msg «x»",
        "rule": "X-RULE",
        "severity": "error",
        "value": None,
    }
    assert [f["severity"] for f in doc["files"][0]["findings"]] == ["error", "warning", "info"]
    assert "«x»" in text and "№ ҚР" in text  # not \u-escaped


def test_format_json_of_real_findings_round_trips() -> None:
    partnership, lines = load_with_lines(TARAZ)
    findings = check(partnership, lines=lines, path=str(TARAZ), lang="kk")
    doc = json.loads(format_json([(str(TARAZ), findings)]))
    assert doc["files"][0]["findings"][0]["message"] == findings[0].message
