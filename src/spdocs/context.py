"""Partnership × kind × language → the plain dict a template is rendered with.

Every value is already formatted for the language: texts are strings in that language,
dates are dicts of their legal forms (see `spdocs.formatting.date_forms`: ``long``,
``attr``, ``since``, ...), money is a dict of forms (``full``, ``digits``, ``words`` ...),
numbers are strings. Coded values (roles, models, funding types) stay codes; templates
label them through ``t``, the language's terms (``templates/<lang>/terms.yaml``).
Templates therefore hold all wording and need no logic beyond conditions and loops.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import jinja2
from pydantic import BaseModel

from spdocs import analysis, clauses, figures, formatting
from spdocs import periods as naming
from spdocs.environment import upfirst
from spdocs.errors import RenderError
from spdocs.kinds import KINDS
from spdocs.languages import LANGUAGES, Lang
from spdocs.model import Money, Partnership, Period, Person, Text
from spdocs.regimes import ANNEXES, profile_of
from spdocs.terms import ReportTerms, Terms


def base(p: Partnership, lang: Lang, *, terms: Terms, draft: bool = False) -> dict[str, Any]:
    """Return the context every document of ``p`` in ``lang`` shares, whatever its kind or period.

    It is built once per partnership and language and shared by its documents
    (`for_document` adds what one document needs), so it must not be changed in place.
    """
    data = convert(p, lang)
    agreement = data["agreement"]
    agreement["end"] = formatting.date_forms(p.agreement.end_date, lang=lang)
    agreement["years"] = p.agreement.years
    agreement["years_text"] = formatting.format_count_words(p.agreement.years, lang=lang)
    for area in agreement["areas"]:  # the sub-item of MoH Rules p. 4 a medical area falls under
        area["moh_item"] = MOH_ITEMS.get(area["moh_area"]) if area["moh_area"] else None
    for key in ("kazakhstani", "foreign"):
        data["parties"][key]["country_name"] = formatting.country_name(getattr(p.parties, key).country, lang=lang)
    for other, raw in zip(data["parties"]["others"], p.parties.others):
        other["country_name"] = formatting.country_name(raw.country, lang=lang)
    if p.consortium:
        for member, raw_member in zip(data["consortium"]["members"], p.consortium.members):
            member["country_name"] = formatting.country_name(raw_member.country, lang=lang)
    for program, raw_program in zip(data["programs"], p.programs):
        program["language_names"] = [formatting.language_name(code, lang=lang) for code in raw_program.languages]
    periods = [pr.id for pr in p.periods]
    extra = sorted({k for i in p.indicators for k in i.targets} - set(periods))
    target_periods = periods + extra
    ctx: dict[str, Any] = {
        "lang": lang,
        "draft": draft,
        "t": terms.as_context(),
        # the partnership's model (or regime) as the registry describes it: sections, annexes, flags
        "profile": dataclasses.asdict(profile_of(p)),
        "p": data,
        "signing_parties": _signing_parties(p, data),
        "annex": _annexes(p),
        # whether any programme awards two diplomas (a franchise's programmes do not)
        "dual_degree": any(program.dual_degree for program in p.programs),
        # the periods of the targets by name («II полугодие 2025 г.»), never by code
        "target_periods": [naming.code_label(code, p.periods, lang, terms) for code in target_periods],
        "period_labels": {pr.id: naming.label(pr, lang, terms) for pr in p.periods},
        "areas": _areas(p, data, target_periods, lang, terms),
    }
    # what the agreement may state as done at signing, and other clause switches (spdocs.clauses)
    ctx.update(clauses.context(p, lang, ctx["signing_parties"], terms=terms, target_periods=target_periods))
    if p.working_group is not None:
        ctx["wg_members"] = _wg_members(data["working_group"]["members"])
    return ctx


# MoH Rules, p. 4: the primary areas in the order of their sub-items 1), 2), 3).
MOH_ITEMS = {"personnel": 1, "science": 2, "medical_services": 3}


def for_document(
    shared: dict[str, Any], kind: str, p: Partnership, period: Period | None, lang: Lang
) -> dict[str, Any]:
    """Return one document's context: the shared one (`base`) with its kind and, if any, its period."""
    ctx = {**shared, "kind": kind, "issued": _issued(kind, p, shared["t"])}
    if period is not None:
        ctx["period"] = convert(period, lang)
    return ctx


