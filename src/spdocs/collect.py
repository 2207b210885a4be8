"""The collection workbook: the XLSX staff fill in with indicator actuals and spending, read back by ``--actuals``.

One sheet per partnership, not one long sheet with a block per partnership: each sheet is a
form complete in itself — whose it is (title rows), its indicators grouped by priority area
as in the report, plan beside the cell to fill — that prints as its own pages, can be handed
to the partnership's responsible person (Move or Copy) and pasted back, and whose tab says
where one is. With hundreds of partnerships, the contents sheet links to each sheet and
counts the cells filled on it.

Under the indicators, a financing table of its own (its own header row, read back as a
second table by `spdocs.tables.blocks`): a row per budget line the period reports on — the
lines of the years it covers and those planned for the whole term — with its funding source,
name, currency and planned amount, and the amount actually spent to fill in, in the line's
currency. A line without an id cannot carry spending (``periods[].spending`` is keyed by it):
it is left out, and the command says so.

Only the actual and note cells are open; the rest is locked by sheet protection without a
password (so that a figure cannot land beside another indicator, yet anyone may unprotect),
formatting, filtering and sorting stay allowed. Actual cells take numbers only (Excel data
validation: ≥ 0, and 0–100 where the unit is %). The partnership, indicator (or budget line)
and period ids sit in hidden columns of each row, so reading back is exact whatever the user renamed,
re-sorted or re-coloured. The first sheet tells how to fill it in, in kk, ru and en.

Same input, same bytes: no clock is read (the workbook's dates are the latest period end).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from spdocs import analysis, financing
from spdocs.errors import InputError
from spdocs.formatting import date_forms
from spdocs.messages import say
from spdocs.model import LANGS, BudgetItem, Indicator, Lang, Partnership, Period
from spdocs.xlsx import package, put

HEADER_ROW = 5
COLUMNS: tuple[tuple[str, float], ...] = (  # key, width in characters
    ("number", 5),
    ("area", 22),
    ("indicator", 56),
    ("unit", 11),
    ("period", 10),
    ("plan", 11),
    ("actual", 13),
    ("note", 42),
)
# The financing table's columns, over the same letters: what it shows differs, not where.
MONEY_COLUMNS = ("number", "source", "line", "currency", "period", "plan", "actual", "note")
# Read back by spdocs.tables: these headers name the id columns in every language.
HIDDEN = ("partnership_id", "indicator_id", "period_id")
MONEY_HIDDEN = ("partnership_id", "budget_line_id", "period_id")
_FILL = "FFF2CC"  # the cells to fill: light yellow
_HEAD = "E7E6E6"


@dataclass(frozen=True)
class Line:
    """One indicator × period to fill in."""

    indicator: Indicator
    area: str  # the area's name in the workbook's language
    period: Period
    plan: Decimal | None

    @property
    def percent(self) -> bool:
        """Return whether the indicator is measured in percent (then 0–100 is valid)."""
        return any("%" in self.indicator.unit.get(lang) for lang in LANGS)


@dataclass(frozen=True)
class Made:
    """A partnership's sheet as written: its name, periods, row counts and where the financing table starts."""

    partnership: Partnership
    name: str
    periods: Sequence[str]
    indicators: int
    lines: int
    money_header: int | None  # the financing table's header row, if the sheet has one

    def filled(self) -> str | int:
        """Return the formula that counts the actual cells filled in on the sheet (0 if there are none)."""
        quoted = "'" + self.name.replace("'", "''") + "'"
        ranges = [(HEADER_ROW + 1, HEADER_ROW + self.indicators)] if self.indicators else []
        if self.money_header is not None:
            ranges.append((self.money_header + 1, self.money_header + self.lines))
        return "=" + "+".join(f"COUNT({quoted}!G{a}:G{b})" for a, b in ranges) if ranges else 0


@dataclass(frozen=True)
class Spend:
    """One budget line × period to fill in with the amount spent."""

    number: int  # the line's number in the agreement's budget
    item: BudgetItem
    period: Period


def spending_lines(p: Partnership, periods: Sequence[str]) -> list[Spend]:
    """Return the financing rows of a partnership's sheet: each period's budget lines that have an id."""
    return [
        Spend(number, item, pr)
        for pr in p.periods
        if pr.id in periods
        for number, item in financing.items(p, pr)
        if item.id is not None
    ]


def unnamed_lines(p: Partnership, periods: Sequence[str]) -> list[int]:
    """Return the numbers of the budget lines the periods report on that have no id (left out: see above)."""
    return sorted({n for pr in p.periods if pr.id in periods for n, item in financing.items(p, pr) if item.id is None})


