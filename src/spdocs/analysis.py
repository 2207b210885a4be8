"""Plan against actual for one reporting period: the figures a report analyzes (pure).

For each indicator of a partnership and one period:

- ``plan`` is the indicator's target for the period (``None`` when it has none);
- ``actual`` is the period's actual value (``None`` means no data: never read as 0); when
  the data gives it as a lower bound ("more than 400", ``more_than``), every figure is
  computed on the bound and the row says so;
- ``deviation`` is ``actual − plan``, exact (in percentage points for a percentage indicator);
- ``deviation_percent`` is ``(actual − plan) / plan × 100``, the signed change against the plan;
- ``completion`` reads as achievement in both directions: ``actual / plan × 100`` when higher
  is better, ``plan / actual × 100`` when lower is better (dropout 5.6 % against a plan of
  8 % is 142.9 %), so that beating the plan is always ≥ 100 %; both are rounded half up to
  one decimal, and neither exists when the plan is 0 or missing or there is no actual (nor
  ``completion`` for a lower-is-better actual of 0);
- ``status`` is one of `STATUSES`: ``no_plan`` when the period has no target (whether or
  not an actual is given); ``not_applicable`` when a higher-is-better plan is 0 and nothing
  happened (actual 0 or not given: no graduates yet), which is not an achievement and is
  left out of the achieved/not achieved totals; else ``no_data`` when the actual is missing;
  else ``achieved`` when ``actual ≥ plan`` (``actual ≤ plan`` for an indicator with
  ``higher_is_better: false``, where a plan of 0 incidents met is an achievement); else
  ``not_achieved``.

Rows are grouped by priority area in the agreement's order; areas without indicators are
left out. Totals are counts of indicators by status, per area and for the whole period.
Plans and actuals are never summed: indicators measure different things even when they
share a unit (students and staff are both "persons"), and percentages cannot be added at
all, so a sum would be a figure nobody planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from spdocs.languages import LANGS
from spdocs.model import Area, Indicator, Partnership, Period, Text

STATUSES: tuple[str, ...] = ("achieved", "not_achieved", "not_applicable", "no_data", "no_plan")
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Row:
    """One indicator in one period: plan, actual and how they compare."""

    indicator: Indicator
    plan: Decimal | None
    actual: Decimal | None
    note: Text | None
    deviation: Decimal | None
    deviation_percent: Decimal | None
    completion: Decimal | None
    status: str
    more_than: bool = False  # the actual is a lower bound ("more than …")
    percentage: bool = False  # a percentage indicator: the deviation is in percentage points


@dataclass(frozen=True)
class Counts:
    """How many indicators there are, by status."""

    total: int = 0
    achieved: int = 0
    not_achieved: int = 0
    not_applicable: int = 0
    no_data: int = 0
    no_plan: int = 0

    @classmethod
    def of(cls, rows: tuple[Row, ...] | list[Row]) -> Counts:
        """Return the counts of ``rows`` by status."""
        by_status = {s: sum(r.status == s for r in rows) for s in STATUSES}
        return cls(total=len(rows), **by_status)


@dataclass(frozen=True)
class AreaResult:
    """A priority area with its indicators' rows and their counts."""

    area: Area
    rows: tuple[Row, ...]
    counts: Counts


@dataclass(frozen=True)
class MissingActual:
    """A warning: an indicator with a plan for the period has no actual value."""

    partnership: str
    period: str
    indicator: str

    def __str__(self) -> str:
        return (
            f"{self.partnership}: period {self.period}: indicator '{self.indicator}' has a plan but no actual "
            "value; the report shows «no data» (not 0)"
        )


@dataclass(frozen=True)
class Analysis:
    """The analysis of one period: rows by area, overall counts and warnings."""

    period: Period
    areas: tuple[AreaResult, ...]
    counts: Counts
    warnings: tuple[MissingActual, ...]

    @property
    def rows(self) -> tuple[Row, ...]:
        """Return every row, in the order of the report's table."""
        return tuple(r for a in self.areas for r in a.rows)


