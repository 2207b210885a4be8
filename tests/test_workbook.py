"""The summary workbook over the examples: opens, is laid out for Excel, and agrees with the reports."""

from __future__ import annotations

import io
from decimal import Decimal as D

import docx
import openpyxl
import pytest

from conftest import EXAMPLES, ROOT, example, rendered
from spdocs import actuals, analysis, periods, terms, workbook
from spdocs.model import Partnership

SAMPLE = ROOT / "examples" / "actuals" / "actuals-2026.csv"


def table_rows(data: bytes) -> list[list[str]]:
    """Return the report's indicator table (9 columns) as cell texts."""
    table = next(t for t in docx.Document(io.BytesIO(data)).tables if len(t.columns) == 9)
    return [[c.text.strip() for c in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def examples() -> list[Partnership]:
    return [example(path.stem) for path in EXAMPLES]


@pytest.fixture(scope="module")
def book(examples) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook.summary(examples)))


def records(ws) -> list[dict[str, object]]:
    keys = [key for key, _ in workbook.COLUMNS]
    return [dict(zip(keys, row)) for row in ws.iter_rows(min_row=2, values_only=True)]


def test_sheets_headers_and_layout(book):
    t = terms.terms("ru").as_context()["report"]["summary"]
    assert book.sheetnames == [
        t["sheet_all"],
        t["sheets"]["higher_education"],
        t["sheets"]["medical"],
        t["sheet_financing"],
    ]
    fin = book.worksheets[-1]
    assert [c.value for c in fin[1]] == [t["financing_columns"][key] for key, _ in workbook.FINANCING_COLUMNS]
    for ws in book.worksheets[:-1]:
        assert [c.value for c in ws[1]] == [t["columns"][key] for key, _ in workbook.COLUMNS]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:P")
        assert ws[1][0].font.b
        assert ws.column_dimensions["G"].width == 48


def test_a_row_per_partnership_indicator_and_reported_period(book, examples):
    rows = records(book.worksheets[0])
    ru = terms.terms("ru")
    expected = [
        (p.id, periods.label(pr, "ru", ru), r.indicator.name.ru)
        for p in examples
        for pr in analysis.reported_periods(p)
        for r in analysis.analyze(p, pr).rows
    ]
    assert [(r["partnership"], r["period"], r["indicator"]) for r in rows] == expected
    by_regime = {
        regime: [r for r in rows if example(str(r["partnership"])).regime == regime] for regime in workbook.REGIMES
    }
    for ws, regime in zip(book.worksheets[1:-1], workbook.REGIMES):
        assert records(ws) == by_regime[regime]
    assert by_regime["medical"] and by_regime["higher_education"]


def test_figures_match_the_analysis_and_the_reports(book, examples):
    rows = {(r["partnership"], r["period"], r["indicator"]): r for r in records(book.worksheets[0])}
    status = terms.terms("ru").as_context()["report"]["status"]
    ru = terms.terms("ru")
    for p in examples:
        for pr in analysis.reported_periods(p):
            table = {row[1]: row for row in table_rows(rendered(p.id, "report", "ru", pr.id))}
            for r in analysis.analyze(p, pr).rows:
                cell = rows[(p.id, periods.label(pr, "ru", ru), r.indicator.name.ru)]
                for key in ("plan", "actual", "deviation"):
                    value = getattr(r, key)
                    assert (None if cell[key] is None else D(str(cell[key]))) == value, (p.id, pr.id, key)
                for key in ("deviation_percent", "completion"):
                    value = getattr(r, key)
                    got = None if cell[key] is None else (D(str(cell[key])) * 100).quantize(D("0.1"))
                    assert got == value, (p.id, pr.id, key)
                assert cell["status"] == status[r.status]
                assert table[r.indicator.name.ru][7] == cell["status"]  # the report says the same


def test_number_formats_and_no_data_cells(book):
    ws = book.worksheets[0]
    keys = [key for key, _ in workbook.COLUMNS]
    col = {key: i for i, key in enumerate(keys)}
    no_data = 0
    for row in ws.iter_rows(min_row=2):
        assert row[col["deviation_percent"]].number_format == "0.0%"
        assert row[col["completion"]].number_format == "0.0%"
        actual = row[col["actual"]]
        if actual.value is None:
            no_data += 1
            assert row[col["status"]].value == "нет данных"
        else:
            assert actual.number_format in ("#,##0", "#,##0.0##")
    assert no_data == sum(
        analysis.analyze(p, pr).counts.no_data
        for p in (example(path.stem) for path in EXAMPLES)
        for pr in analysis.reported_periods(p)
    )


def test_deterministic_and_dated_from_the_data(examples):
    first = workbook.summary(examples)
    assert first == workbook.summary(examples)
    props = openpyxl.load_workbook(io.BytesIO(first)).properties
    latest = max(pr.end for p in examples for pr in analysis.reported_periods(p))
    assert props.created.date() == props.modified.date() == latest


def test_language_period_and_actuals(examples):
    data = workbook.summary(examples, lang="kk", period="2025")
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws.title == terms.terms("kk").as_context()["report"]["summary"]["sheet_all"]
    kk = terms.terms("kk")
    labels = {periods.label(pr, "kk", kk) for p in examples for pr in p.periods if pr.id == "2025" and pr.actuals}
    assert {r["period"] for r in records(ws)} == labels
    assert "2025 жыл" in labels  # a calendar year is named, never coded
    assert ws["G2"].value == analysis.analyze(examples[0], "2025").rows[0].indicator.name.kk
    applied, warnings = actuals.load(SAMPLE, examples)
    assert len(warnings) == 1
    ws = openpyxl.load_workbook(io.BytesIO(workbook.summary(applied))).worksheets[0]
    row = next(
        r
        for r in records(ws)
        if r["partnership"] == "taraz-mendeleev" and r["period"] == "2026 год" and r["actual"] == 19
    )
    assert row["status"] == "не достигнуто" and row["note"] == "сохраняются задержки с визами"


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example","click")', "+7 701", "-1", "@SUM(A1)", "\tx", "\rx"]
)
def test_text_that_looks_like_a_formula_stays_text(examples, text):
    p = examples[0]
    name = p.parties.kazakhstani.short_name.model_copy(update={"ru": text})
    kz = p.parties.kazakhstani.model_copy(update={"short_name": name})
    p = p.model_copy(update={"parties": p.parties.model_copy(update={"kazakhstani": kz})})
    wb = openpyxl.load_workbook(io.BytesIO(workbook.summary([p], lang="ru")))
    cell = wb.worksheets[0]["B2"]
    assert cell.value == text and cell.data_type == "s"
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited
    formulas = openpyxl.load_workbook(io.BytesIO(workbook.summary([p], lang="ru")), data_only=False)
    assert all(c.data_type != "f" for row in formulas.worksheets[0].iter_rows() for c in row)
