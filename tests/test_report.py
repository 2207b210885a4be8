"""The periodic report: every example period in kk/ru/en, its table, chart, sections and signature."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal as D

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import EXAMPLES, example, rendered, requires_soffice
from spdocs import analysis, chart, documents, docxtext, terms
from spdocs.convert import docx_to_pdf
from spdocs.errors import RenderError
from spdocs.model import LANGS, Actual, Partnership, Text

REPORTS = [
    (path.stem, t.period, t.lang) for path in EXAMPLES for t in documents.targets(example(path.stem), kinds_=["report"])
]
PLACEHOLDER = (160, 120)
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


def media(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("word/media/")}


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
    assert len(document.inline_shapes) == 1
    pictures = media(data)
    assert len(pictures) == 1
    png = next(iter(pictures.values()))
    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.format == "PNG"
    assert Image.open(io.BytesIO(png)).size != PLACEHOLDER  # the placeholder was replaced
    p = example(name)
    assert png == chart.png(analysis.analyze(p, period), lang=lang, labels=terms.terms(lang).as_context()["report"])
    # the table's rows: one per indicator, plus group and total rows
    rows = table_rows(data)
    result = analysis.analyze(p, period)
    data_rows = [r for r in rows if re.fullmatch(r"\d+\.\d+", r[0])]
    assert len(data_rows) == len(result.rows)


@pytest.mark.parametrize("name", sorted({n for n, _, _ in REPORTS}))
def test_chart_differs_between_languages_and_is_labelled_in_each(name):
    p = example(name)
    period = next(pr.id for pr in p.periods if pr.actuals)
    pngs = {lang: next(iter(media(rendered(name, "report", lang, period)).values())) for lang in LANGS}
    assert len(set(pngs.values())) == 3
    result = analysis.analyze(p, period)
    for lang in LANGS:
        labels = terms.terms(lang).as_context()["report"]
        fig = chart.figure(result, lang=lang, labels=labels)
        texts = " ".join(t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))).replace("\n", " ")
        assert labels["chart"]["title"] in texts
        assert labels["chart"]["plan"] in texts and labels["chart"]["actual"] in texts
        first = result.rows[0].indicator.name.get(lang).split()[0]
        assert first in texts  # indicator names in the document's language
    assert "Жоспар" in terms.terms("kk").as_context()["report"]["chart"]["plan"]
    assert "План" in terms.terms("ru").as_context()["report"]["chart"]["plan"]
    assert "Plan" in terms.terms("en").as_context()["report"]["chart"]["plan"]


def test_chart_is_deterministic():
    result = analysis.analyze(example("taraz-mendeleev"), "2026")
    labels = terms.terms("kk").as_context()["report"]
    assert chart.png(result, lang="kk", labels=labels) == chart.png(result, lang="kk", labels=labels)
    assert b"Software" not in chart.png(result, lang="kk", labels=labels)


def test_table_figures_by_hand_ru():
    rows = table_rows(rendered("taraz-mendeleev", "report", "ru", "2025"))
    assert rows[0][:3] == ["№ п/п", "Наименование индикатора", "Ед. изм."]
    by_number = {r[0]: r for r in rows}
    # students: plan 50, actual 47 → −3, −6,0 %
    assert by_number["1.1"][2:8] == ["чел.", "50", "47", "\u22123", "\u22126,0\xa0%", "не достигнуто"]
    # foreign staff: 8 → 9: +1, +12,5 %
    assert by_number["1.2"][3:8] == ["8", "9", "+1", "+12,5\xa0%", "достигнуто"]
    # employment: plan 0 → no percentage
    assert by_number["1.3"][3:8] == ["0", "0", "0", "—", "достигнуто"]
    assert by_number["2.1"][8] == "в том числе 2 в Q1"
    assert "Образование" in by_number["1. Образование"][0]


def test_missing_actual_shows_no_data_in_each_language():
    for lang, label in (("kk", "деректер жоқ"), ("ru", "нет данных"), ("en", "no data")):
        data = rendered("taraz-mendeleev", "report", lang, "2026")
        row = next(r for r in table_rows(data) if r[0] == "3.2")
        assert row[3:8] == ["25", label, "—", "—", label]


def test_title_period_and_addressee_per_language_and_regime():
    text = docxtext.text(rendered("taraz-mendeleev", "report", "kk", "2025"))
    assert "| Есепті кезең: | 2025 жылғы 1 қаңтардан бастап 2025 жылғы 31 желтоқсанға дейін |" in text
    assert "2025 жылғы 14 наурыздағы №\xa001-СП/2025 стратегиялық әріптестік туралы шарт" in text
    assert text.startswith("Қазақстан Республикасы Ғылым және жоғары білім министрлігіне\n")
    text = docxtext.text(rendered("taraz-mendeleev", "report", "ru", "2025"))
    assert "| Отчетный период: | с 1 января 2025 года по 31 декабря 2025 года |" in text
    assert "договор о стратегическом партнерстве от 14 марта 2025 года №\xa001-СП/2025" in text
    assert "Методическими рекомендациями" in text and "ҚР ДСМ-263/2020" not in text
    medical = [n for n in {n for n, _, _ in REPORTS} if example(n).regime == "medical"]
    assert medical, "no medical example with reports"
    for name in medical:
        period = next(pr.id for pr in example(name).periods if pr.actuals)
        ru = docxtext.text(rendered(name, "report", "ru", period))
        assert ru.startswith("В уполномоченный орган в области медицинского образования и науки\n")
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
    for lang in LANGS:
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
    assert media(data) != media(rendered("taraz-mendeleev", "report", "en", "2026"))


@requires_soffice
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text(lang):
    pdf = docx_to_pdf(rendered("taraz-mendeleev", "report", lang, "2026"))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    expected = {
        "kk": ("ЕСЕП", "Нысаналы көрсеткіштердің орындалуы", "деректер жоқ", "1-сурет"),
        "ru": ("ОТЧЕТ", "Выполнение целевых индикаторов", "нет данных", "Рисунок 1"),
        "en": ("REPORT", "Achievement of the target indicators", "no data", "Figure 1"),
    }[lang]
    for fragment in expected:
        assert fragment in flat
