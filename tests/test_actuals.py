"""Actuals from XLSX/CSV as people keep them: every layout gives the same actuals; problems name
file:sheet:row and column, in the user's language, and a bad row reports itself only."""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLES, ROOT, example, rendered
from spdocs import actuals, documents, tables
from spdocs.errors import InputError
from spdocs.languages import LANGS
from spdocs.model import Actual, Spending, Text

SAMPLE = ROOT / "examples" / "actuals" / "actuals-2026.csv"
HEADER = ["partnership", "indicator", "period", "value", "note_kk", "note_ru", "note_en"]
TARAZ, NKU = "taraz-mendeleev", "nku-arizona"
NOTE = "в том числе 3 в Q1"

# What every layout below says, by (partnership, indicator, period).
EXPECTED = {
    (TARAZ, "students", "2026"): Actual(value=D(104)),
    (TARAZ, "foreign-staff", "2026"): Actual(value=D("12.5")),
    (TARAZ, "publications", "2026"): Actual(value=D(9), note=Text(kk=NOTE, ru=NOTE, en=NOTE)),
    (NKU, "employment", "2026"): Actual(value=D("78.5")),
}
# The same, as the rows of a long table: ids, and names as staff write them (any language).
BY_ID = [
    [TARAZ, "students", 2026, 104, None],
    [TARAZ, "foreign-staff", 2026, "12,5", None],
    [TARAZ, "publications", 2026, 9, NOTE],
    [NKU, "employment", 2026, 78.5, None],
]
BY_NAME = [
    ["Таразский университет имени М.Х. Дулати", "Численность обучающихся по двудипломным программам", 2026, 104, None],
    ["М.Х. Дулати атындағы Тараз университеті", "Количество ППС, привлечённого от Партнёра", 2026, "12,5", None],
    ["taraz-mendeleev", "Joint publications indexed in Scopus/WoS", 2026, 9, NOTE],
    ["Университет Аризоны", "Жұмысқа орналасқан түлектердің үлесі", "2026", "78,5 %", None],
]
RU = ["Партнерство", "Показатель", "Отчетный период", "Факт", "Примечание"]
KK = ["Әріптестік", "Көрсеткіш", "Кезең", "Нақты мәні", "Ескертпе"]


