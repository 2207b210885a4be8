"""Rules of the MoH Rules (№ ҚР ДСМ-263/2020) for strategic partnership in medical education and science."""

from __future__ import annotations

from collections.abc import Iterator

from spdocs.checks.base import Hit, Severity, Term, term_loc
from spdocs.model import Partnership

# p. 2: foreign higher and (or) postgraduate educational institutions and (or) medical organizations.
FOREIGN_KINDS = ("university", "medical_university", "medical_organization")
# p. 2: scientific organizations and educational organizations in the field of healthcare.
KAZAKHSTANI_KINDS = ("medical_university", "research_organization")
# p. 3 says "medium-term or long-term" without a number; spdocs reads medium-term as 3 years.
MIN_YEARS = 3


def med_partner(p: Partnership) -> Iterator[Hit]:
    """The partners are of the kinds p. 2 names; a general university on the Kazakhstani side is a warning."""
    foreign, kz = p.parties.foreign.kind, p.parties.kazakhstani.kind
    if foreign not in FOREIGN_KINDS:
        yield Hit(("parties", "foreign", "kind"), "foreign", {"kind": Term("kind", (foreign,))}, foreign)
    if kz not in KAZAKHSTANI_KINDS:
        severity: Severity | None = "warning" if kz == "university" else None
        yield Hit(("parties", "kazakhstani", "kind"), "kazakhstani", {"kind": Term("kind", (kz,))}, kz, severity)


def med_term(p: Partnership) -> Iterator[Hit]:
    """The cooperation is medium- or long-term."""
    years = p.agreement.years
    if years < MIN_YEARS:
        yield Hit(term_loc(p), args={"years": years}, value=years)


def med_areas(p: Partnership) -> Iterator[Hit]:
    """At least one area is one of the three primary areas of p. 4 (``moh_area``)."""
    if not any(a.moh_area for a in p.agreement.areas):
        yield Hit(("agreement", "areas"))


def med_selection(p: Partnership) -> Iterator[Hit]:
    """The selection criteria of p. 6 are documented: rankings, achievements, qualified personnel."""
    s = p.selection
    if s is None:
        yield Hit(("selection",), "missing")
        return
    given = {
        "rankings": s.rankings is not None or bool(p.parties.foreign.rankings),
        "achievements": bool(s.achievements),
        "personnel": s.personnel is not None,
    }
    for key, ok in given.items():
        if not ok:
            yield Hit(("selection", key), args={"criterion": Term("criterion", (key,))})


def med_wg_order(p: Partnership) -> Iterator[Hit]:
    """A working group is created by order of the first head."""
    if p.working_group is None:
        yield Hit(("working_group",))


def med_indicators(p: Partnership) -> Iterator[Hit]:
    """Every priority area of the agreement has at least one indicator."""
    covered = {ind.area for ind in p.indicators}
    for i, area in enumerate(p.agreement.areas):
        if area.id not in covered:
            yield Hit(("agreement", "areas", i), args={"area": area.id}, value=area.id)


def med_plan(p: Partnership) -> Iterator[Hit]:
    """A plan of activities is given."""
    if not p.plan:
        yield Hit(("plan",))


def med_report(p: Partnership) -> Iterator[Hit]:
    """A period being reported summarizes and analyzes its results."""
    for i, x in enumerate(p.periods):
        if (x.actuals or x.activities) and x.summary is None:
            yield Hit(("periods", i, "summary"), args={"period": x.id}, value=x.id)
