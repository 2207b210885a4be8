"""Data never changes silently between the files people write and the documents: each case is an error."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from conftest import ROOT, example
from spdocs import actuals
from spdocs.cli import cli
from spdocs.errors import InputError

TARAZ = ROOT / "examples" / "taraz-mendeleev.yaml"


def twins(tmp_path):
    """Return a folder with two copies of one partnership (a.yaml, b.yaml) and another partnership."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(TARAZ, data / "a.yaml")
    shutil.copy(TARAZ, data / "b.yaml")
    shutil.copy(ROOT / "examples" / "nku-arizona.yaml", data / "nku.yaml")
    return data


def test_two_data_files_with_one_id_are_an_error_naming_both(tmp_path, runner):
    data = twins(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", str(data), "--out", str(out), "--jobs", "1", "--kind", "agreement"])
    assert result.exit_code == 1
    line = TARAZ.read_text(encoding="utf-8").splitlines().index("id: taraz-mendeleev") + 1
    assert (
        f"{data / 'a.yaml'}:{line}: id: the id 'taraz-mendeleev' is also used by {data / 'b.yaml'}; "
        "output files of one would overwrite the other's"
    ) in result.output
    assert f"{data / 'b.yaml'}:{line}: id: the id 'taraz-mendeleev' is also used by {data / 'a.yaml'}" in result.output
    assert not list((out / "taraz-mendeleev").glob("*"))  # neither set: they overwrote each other
    assert len(list((out / "nku-arizona").glob("*.docx"))) == 3
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["summary", "collect"])
def test_summary_and_collect_leave_out_both_files_of_one_id(tmp_path, runner, command):
    data = twins(tmp_path)
    out = tmp_path / "out.xlsx"
    args = [command, str(data), "--out", str(out), *(["--period", "2025"] if command == "collect" else [])]
    result = runner.invoke(cli, args)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert f"{data / 'a.yaml'}:" in result.output and f"is also used by {data / 'b.yaml'}" in result.output
    # the workbook holds the other partnership only: two rows of one id would read as one
    cells = [str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    assert not any("taraz-mendeleev" in c for c in cells)
    assert any("nku-arizona" in c for c in cells)


def test_csv_row_with_a_split_decimal_comma_is_an_error(tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_text(
        "partnership,indicator,period,value\ntaraz-mendeleev,students,2026,104\ntaraz-mendeleev,publications,2026,78,5\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        actuals.read_actuals(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:3: this row has 5 fields but the header has 4: a decimal comma in a comma-separated file splits "
        'the number; put the number in quotes ("78,5") or separate the columns with ;'
    ]


def test_csv_quoted_decimal_comma_reads_exactly(tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_text('partnership,indicator,period,value\ntaraz-mendeleev,students,2026,"78,5"\n', encoding="utf-8")
    [entry] = actuals.read_actuals(path).entries
    assert str(entry.actual.value) == "78.5"


def test_xlsx_formula_without_a_cached_value_says_so(tmp_path):
    path = tmp_path / "actuals.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["partnership", "indicator", "period", "value"])
    ws.append(["taraz-mendeleev", "students", "2026", "=100+4"])  # openpyxl saves no result for it
    ws.append(["taraz-mendeleev", "publications", "2026", 9])
    wb.save(path)
    with pytest.raises(InputError) as info:
        actuals.read_actuals(path)
    [problem] = info.value.problems
    assert problem.line == 2
    assert problem.message == "formula without a cached value (=100+4); open and save the file in Excel"


def test_applying_actuals_keeps_every_other_value(tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_text("partnership;indicator;period;value\ntaraz-mendeleev;students;2026;104\n", encoding="utf-8")
    p = example("taraz-mendeleev")
    [q], _warnings = actuals.load(path, [p])
    assert q.periods[1].actuals["students"].value == 104
    assert {k: v for k, v in q.periods[1].actuals.items() if k != "students"} == {
        k: v for k, v in p.periods[1].actuals.items() if k != "students"
    }


@pytest.mark.parametrize("kind", ["agreement", "order"])
def test_the_draft_mark_is_written_once(kind):
    import io
    import zipfile

    from spdocs import documents

    docx = documents.render_document(example("taraz-mendeleev"), kind, lang="kk", draft=True)
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert xml.count(">ЖОБА<") == 1  # the agreement template prints it itself; the engine adds it only elsewhere