def convert(value: Any, lang: Lang, path: str = "") -> Any:
    """Return ``value`` (a model or plain value) with texts, dates, money and numbers formatted for ``lang``.

    A text not given in ``lang`` becomes an undefined value that names its field: a template
    that shows it fails with that name (never a blank); one that does not show it is unaffected.
    """
    if isinstance(value, Text):
        found = value.find(lang)
        if found is None:
            return jinja2.StrictUndefined(hint=f"{path} has no {LANGUAGES[lang].name} text (`{path}.{lang}`)")
        return found
    if isinstance(value, Money):
        return formatting.money_forms(value.amount, value.currency, lang=lang)
    if isinstance(value, BaseModel):
        return {name: convert(getattr(value, name), lang, _join(path, name)) for name in type(value).model_fields}
    if isinstance(value, dt.date):
        return formatting.date_forms(value, lang=lang)
    if isinstance(value, Decimal):
        return formatting.format_number(value, lang=lang)
    if isinstance(value, (list, tuple)):
        return [convert(v, lang, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: convert(v, lang, _join(path, str(k))) for k, v in value.items()}
    return value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _issued(kind: str, p: Partnership, t: dict[str, Any]) -> dict[str, Any]:
    """Return the languages the document's kind is issued in, for its language clause: codes, count, names."""
    langs = KINDS[kind].languages(p) if kind in KINDS else ()
    names = [t["agreement"]["language_names"][code] for code in langs]
    if len(names) < 2:
        joined = "".join(names)
    else:
        joined = f"{', '.join(names[:-1])} {t['agreement']['conjunction']} {names[-1]}"
    return {"langs": list(langs), "count": len(langs), "names": joined}


def _signing_parties(p: Partnership, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the parties that sign, in the order of the preamble: KZ side, foreign side, others."""
    signing = [data["parties"]["kazakhstani"], data["parties"]["foreign"]]
    signing += [d for d, raw in zip(data["parties"]["others"], p.parties.others) if raw.signatory is not None]
    return signing


# The order's appendix lists the working group in this order of roles.
_ROLE_ORDER = ("chair", "deputy_chair", "secretary", "member")


def _wg_members(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the working group's members: chair, deputy chair, secretary, members (data order within a role)."""
    return sorted(members, key=lambda m: _ROLE_ORDER.index(m["role"]))


def _annexes(p: Partnership) -> dict[str, int | None]:
    """Return the number of each annex the agreement has, ``None`` for those it has not."""
    # Annex 1 holds the indicators; the model's own annexes follow when the data has their section.
    enabled = profile_of(p).annexes
    present = {"indicators": bool(p.indicators)}
    present |= {name: name in enabled and bool(getattr(p, name)) for name in ANNEXES}
    numbers: dict[str, int | None] = {}
    n = 0
    for name, has in present.items():
        n += has
        numbers[name] = n if has else None
    return numbers


def _areas(
    p: Partnership, data: dict[str, Any], target_periods: list[str], lang: Lang, terms: Terms
) -> list[dict[str, Any]]:
    """Return the priority areas, each with its indicators and their targets in period order
    (a baseline known as a lower bound in words: «более 400»)."""
    out = []
    for area in analysis.areas_of(p):
        area_data = convert(area, lang)
        indicators = []
        for ind, ind_data in zip(p.indicators, data["indicators"]):
            if ind.area != area.id:
                continue
            ind_data = dict(ind_data)
            if ind.baseline is not None and ind.baseline_more_than:
                ind_data["baseline"] = figures.more_than(ind.baseline, lang, terms.report.more_than)
            ind_data["plan"] = [
                formatting.format_number(ind.targets[k], lang=lang) if k in ind.targets else "—" for k in target_periods
            ]
            indicators.append(ind_data)
        out.append({**area_data, "indicators": indicators})
    return out


def report(p: Partnership, period: Period, result: analysis.Analysis, lang: Lang, terms: Terms) -> dict[str, Any]:
    """Return the report's analysis of ``period``, formatted: rows by area, counts, signer.

    Numbers are formatted for ``lang``; a missing value is "—", a missing actual is the
    language's "no data" (never 0); status codes come with their labels from ``t.report``.
    """
    labels = terms.report
    areas = []
    for n, block in enumerate(result.areas, 1):
        rows = [_report_row(f"{n}.{k}", r, lang, labels) for k, r in enumerate(block.rows, 1)]
        areas.append(
            {"number": n, "name": block.area.name.get(lang), "rows": rows, "counts": dataclasses.asdict(block.counts)}
        )
    names = {a.id: a.name.get(lang) for a in p.agreement.areas}
    activities = [
        {"name": names[area.id], "texts": [_item(a.text, lang) for a in period.activities if a.area == area.id]}
        for area in p.agreement.areas
        if any(a.area == area.id for a in period.activities)
    ]
    return {
        "period": formatting.period_forms(period.start, period.end, lang=lang),
        "period_label": naming.label(period, lang, terms),
        # whether the period has a name of its own (a year, half-year, quarter, or the data's label)
        "period_named": naming.label(period, lang, terms)
        != formatting.period_forms(period.start, period.end, lang=lang)["numeric"],
        # rows whose actual is a lower bound, and percentage rows with a deviation (in percentage points)
        "more_than": any(r.more_than for r in result.rows),
        "points": any(r.percentage and r.deviation is not None and r.status != "not_applicable" for r in result.rows),
        # lower-is-better rows with a completion (plan / actual: beating the plan is ≥ 100 %)
        "lower_better": any(not r.indicator.higher_is_better and r.completion is not None for r in result.rows),
        "financing": figures.financing_rows(p, period, lang, terms),
        "areas": areas,
        "counts": dataclasses.asdict(result.counts),
        "no_data": [r.indicator.name.get(lang) for r in result.rows if r.status == "no_data"],
        "activities": activities,
        "problems": [_item(t, lang) for t in period.problems],
        "proposals": [_item(t, lang) for t in period.proposals],
        "signer": _signer(p, period, lang),
    }


def _item(text: Text, lang: Lang) -> str:
    """Return a list item's text without its closing punctuation (the template adds «;» or «.»)."""
    return text.get(lang).rstrip().rstrip(".;,")


def _report_row(number: str, row: analysis.Row, lang: Lang, labels: ReportTerms) -> dict[str, Any]:
    """Return one row of the report's table: a lower bound in words, signed deviations with «−»,
    a percentage indicator's deviation in percentage points."""
    if row.actual is None:
        actual = labels.no_data
    elif row.more_than:
        actual = figures.more_than(row.actual, lang, labels.more_than)
    else:
        actual = figures.number(row.actual, lang)
    # a plan of 0 with nothing due to happen: no deviation to speak of
    deviation = "—" if row.status == "not_applicable" else figures.number(row.deviation, lang, sign=True)
    if row.percentage and row.deviation is not None and row.status != "not_applicable":
        deviation = f"{deviation}\xa0{labels.points}"
    return {
        "number": number,
        "name": row.indicator.name.get(lang),
        "unit": row.indicator.unit.get(lang),
        "plan": figures.number(row.plan, lang),
        "actual": actual,
        "more_than": row.more_than,
        "deviation": deviation,
        "deviation_percent": figures.percent(row.deviation_percent, lang, sign=True),
        "completion": figures.percent(row.completion, lang),
        "status": row.status,
        "status_label": labels.status[row.status],
        "note": row.note.get(lang) if row.note else "—",
    }


def signer_of(p: Partnership, period: Period, lang: Lang) -> dict[str, Any]:
    """Return who signs ``period``'s report (and its cover letter): name, position, role."""
    return _signer(p, period, lang)


def _signer(p: Partnership, period: Period, lang: Lang) -> dict[str, Any]:
    """Return who signs the report: the first head (or the acting one) or the responsible person.

    An acting head's position is written in the data as it is signed («исполняющий
    обязанности Ректора»): inflecting it is beyond a template, so nothing is added here.
    """
    wg = p.working_group
    person: Person
    if period.signed_by == "responsible":
        if wg is None or wg.responsible is None:
            raise RenderError(
                f"period {period.id}: signed_by is 'responsible' but working_group.responsible is not given",
                template="report",
                lang=lang,
            )
        person = wg.responsible
    elif wg is not None:
        person = wg.first_head
    else:
        # Without a working group the first head is the one who signs for the organization.
        person = p.parties.kazakhstani.signatory
    return {"name": person.name.get(lang), "position": upfirst(person.position.get(lang)), "role": period.signed_by}
