"""Rules of both regimes: parties, ids and references, dates, indicators, signatories, working group."""

from __future__ import annotations

from collections.abc import Iterator

from spdocs.checks.base import CiteSpec, Hit, Loc, Term, moh, moshe
from spdocs.languages import LANGUAGES
from spdocs.model import Partnership, Signatory, Text
from spdocs.regimes import MODEL_SECTIONS, profile_of

# Citations of rules that both texts support, each in its own numbering.
INDICATORS = {"higher_education": moshe("ch", 3, "rec", 3), "medical": moh("p", 9)}
REPORTS = {"higher_education": moshe("ch", 3, "rec", 3), "medical": moh("p", 11)}
_PERIODS = {"medical": moh("p", 11)}


def gen_country(p: Partnership) -> Iterator[Hit]:
    """The foreign partner is foreign and the Kazakhstani party is Kazakhstani."""
    if p.parties.foreign.country == "KZ":
        yield Hit(("parties", "foreign", "country"), "foreign", {"country": "KZ"}, "KZ")
    if p.parties.kazakhstani.country != "KZ":
        country = p.parties.kazakhstani.country
        yield Hit(("parties", "kazakhstani", "country"), "kazakhstani", {"country": country}, country)


def gen_ids(p: Partnership) -> Iterator[Hit]:
    """Area, indicator and period ids and program codes are unique: references must be unambiguous."""
    groups = (
        ("area", ("agreement", "areas"), [a.id for a in p.agreement.areas], "id"),
        ("indicator", ("indicators",), [i.id for i in p.indicators], "id"),
        ("period", ("periods",), [x.id for x in p.periods], "id"),
        ("program", ("programs",), [x.code for x in p.programs], "code"),
    )
    for kind, loc, ids, key in groups:
        seen: set[str] = set()
        for i, id_ in enumerate(ids):
            if id_ in seen:
                yield Hit((*loc, i, key), args={"what": Term("idkind", (kind,)), "id": id_}, value=id_)
            seen.add(id_)


def gen_ref_area(p: Partnership) -> Iterator[Hit]:
    """Indicators, plan items and activities refer to an area of the agreement."""
    known = [a.id for a in p.agreement.areas]
    refs: list[tuple[Loc, str, CiteSpec]] = [
        (("indicators", i, "area"), x.area, None) for i, x in enumerate(p.indicators)
    ]
    plan_cite = {"higher_education": moshe("ch", 3, "rec", 3), "medical": moh("p", 10)}
    refs += [(("plan", i, "area"), x.area, plan_cite) for i, x in enumerate(p.plan)]
    refs += [
        (("periods", i, "activities", j, "area"), a.area, REPORTS)
        for i, period in enumerate(p.periods)
        for j, a in enumerate(period.activities)
    ]
    for loc, area, cite in refs:
        if area not in known:
            yield Hit(loc, args={"area": area, "known": ", ".join(known)}, value=area, cite=cite)


def gen_dates(p: Partnership) -> Iterator[Hit]:
    """Dates agree: signing <= start < end; periods inside the term; order before the first report."""
    a = p.agreement
    if a.start < a.date:
        yield Hit(("agreement", "start"), "start", {"start": a.start, "date": a.date}, a.start)
    if a.end is not None and a.end <= a.start:
        yield Hit(("agreement", "end"), "end", {"end": a.end, "start": a.start}, a.end)
    term = {"term_start": a.start, "term_end": a.end_date}
    for i, x in enumerate(p.periods):
        if x.end < x.start:
            yield Hit(
                ("periods", i, "end"), "period", {"period": x.id, "start": x.start, "end": x.end}, x.end, cite=_PERIODS
            )
        elif x.end < a.start or x.start > a.end_date:
            args = {"period": x.id, "start": x.start, "end": x.end, **term}
            yield Hit(("periods", i, "start"), "outside", args, x.start, cite=_PERIODS)
        if x.due < x.end:
            yield Hit(("periods", i, "due"), "due", {"period": x.id, "due": x.due, "end": x.end}, x.due, cite=_PERIODS)
    if p.working_group and p.periods:
        first = min(p.periods, key=lambda x: x.due)
        order = p.working_group.order.date
        if order > first.due:
            args = {"order": order, "period": first.id, "due": first.due}
            yield Hit(("working_group", "order", "date"), "order", args, order, cite={"medical": moh("p", 8)})
    for i, item in enumerate(p.plan):
        if item.due is not None and not a.start <= item.due <= a.end_date:
            yield Hit(("plan", i, "due"), "plan", {"due": item.due, **term}, item.due, cite={"medical": moh("p", 10)})
    b = p.branch
    if b and b.license_date and b.registered_on and b.license_date < b.registered_on:
        args = {"license": b.license_date, "registered": b.registered_on}
        yield Hit(("branch", "license_date"), "license", args, b.license_date, cite=moshe("ch", 3, "area", 7))


def gen_periods(p: Partnership) -> Iterator[Hit]:
    """Reporting periods do not overlap: an overlap reports the same results twice."""
    ordered = sorted(enumerate(p.periods), key=lambda item: (item[1].start, item[0]))
    latest = None  # the period seen so far that ends last
    for i, x in ordered:
        if latest is not None and x.start <= latest.end:
            yield Hit(("periods", i, "start"), args={"period": x.id, "other": latest.id}, value=x.start)
        if latest is None or x.end > latest.end:
            latest = x


