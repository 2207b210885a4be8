"""The periodic report: every example period in kk/ru/en, its table, chart, sections and signature."""

from __future__ import annotations

import io
import re
from decimal import Decimal as D

import docx
import pytest
from pypdf import PdfReader

from conftest import EXAMPLES, example, rendered, requires_soffice
from spdocs import analysis, chart, documents, docxchart, docxtext, formatting, kinds, package, terms
from spdocs.convert import docx_to_pdf
from spdocs.errors import RenderError
from spdocs.model import LANGS, Actual, Partnership, Text

REPORTS = [
    (path.stem, t.period, t.lang) for path in EXAMPLES for t in documents.targets(example(path.stem), kinds_=["report"])
]
NONE = {
    "activities": {
        "kk": "Есепті кезеңде іс-шаралар өткізілген жоқ.",
        "ru": "Мероприятия в отчетном периоде не проводились.",
        "en": "No activities were carried out in the reporting period.",
    },
    "problems": {
        "kk": "Есепті кезеңде проблемалар анықталған жоқ.",
        "ru": "Проблемные вопросы в отчетном периоде не выявлены.",
        "en": "No problems were encountered in the reporting period.",
    },
    "proposals": {
        "kk": "Есепті кезеңде ұсыныстар жоқ.",
        "ru": "Предложения за отчетный период отсутствуют.",
        "en": "No proposals are made for the reporting period.",
    },
}


def chart_of(data: bytes) -> tuple[docxchart.ChartData, list[list]]:
    """Return the report's chart as its part caches show it, and its embedded workbook's rows."""
    members = package.read(data)
    rels = package.relationships(members, package.DOCUMENT)
    [part] = [r.target for r in rels.values() if r.type == package.REL + "chart"]
    return docxchart.read(members, part)


def table_rows(data: bytes) -> list[list[str]]:
    """Return the indicator table (the one with 9 columns), reopened with python-docx."""
    table = next(t for t in docx.Document(io.BytesIO(data)).tables if len(t.columns) == 9)
    return [[c.text.strip() for c in row.cells] for row in table.rows]


def render(p: Partnership, lang: str, period: str = "2025") -> bytes:
    return documents.render_document(p, "report", lang=lang, period=period)


def test_every_example_has_reports_for_its_periods_with_actuals():
    assert REPORTS, "no example has a period with actuals"
    for name in {n for n, _, _ in REPORTS}:
        periods = {pr.id for pr in example(name).periods if pr.actuals}
        assert {p for n, p, _ in REPORTS if n == name} == periods


@pytest.mark.parametrize(("name", "period", "lang"), REPORTS, ids=[f"{n}/{p}.{lang}" for n, p, lang in REPORTS])
def test_report_renders_reopens_and_has_the_chart(name, period, lang):
    data = rendered(name, "report", lang, period)
    document = docx.Document(io.BytesIO(data))  # reopens
    assert len(document.inline_shapes) == 1  # the chart's frame
    members = package.read(data)
    assert not [n for n in members if n.startswith("word/media/")]  # no raster left
    assert package.content_type(members, "word/charts/chart1.xml") == (
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    )
    p = example(name)
    result = analysis.analyze(p, period)
    shown = chart_of(data)[0]
    assert shown == chart.data(result, lang=lang, labels=terms.terms(lang).as_context()["report"])
    # the table's rows: one per indicator, plus group and total rows
    rows = table_rows(data)
    data_rows = [r for r in rows if re.fullmatch(r"\d+\.\d+", r[0])]
    assert len(data_rows) == len(result.rows)


@pytest.mark.parametrize(("name", "period"), sorted({(n, p) for n, p, _ in REPORTS}))
def test_chart_values_are_the_analysis(name, period):
    """The chart part and its workbook, read back, hold each indicator's completion under its status."""
    result = analysis.analyze(example(name), period)
    shown, sheet = chart_of(rendered(name, "report", "ru", period))
    plan, achieved, not_achieved, no_data = shown.series
    assert len(shown.categories) == len(result.rows)
    numbers = [f"{n}.{k}" for n, a in enumerate(result.areas, 1) for k in range(1, len(a.rows) + 1)]
    for i, (number, r) in enumerate(zip(numbers, result.rows)):
        assert shown.categories[i].startswith(f"{number} {r.indicator.name.get('ru')[:20]}")
        has_percent = r.plan is not None and r.plan != 0
        assert plan.values[i] == (D(100) if has_percent else None)
        assert achieved.values[i] == (r.completion if r.status == "achieved" and has_percent else None)
        assert not_achieved.values[i] == (r.completion if r.status == "not_achieved" else None)
        assert no_data.values[i] == (D(100) if r.status == "no_data" else None)
        labels = [s.labels[i] for s in shown.series if s.labels[i]]
        if r.completion is not None:
            expected = f"{formatting.format_percent(r.completion, lang='ru')} ("
            assert len(labels) == 1 and labels[0].startswith(expected)
        elif r.status == "no_data":
            assert labels == [f"нет данных (план: {formatting.format_number(r.plan, lang='ru')})"]
        elif r.status == "not_applicable":  # said as the table says it, never "план: 0; факт: 0"
            assert labels == [] and shown.categories[i].endswith("(не применимо)")
            assert "план: 0" not in shown.categories[i]
        else:
            assert labels == [] and "план" in shown.categories[i]
    # The workbook behind "Edit data" holds the same table: a header row, then a row per indicator.
    assert sheet[0] == [None, *(s.name for s in shown.series)]
    for i, row in enumerate(sheet[1:]):
        assert row[0] == shown.categories[i]
        assert row[1:] + [None] * (5 - len(row)) == [s.values[i] for s in shown.series]
    assert len(sheet) == 1 + len(result.rows)
    assert shown.axis_max is not None and shown.axis_max >= max([D(100)] + [r.completion or 0 for r in result.rows])


