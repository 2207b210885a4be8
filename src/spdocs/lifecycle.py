"""The context of the procedure's other documents: the activity plan, the partner's selection, the cover letter.

Each provider returns what its kind adds to the shared context (`spdocs.context.base`), as
plain values already formatted for the language; the templates hold all wording. Pure:
no files, no clock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spdocs import formatting
from spdocs.context import convert, signer_of
from spdocs.environment import upfirst
from spdocs.errors import OptionError
from spdocs.languages import Lang
from spdocs.model import Indicator, Partnership, Period, PlanItem, Ranking
from spdocs.terms import Terms

Provider = Callable[[Partnership, Period | None, Lang, Terms], dict[str, Any]]

TOP = 500  # MoSHE ch. 3, rec. 1: a partner among the first 500 of a world ranking, overall or by subject


def plan(p: Partnership, period: Period | None, lang: Lang, terms: Terms) -> dict[str, Any]:
    """Return the plan: the approval block and, per priority area, its numbered activities.

    For one period, only the activities due within it (and the targets of that period);
    for the whole term, every activity (and each indicator's last target).
    """
    items = [i for i in p.plan if period is None or (i.due is not None and period.start <= i.due <= period.end)]
    indicators = {i.id: i for i in p.indicators}
    # a target's period as the reader knows it: 01.01.2025–31.12.2025 (a period with no dates: its id)
    spans = {pr.id: formatting.period_forms(pr.start, pr.end, lang=lang)["numeric"] for pr in p.periods}
    areas: list[dict[str, Any]] = []
    for area in p.agreement.areas:
        mine = sorted(
            (i for i in items if i.area == area.id), key=lambda i: (i.due is None, i.due or p.agreement.start)
        )
        if not mine:
            continue
        n = len(areas) + 1
        rows = [_plan_row(f"{n}.{k}", item, indicators, period, spans, lang) for k, item in enumerate(mine, 1)]
        areas.append({"number": n, "name": area.name.get(lang), "rows": rows})
    approval = p.plan_approval
    head = p.working_group.first_head if p.working_group else p.parties.kazakhstani.signatory
    return {
        "plan": {
            "period": formatting.period_forms(period.start, period.end, lang=lang) if period else None,
            "years": f"{p.agreement.start.year}–{p.agreement.end_date.year}",
            "areas": areas,
            "head": {"name": head.name.get(lang), "position": upfirst(head.position.get(lang))},
            "date": formatting.date_forms(approval.date, lang=lang) if approval and approval.date else None,
        }
    }


def _plan_row(
    number: str,
    item: PlanItem,
    indicators: dict[str, Indicator],
    period: Period | None,
    spans: dict[str, str],
    lang: Lang,
) -> dict[str, Any]:
    served = []
    for ref in item.indicators:
        ind = indicators.get(ref)
        if ind is None:  # a dangling id is a check finding; the draft still shows it
            served.append({"name": ref, "unit": "", "target": "—", "period": ""})
            continue
        key = period.id if period is not None else (list(ind.targets)[-1] if ind.targets else "")
        value = ind.targets.get(key)
        served.append(
            {
                "name": ind.name.get(lang),
                "unit": ind.unit.get(lang),
                "target": "—" if value is None else formatting.format_number(value, lang=lang),
                "period": spans.get(key, key),
            }
        )
    return {
        "number": number,
        "activity": item.activity.get(lang).rstrip().rstrip(".;"),
        "due": formatting.date_forms(item.due, lang=lang) if item.due else None,
        "responsible": item.responsible.get(lang) if item.responsible else None,
        "result": item.result.get(lang).rstrip().rstrip(".;") if item.result else None,
        "indicators": served,
        "funding": item.funding,
    }


def selection(p: Partnership, period: Period | None, lang: Lang, terms: Terms) -> dict[str, Any]:
    """Return the selection: the chosen partner and every other candidate against the criteria."""
    sel = p.selection
    foreign = p.parties.foreign
    # a unit (a centre, an institute, a branch) signing for its organization: the parent's rankings
    # count, as HE-RANKING counts them, and the document says whose they are
    parent = foreign.parent
    chosen = _candidate(
        name=foreign.name.get(lang),
        country=foreign.country,
        rankings=parent.rankings if parent is not None else foreign.rankings,
        achievements=[a.get(lang) for a in sel.achievements] if sel else [],
        personnel=sel.personnel.get(lang) if sel and sel.personnel else None,
        reason=None,
        lang=lang,
    )
    chosen["chosen"] = True
    chosen["parent"] = parent.name.get(lang) if parent is not None else None
    others = [
        _candidate(
            name=c.name.get(lang),
            country=c.country,
            rankings=c.rankings,
            achievements=[a.get(lang) for a in c.achievements],
            personnel=c.personnel.get(lang) if c.personnel else None,
            reason=c.reason.get(lang) if c.reason else None,
            lang=lang,
        )
        for c in (sel.candidates if sel else [])
    ]
    first_head = p.working_group.first_head if p.working_group else p.parties.kazakhstani.signatory
    return {
        "selection": {
            "chosen": chosen,
            "candidates": [chosen, *others],
            "several": bool(others),
            "rankings_note": sel.rankings.get(lang).rstrip().rstrip(".;") if sel and sel.rankings else None,
            "date": formatting.date_forms(sel.decided, lang=lang) if sel and sel.decided else None,
            "conclusion": sel.conclusion.get(lang) if sel and sel.conclusion else None,
            "top": TOP,
            "signer": {"name": first_head.name.get(lang), "position": upfirst(first_head.position.get(lang))},
        }
    }


def _candidate(
    *,
    name: str,
    country: str,
    rankings: list[Ranking],
    achievements: list[str],
    personnel: str | None,
    reason: str | None,
    lang: Lang,
) -> dict[str, Any]:
    ranked = [_ranking(r, lang) for r in sorted(rankings, key=lambda r: (r.rank_to or r.rank, r.system))]
    return {
        "name": name,
        "country_name": formatting.country_name(country, lang=lang),
        "rankings": ranked,
        "top": any(r.within(TOP) and r.scope != "national" for r in rankings),
        "achievements": [a.rstrip().rstrip(".;") for a in achievements],
        "personnel": personnel.rstrip().rstrip(".;") if personnel else None,
        "reason": reason.rstrip().rstrip(".;") if reason else None,
        "chosen": False,
        "parent": None,  # the organization whose rankings these are, when not the candidate's own
    }


def _ranking(r: Ranking, lang: Lang) -> dict[str, Any]:
    return {
        "system": r.system,
        "year": str(r.year),
        "place": r.place,
        "subject": r.subject.get(lang) if r.subject else None,
        "source": r.source,
        "top": r.within(TOP) and r.scope != "national",
    }


def letter(p: Partnership, period: Period | None, lang: Lang, terms: Terms) -> dict[str, Any]:
    """Return the cover letter of ``period``'s report: number and date, attachments, signer, executor."""
    if period is None:
        raise OptionError("period_needed", kind="letter", periods=", ".join(pr.id for pr in p.periods))
    data = period.letter
    attachments = [{"kind": "report", "pages": _pages(data.pages.get("report") if data else None, lang)}]
    if data is not None and data.summary:
        attachments.append({"kind": "summary", "pages": _pages(data.pages.get("summary"), lang)})
    preparer = period.preparer
    return {
        "letter": {
            "number": data.number if data else None,
            "date": convert(data.date, lang) if data else None,
            "period": formatting.period_forms(period.start, period.end, lang=lang),
            "attachments": attachments,
            "signer": signer_of(p, period, lang),
            "executor": preparer.name.get(lang) if preparer else None,
            "phone": period.phone,
        }
    }


def _pages(count: int | None, lang: Lang) -> str | None:
    return None if count is None else formatting.format_number(count, lang=lang)


PROVIDERS: dict[str, Provider] = {"plan": plan, "selection": selection, "letter": letter}
