"""Spreadsheet files (XLSX, CSV) → sheets of cell values, and cell values → numbers and ids.

The reading side of ``--actuals``: what the rows mean is `spdocs.tables`' and `spdocs.actuals`'
business. A workbook gives each visible sheet, merged cells filled with their value; a CSV
file is one sheet, in whatever encoding and separator Excel wrote it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# Excel saves "CSV UTF-8" with a byte-order mark, "Unicode text" as UTF-16 (tab-separated),
# and plain "CSV" in the Windows code page: 1251 on Russian and Kazakh systems.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DELIMITERS = ";\t,"  # in order of preference when two fit equally well
_SNIFF_LINES = 40


@dataclass(frozen=True)
class Percent:
    """A workbook cell formatted as a percentage: Excel stores 85 % as 0.85."""

    value: Any


@dataclass(frozen=True)
class Sheet:
    """The cell values of one sheet (rows of equal or shorter length) and how messages name it."""

    name: str  # the sheet's title; a CSV file's name without its suffix
    source: str  # "file:sheet" for a workbook, "file" for a CSV
    rows: list[list[Any]]
    encoding: str = ""  # a CSV file's encoding


@dataclass(frozen=True)
class Uncached:
    """A formula cell saved without its result: the file was written by a program and never recalculated."""

    formula: str

    def __str__(self) -> str:
        return self.formula


class NotANumber(ValueError):
    """A cell that should hold a number holds something else (``text``); ``ambiguous``: both , and .;
    ``formula``: a formula saved without its result."""

    def __init__(self, text: str, *, ambiguous: bool = False, formula: bool = False) -> None:
        self.text, self.ambiguous, self.formula = text, ambiguous, formula
        if formula:
            super().__init__(f"formula without a cached value ({text})")
        elif ambiguous:
            super().__init__(f"ambiguous number {text!r}: use either a decimal comma or a decimal point")
        else:
            super().__init__(f"not a number: {text!r}")


def xlsx_sheets(path: Path) -> list[Sheet]:
    """Return each visible sheet of a workbook.

    Formulas give their last computed values, or `Uncached` when the file has none (written by a
    program, never opened in Excel); numbers in percent-formatted cells come as `Percent`;
    every cell of a merged range holds the range's value.
    """
    import openpyxl  # imported here: only --actuals needs it

    with warnings.catch_warnings():
        # openpyxl warns about workbook features it does not read (styles, validation)
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        workbook = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    sheets = []
    for ws, wf in zip(workbook.worksheets, formulas.worksheets):
        if ws.sheet_state != "visible":
            continue
        uncached = {
            (i, j): c.value
            for i, row in enumerate(wf.iter_rows())
            for j, c in enumerate(row)
            if isinstance(c.value, str) and c.value.startswith("=")
        }
        rows = [
            [
                Uncached(uncached[(i, j)]) if c.value is None and (i, j) in uncached else _xlsx_value(c)
                for j, c in enumerate(row)
            ]
            for i, row in enumerate(ws.iter_rows())
        ]
        for merged in ws.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                    rows[r][c] = value
        sheets.append(Sheet(ws.title, f"{path}:{ws.title}", rows))
    workbook.close()
    formulas.close()
    return sheets


def _xlsx_value(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return Percent(value)
    return value


def csv_sheet(path: Path) -> list[Sheet]:
    """Return a CSV file as one sheet; the encoding and the separator (``;``, tab or ``,``) are guessed."""
    text, encoding = decode(path.read_bytes())
    delimiter = sniff_delimiter(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return [Sheet(path.stem, str(path), [list(r) for r in rows], encoding)]


def decode(data: bytes) -> tuple[str, str]:
    """Return the text of a CSV file and its encoding: by byte-order mark, else UTF-8, else Windows-1251.

    >>> decode("Көрсеткіш".encode()), decode("Показатель".encode("cp1251"))
    (('Көрсеткіш', 'utf-8'), ('Показатель', 'cp1251'))
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding.removesuffix("-sig")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace"), "cp1251"


def sniff_delimiter(text: str) -> str:
    """Return the separator that splits most of the first lines into the same number (> 1) of fields.

    Title lines above the table and decimal commas inside ``;``-separated values do not mislead it.

    >>> sniff_delimiter("Факт 2026\\nПоказатель;Факт\\nstudents;12,5\\nstaff;3,0\\n")
    ';'
    """
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    best, best_score = _DELIMITERS[0], 0
    for delimiter in _DELIMITERS:
        counts = Counter(len(r) for r in csv.reader(lines, delimiter=delimiter))
        score = max((n for width, n in counts.items() if width > 1), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def number(value: Any) -> Decimal | None:
    """Return a cell's number; ``None`` for an empty cell; raise `NotANumber` for anything else.

    Text may use a decimal comma, spaces between thousands, a Unicode minus and a closing "%".

    >>> number("12,5"), number("1 234"), number(" 85 %"), number(Percent(0.85)), number("")
    (Decimal('12.5'), Decimal('1234'), Decimal('85'), Decimal('85'), None)
    >>> number("12.5 тыс.")
    Traceback (most recent call last):
    ...
    spdocs.spreadsheet.NotANumber: not a number: '12.5 тыс.'
    """
    if isinstance(value, Percent):
        fraction = number(value.value)
        return None if fraction is None else plain(fraction * 100)
    if blank(value):
        return None
    if isinstance(value, (bool, dt.date, dt.time, Uncached)):
        raise NotANumber(str(value), formula=isinstance(value, Uncached))
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NotANumber(str(value))
        return Decimal(repr(value))
    text = re.sub(r"[\s\u00a0\u202f\u2009']", "", str(value)).replace("\u2212", "-").removesuffix("%")
    if "," in text and "." in text:
        raise NotANumber(str(value).strip(), ambiguous=True)
    if text.count(",") == 1:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        raise NotANumber(str(value).strip())
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        raise NotANumber(str(value).strip()) from None


def plain(value: Decimal) -> Decimal:
    """Return ``value`` without trailing zeros (85.00 → 85), never in exponent form."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def cell_id(value: Any) -> str | None:
    """Return a cell holding an id or a name as text (``2025.0`` → ``"2025"``), ``None`` if it holds none."""
    if isinstance(value, Percent):
        value = value.value
    if blank(value) or isinstance(value, (bool, dt.date, dt.time)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores the period 2025 as 2025.0
    return str(value).strip()


def blank(value: Any) -> bool:
    """Return whether a cell is empty (nothing, or only spaces)."""
    if isinstance(value, Percent):
        value = value.value
    return value is None or (isinstance(value, str) and not value.strip())


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of the 0-based column ``index``.

    >>> column_letter(0), column_letter(3), column_letter(27)
    ('A', 'D', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