def xlsx(path: Path, rows: list[list[object]], *, title: str = "Лист1", above: int = 0) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    if above:
        ws.append(["Фактические значения целевых индикаторов за 2026 год"])
        for _ in range(above - 1):
            ws.append([])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def csv(path: Path, rows: list[list[object]], *, sep: str = ";", encoding: str = "utf-8") -> Path:
    text = "\r\n".join(sep.join("" if c is None else str(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def resolved(path: Path, lang: str = "en") -> dict[tuple[str, str, str], Actual]:
    """Return the actuals a file gives the examples, by (partnership, indicator, period)."""
    resolution = actuals.resolve(actuals.read(path, lang=lang), [example(p.stem) for p in EXAMPLES])
    assert resolution.problems == []
    return {(p, i, pr): a for p, by in resolution.actuals.items() for pr, given in by.items() for i, a in given.items()}


def two_header_rows(path: Path) -> Path:
    """Return a sheet headed as people draw it: «Факт» over the years, the other headings merged down."""
    xlsx(
        path,
        [
            ["№", "Партнерство", "Показатель", "Факт", None, "Примечание"],
            [None, None, None, 2025, 2026, None],
            *[[n, r[0], r[1], None, r[3], r[4]] for n, r in enumerate(BY_ID, start=1)],
        ],
        above=2,
    )
    wb = openpyxl.load_workbook(path)
    for cells in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4"):
        wb.active.merge_cells(cells)
    wb.save(path)
    return path


LAYOUTS = {
    "long table with ids": lambda d: xlsx(
        d / "a.xlsx", [["partnership", "indicator", "period", "value", "note"], *BY_ID]
    ),
    "long table under a title row": lambda d: xlsx(d / "a.xlsx", [RU, *BY_ID], above=2),
    "Russian headers, columns in another order": lambda d: xlsx(
        d / "a.xlsx",
        [[RU[4], RU[3], RU[1], "Ед. изм.", RU[2], RU[0]], *[[r[4], r[3], r[1], "чел.", r[2], r[0]] for r in BY_ID]],
    ),
    "Kazakh headers": lambda d: xlsx(d / "a.xlsx", [KK, *BY_ID], title="Парақ1"),
    "names instead of ids": lambda d: xlsx(d / "a.xlsx", [RU, *BY_NAME]),
    "wide layout": lambda d: xlsx(
        d / "a.xlsx",
        [
            ["Партнерство", "Наименование показателя", "Ед. изм.", "План 2026", "2025", "Факт 2026", "Примечание 2026"],
            [TARAZ, "Численность обучающихся по двудипломным программам", "чел.", 110, None, 104, None],
            [TARAZ, "Количество ППС, привлеченного от Партнера", "чел.", 12, None, "12,5", None],
            [TARAZ, "publications", "ед.", 8, None, 9, NOTE],
            [TARAZ, "projects", "ед.", 3, None, None, None],  # nothing given: the data file's actual stays
            [NKU, "employment", "%", 80, None, 78.5, None],
        ],
        above=1,
    ),
    "two header rows with merged cells": lambda d: two_header_rows(d / "a.xlsx"),
    "cp1251 CSV": lambda d: csv(
        d / "a.csv", [RU, BY_NAME[0], [BY_NAME[0][0], *BY_NAME[1][1:]], BY_ID[2], BY_ID[3]], encoding="cp1251"
    ),
    "semicolon CSV with decimal commas": lambda d: csv(
        d / "a.csv", [RU, *[[*r[:3], str(r[3]).replace(".", ","), r[4]] for r in BY_ID]]
    ),
    "comma CSV under a title line": lambda d: (
        d.joinpath("a.csv").write_text(
            "Факт 2026\n\npartnership,indicator,period,value,note\n"
            + "".join(f'{r[0]},{r[1]},{r[2]},"{str(r[3]).replace(".", ",")}",{r[4] or ""}\n' for r in BY_ID),
            encoding="utf-8-sig",
        )
        and d / "a.csv"
    ),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_gives_the_same_actuals(tmp_path, layout):
    assert resolved(LAYOUTS[layout](tmp_path)) == EXPECTED


def test_a_sheet_per_partnership_named_after_it(tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for pid in (TARAZ, NKU):
        ws = wb.create_sheet(pid)
        ws.append(["Показатель", "Период", "Факт", "Примечание"])
        for row in BY_ID:
            if row[0] == pid:
                ws.append(row[1:])
    wb.save(tmp_path / "a.xlsx")
    assert resolved(tmp_path / "a.xlsx") == EXPECTED


@pytest.mark.parametrize("name", [path.stem for path in EXAMPLES])
def test_reports_from_the_data_file_and_from_an_equivalent_xlsx_are_identical(tmp_path, name):
    p = example(name)
    rows = [
        [
            p.id,
            indicator,
            int(pr.id) if pr.id.isdigit() else pr.id,
            f">{a.value}" if a.more_than else a.value,  # a lower bound as staff type it: ">400"
            *(getattr(a.note, lg) if a.note else None for lg in LANGS),
        ]
        for pr in p.periods
        for indicator, a in pr.actuals.items()
    ]
    table = actuals.read_actuals(xlsx(tmp_path / "a.xlsx", [HEADER, *rows]))
    empty = p.model_copy(update={"periods": [pr.model_copy(update={"actuals": {}}) for pr in p.periods]})
    from_sheet = actuals.apply_actuals(empty, table)
    for t in documents.targets(p, kinds_=["report"]):
        assert documents.render_document(from_sheet, "report", lang=t.lang, period=t.period) == rendered(
            name, "report", t.lang, t.period
        )


def test_sample_csv_fills_a_missing_actual_and_keeps_the_rest():
    p = example(TARAZ)
    q = actuals.apply_actuals(p, actuals.read_actuals(SAMPLE))
    old, new = p.periods[1].actuals, q.periods[1].actuals
    assert old["student-mobility"].value is None and new["student-mobility"].value == D(19)
    assert new["student-mobility"].note == Text(
        kk="визалық кідірістер сақталды", ru="сохраняются задержки с визами", en="visa delays persisted"
    )
    assert q.periods[0] == p.periods[0]  # 2025 is not in the sheet
    assert p.periods[1].actuals["student-mobility"].value is None  # the input model is untouched


def test_sample_csv_applies_to_every_example():
    loaded = [example(path.stem) for path in EXAMPLES]
    applied, warnings = actuals.load(SAMPLE, loaded)
    assert [p.id for p in applied] == [p.id for p in loaded]
    [warning] = warnings  # zkmu-poznan's survey: a note without a value is no data, never 0
    assert (warning.path, warning.line, warning.field) == (str(SAMPLE), 10, "value (column D)")
    survey = next(pr for pr in applied[-1].periods if pr.id == "2026-H1").actuals["patient-satisfaction"]
    assert survey.value is None and survey.note is not None


def test_empty_cells_give_nothing_and_never_erase_the_data_files_actual(tmp_path):
    path = csv(tmp_path / "a.csv", [RU, [TARAZ, "students", 2025, None, None], [TARAZ, "projects", 2026, 3, None]])
    [q], warnings = actuals.load(path, [example(TARAZ)])
    assert q.periods[0].actuals["students"] == example(TARAZ).periods[0].actuals["students"]
    assert q.periods[1].actuals["projects"].value == D(3) and warnings == ()


def test_percent_cells_merged_cells_and_hidden_sheets(tmp_path):
    path = xlsx(
        tmp_path / "a.xlsx",
        [
            ["Партнерство", "Показатель", "Период", "Факт"],
            [TARAZ, "employment", 2025, 0.85],
            [None, "students", 2025, 47],
        ],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["D2"].number_format = "0%"
    ws.merge_cells("A2:A3")  # the partnership written once for its rows
    hidden = wb.create_sheet("old")
    hidden.append(["partnership", "indicator", "period", "value"])
    hidden.append([TARAZ, "employment", 2025, "garbage"])
    hidden.sheet_state = "hidden"
    wb.create_sheet("Нұсқаулық", 0).append(["Толтыру тәртібі"])  # no header: skipped
    wb.save(path)
    given = resolved(path)
    assert given == {
        (TARAZ, "employment", "2025"): Actual(value=D(85)),
        (TARAZ, "students", "2025"): Actual(value=D(47)),
    }


def test_every_problem_at_once_in_russian_each_on_its_own_row(tmp_path):
    # fmt: off
    path = xlsx(tmp_path / "bad.xlsx", [
        HEADER,
        [TARAZ, "students", 2025, 47, None, None, None],            # 2: fine
        ["taraz-mendelev", "students", 2025, 47, None, None, None],  # 3: unknown partnership
        [TARAZ, "studnets", 2025, 47, None, None, None],             # 4: unknown indicator
        [TARAZ, "students", 2031, 47, None, None, None],             # 5: unknown period
        [TARAZ, "projects", 2025, "двенадцать", None, None, None],   # 6: not a number
        [TARAZ, "students", "2025", 48, None, None, None],           # 7: given twice (row 2)
        [TARAZ, "projects", 2026, 1, None, "только ru", None],       # 8: note lacks kk and en
        [None, "projects", 2026, 1, None, None, None],               # 9: no partnership
        [TARAZ, "Доля", 2026, 1, None, None, None],                  # 10: fits nothing
        [TARAZ, "projects", 2026, "1,0.5", None, None, None],        # 11: a comma and a point
    ], title="Факт")
    # fmt: on
    with pytest.raises(InputError) as caught:
        actuals.load(path, [example(TARAZ)], lang="ru")
    found = [(pr.line, pr.field) for pr in caught.value.problems]
    assert found == [
        (3, "partnership (столбец A)"),
        (4, "indicator (столбец B)"),
        (5, "period (столбец C)"),
        (6, "value (столбец D)"),
        (7, "indicator (столбец B)"),
        (8, "note_kk (столбец E)"),
        (8, "note_en (столбец G)"),
        (9, "partnership (столбец A)"),
        (10, "indicator (столбец B)"),
        (11, "value (столбец D)"),
    ]
    assert all(pr.path == f"{path}:Факт" for pr in caught.value.problems)
    text = str(caught.value)
    assert (
        "партнерства «taraz-mendelev» нет среди указанных файлов данных; возможно, имелось в виду «taraz-mendeleev»?"
        in text
    )
    assert "у партнерства «taraz-mendeleev» нет показателя «studnets»; возможно, имелось в виду «students»?" in text
    assert "нет отчетного периода «2031» (его периоды: 2025, 2026)" in text
    assert "не число: «двенадцать»" in text
    assert "повтор: показатель «students» партнерства «taraz-mendeleev» за 2025 уже указан в строке 2" in text
    assert "нет текста на английском языке" in text and "пусто: укажите партнерство" in text
    assert "есть и запятая, и точка" in text
    for problem in caught.value.problems:  # Russian words only, besides the values and ids quoted
        assert not re.search(r"[A-Za-z]", re.sub(r"«[^»]*»|`[^`]*`|коды: [^)]*", "", problem.message)), problem.message


def test_one_bad_row_blocks_its_partnership_only_and_reports_itself_only(tmp_path):
    rows = [
        [p, i, 2026, 1, None]
        for p, i in [(TARAZ, "students"), (TARAZ, "projects"), (NKU, "students"), (NKU, "projects")]
    ]
    rows[1][3] = "twelve"
    table = actuals.read(xlsx(tmp_path / "a.xlsx", [RU, *rows]))
    resolution = actuals.resolve(table, [example(TARAZ), example(NKU)])
    assert resolution.stray == ()
    [problem] = resolution.blocked[TARAZ]
    assert (problem.line, problem.field) == (3, "Факт (column D)") and "'twelve'" in problem.message
    assert NKU not in resolution.blocked
    nku = actuals.apply(example(NKU), resolution)
    assert next(pr for pr in nku.periods if pr.id == "2026").actuals["projects"].value == D(1)
    with pytest.raises(InputError) as caught:
        actuals.apply(example(TARAZ), resolution)
    assert caught.value.problems == [problem]


def test_rows_of_partnerships_not_given_are_left_alone_with_one_warning(tmp_path):
    rows = [
        [TARAZ, "students", 2026, 1],
        ["astana-jv", "students", 2026, 5],
        ["astana-jv", "publications", 2026, "много"],  # not an error: astana-jv is not rendered here
        ["astana-jv", "students", 2025, 4],
        ["broken-file", "x", 2026, 1],  # its data file did not load: said already
        ["astana-jv", "projects", 2025, 4],
    ]
    table = actuals.read(xlsx(tmp_path / "a.xlsx", [RU, *rows]))
    resolution = actuals.resolve(table, [example(TARAZ)], skip=["broken-file"])
    assert resolution.problems == []
    [warning] = resolution.warnings
    assert (warning.line, warning.field) == (3, "Партнерство (column A)")
    assert warning.message == (
        "the partnership 'astana-jv' is not among the data files given: 4 rows left alone (3–5, 7)"
    )
    # A name close to a partnership given is a typo, not another partnership.
    typo = actuals.read(xlsx(tmp_path / "b.xlsx", [RU, ["taraz-mendelev", "students", 2026, 1]]))
    [stray] = actuals.resolve(typo, [example(TARAZ)]).stray
    assert stray.message.endswith("is not among the data files given; did you mean 'taraz-mendeleev'?")


def test_an_ambiguous_name_asks_for_the_id(tmp_path):
    twin = example(TARAZ).model_copy(update={"id": "taraz-second"})
    table = actuals.read(
        xlsx(tmp_path / "a.xlsx", [KK, ["Таразский университет имени М.Х. Дулати", "students", 2026, 1]])
    )
    [problem] = actuals.resolve(
        table,
        [example(TARAZ), twin],
    ).stray
    assert problem.message == (
        "'Таразский университет имени М.Х. Дулати' fits several partnerships (taraz-mendeleev, taraz-second): "
        "write the partnership's id instead"
    )


def test_a_sheet_named_after_no_partnership_is_said_once(tmp_path):
    path = xlsx(
        tmp_path / "a.xlsx",
        [["Көрсеткіш", "Кезең", "Нақты мәні"], ["students", 2026, 1], ["projects", 2026, 2]],
        title="Парақ1",
    )
    with pytest.raises(InputError) as caught:
        actuals.load(path, [example(TARAZ)], lang="kk")
    [problem] = caught.value.problems
    assert (
        problem.field == "парақ атауы" and "парақ атауы «Парақ1» ешбір әріптестікке сәйкес келмейді" in problem.message
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["a", "b"], [1, 2]], "no sheet has a row naming its columns"),
        ([["Показатель", "Факт"], ["students", 1]], "row 1 names the columns «Показатель», «Факт» but not the period"),
        (
            [["Партнерство", "Показатель", "Период", "Примечание"], [TARAZ, "students", 2026, "x"]],
            "none for the actual value",
        ),
    ],
)
def test_a_header_that_lacks_a_column_says_which(tmp_path, rows, message):
    with pytest.raises(InputError, match=message):
        actuals.read(xlsx(tmp_path / "a.xlsx", rows))


def test_file_problems_in_kazakh(tmp_path):
    with pytest.raises(InputError, match=r"«\.ods» файлы оқылмайды: Excel-де ашып"):
        actuals.read(tmp_path / "a.ods", lang="kk")
    with pytest.raises(InputError, match="мұндай файл жоқ"):
        actuals.read(tmp_path / "missing.xlsx", lang="kk")
    (tmp_path / "fake.xlsx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match=r"бұл Excel кітабы \(\.xlsx\) емес"):
        actuals.read(tmp_path / "fake.xlsx", lang="kk")


def test_a_resolution_travels_to_worker_processes_intact():
    import pickle

    resolution = actuals.resolve(actuals.read(SAMPLE), [example(p.stem) for p in EXAMPLES])
    assert resolution.actuals and resolution.warnings
    assert pickle.loads(pickle.dumps(resolution)) == resolution


def test_a_note_in_a_wide_sheet_goes_with_the_rows_one_value(tmp_path):
    rows = [
        ["Показатель", "Факт 2025", "Факт 2026", "Примечание"],
        ["students", None, 104, "предварительно"],  # one value: the note is 2026's
        ["projects", 1, 2, "оценка"],  # two values: which period's note?
    ]
    table = actuals.read(xlsx(tmp_path / "a.xlsx", rows, title=TARAZ))
    entry = table.entries[0]
    assert (entry.indicator, entry.period) == ("students", "2026")
    assert entry.actual.note == Text(kk="предварительно", ru="предварительно", en="предварительно")
    [bad] = table.bad
    [problem] = bad.problems
    assert (problem.line, problem.field) == (3, "Примечание (column D)")
    assert "several periods (or none), so it is unclear which one the note 'Примечание' belongs to" in problem.message
    resolution = actuals.resolve(table, [example(TARAZ)])
    assert resolution.blocked[TARAZ] == (problem,)  # the row's partnership waits for the note to be placed


# Spending on budget lines (funding.budget), as people keep it: by id or by the line's name.
KAZNMU = "kaznmu-duke"
SPENT = {
    (KAZNMU, "consulting-2025", "2025"): Spending(amount=D("171250.5")),
    (KAZNMU, "internships-2025", "2025"): Spending(
        amount=D(60000000), note=Text(kk="акт 15.01", ru="акт 15.01", en="акт 15.01")
    ),
    (NKU, "fees-2025", "2025"): Spending(amount=D(350000)),
}
# partnership, budget line, period, currency, amount, note
SPENT_BY_ID = [
    [KAZNMU, "consulting-2025", 2025, "USD", "171 250,50", None],
    [KAZNMU, "internships-2025", 2025, "KZT", 60000000, "акт 15.01"],
    [NKU, "fees-2025", 2025, "USD", 350000, None],
]
SPENT_BY_NAME = [
    ["Университет Дьюка", "Консалтинговые услуги экспертов Партнера", 2025, "$", 171250.5, None],
    [KAZNMU, "Университет қызметкерлерінің Серіктес базасындағы тағылымдамалары", 2025, "₸", 6e7, "акт 15.01"],
    ["University of Arizona", "Fees for the Partner's academic services", "2025", None, "350000", None],
]
SPENT_RU = ["Партнерство", "Статья бюджета", "Период", "Валюта", "Сумма (план)", "Израсходовано", "Примечание"]


def spent_rows(rows: list[list[object]]) -> list[list[object]]:
    """Return spending rows under ``SPENT_RU`` (a plan column people keep beside the amount)."""
    return [[*r[:4], 1, *r[4:]] for r in rows]


def resolved_spending(path: Path, lang: str = "en") -> dict[tuple[str, str, str], Spending]:
    resolution = actuals.resolve(actuals.read(path, lang=lang), [example(p.stem) for p in EXAMPLES])
    assert resolution.problems == []
    return {
        (p, line, pr): s
        for p, by in resolution.spending.items()
        for pr, given in by.items()
        for line, s in given.items()
    }


SPENDING_LAYOUTS = {
    "Russian headers under a title row": lambda d: xlsx(d / "a.xlsx", [SPENT_RU, *spent_rows(SPENT_BY_ID)], above=2),
    "names in kk, ru and en, signs for currencies": lambda d: xlsx(
        d / "a.xlsx", [SPENT_RU, *spent_rows(SPENT_BY_NAME)]
    ),
    "Kazakh headers": lambda d: xlsx(
        d / "a.xlsx",
        [["Әріптестік", "Бюджет бабы", "Кезең", "Валюта", "Жұмсалған сома", "Ескертпе"], *SPENT_BY_ID],
    ),
    "English headers, semicolon CSV": lambda d: csv(
        d / "a.csv", [["Partnership", "Budget line", "Year", "Currency", "Amount spent", "Note"], *SPENT_BY_ID]
    ),
    "wide: a row per line, a column per period": lambda d: xlsx(
        d / "a.xlsx",
        [
            ["Партнерство", "Статья расходов", "План 2025", "Факт 2025", "Примечание 2025"],
            *[[r[0], r[1], 1, r[4], r[5]] for r in SPENT_BY_ID],
        ],
    ),
    "the financing table under the indicators, on the same sheet": lambda d: xlsx(
        d / "a.xlsx",
        [
            RU,
            [TARAZ, "students", 2026, 104, None],
            [],
            ["Расходы по статьям бюджета"],
            SPENT_RU,
            *spent_rows(SPENT_BY_ID),
        ],
    ),
    "one table: an indicator or a budget line per row": lambda d: xlsx(
        d / "a.xlsx",
        [
            ["Партнерство", "Показатель", "Статья бюджета", "Период", "Факт", "Примечание"],
            [TARAZ, "students", None, 2026, 104, None],
            *[[r[0], None, r[1], r[2], r[4], r[5]] for r in SPENT_BY_ID],
        ],
    ),
}


@pytest.mark.parametrize("layout", list(SPENDING_LAYOUTS))
def test_every_layout_gives_the_same_spending(tmp_path, layout):
    path = SPENDING_LAYOUTS[layout](tmp_path)
    assert resolved_spending(path) == SPENT
    if "indicator" in layout:  # the indicators' rows are read as before
        assert resolved(path) == {(TARAZ, "students", "2026"): Actual(value=D(104))}


def test_spending_replaces_the_data_files_for_its_line_and_period_only(tmp_path):
    path = xlsx(tmp_path / "a.xlsx", [SPENT_RU, *spent_rows(SPENT_BY_ID[1:2])])
    [q], warnings = actuals.load(path, [example(KAZNMU)])
    before, after = example(KAZNMU).periods[0].spending, q.periods[0].spending
    assert after["internships-2025"] == SPENT[(KAZNMU, "internships-2025", "2025")]  # value and note
    assert before["internships-2025"].note.ru == "две стажировки перенесены на 2026 год"
    assert after["consulting-2025"] == before["consulting-2025"]  # not in the sheet: the data file's stays
    assert q.periods[1] == example(KAZNMU).periods[1] and q.periods[0].actuals == example(KAZNMU).periods[0].actuals
    assert warnings == ()
    # a note without an amount is "no data", with the note, and a warning
    path = xlsx(tmp_path / "b.xlsx", [SPENT_RU, [KAZNMU, "consulting-2025", 2025, "USD", 1, None, "акт не подписан"]])
    [q], [warning] = actuals.load(path, [example(KAZNMU)], lang="ru")
    assert q.periods[0].spending["consulting-2025"].amount is None
    assert (warning.line, warning.field) == (2, "Израсходовано (столбец F)")
    assert "значение пустое, дано только примечание" in warning.message


def test_spending_problems_at_once_in_russian_each_on_its_own_row(tmp_path):
    # fmt: off
    path = xlsx(tmp_path / "bad.xlsx", [
        SPENT_RU,
        [KAZNMU, "consulting-2025", 2025, "USD", 1, 100, None],           # 2: fine
        [KAZNMU, "consulting-2052", 2025, "USD", 1, 100, None],           # 3: unknown line, did you mean
        [KAZNMU, "consulting-2026", 2025, "USD", 1, 100, None],           # 4: a line of 2026
        [NKU, "Именные стипендии", 2026, "KZT", 1, 100, None],            # 5: a line without an id
        [KAZNMU, "internships-2025", 2025, "USD", 1, 100, None],          # 6: planned in KZT
        [KAZNMU, "research-2026", 2026, "KZT", 1, ">100", None],          # 7: a bound
        [KAZNMU, "consulting-2026", 2026, "USD", 1, "−5", None],          # 8: below 0
        [KAZNMU, "Консалтинговые услуги экспертов Партнера", 2025, "USD", 1, 7, None],  # 9: twice (row 2)
        [KAZNMU, None, 2025, "USD", 1, 7, None],                          # 10: no line
    ], title="Расходы")
    # fmt: on
    with pytest.raises(InputError) as caught:
        actuals.load(path, [example(KAZNMU), example(NKU)], lang="ru")
    found = [(pr.line, pr.field) for pr in caught.value.problems]
    assert found == [
        (3, "Статья бюджета (столбец B)"),
        (4, "Статья бюджета (столбец B)"),
        (5, "Статья бюджета (столбец B)"),
        (6, "Валюта (столбец D)"),
        (7, "Израсходовано (столбец F)"),
        (8, "Израсходовано (столбец F)"),
        (9, "Статья бюджета (столбец B)"),
        (10, "Статья бюджета (столбец B)"),
    ]
    text = str(caught.value)
    assert (
        "у партнерства «kaznmu-duke» нет статьи бюджета «consulting-2052» на период 2025; "
        "возможно, имелось в виду «consulting-2025»?" in text
    )
    assert "статья бюджета «consulting-2026» запланирована на 2026 год: в отчет за период 2025 она не входит" in text
    assert (
        "у статьи бюджета «Именные стипендии» нет кода (`id`)" in text
        and "статье № 4 в списке `funding.budget`" in text
    )
    assert (
        "статья бюджета «internships-2025» запланирована в валюте «KZT»: укажите израсходованную сумму в «KZT»" in text
    )
    assert "напишите ее без знака «>»" in text and "не может быть меньше 0" in text
    assert (
        "повтор: расходы по статье «consulting-2025» партнерства «kaznmu-duke» за 2025 уже указаны в строке 2" in text
    )
    assert "пусто: укажите код или название статьи бюджета" in text
    for problem in caught.value.problems:  # Russian words only, besides the values and ids quoted
        assert not re.search(r"[A-Za-z]", re.sub(r"«[^»]*»|`[^`]*`|коды: [^)]*", "", problem.message)), problem.message


def test_spending_problems_in_kazakh_and_a_row_naming_both(tmp_path):
    path = xlsx(
        tmp_path / "a.xlsx",
        [
            ["Әріптестік", "Көрсеткіш", "Бюджет бабы", "Кезең", "Нақты мәні"],
            [KAZNMU, "sops", "consulting-2025", 2025, 1],  # which one?
            [KAZNMU, None, None, 2025, 1],  # neither
            [KAZNMU, None, "consulting-2025", 2025, "бір"],
        ],
    )
    with pytest.raises(InputError) as caught:
        actuals.load(path, [example(KAZNMU)], lang="kk")
    messages = [(pr.line, pr.field, pr.message) for pr in caught.value.problems]
    assert messages == [
        (
            2,
            "Бюджет бабы (C бағаны)",
            "жолда әрі «sops» көрсеткіші, әрі «consulting-2025» бюджет бабы көрсетілген: бір жол не көрсеткіштің "
            "нақты мәнін, не бап бойынша шығысты береді; оларды бөлек жолдарға жазыңыз",
        ),
        (3, "Көрсеткіш (B бағаны)", "бос: көрсеткішті немесе бюджет бабын жазыңыз (кодын немесе атауын)"),
        (4, "Нақты мәні (E бағаны)", "сан емес: «бір»; тек цифрларды жазыңыз, мысалы 12,5"),
    ]


def test_a_bad_spending_row_blocks_its_partnership_only(tmp_path):
    rows = [*spent_rows(SPENT_BY_ID), [KAZNMU, "research-2026", 2026, "KZT", 1, "много", None]]
    resolution = actuals.resolve(
        actuals.read(xlsx(tmp_path / "a.xlsx", [SPENT_RU, *rows])), [example(KAZNMU), example(NKU)]
    )
    [problem] = resolution.blocked[KAZNMU]
    assert problem.line == 5 and "'много'" in problem.message and NKU not in resolution.blocked
    nku = actuals.apply(example(NKU), resolution)
    assert nku.periods[0].spending["fees-2025"] == SPENT[(NKU, "fees-2025", "2025")]
    with pytest.raises(InputError):
        actuals.apply(example(KAZNMU), resolution)


def test_a_plan_column_named_like_the_amount_is_not_the_amount():
    h = tables.header(["Статья", "Сумма (план)", "Сумма, тенге", "Период"], 1)
    assert [c.label for c in h.columns("value")] == ["Сумма, тенге"]
    assert h.one("line").label == "Статья" and not h.missing()


def test_a_resolution_with_spending_travels_to_worker_processes_intact(tmp_path):
    import pickle

    path = xlsx(tmp_path / "a.xlsx", [SPENT_RU, *spent_rows(SPENT_BY_ID)])
    resolution = actuals.resolve(actuals.read(path), [example(KAZNMU), example(NKU)])
    assert resolution.spending
    assert pickle.loads(pickle.dumps(resolution)) == resolution