def gen_targets(p: Partnership) -> Iterator[Hit]:
    """Every indicator has a target for every period, and targets only for listed periods."""
    periods = [x.id for x in p.periods]
    if not periods:
        return
    for i, ind in enumerate(p.indicators):
        for period in periods:
            if period not in ind.targets:
                yield Hit(("indicators", i, "targets"), "missing", {"indicator": ind.id, "period": period})
        for period in ind.targets:
            if period not in periods:
                args = {"indicator": ind.id, "period": period, "known": ", ".join(periods)}
                yield Hit(("indicators", i, "targets", period), "unknown", args, period)


def gen_actuals_unknown(p: Partnership) -> Iterator[Hit]:
    """Actuals refer only to indicators the partnership defined."""
    known = {ind.id for ind in p.indicators}
    for i, x in enumerate(p.periods):
        for key in x.actuals:
            if key not in known:
                yield Hit(("periods", i, "actuals", key), args={"period": x.id, "indicator": key}, value=key)


def gen_actuals_missing(p: Partnership) -> Iterator[Hit]:
    """A period being reported has an actual for every indicator planned in it."""
    for i, x in enumerate(p.periods):
        if not x.actuals:
            continue  # not reported yet
        for ind in p.indicators:
            if x.id not in ind.targets:
                continue
            args = {"period": x.id, "indicator": ind.id}
            if ind.id not in x.actuals:
                yield Hit(("periods", i, "actuals"), "missing", args)
            elif x.actuals[ind.id].value is None:
                yield Hit(("periods", i, "actuals", ind.id), "null", args)


def gen_budget_source(p: Partnership) -> Iterator[Hit]:
    """Each budget line's source is one of the funding sources given."""
    if p.funding is None:
        return
    types = [s.type for s in p.funding.sources]
    for i, item in enumerate(p.funding.budget):
        if item.source is not None and item.source not in types:
            args = {"source": item.source, "known": ", ".join(types)}
            yield Hit(("funding", "budget", i, "source"), args=args, value=item.source)


def gen_signatory(p: Partnership) -> Iterator[Hit]:
    """A signatory acting under a power of attorney or an order names its number and date."""
    signatories: list[tuple[Loc, Signatory | None]] = [
        (("parties", "kazakhstani"), p.parties.kazakhstani.signatory),
        (("parties", "foreign"), p.parties.foreign.signatory),
        *((("parties", "others", i), o.signatory) for i, o in enumerate(p.parties.others)),
    ]
    for loc, s in signatories:
        if s is None:
            continue
        auth = s.authority
        if auth.basis in ("power_of_attorney", "order") and (auth.number is None or auth.date is None):
            yield Hit((*loc, "signatory", "authority"), args={"basis": Term("basis", (auth.basis,))}, value=auth.basis)


def gen_wg_chair(p: Partnership) -> Iterator[Hit]:
    """The working group has exactly one chair."""
    if p.working_group is None:
        return
    chairs = [i for i, m in enumerate(p.working_group.members) if m.role == "chair"]
    if not chairs:
        yield Hit(("working_group", "members"))
    elif len(chairs) > 1:
        yield Hit(("working_group", "members", chairs[1], "role"), "many", {"count": len(chairs)}, "chair")


def gen_wg_responsible(p: Partnership) -> Iterator[Hit]:
    """The order creating the working group appoints a responsible person."""
    if p.working_group is not None and p.working_group.responsible is None:
        yield Hit(("working_group", "responsible"))


def gen_acting(p: Partnership) -> Iterator[Hit]:
    """An acting head's or signatory's position says so in every language: templates add nothing to it."""
    people: list[tuple[Loc, str, bool, Text]] = []
    if p.working_group is not None:
        head = p.working_group.first_head
        people.append((("working_group", "first_head", "position"), "default", head.acting, head.position))
    signatories: list[tuple[Loc, Signatory]] = [
        (("kazakhstani",), p.parties.kazakhstani.signatory),
        (("foreign",), p.parties.foreign.signatory),
    ]
    signatories += [(("others", i), o.signatory) for i, o in enumerate(p.parties.others) if o.signatory is not None]
    for where, signatory in signatories:
        loc: Loc = ("parties", *where, "signatory", "position")
        people.append((loc, "signatory", signatory.acting, signatory.position))
    for at, variant, acting, position in people:
        if not acting:
            continue
        given = [(lang, text) for lang in LANGUAGES.values() if (text := position.find(lang.code))]
        lacking = [text for lang, text in given if not any(marker in text.lower() for marker in lang.acting)]
        if lacking:  # one finding for the position, quoting the first language that lacks it
            yield Hit(at, variant, {"position": lacking[0]}, lacking[0])


def gen_sections(p: Partnership) -> Iterator[Hit]:
    """No model section that this model (or the medical regime) does not use: it would be ignored."""
    used = profile_of(p).sections
    for section in sorted(MODEL_SECTIONS):
        if getattr(p, section) is not None and section not in used:
            if p.model:
                yield Hit((section,), args={"section": section, "model": Term("model", (p.model,))}, value=section)
            else:
                yield Hit((section,), "medical", {"section": section}, section)
