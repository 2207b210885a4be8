"""spdocs.chart: the report chart's figures and words, from the period's analysis."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from conftest import example
from spdocs import analysis, chart, terms
from spdocs.model import Actual, Area, Indicator, Partnership, Period, Text

LABELS = terms.terms("en").as_context()["report"]


def partnership(targets: list[D | None], actuals: list[D | None], *, name: str = "Indicator") -> Partnership:
    p = example("taraz-mendeleev")
    area = Area(id="a", name=Text(kk="А", ru="А", en="A"), moh_area=None)
    indicators = [
        Indicator(
            id=f"i{k}",
            name=Text(kk=f"{name} {k}", ru=f"{name} {k}", en=f"{name} {k}"),
            unit=Text(kk="ед.", ru="ед.", en="units"),
            area="a",
            targets={"2030": D(1)} if plan is None else {"2025": plan},  # (a target for another period)
        )
        for k, plan in enumerate(targets)
    ]
    period = Period(
        id="2025",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        due=dt.date(2026, 4, 15),
        actuals={f"i{k}": Actual(value=v) for k, v in enumerate(actuals) if v is not None},
    )
    agreement = p.agreement.model_copy(update={"areas": [area]})
    return p.model_copy(update={"agreement": agreement, "indicators": indicators, "periods": [period]})


def data(targets: list[D | None], actuals: list[D | None], **kw: str) -> chart.docxchart.ChartData:
    p = partnership(targets, actuals, **kw)
    return chart.data(analysis.analyze(p, "2025"), lang="en", labels=LABELS)


def column(shown: chart.docxchart.ChartData, series: str) -> tuple:
    return shown.series[chart.SERIES.index(series)].values


def labels(shown: chart.docxchart.ChartData, k: int) -> dict[str, str]:
    return {name: s.labels[k] for name, s in zip(chart.SERIES, shown.series) if s.labels[k]}


def test_each_status_in_its_series_with_the_label_at_the_longer_bar():
    shown = data([D(50), D(8), D(25)], [D(47), D(9), None])
    assert column(shown, "plan") == (D(100), D(100), D(100))
    assert column(shown, "not_achieved") == (D(94), None, None)
    assert column(shown, "achieved") == (None, D("112.5"), None)
    assert column(shown, "no_data") == (None, None, D(100))
    assert labels(shown, 0) == {"plan": "94.0% (47 / 50)"}  # the plan bar is the longer one
    assert labels(shown, 1) == {"achieved": "112.5% (9 / 8)"}
    assert labels(shown, 2) == {"no_data": "no data (plan: 25)"}
    assert shown.categories == ("1.1 Indicator 0", "1.2 Indicator 1", "1.3 Indicator 2")
    assert shown.axis_max == D(140)
    assert shown.title == LABELS["chart"]["title"] and shown.axis_title == LABELS["chart"]["axis"]
    assert [s.name for s in shown.series] == ["Plan (100%)", "Actual – achieved", "Actual – not achieved", "No data"]


def test_no_percentage_without_a_plan_or_with_a_plan_of_zero():
    shown = data([D(0), None, None, D(0)], [D(3), D(5), None, D(0)])
    for series in chart.SERIES:
        assert column(shown, series) == (None, None, None, None)  # no bar: never 0 %
    assert shown.categories == (
        "1.1 Indicator 0 (plan: 0; actual: 3)",
        "1.2 Indicator 1 (no target set; actual: 5)",
        "1.3 Indicator 2 (no target set; no data)",
        "1.4 Indicator 3 (not applicable)",
    )
    assert shown.axis_max == D(120)


def test_not_applicable_is_said_as_the_table_says_it_never_as_figures():
    """A plan of 0 with nothing happening (no graduates due yet): no bar, no "plan: 0; actual: 0"."""
    shown = data([D(0), D(0), D(10)], [D(0), None, D(10)])
    assert shown.categories[:2] == ("1.1 Indicator 0 (not applicable)", "1.2 Indicator 1 (not applicable)")
    assert [column(shown, s)[:2] for s in chart.SERIES] == [(None, None)] * 4
    assert [s.labels[:2] for s in shown.series] == [(None, None)] * 4
    for lang, said in (("kk", "қолданылмайды"), ("ru", "не применимо")):
        p = partnership([D(0)], [D(0)])
        labels = terms.terms(lang).as_context()["report"]
        shown = chart.data(analysis.analyze(p, "2025"), lang=lang, labels=labels)
        assert shown.categories == (f"1.1 Indicator 0 ({said})",)


def test_lower_is_better_below_plan_is_achieved():
    p = partnership([D(10)], [D(8)])
    lower = p.model_copy(update={"indicators": [p.indicators[0].model_copy(update={"higher_is_better": False})]})
    shown = chart.data(analysis.analyze(lower, "2025"), lang="en", labels=LABELS)
    # completion reads as achievement both ways: 8 against a ceiling of 10 is 10 / 8 = 125 %
    assert column(shown, "achieved") == (D("125.0"),)
    assert labels(shown, 0) == {"achieved": "125.0% (8 / 10)"}  # at the end of the longer bar


def test_long_names_are_shortened_on_the_axis():
    shown = data([D(1)], [D(1)], name="word " * 40)
    assert len(shown.categories[0]) <= 110 and shown.categories[0].endswith("…")


def test_labels_in_the_documents_language():
    p = partnership([D(50), D(25)], [D(47), None])
    ru = chart.data(analysis.analyze(p, "2025"), lang="ru", labels=terms.terms("ru").as_context()["report"])
    assert ru.series[0].labels[0] == "94,0\xa0% (47 / 50)"
    assert ru.series[3].labels[1] == "нет данных (план: 25)"
