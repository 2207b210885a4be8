"""Actuals from XLSX/CSV: layout, numbers, errors naming file:sheet:row and column, and same reports."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLES, ROOT, example, rendered
from spdocs import actuals, documents
from spdocs.errors import InputError
from spdocs.model import Partnership, Text

SAMPLE = ROOT / "examples" / "actuals" / "actuals-2026.csv"
HEADER = ["partnership", "indicator", "period", "value", "note_kk", "note_ru", "note_en"]


def workbook(path: Path, rows: list[list[object]], *, header: list[str] = HEADER, title: str = "Факт") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def sheet_rows(p: Partnership) -> list[list[object]]:
    """Return the example's actuals as sheet rows (the period as a number, as staff type it)."""
    rows: list[list[object]] = []
    for pr in p.periods:
        for indicator, actual in pr.actuals.items():
            note = actual.note
            rows.append(
                [
                    p.id,
                    indicator,
                    int(pr.id) if pr.id.isdigit() else pr.id,
                    f">{actual.value}" if actual.more_than else actual.value,
                    note.kk if note else None,
                    note.ru if note else None,
                    note.en if note else None,
                ]
            )
    return rows


def without_actuals(p: Partnership) -> Partnership:
    return p.model_copy(update={"periods": [pr.model_copy(update={"actuals": {}}) for pr in p.periods]})


@pytest.mark.parametrize("name", [path.stem for path in EXAMPLES])
def test_reports_from_the_data_file_and_from_an_equivalent_xlsx_are_identical(tmp_path, name):
    p = example(name)
    table = actuals.read_actuals(workbook(tmp_path / "actuals.xlsx", sheet_rows(p)))
    from_sheet = actuals.apply_actuals(without_actuals(p), table)
    targets = documents.targets(p, kinds_=["report"])
    assert targets
    for t in targets:
        assert documents.render_document(from_sheet, "report", lang=t.lang, period=t.period) == rendered(
            name, "report", t.lang, t.period
        )


def test_sample_csv_fills_a_missing_actual_and_keeps_the_rest():
    p = example("taraz-mendeleev")
    table = actuals.read_actuals(SAMPLE)
    [warning] = table.warnings  # zkmu-poznan's survey: an empty value is no data, never 0
    assert (warning.path, warning.line, warning.field) == (str(SAMPLE), 10, "value (column D)")
    q = actuals.apply_actuals(p, table)
    old, new = p.periods[1].actuals, q.periods[1].actuals
    assert old["student-mobility"].value is None
    assert new["student-mobility"].value == D(19)
    assert new["student-mobility"].note == Text(
        kk="визалық кідірістер сақталды", ru="сохраняются задержки с визами", en="visa delays persisted"
    )
    assert new["publications"].value == D(9) and new["publications"].note is not None
    assert new["students"] == old["students"]
    assert q.periods[0] == p.periods[0]  # 2025 is not in the sheet
    assert p.periods[1].actuals["student-mobility"].value is None  # the input model is untouched


def test_sample_csv_applies_to_every_example():
    loaded = [example(path.stem) for path in EXAMPLES]
    applied, warnings = actuals.load(SAMPLE, loaded)
    assert [p.id for p in applied] == [p.id for p in loaded] and len(warnings) == 1
    by_id = {p.id: p for p in applied}
    if "nku-arizona" in by_id:
        employment = next(pr for pr in by_id["nku-arizona"].periods if pr.id == "2026").actuals["employment"]
        assert employment.value == D("78.5")  # written "78,5" in the CSV
    if "zkmu-poznan" in by_id:
        survey = next(pr for pr in by_id["zkmu-poznan"].periods if pr.id == "2026-H1").actuals["patient-satisfaction"]
        assert survey.value is None and survey.note is not None


def test_csv_with_decimal_comma_russian_headers_and_extra_columns(tmp_path):
    path = tmp_path / "факт.csv"
    path.write_text(
        "Партнерство;Показатель;Наименование показателя;Отчетный период;Факт;Примечание\n"
        'taraz-mendeleev;students;Численность;2025;"1 047";\n'
        "taraz-mendeleev;employment;Доля;2025;12,5 %;оценка\n"
        "\n"
        "taraz-mendeleev;projects;Проекты;2025;;\n",
        encoding="utf-8",
    )
    table = actuals.read_actuals(path)
    values = {e.indicator: e.actual for e in table.entries}
    assert values["students"].value == D(1047)
    assert values["employment"].value == D("12.5")
    assert values["employment"].note == Text(kk="оценка", ru="оценка", en="оценка")
    assert values["projects"].value is None  # empty: no data, never 0
    [warning] = table.warnings
    assert warning.path == str(path) and warning.line == 5 and warning.field == "Факт (column E)"
    assert "no data" in warning.message


