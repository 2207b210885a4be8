"""The collection workbook: what staff see and may change, filled in as a person would, read back
exactly by --actuals (render and summary), and opened by LibreOffice Calc."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from decimal import ROUND_HALF_UP
from decimal import Decimal as D
from pathlib import Path

import docx
import openpyxl
import pytest

from conftest import EXAMPLES, ROOT, example
from spdocs import actuals, collect, figures, kinds
from spdocs.cli import cli
from spdocs.convert import find_soffice
from spdocs.errors import ConversionError
from spdocs.formatting import format_number

PARTNERSHIPS = [example(p.stem) for p in EXAMPLES]
NO_DATA = {"kk": "деректер жоқ", "ru": "нет данных", "en": "no data"}
CHOSEN, LEFT_OUT = collect.select(PARTNERSHIPS, ["2026"])


def have_calc() -> bool:
    """Return whether LibreOffice Calc is installed (its library beside soffice)."""
    try:
        program = Path(os.path.realpath(find_soffice())).parent
    except ConversionError:
        return False
    return (program / "libsclo.so").exists() or any(program.glob("*sclo*"))


requires_calc = pytest.mark.skipif(
    not have_calc() and not os.environ.get("CI"), reason="LibreOffice Calc is not installed"
)


Typed = dict[tuple[str, str], tuple[D | None, str | None]]


def fill(path: Path, out: Path) -> Typed:
    """Type figures into the open cells only, as a person would; return what was typed by (sheet, indicator name).

    The Actual column is found by its header, like a reader of the sheet; every fourth cell
    gets a decimal, every seventh is left empty with a note (no data). The financing table
    under the indicators is filled too (`fill_spending` says what went there).
    """
    return fill_both(path, out)[0]


def fill_both(path: Path, out: Path) -> tuple[Typed, Typed]:
    """Fill the indicators and the financing (see `fill`); return what was typed in each, the financing
    by (sheet, budget line name). The k-th amount (counting across sheets) is the plan less 1000 × k,
    with a decimal every third, left empty with a note every fifth."""
    wb = openpyxl.load_workbook(path)
    typed: Typed = {}
    spent: Typed = {}
    n = k = 0
    for ws in wb.worksheets:
        header = [c.value for c in ws[collect.HEADER_ROW]]
        if "Факт" not in header:
            continue
        fact, note, name, plan, unit = (
            header.index(h) for h in ("Факт", "Примечание", "Показатель", "План", "Ед. изм.")
        )
        rows = list(ws.iter_rows(min_row=collect.HEADER_ROW + 1))
        money = next((k for k, row in enumerate(rows) if row[2].value == "Статья бюджета"), None)
        for row in rows[:money]:
            if not isinstance(row[0].value, int):
                continue  # the blank row and the financing table's heading
            assert row[fact].protection.locked is False and row[note].protection.locked is False
            n += 1
            if n % 7 == 0:
                row[note].value = "данные ожидаются"
                typed[(ws.title, row[name].value)] = (None, "данные ожидаются")
                continue
            value = D(row[plan].value or 0) + n + (D("0.5") if n % 4 == 0 else 0)
            if row[unit].value == "%":
                value = min(value, D(100))
            row[fact].value = float(value) if value % 1 else int(value)
            typed[(ws.title, row[name].value)] = (value, None)
        for row in rows[money + 1 :] if money is not None else []:
            assert row[fact].protection.locked is False and row[note].protection.locked is False
            k += 1
            if k % 5 == 0:
                row[note].value = "акт не подписан"
                spent[(ws.title, row[2].value)] = (None, "акт не подписан")
                continue
            amount = D(row[plan].value) - 1000 * k + (D("0.5") if k % 3 == 0 else 0)
            row[fact].value = float(amount) if amount % 1 else int(amount)
            spent[(ws.title, row[2].value)] = (amount, None)
    wb.save(out)
    return typed, spent


@pytest.fixture(scope="module")
def workbook_ru(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("collect") / "a.xlsx"
    path.write_bytes(collect.workbook(CHOSEN, lang="ru", command="spdocs render examples/ --actuals a.xlsx"))
    return path


def test_sheets_one_per_partnership_after_instructions_and_contents(workbook_ru):
    wb = openpyxl.load_workbook(workbook_ru)
    assert wb.sheetnames == ["Инструкция", "Содержание", *(p.id for p, _ in CHOSEN)]
    assert [p.id for p in LEFT_OUT] == ["zkmu-poznan"]  # it has 2025-H2 and 2026-H1, no 2026
    instructions = "\n".join(str(c.value) for c in wb["Инструкция"]["A"] if c.value)
    for heading in ("Как заполнить книгу", "Кітапты қалай толтыру керек", "How to fill in this workbook"):
        assert heading in instructions
    assert "spdocs render examples/ --actuals a.xlsx" in instructions
    contents = wb["Содержание"]
    assert contents["C4"].value == "almaty-dmu-franchise"
    assert contents["C4"].hyperlink.location == "'almaty-dmu-franchise'!A1"
    assert [c.value for c in contents[3]] == [
        "№",
        "Партнерство",
        "Лист",
        "Период",
        "Показателей",
        "Статей бюджета",
        "Заполнено",
    ]
    assert contents["G4"].value == "=COUNT('almaty-dmu-franchise'!G6:G13)"  # no budget line of 2026 has an id
    kaznmu = next(r for r in contents.iter_rows(min_row=4) if r[2].value == "kaznmu-duke")
    assert [c.value for c in kaznmu[4:]] == [8, 2, "=COUNT('kaznmu-duke'!G6:G13)+COUNT('kaznmu-duke'!G17:G18)"]


def test_a_partnership_sheet_what_it_shows_and_what_may_be_changed(workbook_ru):
    ws = openpyxl.load_workbook(workbook_ru)["nku-arizona"]
    p = example("nku-arizona")
    assert ws["A1"].value == "Фактические значения целевых индикаторов за 2026"
    assert ws["A2"].value == "Северо-Казахстанский университет имени Манаша Козыбаева – Университет Аризоны"
    assert ws["A3"].value.startswith("Договор № 03/2025 от 02.06.2025; отчетный период 2026: 01.01.2026–31.12.2026")
    assert [c.value for c in ws[5]] == [
        "№", "Направление", "Показатель", "Ед. изм.", "Период", "План", "Факт", "Примечание",
        "partnership_id", "indicator_id", "period_id",
    ]  # fmt: skip
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    assert [r[9] for r in rows] == [i.id for i in p.indicators]  # grouped by area, as in the report
    employment = rows[2]
    assert employment[1:8] == (
        "Двудипломное образование",
        "Доля трудоустроенных выпускников",
        "%",
        "2026",
        80,
        None,
        None,
    )
    assert (employment[8], employment[10]) == ("nku-arizona", "2026")
    assert all(ws.column_dimensions[c].hidden for c in "IJK") and not ws.column_dimensions["G"].hidden
    # Only the Actual and Note cells are open; the sheet is protected without a password.
    assert ws.protection.sheet and ws.protection.password is None
    assert not ws.protection.formatCells and not ws.protection.sort and not ws.protection.autoFilter
    open_cells = {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}
    assert open_cells == {f"{col}{r}" for col in "GH" for r in range(6, 6 + len(rows))}
    # Numbers only, ≥ 0; percentages 0–100.
    rules = {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation
    }
    assert rules == {
        "G8": ("decimal", "between", "0", "100"),
        "G6 G7 G9 G10 G11 G12 G13": ("decimal", "greaterThanOrEqual", "0", None),
    }
    assert all(dv.allow_blank and dv.showErrorMessage and dv.error for dv in ws.data_validations.dataValidation)
    # Printing: landscape A4, fit to the width, the header row on every page.
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$5:$5" and ws.print_area == "'nku-arizona'!$A$1:$H$13"
    assert ws.freeze_panes == "A6"


def test_each_sheet_names_the_agreement_by_its_type(workbook_ru):
    wb = openpyxl.load_workbook(workbook_ru)
    assert wb["yessenov-tu-berlin"]["A3"].value.startswith("Соглашение № ")  # a cooperation agreement
    assert wb["ektu-luban"]["A3"].value.startswith("Меморандум № ")
    assert wb["taraz-mendeleev"]["A3"].value.startswith("Договор № ")


def test_same_input_same_bytes():
    one = collect.workbook(CHOSEN, lang="kk")
    assert collect.workbook(CHOSEN, lang="kk") == one
    assert collect.workbook(CHOSEN, lang="en") != one


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_read_back_exactly_in_every_language(tmp_path, lang):
    path = tmp_path / "a.xlsx"
    path.write_bytes(collect.workbook(CHOSEN, lang=lang))
    wb = openpyxl.load_workbook(path)
    expected = {}
    for n, ws in enumerate(wb.worksheets[2:], start=1):
        for r, row in enumerate(ws.iter_rows(min_row=6), start=1):
            if row[6].protection.locked is False:  # an indicator's or a budget line's Actual
                row[6].value = n * 100_000 + r
                expected[(row[8].value, row[9].value, row[10].value)] = D(n * 100_000 + r)
    wb.save(path)
    resolution = actuals.resolve(actuals.read(path, lang=lang), PARTNERSHIPS)
    assert resolution.problems == []
    got = {(p, i, pr): a.value for p, by in resolution.actuals.items() for pr, g in by.items() for i, a in g.items()}
    spent = {
        (p, line, pr): s.amount
        for p, by in resolution.spending.items()
        for pr, g in by.items()
        for line, s in g.items()
    }
    assert spent == {k: v for k, v in expected.items() if k[1] in ("consulting-2026", "research-2026")}
    assert got == {k: v for k, v in expected.items() if k not in spent}


def test_read_back_whatever_the_user_renamed_resorted_or_recoloured(tmp_path, workbook_ru):
    filled = tmp_path / "filled.xlsx"
    typed = fill(workbook_ru, filled)
    wb = openpyxl.load_workbook(filled)
    ws = wb["taraz-mendeleev"]
    ws.title = "Тараз"
    ws.protection.sheet = False  # unprotected (no password) to sort by the actual, descending
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6)]
    rows.sort(key=lambda r: -(r[6] or 0))
    for r, values in enumerate(rows, start=6):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            cell.value = value
            cell.fill = openpyxl.styles.PatternFill("solid", fgColor="C6EFCE")
    wb.move_sheet("Тараз", offset=-5)
    wb.save(filled)
    resolution = actuals.resolve(actuals.read(filled), PARTNERSHIPS)
    assert resolution.problems == []
    taraz = resolution.actuals["taraz-mendeleev"]["2026"]
    names = {i.name.ru: i.id for i in example("taraz-mendeleev").indicators}
    assert {names[name]: v for (sheet, name), (v, _) in typed.items() if sheet == "taraz-mendeleev"} == {
        i: a.value for i, a in taraz.items()
    }


def table(path: Path) -> dict[str, str]:
    """Return the report's indicator table as name -> the Actual cell."""
    t = next(t for t in docx.Document(io.BytesIO(path.read_bytes())).tables if len(t.columns) == 9)
    return {r.cells[1].text.strip(): r.cells[4].text.strip() for r in t.rows[1:] if r.cells[0].text != r.cells[1].text}


