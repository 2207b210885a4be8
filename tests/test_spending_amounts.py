"""Amounts spent that a report cannot write in the budget line's currency: a finding or a row problem,
never a traceback (more decimals than the currency has, below zero)."""

from __future__ import annotations

from conftest import ROOT
from spdocs import docxtext
from spdocs.cli import cli

KAZNMU = ROOT / "examples" / "kaznmu-duke.yaml"


def mistaken(tmp_path):
    """Return a copy of kaznmu-duke whose 2025 consulting spending has 3 decimals and 2026 research is negative."""
    text = KAZNMU.read_text(encoding="utf-8")
    for old, new in (("      consulting-2025: 172500\n", "      consulting-2025: 172500.555\n"),
                     ("      research-2026: 45000000\n", "      research-2026: -5\n")):  # fmt: skip
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "kaznmu-duke.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_names_each_amount_and_why(runner, tmp_path):
    path = mistaken(tmp_path)
    result = runner.invoke(cli, ["check", str(path), "--lang", "ru"])
    assert result.exit_code == 1, result.output
    assert (
        "periods[0].spending.consulting-2025: расходы по статье «consulting-2025» в периоде «2025»: "
        "172500.555 USD: в суммах в USD не больше 2 знаков после запятой; округлите сумму"
    ) in result.output
    assert "periods[1].spending.research-2026: расходы по статье «research-2026» в периоде «2026» отрицательны" in (
        result.output
    )
    assert "GEN-SPENDING-AMOUNT" in runner.invoke(cli, ["check", str(path), "--lang", "kk"]).output


def test_a_draft_shows_the_amount_as_given(runner, tmp_path):
    path = mistaken(tmp_path)
    args = ["render", str(path), "--kind", "report", "--period", "2025", "--lang", "ru", "--draft"]
    result = runner.invoke(cli, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    text = docxtext.text((tmp_path / "out" / "kaznmu-duke" / "report-2025.draft.ru.docx").read_bytes())
    assert "172\u00a0500,555 USD" in text


def test_a_sheet_row_with_too_many_decimals_is_that_rows_problem(runner, tmp_path):
    sheet = tmp_path / "a.csv"
    sheet.write_text("partnership,budget line,period,value\nkaznmu-duke,consulting-2025,2025,171250.555\n")
    args = ["render", str(KAZNMU), "--kind", "report", "--period", "2025", "--actuals", str(sheet)]
    result = runner.invoke(cli, [*args, "--out", str(tmp_path / "out"), "--check-lang", "en"])
    assert "Traceback" not in result.output and result.exit_code == 1
    assert f"{sheet}:2: value (column D): 171250.555 USD: amounts in USD have at most 2 decimals" in result.output
