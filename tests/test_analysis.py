"""spdocs.analysis: plan against actual, checked against figures computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from conftest import example
from spdocs import analysis
from spdocs.model import Actual, Area, Indicator, Partnership, Period, Text


def text(s: str) -> Text:
    return Text(kk=s, ru=s, en=s)


def indicator(id_: str, area: str = "a", plan: str | None = "10", *, higher: bool = True) -> Indicator:
    targets = {"2025": D(plan)} if plan is not None else {"2024": D(1)}  # no target for 2025
    return Indicator(id=id_, name=text(id_), unit=text("u"), area=area, targets=targets, higher_is_better=higher)


def period(**actuals: object) -> Period:
    return Period(
        id="2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), due=dt.date(2026, 4, 15), actuals=actuals
    )


def row(plan: str | None, actual: str | None, *, higher: bool = True) -> analysis.Row:
    given = {} if actual == "absent" else {"x": None if actual is None else D(actual)}
    return analysis.row(indicator("x", plan=plan, higher=higher), period(**given))


# (plan, actual) -> (deviation, deviation %, completion %, status), computed by hand
# fmt: off
HAND = [
    ("50", "47", "-3", "-6.0", "94.0", "not_achieved"),       # -3/50 = -6 %
    ("8", "9", "1", "12.5", "112.5", "achieved"),             # 1/8 = 12.5 %
    ("3", "2", "-1", "-33.3", "66.7", "not_achieved"),        # -33.33… and 66.66… rounded
    ("400", "49", "-351", "-87.8", "12.3", "not_achieved"),   # -87.75 and 12.25: half up, away from 0
    ("7", "7.2", "0.2", "2.9", "102.9", "achieved"),          # 0.2/7 = 2.857…
    ("10", "10", "0", "0.0", "100.0", "achieved"),
    ("6.5", "6.4", "-0.1", "-1.5", "98.5", "not_achieved"),   # -0.1/6.5 = -1.538…
]
# fmt: on


@pytest.mark.parametrize(("plan", "actual", "deviation", "percent", "completion", "status"), HAND)
def test_figures_match_hand_computation(plan, actual, deviation, percent, completion, status):
    r = row(plan, actual)
    assert (r.plan, r.actual) == (D(plan), D(actual))
    assert r.deviation == D(deviation)
    assert r.deviation_percent == D(percent)
    assert r.completion == D(completion)
    assert r.status == status


def test_zero_plan_with_nothing_happening_is_not_applicable_not_achieved():
    """No graduates are planned and none came: "not applicable", left out of achieved/not achieved."""
    r = row("0", "0")
    assert (r.deviation, r.deviation_percent, r.completion, r.status) == (D(0), None, None, "not_applicable")
    assert row("0", None).status == "not_applicable"  # nothing was due: a missing figure is no gap
    r = row("0", "5")  # something happened although nothing was planned: beyond plan
    assert (r.deviation, r.deviation_percent, r.completion, r.status) == (D(5), None, None, "achieved")


def test_zero_plan_of_a_lower_is_better_indicator_met_is_achieved():
    """Zero incidents planned and zero happened is an achievement, not "not applicable"."""
    assert row("0", "0", higher=False).status == "achieved"
    assert row("0", "1", higher=False).status == "not_achieved"


def test_missing_actual_is_no_data_never_zero():
    for r in (row("10", None), row("10", "absent")):
        assert r.actual is None
        assert (r.deviation, r.deviation_percent, r.completion) == (None, None, None)
        assert r.status == "no_data"


def test_no_plan_for_the_period():
    r = row(None, "3")
    assert (r.plan, r.actual, r.deviation, r.deviation_percent, r.status) == (None, D(3), None, None, "no_plan")
    assert row(None, "absent").status == "no_plan"


def test_lower_is_better_achieves_at_or_below_plan():
    assert row("5", "3", higher=False).status == "achieved"
    assert row("5", "5", higher=False).status == "achieved"
    above = row("5", "7", higher=False)
    assert (above.status, above.deviation, above.deviation_percent, above.completion) == (
        "not_achieved",
        D(2),
        D("40.0"),
        D("71.4"),  # 5 / 7 = 71.43 %: short of the plan reads below 100 %
    )
    assert row("6.5", "6.4", higher=False).status == "achieved"


def test_completion_reads_as_achievement_in_both_directions():
    """Dropout 5.6 % against a plan of 8 % beat the plan: 8 / 5.6 = 142.9 %, not 70 %."""
    beaten = row("8", "5.6", higher=False)
    assert (beaten.status, beaten.completion, beaten.deviation, beaten.deviation_percent) == (
        "achieved",
        D("142.9"),
        D("-2.4"),
        D("-30.0"),
    )
    assert row("8", "8", higher=False).completion == D("100.0")
    assert row("8", "0", higher=False).completion is None  # no ratio to a zero actual; still achieved
    assert row("8", "0", higher=False).status == "achieved"
    assert row("8", "10").completion == D("125.0")  # higher is better: actual / plan


def test_lower_bound_actual_is_computed_on_the_bound():
    ind = indicator("x", plan="60")
    r = analysis.row(ind, period(x=">60"))
    assert (r.actual, r.more_than, r.deviation, r.completion, r.status) == (D(60), True, D(0), D("100.0"), "achieved")
    r = analysis.row(ind, period(x={"value": 45, "more_than": True}))
    assert (r.actual, r.more_than, r.completion, r.status) == (D(45), True, D("75.0"), "not_achieved")
    assert analysis.row(ind, period(x=61)).more_than is False


def test_percentage_indicators_from_the_unit_or_the_data():
    pct = Indicator(id="p", name=text("p"), unit=text("%"), area="a", targets={"2025": D(7)})
    assert analysis.row(pct, period(p=D("7.2"))).percentage is True
    assert analysis.row(indicator("x"), period(x=1)).percentage is False
    share = Indicator(
        id="s",
        name=text("s"),
        unit=Text(kk="үлес", ru="доля", en="share"),
        area="a",
        targets={"2025": 1},
        percentage=True,
    )
    assert analysis.row(share, period(s=1)).percentage is True


def test_note_comes_with_the_actual():
    p = period(x=Actual(value=D(1), note=text("why")))
    assert analysis.row(indicator("x"), p).note == text("why")


def partnership(indicators: list[Indicator], actuals: dict[str, object]) -> Partnership:
    base = example("taraz-mendeleev")
    areas = [Area(id="a", name=text("A")), Area(id="empty", name=text("E")), Area(id="b", name=text("B"))]
    return base.model_copy(
        update={
            "agreement": base.agreement.model_copy(update={"areas": areas}),
            "indicators": indicators,
            "periods": [period(**actuals)],
        }
    )


def test_grouped_by_area_with_counts_and_warnings():
    p = partnership(
        [
            indicator("i1", "b", "10"),
            indicator("i2", "a", "10"),
            indicator("i3", "a", "0"),
            indicator("i4", "b", "4"),
            indicator("i5", "a", None),
            indicator("i6", "b", "2"),
        ],
        {"i1": 12, "i2": 9, "i3": 0, "i4": None, "i5": 1},  # i6: absent
    )
    result = analysis.analyze(p, "2025")
    assert [a.area.id for a in result.areas] == ["a", "b"]  # agreement order; the empty area is left out
    assert [[r.indicator.id for r in a.rows] for a in result.areas] == [["i2", "i3", "i5"], ["i1", "i4", "i6"]]
    a, b = result.areas
    assert a.counts == analysis.Counts(total=3, achieved=0, not_achieved=1, not_applicable=1, no_data=0, no_plan=1)
    assert b.counts == analysis.Counts(total=3, achieved=1, not_achieved=0, no_data=2, no_plan=0)
    assert result.counts == analysis.Counts(total=6, achieved=1, not_achieved=1, not_applicable=1, no_data=2, no_plan=1)
    assert [w.indicator for w in result.warnings] == ["i4", "i6"]  # i5 has no plan: nothing was expected
    assert "no data" in str(result.warnings[0]) and "not 0" in str(result.warnings[0])


def test_example_period_with_a_missing_actual():
    result = analysis.analyze(example("taraz-mendeleev"), "2026")
    assert result.counts == analysis.Counts(total=7, achieved=3, not_achieved=2, not_applicable=1, no_data=1, no_plan=0)
    assert [str(w.indicator) for w in result.warnings] == ["student-mobility"]
    students = result.rows[0]
    assert (students.plan, students.actual, students.deviation, students.deviation_percent) == (
        D(110),
        D(104),
        D(-6),
        D("-5.5"),
    )  # -6/110 = -5.4545… → -5.5


def test_unknown_period_is_an_error():
    with pytest.raises(ValueError, match="no reporting period '2099'"):
        analysis.analyze(example("taraz-mendeleev"), "2099")


def test_indicator_of_an_unknown_area_is_kept_under_that_id():
    """spdocs check reports the area as an error; a draft still shows the indicator, never drops it."""
    result = analysis.analyze(partnership([indicator("nowhere", "zzz")], {}), "2025")
    [area] = [a for a in result.areas if a.area.id == "zzz"]
    assert [r.indicator.id for r in area.rows] == ["nowhere"]
    assert area.area.name.en == "zzz"


def test_reported_periods_are_those_with_actuals():
    p = example("taraz-mendeleev")
    empty = p.periods[0].model_copy(update={"id": "2027", "actuals": {}})
    assert [pr.id for pr in analysis.reported_periods(p.model_copy(update={"periods": [*p.periods, empty]}))] == [
        "2025",
        "2026",
    ]