def select(
    partnerships: Sequence[Partnership], periods: Sequence[str]
) -> tuple[list[tuple[Partnership, list[str]]], list[Partnership]]:
    """Return the partnerships that have one of ``periods`` (with those periods), and those that have none."""
    chosen, left_out = [], []
    for p in partnerships:
        own = [pr.id for pr in p.periods if pr.id in periods]
        if own:
            chosen.append((p, own))
        else:
            left_out.append(p)
    return chosen, left_out


def lines(p: Partnership, periods: Sequence[str], *, lang: Lang) -> list[Line]:
    """Return the rows of a partnership's sheet: each period, its indicators grouped by area as in the report."""
    out = []
    for pr in p.periods:
        if pr.id not in periods:
            continue
        for area in analysis.areas_of(p):
            for i in p.indicators:
                if i.area == area.id:
                    out.append(Line(i, area.name.get(lang), pr, i.targets.get(pr.id)))
    return out


def workbook(chosen: Sequence[tuple[Partnership, Sequence[str]]], *, lang: Lang, command: str = "") -> bytes:
    """Return the collection workbook (XLSX bytes) for ``chosen`` partnerships and their periods.

    :param chosen: partnerships with the ids of the periods to collect (see `select`)
    :param lang: language of the sheets (the instructions are in every language)
    :param command: the ``spdocs render …`` command that reads the workbook back, for the instructions
    """
    from openpyxl import Workbook

    wb = Workbook()
    periods = sorted({pr for _, prs in chosen for pr in prs})
    shown = ", ".join(periods)
    names = _sheet_names(
        [p.id for p, _ in chosen], reserved=[say(f"collect.sheet.{s}", lang) for s in ("instructions", "contents")]
    )
    _instructions(wb.active, lang=lang, period=shown, command=command)
    contents = wb.create_sheet(say("collect.sheet.contents", lang))
    entries = []
    for (p, prs), name in zip(chosen, names):
        ws = wb.create_sheet(name)
        rows = lines(p, prs, lang=lang)
        spends = spending_lines(p, prs)
        _form(ws, p, rows, lang=lang)
        money_header = _financing(ws, p, spends, lang=lang, after=HEADER_ROW + len(rows)) if spends else None
        entries.append(Made(p, name, prs, len(rows), len(spends), money_header))
    _contents(contents, entries, lang=lang)
    wb.calculation.fullCalcOnLoad = True  # the contents' counts have no cached values
    ends = [pr.end for p, prs in chosen for pr in p.periods if pr.id in prs]
    stamp = dt.datetime.combine(max(ends, default=dt.date(2000, 1, 1)), dt.time())
    wb.properties.title = say("collect.title", lang, period=shown)
    return package(wb, stamp=stamp)


@dataclass(frozen=True)
class Collected:
    """What `collect_files` made: the workbook (``None`` if no partnership has the periods), and what it left out."""

    workbook: bytes | None
    sheets: int
    cells: int
    left_out: list[tuple[Path, Partnership]]  # no period asked for
    failed: list[tuple[Path, InputError]]  # the data file does not load
    unnamed: list[tuple[Path, Partnership, list[int]]] = field(default_factory=list)  # numbers of lines without id


def collect_files(
    files: Sequence[Path],
    periods: Sequence[str],
    *,
    lang: Lang,
    command: str = "",
    progress: Callable[[str], None] | None = None,
) -> Collected:
    """Load the data ``files`` and return the collection workbook of those that have one of ``periods``.

    ``progress`` gets a step per data file loaded.
    """
    from spdocs.progress import load_all

    loaded, failed = load_all(files, progress, lang=lang)
    chosen, left_out = select([p for _, p in loaded], periods)
    source = {p.id: path for path, p in loaded}
    cells = sum(len(lines(p, prs, lang=lang)) + len(spending_lines(p, prs)) for p, prs in chosen)
    data = workbook(chosen, lang=lang, command=command) if chosen else None
    unnamed = [(source[p.id], p, numbers) for p, prs in chosen if (numbers := unnamed_lines(p, prs))]
    return Collected(data, len(chosen), cells, [(source[p.id], p) for p in left_out], failed, unnamed)


def _sheet_names(ids: Sequence[str], *, reserved: Sequence[str]) -> list[str]:
    """Return a sheet name per id: the id, cut to Excel's 31 characters and made unique."""
    taken = {r.casefold() for r in reserved}
    out = []
    for pid in ids:
        name, n = pid[:31], 1
        while name.casefold() in taken:
            n += 1
            name = f"{pid[: 31 - len(str(n)) - 1]}~{n}"
        taken.add(name.casefold())
        out.append(name)
    return out


