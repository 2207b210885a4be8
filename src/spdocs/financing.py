"""Plan against actual spending per budget line for one reporting period (pure).

The plan is the agreement's budget (``funding.budget``): a period takes the lines of the
years it covers, and a line without a year (planned for the whole term) only when the
period reports spending on it. The actual is the period's ``spending`` on the line, by the
line's ``id``, in the line's currency; ``None`` is "no data", never 0. ``deviation`` is
``actual − plan``; ``execution`` is ``actual / plan × 100``, rounded half up to one decimal.
Amounts in different currencies are never added up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from spdocs.model import BudgetItem, Partnership, Period, Text


@dataclass(frozen=True)
class Line:
    """One budget line in one period: planned and actual amounts and how they compare."""

    number: int  # the line's number in the agreement's budget table
    item: BudgetItem
    plan: Decimal
    actual: Decimal | None
    deviation: Decimal | None
    execution: Decimal | None
    note: Text | None


def items(p: Partnership, period: Period) -> list[tuple[int, BudgetItem]]:
    """Return the budget lines ``period`` may report spending on, numbered as in the agreement's budget:
    those of the years it covers, and those planned for the whole term (no year)."""
    if p.funding is None:
        return []
    years = range(period.start.year, period.end.year + 1)
    return [(n, item) for n, item in enumerate(p.funding.budget, 1) if item.year is None or item.year in years]


def lines(p: Partnership, period: Period) -> list[Line]:
    """Return the budget lines of ``p`` that ``period`` reports on, in the agreement's order."""
    out = []
    for number, item in items(p, period):
        spent = period.spending.get(item.id) if item.id is not None else None
        if item.year is None and spent is None:
            continue
        plan = item.amount.amount
        actual = spent.amount if spent is not None else None
        deviation = execution = None
        if actual is not None:
            deviation = actual - plan
            if plan != 0:
                execution = (actual * 100 / plan).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        note = spent.note if spent is not None else None
        out.append(Line(number, item, plan, actual, deviation, execution, note))
    return out


def unknown_lines(p: Partnership, period: Period) -> list[str]:
    """Return the ids the period's spending names that no budget line has."""
    known = {b.id for b in p.funding.budget} if p.funding else set()
    return [key for key in period.spending if key not in known]
