"""The report's chart: each indicator's actual as a percentage of its plan, as PNG bytes (pure).

Indicators have different units (persons, items, %), so raw plan and actual bars on one
axis would let the largest indicator flatten all the others. Every indicator is drawn on
the same scale instead: a grey plan bar at 100 % and the actual bar at its completion
(actual / plan × 100), coloured by status, so that a lower-is-better indicator below its
plan reads as achieved. The figures themselves (completion, actual / plan) are written in
a column on the right. An indicator with a plan but no actual gets a hatched plan bar and
"no data"; one whose plan is 0 or missing has no percentage and gets its figures in words.

Output depends only on the input: matplotlib's own DejaVu Sans (it has the Kazakh
letters), the Agg renderer, no "Software" stamp in the PNG. The picture has a fixed size
because the template's placeholder fixes the size it is shown at.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from spdocs import formatting
from spdocs.analysis import Analysis, Row
from spdocs.languages import Lang

SIZE_CM = (16.0, 12.0)  # keep in step with the placeholder picture in templates/*/report.docx
DPI = 200
_COLOURS = {"plan": "#d9d9d9", "achieved": "#2f6db5", "not_achieved": "#d9822b", "edge": "#7f7f7f"}
_RC = {"font.family": "DejaVu Sans", "font.size": 7, "hatch.linewidth": 0.6, "axes.linewidth": 0.6}


def png(result: Analysis, *, lang: Lang, labels: Mapping[str, Any]) -> bytes:
    """Return the chart of ``result`` as PNG bytes, labelled in ``lang``.

    :param labels: the language's ``report`` terms (``chart`` texts and ``status`` labels)
    """
    import matplotlib  # imported here: it takes a while and only reports need it

    with matplotlib.rc_context(_rc(result)):  # type: ignore[arg-type]  # stubs want a Literal of rc names as keys
        fig = figure(result, lang=lang, labels=labels)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def figure(result: Analysis, *, lang: Lang, labels: Mapping[str, Any]) -> Any:
    """Return the chart of ``result`` as a matplotlib ``Figure`` (its texts are what the PNG shows)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    chart, status = labels["chart"], labels["status"]
    numbered = [(f"{n}.{k}", r) for n, a in enumerate(result.areas, 1) for k, r in enumerate(a.rows, 1)]
    count = len(numbered)
    with matplotlib.rc_context(_rc(result)):  # type: ignore[arg-type]  # as in png()
        fig = Figure(figsize=(SIZE_CM[0] / 2.54, SIZE_CM[1] / 2.54), dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.38, 0.17, 0.38, 0.73))
        limit = _limit([r.completion for _, r in numbered])
        for y, (_number, r) in enumerate(numbered):
            _bar(ax, y, r, limit, lang, chart, status)
        ax.set_ylim(count - 0.4, -0.6)
        ax.set_yticks(range(count), [_name(number, r.indicator.name.get(lang), count) for number, r in numbered])
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, limit)
        ax.axvline(100, color=_COLOURS["edge"], linewidth=0.8, linestyle="--")
        ax.set_xlabel(chart["axis"])
        ax.grid(axis="x", color="#eeeeee", linewidth=0.5)
        ax.set_axisbelow(True)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        # dotted lines between priority areas
        edge = 0
        for area in result.areas[:-1]:
            edge += len(area.rows)
            ax.axhline(edge - 0.5, color="#bbbbbb", linewidth=0.5, linestyle=":")
        fig.suptitle(chart["title"], fontsize=9, fontweight="bold", x=0.5, y=0.97)
        fig.legend(
            handles=[
                Patch(facecolor=_COLOURS["plan"], edgecolor="none", label=chart["plan"]),
                Patch(facecolor=_COLOURS["achieved"], label=f"{chart['actual']} – {status['achieved']}"),
                Patch(facecolor=_COLOURS["not_achieved"], label=f"{chart['actual']} – {status['not_achieved']}"),
                Patch(facecolor="white", edgecolor=_COLOURS["edge"], hatch="////", label=chart["no_data"]),
            ],
            loc="lower center",
            ncol=2,
            frameon=False,
            bbox_to_anchor=(0.5, 0.0),
        )
    return fig


def _rc(result: Analysis) -> dict[str, Any]:
    """Return the matplotlib settings: the font shrinks as the number of indicators grows."""
    count = len(result.rows)
    return _RC | {"font.size": 7 if count <= 12 else 6 if count <= 20 else 5}


def _bar(
    ax: Any, y: int, r: Row, limit: float, lang: Lang, chart: Mapping[str, str], status: Mapping[str, str]
) -> None:
    """Draw one indicator's bars at ``y`` and write its figures in the right-hand column."""
    right = ax.get_yaxis_transform()  # x in axes fractions, y in data
    has_percent_plan = r.plan is not None and r.plan != 0
    if has_percent_plan:
        no_data = r.actual is None
        ax.barh(
            y,
            100,
            height=0.7,
            color="white" if no_data else _COLOURS["plan"],
            edgecolor=_COLOURS["edge"] if no_data else "none",
            hatch="////" if no_data else None,
            linewidth=0.5,
        )
    if r.completion is not None:
        ax.barh(y, min(float(r.completion), limit), height=0.38, color=_COLOURS[r.status])
        text = f"{_pct(r.completion, lang)} ({_num(r.actual, lang)} / {_num(r.plan, lang)})"
    elif has_percent_plan:  # a plan but no actual
        text = f"{status['no_data']}\n({chart['plan_value'].format(value=_num(r.plan, lang))})"
    else:  # the plan is 0 or not set: no percentage exists
        plan = status["no_plan"] if r.plan is None else chart["plan_value"].format(value=_num(r.plan, lang))
        actual = (
            chart["no_data"].lower() if r.actual is None else chart["actual_value"].format(value=_num(r.actual, lang))
        )
        text = f"{plan};\n{actual}"
    ax.text(1.03, y, text, transform=right, va="center", ha="left")


def _limit(completions: list[Decimal | None]) -> float:
    """Return the right end of the axis: room past 100 %, up to 300 % (longer bars are cut)."""
    top = max([float(c) for c in completions if c is not None] + [100.0])
    return float(min(max(120, (int(top * 1.1) // 20 + 1) * 20), 300))


def _name(number: str, name: str, count: int) -> str:
    """Return an indicator's label: its table number and its name wrapped on at most three lines."""
    width = 36 if count <= 12 else 44
    lines = textwrap.wrap(f"{number} {name}", width)
    if len(lines) > 3:
        lines = [*lines[:2], textwrap.shorten(" ".join(lines[2:]), width, placeholder="…")]
    return "\n".join(lines)


def _num(value: Decimal | None, lang: Lang) -> str:
    return "—" if value is None else formatting.format_number(value, lang=lang)


def _pct(value: Decimal, lang: Lang) -> str:
    return formatting.format_percent(value, lang=lang)
