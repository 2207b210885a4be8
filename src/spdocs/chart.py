"""The report's chart: each indicator's actual as a percentage of its plan, as chart data (pure).

Indicators have different units (persons, items, %), so raw plan and actual bars on one
axis would let the largest indicator flatten all the others. Every indicator is drawn on
the same scale instead: a plan bar at 100 % and the actual bar over it at its completion
(actual / plan × 100), in the colour of its status, so that a lower-is-better indicator
below its plan reads as achieved. The report template holds a native Word chart with four
bar series, overlapping, in this order (`SERIES`): the plan, the actual when achieved, the
actual when not achieved, and "no data" (a hatched bar at 100 % where a plan has no
actual). The template decides colours and fonts; this module decides the figures and words:

- categories: the indicator's number in the report's table and its name;
- a data label at the end of each indicator's longest bar: completion and actual / plan
  ("94,0 % (47 / 50)"), or "no data (plan: 25)";
- an indicator that is "not applicable" (a plan of 0 and nothing happened: no graduates are
  due yet) has no bar, and its name says so ("not applicable"), as the table's status does:
  a reader never sees "plan: 0; actual: 0" read as a figure reached;
- any other indicator whose plan is 0 or missing has no percentage and no bar: its figures
  are given in words after its name ("plan: 0; actual: 3");
- the value axis ends past 100 %, at most at 300 % (longer bars are cut; labels say the figure).

Labels come from the language's ``report`` terms (``chart`` texts and ``status`` labels).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from spdocs import formatting
from spdocs.analysis import Analysis
from spdocs.docxchart import ChartData, Series
from spdocs.languages import Lang

#: The template chart's series, in order.
SERIES = ("plan", "achieved", "not_achieved", "no_data")
_HUNDRED = Decimal(100)
_NAME_MAX = 110  # characters of an indicator's name on the axis (the table has it in full)


def data(result: Analysis, *, lang: Lang, labels: Mapping[str, Any]) -> ChartData:
    """Return the chart of ``result`` labelled in ``lang``, one value per indicator and series.

    :param labels: the language's ``report`` terms (``chart`` texts and ``status`` labels)
    """
    chart, status = labels["chart"], labels["status"]
    categories: list[str] = []
    values: dict[str, list[Decimal | None]] = {s: [] for s in SERIES}
    texts: dict[str, list[str | None]] = {s: [] for s in SERIES}
    for n, area in enumerate(result.areas, 1):
        for k, r in enumerate(area.rows, 1):
            name = _shorten(f"{n}.{k} {r.indicator.name.get(lang)}")
            point: dict[str, tuple[Decimal | None, str | None]] = {}
            if r.completion is not None:  # both figures, and a plan that is not 0
                text = f"{_pct(r.completion, lang)} ({_num(r.actual, lang)} / {_num(r.plan, lang)})"
                on_actual = r.completion >= _HUNDRED  # the label goes at the end of the longer bar
                point["plan"] = (_HUNDRED, None if on_actual else text)
                point[r.status] = (r.completion, text if on_actual else None)
            elif r.plan is not None and r.plan != 0:  # a plan but no actual
                point["plan"] = (_HUNDRED, None)
                plan = chart["plan_value"].format(value=_num(r.plan, lang))
                point["no_data"] = (_HUNDRED, f"{status['no_data']} ({plan})")
            elif r.status == "not_applicable":  # nothing was due: no figure to draw or to read as reached
                name = f"{name} ({status['not_applicable']})"
            else:  # the plan is 0 or not set: no percentage exists
                plan = status["no_plan"] if r.plan is None else chart["plan_value"].format(value=_num(r.plan, lang))
                actual = (
                    chart["no_data"].lower()
                    if r.actual is None
                    else chart["actual_value"].format(value=_num(r.actual, lang))
                )
                name = f"{name} ({plan}; {actual})"
            categories.append(name)
            for s in SERIES:
                value, label = point.get(s, (None, None))
                values[s].append(value)
                texts[s].append(label)
    names = {
        "plan": chart["plan"],
        "achieved": f"{chart['actual']} – {status['achieved']}",
        "not_achieved": f"{chart['actual']} – {status['not_achieved']}",
        "no_data": chart["no_data"],
    }
    return ChartData(
        categories=tuple(categories),
        series=tuple(Series(names[s], tuple(values[s]), tuple(texts[s])) for s in SERIES),
        title=chart["title"],
        axis_title=chart["axis"],
        axis_max=limit([r.completion for r in result.rows]),
    )


def limit(completions: list[Decimal | None]) -> Decimal:
    """Return the right end of the value axis: room past 100 %, up to 300 % (longer bars are cut).

    >>> limit([Decimal("94"), None]), limit([Decimal("112.5")]), limit([Decimal("640")])
    (Decimal('120'), Decimal('140'), Decimal('300'))
    """
    top = max([float(c) for c in completions if c is not None] + [100.0])
    return Decimal(min(max(120, (int(top * 1.1) // 20 + 1) * 20), 300))


def _shorten(text: str) -> str:
    return text if len(text) <= _NAME_MAX else text[: _NAME_MAX - 1].rsplit(" ", 1)[0] + "…"


def _num(value: Decimal | None, lang: Lang) -> str:
    return "—" if value is None else formatting.format_number(value, lang=lang)


def _pct(value: Decimal, lang: Lang) -> str:
    return formatting.format_percent(value, lang=lang)