def test_xlsx_percent_cells_other_sheets_and_comma_separated_csv(tmp_path):
    path = workbook(
        tmp_path / "a.xlsx",
        [["taraz-mendeleev", "employment", 2025, 0.85]],
        header=["Partnership ID", "Indicator_ID", "PERIOD", "Value"],
    )
    wb = openpyxl.load_workbook(path)
    wb["Факт"]["D2"].number_format = "0%"
    notes = wb.create_sheet("Нұсқаулық", 0)  # an instructions sheet first: skipped
    notes.append(["Толтыру тәртібі"])
    hidden = wb.create_sheet("old")
    hidden.append(HEADER[:4])
    hidden.append(["taraz-mendeleev", "employment", 2025, "garbage"])
    hidden.sheet_state = "hidden"
    wb.save(path)
    [entry] = actuals.read_actuals(path).entries
    assert (entry.actual.value, entry.source, entry.row) == (D(85), f"{path}:Факт", 2)
    csv_path = tmp_path / "b.csv"
    csv_path.write_text('indicator,period,value,partnership\nstudents,2025,"47,5",taraz-mendeleev\n', encoding="utf-8")
    assert actuals.read_actuals(csv_path).entries[0].actual.value == D("47.5")


def test_every_error_is_reported_at_once_with_sheet_row_and_column(tmp_path):
    # fmt: off
    path = workbook(tmp_path / "bad.xlsx", [
        ["taraz-mendeleev", "students", 2025, 47, None, None, None],          # 2: fine
        ["taraz-mendelev", "students", 2025, 47, None, None, None],           # 3: unknown partnership
        ["taraz-mendeleev", "studnets", 2025, 47, None, None, None],          # 4: unknown indicator
        ["taraz-mendeleev", "students", 2031, 47, None, None, None],          # 5: unknown period
        ["taraz-mendeleev", "projects", 2025, "twelve", None, None, None],    # 6: not a number
        ["taraz-mendeleev", "students", "2025", 48, None, None, None],        # 7: duplicate of row 2
        ["taraz-mendeleev", "projects", 2026, 1, None, "только ru", None],    # 8: note lacks kk and en
        [None, "projects", 2026, 1, None, None, None],                        # 9: no partnership
    ])
    # fmt: on
    with pytest.raises(InputError) as caught:
        actuals.load(path, [example("taraz-mendeleev")])
    where = f"{path}:Факт"
    found = {(pr.line, pr.field) for pr in caught.value.problems}
    assert found == {
        (3, "partnership (column A)"),
        (4, "indicator (column B)"),
        (5, "period (column C)"),
        (6, "value (column D)"),
        (7, "indicator (column B)"),
        (8, "note_kk (column E)"),
        (8, "note_en (column G)"),
        (9, "partnership (column A)"),
    }
    assert all(pr.path == where for pr in caught.value.problems)
    message = str(caught.value)
    assert (
        f"{where}:3: partnership (column A): unknown partnership 'taraz-mendelev'; did you mean 'taraz-mendeleev'?"
        in message
    )
    assert (
        f"{where}:4: indicator (column B): partnership 'taraz-mendeleev' has no indicator 'studnets'; "
        "did you mean 'students'?" in message
    )
    assert "no reporting period '2031' (periods: 2025, 2026)" in message
    assert f"{where}:6: value (column D): not a number: 'twelve'" in message
    assert "duplicate: 'students' of 'taraz-mendeleev' in period 2025 is already given in row 2" in message
    assert "English text is missing" in message


def test_read_errors_alone_and_apply_errors_alone(tmp_path):
    path = workbook(
        tmp_path / "dup.xlsx", [["x", "i", 1, 1, None, None, None], ["x", "i", 1, "1,0.5", None, None, None]]
    )
    with pytest.raises(InputError) as caught:
        actuals.read_actuals(path)
    assert [pr.line for pr in caught.value.problems] == [3]  # ambiguous number; no duplicate of a bad row
    assert "ambiguous number" in str(caught.value)
    table = actuals.read_actuals(
        workbook(tmp_path / "ok.xlsx", [["taraz-mendeleev", "nope", 2025, 1, None, None, None]])
    )
    with pytest.raises(InputError, match="has no indicator 'nope'"):
        actuals.apply_actuals(example("taraz-mendeleev"), table)
    other = example("taraz-mendeleev").model_copy(update={"id": "other"})
    assert actuals.apply_actuals(other, table) is other  # rows of other partnerships are left alone


def test_header_and_file_problems(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("partnership;indicator;value\nx;y;1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"h\.csv:1: the header row lacks the column\(s\) period"):
        actuals.read_actuals(path)
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(InputError, match="no sheet has a header row"):
        actuals.read_actuals(path)
    path.write_bytes(
        "partnership;indicator;period;value\nx;y;2025;1;Қ\n".encode("cp1251", errors="replace") + "ы".encode("cp1251")
    )
    with pytest.raises(InputError, match="UTF-8"):
        actuals.read_actuals(path)
    with pytest.raises(InputError, match=r"expected an \.xlsx or \.csv file"):
        actuals.read_actuals(tmp_path / "a.ods")
    with pytest.raises(InputError, match="cannot read"):
        actuals.read_actuals(tmp_path / "missing.xlsx")
