"""Partnership × kind × language → the plain dict a template is rendered with.

Every value is already formatted for the language: texts are strings in that language,
dates are dicts of their legal forms (see `spdocs.formatting.date_forms`: ``long``,
``attr``, ``since``, ...), money is a dict of forms (``full``, ``digits``, ``words`` ...),
numbers are strings. Coded values (roles, models, funding types) stay codes; templates
label them through ``t``, the language's terms (``templates/<lang>/terms.yaml``).
Templates therefore hold all wording and need no logic beyond conditions and loops.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from spdocs import formatting
from spdocs.kinds import KINDS
from spdocs.model import Money, Partnership, Period, Text


def build(
    p: Partnership,
    kind: str,
    lang: str,
    *,
    terms: dict[str, Any],
    period: Period | None = None,
    draft: bool = False,
) -> dict[str, Any]:
    """Return the template context for one document of ``kind`` in ``lang``."""
    data = convert(p, lang)
    agreement = data["agreement"]
    agreement["end"] = formatting.date_forms(p.agreement.end_date, lang=lang)
    agreement["years"] = p.agreement.years
    agreement["years_text"] = formatting.format_count_words(p.agreement.years, lang=lang)
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
        "kind": kind,
        "draft": draft,
        "t": terms,
        "p": data,
        "signing_parties": _signing_parties(p, data),
        "annex": _annexes(p),
        "target_periods": target_periods,
        "areas": _areas(p, data, target_periods, lang),
    }
    if KINDS[kind].per_period:
        if period is None:
            raise ValueError(f"the '{kind}' kind is made per reporting period; name the period")
        ctx["period"] = convert(period, lang)
    return ctx


def convert(value: Any, lang: str) -> Any:
    """Return ``value`` (a model or plain value) with texts, dates, money and numbers formatted for ``lang``."""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, Money):
        return formatting.money_forms(value.amount, value.currency, lang=lang)
    if isinstance(value, BaseModel):
        return {name: convert(getattr(value, name), lang) for name in type(value).model_fields}
    if isinstance(value, dt.date):
        return formatting.date_forms(value, lang=lang)
    if isinstance(value, Decimal):
        return formatting.format_number(value, lang=lang)
    if isinstance(value, (list, tuple)):
        return [convert(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: convert(v, lang) for k, v in value.items()}
    return value


def _signing_parties(p: Partnership, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the parties that sign, in the order of the preamble: KZ side, foreign side, others."""
    signing = [data["parties"]["kazakhstani"], data["parties"]["foreign"]]
    signing += [d for d, raw in zip(data["parties"]["others"], p.parties.others) if raw.signatory is not None]
    return signing


def _annexes(p: Partnership) -> dict[str, int | None]:
    """Return the number of each annex the agreement has, ``None`` for those it has not."""
    present = {
        "indicators": bool(p.indicators),
        "programs": bool(p.programs) and p.model in ("branch", "consortium_branch", "joint_programs"),
        "consortium": p.consortium is not None and p.model == "consortium_branch",
    }
    numbers: dict[str, int | None] = {}
    n = 0
    for name, has in present.items():
        n += has
        numbers[name] = n if has else None
    return numbers


def _areas(p: Partnership, data: dict[str, Any], target_periods: list[str], lang: str) -> list[dict[str, Any]]:
    """Return the priority areas, each with its indicators and their targets in period order."""
    out = []
    for area, area_data in zip(p.agreement.areas, data["agreement"]["areas"]):
        indicators = []
        for ind, ind_data in zip(p.indicators, data["indicators"]):
            if ind.area != area.id:
                continue
            ind_data = dict(ind_data)
            ind_data["plan"] = [
                formatting.format_number(ind.targets[k], lang=lang) if k in ind.targets else "—" for k in target_periods
            ]
            indicators.append(ind_data)
        out.append({**area_data, "indicators": indicators})
    return out