@pytest.mark.parametrize("name", sorted({n for n, _, _ in REPORTS}))
def test_chart_is_labelled_in_each_language(name):
    p = example(name)
    period = next(pr.id for pr in p.periods if pr.actuals)
    result = analysis.analyze(p, period)
    langs = kinds.kind("report").languages(p)  # the languages the example issues its reports in
    charts = {lang: chart_of(rendered(name, "report", lang, period))[0] for lang in langs}
    assert len({c.title for c in charts.values()}) == len(langs) >= 2
    for lang, shown in charts.items():
        labels = terms.terms(lang).as_context()["report"]
        assert shown.title == labels["chart"]["title"]
        assert shown.axis_title == labels["chart"]["axis"]
        assert shown.series[0].name == labels["chart"]["plan"]
        assert shown.series[1].name == f"{labels['chart']['actual']} – {labels['status']['achieved']}"
        assert shown.series[3].name == labels["chart"]["no_data"]
        first = result.rows[0].indicator.name.get(lang).split()[0]
        assert first in shown.categories[0]  # indicator names in the document's language
    assert "Жоспар" in terms.terms("kk").as_context()["report"]["chart"]["plan"]
    assert "План" in terms.terms("ru").as_context()["report"]["chart"]["plan"]
    assert "Plan" in terms.terms("en").as_context()["report"]["chart"]["plan"]


def test_report_is_deterministic():
    p = example("taraz-mendeleev")
    assert render(p, "kk", "2026") == render(p, "kk", "2026") == rendered("taraz-mendeleev", "report", "kk", "2026")


def test_table_figures_by_hand_ru():
    rows = table_rows(rendered("taraz-mendeleev", "report", "ru", "2025"))
    assert rows[0][:3] == ["№ п/п", "Наименование индикатора", "Ед. изм."]
    by_number = {r[0]: r for r in rows}
    # students: plan 50, actual 47 → −3, −6,0 %
    assert by_number["1.1"][2:8] == ["чел.", "50", "47", "\u22123", "\u22126,0\xa0%", "не достигнуто"]  # «−», not «-»
    # foreign staff: 8 → 9: +1, +12,5 %
    assert by_number["1.2"][3:8] == ["8", "9", "+1", "+12,5\xa0%", "достигнуто"]
    # employment: plan 0 and nothing happened → not applicable, no deviation
    assert by_number["1.3"][3:8] == ["0", "0", "—", "—", "не применимо"]
    assert by_number["2.1"][8] == "в том числе 2 в Q1"
    assert "Образование" in by_number["1. Образование"][0]


def test_missing_actual_shows_no_data_in_each_language():
    for lang, label in (("kk", "деректер жоқ"), ("ru", "нет данных"), ("en", "no data")):
        data = rendered("taraz-mendeleev", "report", lang, "2026")
        row = next(r for r in table_rows(data) if r[0] == "3.2")
        assert row[3:8] == ["25", label, "—", "—", label]