def _form(ws: Any, p: Partnership, rows: list[Line], *, lang: Lang) -> None:
    """Fill one partnership's sheet: title rows, the header, a row per indicator, validation, protection."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.protection import SheetProtection

    from spdocs.terms import terms

    last_visible = get_column_letter(len(COLUMNS))
    kz, foreign = p.parties.kazakhstani, p.parties.foreign
    ids = {line.period.id for line in rows}
    periods = [pr for pr in p.periods if pr.id in ids]
    signed = date_forms(p.agreement.date, lang=lang)["numeric"]
    doc = terms(lang).agreement.doc[p.agreement.type].nom
    titles = [
        (say("collect.title", lang, period=", ".join(pr.id for pr in periods)), Font(bold=True, size=13)),
        (f"{kz.short_name.get(lang)} – {foreign.short_name.get(lang)}", Font(bold=True)),
        (
            "; ".join(
                [say("collect.agreement", lang, number=p.agreement.number, date=signed, doc=doc)]
                + [
                    say(
                        "collect.period",
                        lang,
                        period=pr.id,
                        start=date_forms(pr.start, lang=lang)["numeric"],
                        end=date_forms(pr.end, lang=lang)["numeric"],
                        due=date_forms(pr.due, lang=lang)["numeric"],
                    )
                    for pr in periods
                ]
            ),
            Font(italic=True),
        ),
    ]
    width = sum(w for _, w in COLUMNS)
    for r, (text, font) in enumerate(titles, start=1):
        cell = put(ws, r, 1, text)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(f"A{r}:{last_visible}{r}")
        ws.row_dimensions[r].height = 16 * _lines(text, width) + 2
    headings = [say(f"collect.header.{key}", lang) for key, _ in COLUMNS] + list(HIDDEN)
    _header_row(ws, HEADER_ROW, headings)

    numbers = _validation(DataValidation, lang, kind="number")
    percents = _validation(DataValidation, lang, kind="percent")
    fill = PatternFill("solid", fgColor=_FILL)
    for n, line in enumerate(rows, start=1):
        r = HEADER_ROW + n
        values = [
            n,
            line.area,
            line.indicator.name.get(lang),
            line.indicator.unit.get(lang),
            line.period.id,
            line.plan,
            None,
            None,
            p.id,
            line.indicator.id,
            line.period.id,
        ]
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            cell.border = _border()
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if c in (1, 5) else None)
            key = COLUMNS[c - 1][0] if c <= len(COLUMNS) else "id"
            if key in ("actual", "note"):
                cell.fill = fill
                cell.protection = Protection(locked=False)
            if key in ("plan", "actual"):
                cell.number_format = "#,##0.###"
        (percents if line.percent else numbers).add(f"G{r}")
        ws.row_dimensions[r].height = 15 * max(_lines(line.indicator.name.get(lang), 56), _lines(line.area, 22)) + 3
    for dv in (numbers, percents):
        if dv.sqref:
            ws.add_data_validation(dv)

    last = HEADER_ROW + len(rows)
    for i, (_, w) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for i in range(len(COLUMNS) + 1, len(headings) + 1):
        ws.column_dimensions[get_column_letter(i)].hidden = True
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_visible}{max(last, HEADER_ROW + 1)}"
    ws.protection = SheetProtection(
        sheet=True, formatCells=False, formatColumns=False, formatRows=False, sort=False, autoFilter=False
    )
    _print_setup(ws, landscape=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last_visible}{last}"
    ws.oddFooter.left.text = p.id
    ws.oddFooter.right.text = "&P / &N"


def _financing(ws: Any, p: Partnership, rows: list[Spend], *, lang: Lang, after: int) -> int:
    """Add the financing table under the indicators (a heading, its header, a row per budget line);
    return its header row."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from spdocs.terms import terms

    funding = terms(lang).funding
    # Not merged: a merged heading would fill the Actual column of its row with text.
    put(ws, after + 2, 1, say("collect.financing_title", lang)).font = Font(bold=True, size=12)
    head = after + 3
    _header_row(ws, head, [say(f"collect.financing.{key}", lang) for key in MONEY_COLUMNS] + list(MONEY_HIDDEN))
    amounts = _validation(DataValidation, lang, kind="amount")
    fill = PatternFill("solid", fgColor=_FILL)
    for n, line in enumerate(rows, start=1):
        r = head + n
        name = line.item.item.get(lang)
        if line.item.year is None:  # its plan is the whole term's
            name = f"{name} ({say('collect.whole_term', lang)})"
        source = funding.get(line.item.source or "", "")
        values = [
            n,
            source,
            name,
            line.item.amount.currency,
            line.period.id,
            line.item.amount.amount,
            None,
            None,
            p.id,
            line.item.id,
            line.period.id,
        ]
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value)
            cell.border = _border()
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if c in (1, 4, 5) else None)
            key = MONEY_COLUMNS[c - 1] if c <= len(MONEY_COLUMNS) else "id"
            if key in ("actual", "note"):
                cell.fill = fill
                cell.protection = Protection(locked=False)
            if key in ("plan", "actual"):
                cell.number_format = "#,##0.00"
        amounts.add(f"G{r}")
        ws.row_dimensions[r].height = 15 * max(_lines(name, 56), _lines(source, 22)) + 3
    ws.add_data_validation(amounts)
    last = head + len(rows)
    ws.print_area = f"A1:{get_column_letter(len(MONEY_COLUMNS))}{last}"
    return head