def row(indicator: Indicator, period: Period) -> Row:
    """Return the plan/actual row of ``indicator`` in ``period``.

    >>> from spdocs.model import Indicator, Period, Text
    >>> import datetime as dt
    >>> name = Text(kk="к", ru="п", en="i")
    >>> ind = Indicator(id="x", name=name, unit=name, area="a", targets={"2025": 8})
    >>> per = Period(id="2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
    ...              due=dt.date(2026, 4, 15), actuals={"x": 9})
    >>> r = row(ind, per)
    >>> r.deviation, r.deviation_percent, r.completion, r.status
    (Decimal('1'), Decimal('12.5'), Decimal('112.5'), 'achieved')
    >>> low = Indicator(id="x", name=name, unit=name, area="a", higher_is_better=False, targets={"2025": 8})
    >>> def period(actual: object) -> Period:
    ...     return Period(id="2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31),
    ...                   due=dt.date(2026, 4, 15), actuals={"x": actual})
    >>> r = row(low, period("5.6"))
    >>> r.completion, r.status, r.percentage
    (Decimal('142.9'), 'achieved', False)
    >>> zero = Indicator(id="x", name=name, unit=name, area="a", targets={"2025": 0})
    >>> row(zero, period(0)).status
    'not_applicable'
    """
    plan = indicator.targets.get(period.id)
    given = period.actuals.get(indicator.id)
    actual = given.value if given is not None else None
    deviation = deviation_percent = completion = None
    if plan is not None and actual is not None:
        deviation = actual - plan
        if plan != 0:
            # Multiply before dividing: the quotient is then the only inexact step.
            deviation_percent = _tenth(deviation * 100 / plan)
            if indicator.higher_is_better:
                completion = _tenth(actual * 100 / plan)
            elif actual != 0:
                completion = _tenth(plan * 100 / actual)
    return Row(
        indicator=indicator,
        plan=plan,
        actual=actual,
        note=given.note if given is not None else None,
        deviation=deviation,
        deviation_percent=deviation_percent,
        completion=completion,
        status=_status(plan, actual, indicator.higher_is_better),
        more_than=given is not None and given.more_than and actual is not None,
        percentage=is_percentage(indicator),
    )


def is_percentage(indicator: Indicator) -> bool:
    """Return whether ``indicator`` measures a percentage: as the data says, else its unit is «%»."""
    if indicator.percentage is not None:
        return indicator.percentage
    return all(indicator.unit.get(lang).strip() == "%" for lang in LANGS)


def analyze(p: Partnership, period: Period | str) -> Analysis:
    """Return the analysis of ``p`` for ``period`` (a period of ``p`` or its id)."""
    chosen = _period(p, period)
    areas = []
    for area in areas_of(p):
        rows = tuple(row(i, chosen) for i in p.indicators if i.area == area.id)
        if rows:
            areas.append(AreaResult(area=area, rows=rows, counts=Counts.of(rows)))
    all_rows = [r for a in areas for r in a.rows]
    warnings = tuple(MissingActual(p.id, chosen.id, r.indicator.id) for r in all_rows if r.status == "no_data")
    return Analysis(period=chosen, areas=tuple(areas), counts=Counts.of(all_rows), warnings=warnings)


def areas_of(p: Partnership) -> list[Area]:
    """Return the agreement's areas, then any area id that indicators name but the agreement lacks.

    `spdocs check` reports such an id as an error (GEN-REF-AREA); a draft is still rendered,
    with those indicators under their id, rather than losing them or failing the batch.
    """
    known = {a.id for a in p.agreement.areas}
    stray = dict.fromkeys(i.area for i in p.indicators if i.area not in known)
    return [*p.agreement.areas, *(Area(id=a, name=Text.same(a), moh_area=None) for a in stray)]


def reported_periods(p: Partnership) -> list[Period]:
    """Return the periods a report is made for: those that have actuals."""
    return [pr for pr in p.periods if pr.actuals]


def _period(p: Partnership, period: Period | str) -> Period:
    if isinstance(period, Period):
        return period
    for pr in p.periods:
        if pr.id == period:
            return pr
    known = ", ".join(pr.id for pr in p.periods) or "none"
    raise ValueError(f"{p.id}: no reporting period '{period}' (periods: {known})")


def _status(plan: Decimal | None, actual: Decimal | None, higher_is_better: bool) -> str:
    if plan is None:
        return "no_plan"
    if plan == 0 and higher_is_better and not actual:
        return "not_applicable"
    if actual is None:
        return "no_data"
    achieved = actual >= plan if higher_is_better else actual <= plan
    return "achieved" if achieved else "not_achieved"


def _tenth(value: Decimal) -> Decimal:
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)
