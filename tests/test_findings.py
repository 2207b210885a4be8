"""The findings of a batch: each one when they are few, a summary by rule past 20, and the full
list in a file staff can filter (CSV as Excel opens it, XLSX, JSON)."""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest

from conftest import ROOT
from spdocs.checks import Finding
from spdocs.cli import cli
from spdocs.findings import LIST_LIMIT, by_rule, findings_file, terminal_lines


def finding(n: int, rule: str = "HE-RANKING", severity: str = "warning") -> Finding:
    return Finding(rule, severity, f"message {n}", "MoSHE rec.", "parties.foreign", n, f"data/p{n:03}.yaml", None)  # type: ignore[arg-type]


MANY = (
    [finding(n) for n in range(30)]
    + [finding(n, "GEN-ACTUALS-MISSING") for n in range(5)]
    + [finding(1, "HE-TERM", "error")]
)


def test_counts_by_rule_errors_first_then_the_most_frequent():
    counts = by_rule(MANY)
    assert [(c.rule, c.severity, c.count, len(c.files)) for c in counts] == [
        ("HE-TERM", "error", 1, 1),
        ("HE-RANKING", "warning", 30, 30),
        ("GEN-ACTUALS-MISSING", "warning", 5, 5),
    ]
    assert [f.path for f in counts[1].examples] == ["data/p000.yaml", "data/p001.yaml"]


def test_few_findings_are_listed_many_are_summarized(tmp_path):
    few = terminal_lines(MANY[:LIST_LIMIT], lang="en")
    assert len(few) == LIST_LIMIT and few[0].startswith("data/p000.yaml:0: warning HE-RANKING")
    lines = terminal_lines(MANY, lang="ru", full_list=tmp_path / "f.csv")
    assert lines[0] == "Результаты проверки по правилам (всего 36):"
    assert lines[1] == "  ошибка HE-TERM: 1 в 1 файле"
    assert lines[3] == "  предупреждение HE-RANKING: 30 в 30 файлах"
    assert lines[4].startswith("    data/p000.yaml:0: предупреждение HE-RANKING parties.foreign: message 0")
    assert lines[6] == "    … и еще 28"
    assert lines[-1] == f"полный список: {tmp_path / 'f.csv'}"
    assert len(lines) < 15
    assert (
        terminal_lines(MANY, lang="kk")[-1] == "толық тізім үшін --findings findings.xlsx (немесе .csv, .json) қосыңыз"
    )


def test_the_full_list_as_csv_xlsx_and_json(tmp_path):
    data = findings_file(MANY, tmp_path / "f.csv", lang="kk")
    assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the mark
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Файл", "Жол", "Маңыздылығы", "Ереже", "Өріс", "Хабарлама", "Сілтеме", "Мәні"]
    assert len(rows) == 1 + len(MANY) and rows[1][:4] == ["data/p000.yaml", "0", "ескерту", "GEN-ACTUALS-MISSING"]

    (tmp_path / "f.xlsx").write_bytes(findings_file(MANY, tmp_path / "f.xlsx", lang="ru"))
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx").active
    assert ws.title == "Результаты проверки" and ws.auto_filter.ref == "A1:H37" and ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]][:4] == ["Файл", "Строка", "Важность", "Правило"]

    document = json.loads(findings_file(MANY, tmp_path / "f.json", lang="en"))
    assert document["version"] == 1 and document["summary"] == {"errors": 1, "warnings": 35, "info": 0}
    assert len(document["files"]) == 30
    with pytest.raises(ValueError, match=r"expected one of \.json, \.csv, \.xlsx"):
        findings_file(MANY, tmp_path / "f.txt", lang="en")


def test_render_of_many_partnerships_summarizes_and_writes_every_finding(runner, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for source in sorted((ROOT / "examples").glob("*.yaml")):
        for copy in range(3):
            text = source.read_text(encoding="utf-8")
            stem = source.stem
            data.joinpath(f"{stem}-{copy}.yaml").write_text(
                text.replace(f"id: {stem}\n", f"id: {stem}-{copy}\n", 1), encoding="utf-8"
            )
    out = tmp_path / "findings.csv"
    args = ["--kind", "order", "--lang", "kk", "--findings", str(out), "--out", str(tmp_path / "out"), "-q"]
    result = runner.invoke(cli, ["render", str(data), *args])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Findings of the checks by rule (36 in all):"
    assert "  warning HE-RANKING: 9 in 9 files" in lines
    assert f"the full list: {out}" in lines and len(lines) < 20
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 36 and rows[0][0] == "File"


def test_render_lists_few_findings_and_rejects_an_unknown_findings_format(runner, tmp_path):
    args = ["--kind", "order", "--lang", "kk", "--out", str(tmp_path), "--findings", str(tmp_path / "f.json")]
    result = runner.invoke(cli, ["render", str(ROOT / "examples" / "astana-jv.yaml"), *args])
    assert result.exit_code == 0
    assert re.search(r"astana-jv\.yaml:\d+: warning HE-RANKING", result.output)
    # HE-RANKING, and GEN-FACT-DATE: the JV's AIFC registration is dated after signing
    assert json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))["summary"]["warnings"] == 2
    bad = runner.invoke(cli, ["render", str(ROOT / "examples" / "astana-jv.yaml"), "--findings", "f.txt"])
    assert bad.exit_code == 2 and "--findings must be a .json, .csv or .xlsx file, not 'f.txt'" in bad.output