def _validation(cls: Any, lang: Lang, *, kind: str) -> Any:
    """Return the data validation of actual cells: ``number`` (≥ 0), ``percent`` (0–100) or ``amount`` (≥ 0)."""
    percent = kind == "percent"
    dv = cls(
        type="decimal",
        operator="between" if percent else "greaterThanOrEqual",
        formula1="0",
        formula2="100" if percent else None,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle=say("collect.validation.error_title", lang),
        error=say(f"collect.validation.error_{kind}", lang),
        promptTitle=say("collect.header.actual", lang),
        prompt=say(f"collect.validation.prompt_{kind}", lang),
    )
    return dv


def _contents(ws: Any, entries: list[Made], *, lang: Lang) -> None:
    """Fill the contents sheet: a row per partnership, linked to its sheet, with the cells filled on it."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink
    from openpyxl.worksheet.protection import SheetProtection

    keys = (
        ("number", 5),
        ("partnership", 56),
        ("sheet", 24),
        ("period", 14),
        ("indicators", 15),
        ("lines", 15),
        ("filled", 15),
    )
    ws.cell(1, 1, say("collect.contents_title", lang)).font = Font(bold=True, size=13)
    for c, (key, w) in enumerate(keys, start=1):
        cell = ws.cell(3, c, say(f"collect.contents.{key}", lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEAD)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _border()
        ws.column_dimensions[get_column_letter(c)].width = w
    for n, made in enumerate(entries, start=1):
        r = 3 + n
        p, name = made.partnership, made.name
        title = f"{p.parties.kazakhstani.short_name.get(lang)} – {p.parties.foreign.short_name.get(lang)}"
        quoted = "'" + name.replace("'", "''") + "'"
        values = [n, title, name, ", ".join(made.periods), made.indicators, made.lines, made.filled()]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value) if c == len(values) else put(ws, r, c, value)  # the last: a formula
            cell.border = _border()
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # The sheet's name links to it (a short text: Calc does not wrap the text of a link).
        link = ws.cell(r, 3)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quoted}!A1", display=name)
        link.font = Font(color="0563C1", underline="single")
        link.alignment = Alignment(vertical="top")
        ws.row_dimensions[r].height = 15 * _lines(title, 56) + 3
    ws.freeze_panes = "A4"
    ws.protection = SheetProtection(sheet=True, formatCells=False, formatColumns=False, formatRows=False)
    _print_setup(ws, landscape=False)
    ws.print_title_rows = "3:3"


def _instructions(ws: Any, *, lang: Lang, period: str, command: str) -> None:
    """Fill the first sheet: how to fill the workbook in, in the workbook's language first, then the others."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.protection import SheetProtection

    ws.title = say("collect.sheet.instructions", lang)
    ws.column_dimensions["A"].width = 110
    r = 1
    for lg in (lang, *(other for other in LANGS if other != lang)):
        heading = say("collect.instructions.title", lg)
        ws.cell(r, 1, heading).font = Font(bold=True, size=13 if r == 1 else 12)
        r += 1
        steps = [say(f"collect.instructions.step{i}", lg, period=period, command=command) for i in range(1, 7)]
        for i, text in enumerate(steps, start=1):
            cell = ws.cell(r, 1, f"{i}. {text}")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[r].height = 15 * _lines(text, 110) + 4
            r += 1
        r += 1
    ws.protection = SheetProtection(sheet=True, formatCells=False, formatColumns=False, formatRows=False)
    _print_setup(ws, landscape=False)


def _print_setup(ws: Any, *, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _header_row(ws: Any, row: int, headings: list[str]) -> None:
    """Write a table's header row: bold, shaded, centred, boxed."""
    from openpyxl.styles import Alignment, Font, PatternFill

    for c, text in enumerate(headings, start=1):
        cell = ws.cell(row, c, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEAD)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _border()
    ws.row_dimensions[row].height = 30


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="A6A6A6")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _lines(text: str, width: float) -> int:
    """Return about how many lines ``text`` takes in a column ``width`` characters wide (for row heights)."""
    return max(1, math.ceil(len(text) * 1.1 / max(width - 2, 1)))