def test_collect_fill_render_and_summarize_from_the_command_line(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SPDOCS_LANG", "ru")
    examples = str(ROOT / "examples")
    made = runner.invoke(cli, ["collect", examples, "--period", "2026", "--out", "a.xlsx"])
    assert made.exit_code == 0, made.output
    assert "zkmu-poznan» нет отчетного периода 2026" in made.output and "записано a.xlsx: 7 листов" in made.output
    typed = fill(tmp_path / "a.xlsx", tmp_path / "a.xlsx")

    result = runner.invoke(cli, ["render", examples, "--kind", "report", "--period", "2026", "--actuals", "a.xlsx"])
    # zkmu-poznan has no period 2026 (a report of it cannot be made): the only failure.
    assert result.exit_code == 1, result.output
    assert "zkmu-poznan.yaml: для документа report нет отчетного периода «2026» (периоды: 2025-H2, 2026-H1)" in (
        result.output
    )
    assert "записано 16 файлов в out/ (файлы данных: 7 из 8)" in result.output
    for p, _ in CHOSEN:
        shown = table(tmp_path / "out" / p.id / "report-2026.ru.docx")
        for indicator in p.indicators:
            value, _ = typed[(p.id, indicator.name.ru)]
            assert shown[indicator.name.ru] == (format_number(value, lang="ru") if value is not None else "нет данных")
        kazakh = table(tmp_path / "out" / p.id / "report-2026.kk.docx")  # reports are issued in kk and ru
        assert [kazakh[i.name.kk] for i in p.indicators] == [
            format_number(typed[(p.id, i.name.ru)][0], lang="kk")
            if typed[(p.id, i.name.ru)][0] is not None
            else "деректер жоқ"
            for i in p.indicators
        ]

    summary = runner.invoke(cli, ["summary", examples, "--period", "2026", "--actuals", "a.xlsx", "--out", "s.xlsx"])
    assert summary.exit_code == 0, summary.output
    rows = list(openpyxl.load_workbook(tmp_path / "s.xlsx").worksheets[0].iter_rows(min_row=2, values_only=True))
    got = {(r[0], r[6]): r[10] for r in rows}
    assert {k: v for k, v in got.items() if k[0] != "zkmu-poznan"} == {
        (sheet, name): (float(v) if v is not None and v % 1 else (int(v) if v is not None else None))
        for (sheet, name), (v, _) in typed.items()
    }


def financing_table(path: Path) -> dict[str, list[str]]:
    """Return the report's financing table (headed «Статья расходов», «Шығыс бабы» or "Expenditure item")
    as the line's name -> its cells from the plan on."""
    tables = docx.Document(io.BytesIO(path.read_bytes())).tables
    heads = ("Статья расходов", "Шығыс бабы", "Budget line")
    found = [t for t in tables if t.rows[0].cells[1].text.strip() in heads]
    assert len(found) == 1, [t.rows[0].cells[1].text for t in tables]
    return {r.cells[1].text.strip(): [c.text.strip() for c in r.cells[4:]] for r in found[0].rows[1:]}


def test_spending_collected_filled_and_rendered_in_every_language(runner, tmp_path, monkeypatch):
    """#11/#16 end to end for financing: collect 2025, type the amounts spent as a person would, render
    and summarize: every report carries exactly those amounts, in its language's money format, with the
    deviation and execution; the summary's financing sheet has the same figures."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SPDOCS_LANG", "en")
    examples = str(ROOT / "examples")
    made = runner.invoke(cli, ["collect", examples, "--period", "2025", "--out", "a.xlsx", "--lang", "ru"])
    assert made.exit_code == 0, made.output
    assert "статьи бюджета партнерства «taraz-mendeleev» без `id` (№ 1, 2) в книгу не включены" in made.output
    _, spent = fill_both(tmp_path / "a.xlsx", tmp_path / "a.xlsx")
    lines = {
        (p.id, b.item.ru): b for p in PARTNERSHIPS if p.funding for b in p.funding.budget if b.id and b.year == 2025
    }
    assert set(spent) == set(lines)  # every line of 2025 that has an id, and only those (kaznmu 2, nku 3)
    assert [v for v, _ in spent.values()] == [D(179000), D(62498000), D("347000.5"), D(214596000), None]
    result = runner.invoke(cli, ["render", examples, "--kind", "report", "--period", "2025", "--actuals", "a.xlsx"])
    assert result.exit_code == 1 and "zkmu-poznan.yaml: no reporting period '2025'" in result.output, result.output
    for (pid, name), b in lines.items():
        p = example(pid)
        amount, note = spent[(pid, name)]
        for lang in kinds.kind("report").languages(p):
            row = financing_table(tmp_path / "out" / pid / f"report-2025.{lang}.docx")[b.item.get(lang)]
            cur = b.amount.currency
            if amount is None:  # left empty with a note: no data, never 0, and the note as typed
                assert row == [figures.money(b.amount.amount, cur, lang), NO_DATA[lang], "—", "—", note]
                continue
            execution = (amount * 100 / b.amount.amount).quantize(D("0.1"), rounding=ROUND_HALF_UP)
            assert row == [
                figures.money(b.amount.amount, cur, lang),
                figures.money(amount, cur, lang),
                figures.money(amount - b.amount.amount, cur, lang, sign=True),
                figures.percent(execution, lang),
                "—",  # the sheet's figure replaced the data file's, note and all
            ]
    # The money format of each language, written out once.
    consulting = {
        lang: financing_table(tmp_path / "out" / "kaznmu-duke" / f"report-2025.{lang}.docx")[name]
        for lang, name in (
            ("ru", "Консалтинговые услуги экспертов Партнера"),
            ("kk", "Серіктес сарапшыларының консалтингтік қызметтері"),
            ("en", "Consulting services of the Partner's experts"),
        )
    }
    assert consulting["ru"][1:4] == ["179\xa0000 долларов США", "−1\xa0000 долларов США", "99,4\xa0%"]
    assert consulting["en"][1:4] == ["179,000 US dollars", "−1,000 US dollars", "99.4%"]
    assert consulting["kk"][1] == "179\xa0000 АҚШ доллары"
    fees = financing_table(tmp_path / "out" / "nku-arizona" / "report-2025.ru.docx")[
        "Оплата академических услуг Партнера"
    ]
    assert fees[1:3] == ["347\xa0000,50 долларов США", "−2\xa0999,50 долларов США"]

    summary = runner.invoke(cli, ["summary", examples, "--period", "2025", "--actuals", "a.xlsx", "--out", "s.xlsx"])
    assert summary.exit_code == 0, summary.output
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["Финансирование"]
    rows = {(r[0], r[3]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    for (pid, name), (amount, note) in spent.items():
        plan = lines[(pid, name)].amount.amount
        r = rows[(pid, name)]
        assert (r[6], r[7]) == (lines[(pid, name)].amount.currency, plan)
        assert r[8] == (None if amount is None else pytest.approx(float(amount)))
        assert r[9] == (None if amount is None else pytest.approx(float(amount - plan)))
        assert r[11] == note


def test_collect_refuses_to_overwrite_and_speaks_kazakh(runner, tmp_path):
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"filled in already")
    result = runner.invoke(
        cli, ["collect", str(ROOT / "examples"), "--period", "2026", "--out", str(out), "--lang", "kk"]
    )
    assert (
        result.exit_code == 2 and "бар (онда толтырылған сандар болуы мүмкін); қайта жазу үшін --force" in result.output
    )
    assert out.read_bytes() == b"filled in already"
    forced = runner.invoke(
        cli,
        ["collect", str(ROOT / "examples"), "--period", "2026,2026-H1", "--out", str(out), "--lang", "kk", "--force"],
    )
    assert forced.exit_code == 0, forced.output
    assert "zkmu-poznan" in openpyxl.load_workbook(out).sheetnames  # its 2026-H1 is asked for too
    assert "8 парақ" in forced.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "укажите один или несколько файлов данных или папок"),
        (["examples/", "--out", "a.xlsx"], "нужен --period"),
        (["examples/", "--period", "2026"], "нужен --out"),
        (["examples/", "--period", "2026", "--out", "a.csv"], "--out должен быть файлом .xlsx, а не «a.csv»"),
        (["nowhere/", "--period", "2026", "--out", "a.xlsx"], "нет такого файла или папки: nowhere"),
        (["examples/", "--period", "2026", "--out", "a.xlsx", "--lang", "de"], "неизвестный язык «de»"),
    ],
)
def test_collect_usage_errors_in_the_users_language(runner, monkeypatch, args, message):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SPDOCS_LANG", "ru")
    result = runner.invoke(cli, ["collect", *args])
    assert result.exit_code == 2
    assert message in result.output and "подробнее: spdocs collect --help" in result.output


@requires_calc
def test_libreoffice_calc_opens_the_filled_workbook(tmp_path, workbook_ru):
    filled = tmp_path / "filled.xlsx"
    typed, spent = fill_both(workbook_ru, filled)
    out = tmp_path / "csv"
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(
        [
            find_soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(out),
            str(filled),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    sheets = {
        p.stem.removeprefix("filled-"): list(csv.reader(io.StringIO(p.read_text(encoding="utf-8"))))
        for p in out.glob("*.csv")
    }
    assert set(sheets) == {"Инструкция", "Содержание", *(p.id for p, _ in CHOSEN)}
    taraz = sheets["taraz-mendeleev"]
    assert taraz[4][:8] == ["№", "Направление", "Показатель", "Ед. изм.", "Период", "План", "Факт", "Примечание"]
    assert {r[2]: D(r[6]) if r[6] else None for r in taraz[5:]} == {
        name: v for (sheet, name), (v, _) in typed.items() if sheet == "taraz-mendeleev"
    }
    # The financing table under the indicators: its header, and the amounts typed, as Calc shows them.
    kaznmu = sheets["kaznmu-duke"]
    head = next(k for k, r in enumerate(kaznmu) if r[:1] == ["№"] and r[2] == "Статья бюджета")
    assert kaznmu[head][:8] == [
        "№", "Источник финансирования", "Статья бюджета", "Валюта", "Период", "План", "Факт", "Примечание",
    ]  # fmt: skip
    assert kaznmu[head - 1][0] == "Финансирование: фактические расходы по статьям бюджета (в валюте статьи)"
    consulting, research = (
        "Консалтинговые услуги экспертов Партнера",
        "Совместный научный проект (грантовое финансирование)",
    )
    assert {r[2]: (r[3], D(r[6].replace(",", "")) if r[6] else None) for r in kaznmu[head + 1 :]} == {
        consulting: ("USD", spent[("kaznmu-duke", consulting)][0]),
        research: ("KZT", spent[("kaznmu-duke", research)][0]),
    }
    # The contents' counts are formulas: Calc computes them on opening (indicators and budget lines).
    filled_counts = {r[2]: r[6] for r in sheets["Содержание"][3:]}
    for p, _ in CHOSEN:
        given = [v for (s, _), (v, _) in [*typed.items(), *spent.items()] if s == p.id and v is not None]
        assert filled_counts[p.id] == str(len(given))


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    p = example("taraz-mendeleev")
    first = p.indicators[0]
    trap = first.model_copy(update={"name": first.name.model_copy(update={"ru": '=HYPERLINK("http://x","y")'})})
    q = p.model_copy(update={"indicators": [trap, *p.indicators[1:]]})
    path = tmp_path / "a.xlsx"
    path.write_bytes(collect.workbook([(q, ["2026"])], lang="ru"))
    cell = openpyxl.load_workbook(path)["taraz-mendeleev"]["C6"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","y")', "s")
    assert openpyxl.load_workbook(path)["Содержание"]["G4"].data_type == "f"  # the count is a formula
