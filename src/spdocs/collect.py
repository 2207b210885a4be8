"""The collection workbook: the XLSX staff fill in with indicator actuals, read back by ``--actuals``.

One sheet per partnership, not one long sheet with a block per partnership: each sheet is a
form complete in itself — whose it is (title rows), its indicators grouped by priority area
as in the report, plan beside the cell to fill — that prints as its own pages, can be handed
to the partnership's responsible person (Move or Copy) and pasted back, and whose tab says
where one is. With hundreds of partnerships, the contents sheet links to each sheet and
counts the cells filled on it.

Only the actual and note cells are open; the rest is locked by sheet protection without a
password (so that a figure cannot land beside another indicator, yet anyone may unprotect),
formatting, filtering and sorting stay allowed. Actual cells take numbers only (Excel data
validation: ≥ 0, and 0–100 where the unit is %). The partnership, indicator and period ids
sit in hidden columns of each row, so reading back is exact whatever the user renamed,
re-sorted or re-coloured. The first sheet tells how to fill it in, in kk, ru and en.

Same input, same bytes: no clock is read (the workbook's dates are the latest period end).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from spdocs import analysis
from spdocs.errors import InputError
from spdocs.formatting import date_forms
from spdocs.messages import say
from spdocs.model import LANGS, Indicator, Lang, Partnership, Period
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
# Read back by spdocs.tables: these headers name the id columns in every language.
HIDDEN = ("partnership_id", "indicator_id", "period_id")
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
        _form(ws, p, rows, lang=lang)
        entries.append((p, name, prs, len(rows)))
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
    cells = sum(len(lines(p, prs, lang=lang)) for p, prs in chosen)
    data = workbook(chosen, lang=lang, command=command) if chosen else None
    return Collected(data, len(chosen), cells, [(source[p.id], p) for p in left_out], failed)


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

    last_visible = get_column_letter(len(COLUMNS))
    kz, foreign = p.parties.kazakhstani, p.parties.foreign
    ids = {line.period.id for line in rows}
    periods = [pr for pr in p.periods if pr.id in ids]
    signed = date_forms(p.agreement.date, lang=lang)["numeric"]
    titles = [
        (say("collect.title", lang, period=", ".join(pr.id for pr in periods)), Font(bold=True, size=13)),
        (f"{kz.short_name.get(lang)} – {foreign.short_name.get(lang)}", Font(bold=True)),
        (
            "; ".join(
                [say("collect.agreement", lang, number=p.agreement.number, date=signed)]
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
    for c, text in enumerate(headings, start=1):
        cell = ws.cell(HEADER_ROW, c, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEAD)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _border()
    ws.row_dimensions[HEADER_ROW].height = 30

    numbers = _validation(DataValidation, lang, percent=False)
    percents = _validation(DataValidation, lang, percent=True)
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


def _validation(cls: Any, lang: Lang, *, percent: bool) -> Any:
    kind = "percent" if percent else "number"
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


def _contents(ws: Any, entries: list[tuple[Partnership, str, Sequence[str], int]], *, lang: Lang) -> None:
    """Fill the contents sheet: a row per partnership, linked to its sheet, with the cells filled on it."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink
    from openpyxl.worksheet.protection import SheetProtection

    keys = (("number", 5), ("partnership", 64), ("sheet", 24), ("period", 14), ("indicators", 19), ("filled", 16))
    ws.cell(1, 1, say("collect.contents_title", lang)).font = Font(bold=True, size=13)
    for c, (key, w) in enumerate(keys, start=1):
        cell = ws.cell(3, c, say(f"collect.contents.{key}", lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEAD)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = _border()
        ws.column_dimensions[get_column_letter(c)].width = w
    for n, (p, name, prs, count) in enumerate(entries, start=1):
        r = 3 + n
        title = f"{p.parties.kazakhstani.short_name.get(lang)} – {p.parties.foreign.short_name.get(lang)}"
        quoted = "'" + name.replace("'", "''") + "'"
        filled = f"=COUNT({quoted}!G{HEADER_ROW + 1}:G{HEADER_ROW + count})" if count else 0
        values = [n, title, name, ", ".join(prs), count, filled]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value) if c == len(values) else put(ws, r, c, value)  # the last: a formula
            cell.border = _border()
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # The sheet's name links to it (a short text: Calc does not wrap the text of a link).
        link = ws.cell(r, 3)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quoted}!A1", display=name)
        link.font = Font(color="0563C1", underline="single")
        link.alignment = Alignment(vertical="top")
        ws.row_dimensions[r].height = 15 * _lines(title, 64) + 3
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
        steps = [say(f"collect.instructions.step{i}", lg, period=period, command=command) for i in range(1, 6)]
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


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="A6A6A6")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _lines(text: str, width: float) -> int:
    """Return about how many lines ``text`` takes in a column ``width`` characters wide (for row heights)."""
    return max(1, math.ceil(len(text) * 1.1 / max(width - 2, 1)))