def test_title_period_and_addressee_per_language_and_regime():
    text = docxtext.text(rendered("taraz-mendeleev", "report", "kk", "2025"))
    assert "| Есепті кезең: | 2025 жыл (2025 жылғы 1 қаңтардан бастап 2025 жылғы 31 желтоқсанға дейін) |" in text
    assert "2025 жылғы 14 наурыздағы №\xa001-СП/2025 стратегиялық әріптестік туралы Шарт" in text
    assert text.startswith("Қазақстан Республикасы Ғылым және жоғары білім министрлігіне\n")
    text = docxtext.text(rendered("taraz-mendeleev", "report", "ru", "2025"))
    assert "| Отчетный период: | 2025 год (с 1 января 2025 года по 31 декабря 2025 года) |" in text
    assert "| Договор: | Договор о стратегическом партнерстве от 14 марта 2025 года №\xa001-СП/2025" in text
    assert "Методическими рекомендациями" in text and "ҚР ДСМ-263/2020" not in text
    medical = [n for n in {n for n, _, _ in REPORTS} if example(n).regime == "medical"]
    assert medical, "no medical example with reports"
    for name in medical:
        period = next(pr.id for pr in example(name).periods if pr.actuals)
        ru = docxtext.text(rendered(name, "report", "ru", period))
        assert "\nВ Министерство здравоохранения Республики Казахстан\n" in "\n" + ru
        assert "пунктом 11 Правил" in ru and "№\xa0ҚР ДСМ-263/2020" in ru
        kk = docxtext.text(rendered(name, "report", "kk", period))
        assert "№\xa0ҚР ДСМ-263/2020 бұйрығымен" in kk


def test_empty_sections_say_none_and_signer_variants():
    p = example("taraz-mendeleev")
    wg = p.working_group
    assert wg is not None and wg.responsible is not None
    bare = p.periods[0].model_copy(
        update={
            "activities": [],
            "problems": [],
            "proposals": [],
            "summary": None,
            "preparer": None,
            "phone": None,
            "signed_by": "responsible",
        }
    )
    q = p.model_copy(update={"periods": [bare]})
    for lang in LANGS:
        text = docxtext.text(render(q, lang))
        for section in NONE.values():
            assert section[lang] in text
        assert wg.responsible.name.get(lang) in text
        assert wg.first_head.name.get(lang) not in text
        assert "Орынд.:" not in text and "Исп.:" not in text and "Prepared by" not in text
    # An acting head signs with the position as the data writes it; nothing is appended.
    acting_position = Text(kk="ректордың міндетін атқарушы", ru="исполняющий обязанности Ректора", en="Acting Rector")
    acting = p.model_copy(
        update={
            "working_group": wg.model_copy(
                update={"first_head": wg.first_head.model_copy(update={"acting": True, "position": acting_position})}
            )
        }
    )
    text = docxtext.text(render(acting, "ru"))
    assert "Исполняющий обязанности Ректора" in text and "и.о." not in text
    with pytest.raises(RenderError, match=r"working_group.responsible"):
        render(q.model_copy(update={"working_group": wg.model_copy(update={"responsible": None})}), "ru")


@pytest.mark.parametrize(("name", "period"), sorted({(n, p) for n, p, _ in REPORTS}))
def test_list_items_end_with_one_punctuation_mark(name, period):
    for lang in kinds.kind("report").languages(example(name)):
        text = docxtext.text(rendered(name, "report", lang, period))
        subs = [line for line in text.splitlines() if re.match(r"\d+\) ", line)]
        assert all(line.endswith((";", ".")) for line in subs)
        assert not any(line.endswith(("..", ";.", ".;", ",.", ",;")) for line in subs)


def test_preparer_and_phone():
    text = docxtext.text(rendered("taraz-mendeleev", "report", "ru", "2025"))
    assert (
        "Исп.: Н.Е. Серикова, главный специалист отдела международного сотрудничества, тел.: +7 7262 00 00 15" in text
    )


def test_actuals_override_changes_chart_and_table():
    p = example("taraz-mendeleev")
    pr = p.periods[1]
    filled = pr.model_copy(update={"actuals": {**pr.actuals, "student-mobility": Actual(value=D(25))}})
    q = p.model_copy(update={"periods": [p.periods[0], filled]})
    data = render(q, "en", "2026")
    row = next(r for r in table_rows(data) if r[0] == "3.2")
    assert row[3:8] == ["25", "25", "0", "0.0%", "achieved"]
    shown = chart_of(data)[0]
    index = next(i for i, c in enumerate(shown.categories) if c.startswith("3.2 "))
    assert shown.series[1].values[index] == D(100)  # achieved now
    assert shown.series[3].values[index] is None  # and no longer "no data"
    assert chart_of(rendered("taraz-mendeleev", "report", "en", "2026"))[0].series[3].values[index] == D(100)


@requires_soffice
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text(lang):
    pdf = docx_to_pdf(rendered("taraz-mendeleev", "report", lang, "2026"))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    expected = {
        "kk": ("ЕСЕП", "Нысаналы индикаторлардың орындалуы", "деректер жоқ", "1-сурет"),
        "ru": ("ОТЧЕТ", "Выполнение целевых индикаторов", "нет данных", "Рисунок 1"),
        "en": ("REPORT", "Achievement of the target indicators", "no data", "Figure 1"),
    }[lang]
    for fragment in expected:
        assert fragment in flat
