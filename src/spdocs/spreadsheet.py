"""Spreadsheet files (XLSX, CSV) → rows of cell values, and cell values → numbers and ids.

The reading side of ``--actuals``; what the rows mean is `spdocs.actuals`' business.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from spdocs.problems import say

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class Uncached:
    """A formula cell saved without its result (written by a program, never recalculated in Excel)."""

    formula: str

    def __repr__(self) -> str:
        return say("formula_uncached", formula=self.formula)


@dataclass(frozen=True)
class Percent:
    """A workbook cell formatted as a percentage: Excel stores 85 % as 0.85."""

    value: Any


def xlsx_sheets(path: Path) -> Iterator[tuple[str, Iterator[list[Any]]]]:
    """Yield each visible sheet of a workbook as ("file:sheet", its rows of cell values).

    Formulas give their last computed values, or `Uncached` when the file has none; numbers in
    percent-formatted cells come as `Percent`.
    """
    import openpyxl  # imported here: only --actuals needs it

    with warnings.catch_warnings():
        # openpyxl warns about workbook features it does not read (styles, validation)
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        sheets = []
        for ws, wf in zip(workbook.worksheets, formulas.worksheets):
            if ws.sheet_state != "visible":
                continue
            uncached = _formulas(wf)
            rows = [
                [
                    Uncached(uncached[(i, j)])
                    if c.value is None and (i, j) in uncached
                    else Percent(c.value)
                    if isinstance(c.value, (int, float)) and "%" in (c.number_format or "")
                    else c.value
                    for j, c in enumerate(row)
                ]
                for i, row in enumerate(ws.iter_rows())
            ]
            sheets.append((f"{path}:{ws.title}", iter(rows)))
    finally:
        workbook.close()
        formulas.close()
    yield from sheets


def _formulas(ws: Any) -> dict[tuple[int, int], str]:
    """Return the formula of every formula cell of a sheet, by (row, column) index."""
    return {
        (i, j): c.value
        for i, row in enumerate(ws.iter_rows())
        for j, c in enumerate(row)
        if isinstance(c.value, str) and c.value.startswith("=")
    }


def csv_sheet(path: Path) -> Iterator[tuple[str, Iterator[list[Any]]]]:
    """Yield a UTF-8 CSV file as ("file", its rows); the separator (``;``, ``,`` or tab) is the header's."""
    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0] if text else ""
    delimiter = max(";,\t", key=first.count)
    yield str(path), iter(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))


def number(value: Any) -> Decimal | None:
    """Return a cell's number; ``None`` for an empty cell; raise ValueError for anything else.

    Text may use a decimal comma, spaces between thousands, a Unicode minus and a closing "%".

    >>> number("12,5"), number("1 234"), number(" 85 %"), number(Percent(0.85)), number("")
    (Decimal('12.5'), Decimal('1234'), Decimal('85'), Decimal('85'), None)
    >>> number("12.5 тыс.")
    Traceback (most recent call last):
    ...
    ValueError: not a number: '12.5 тыс.'
    """
    if isinstance(value, Uncached):
        raise ValueError(repr(value))
    if isinstance(value, Percent):
        fraction = number(value.value)
        return None if fraction is None else plain(fraction * 100)
    if blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time)):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"not a number: {value!r}")
        return Decimal(repr(value))
    text = re.sub(r"[\s\u00a0\u202f\u2009']", "", str(value)).replace("\u2212", "-").removesuffix("%")
    if "," in text and "." in text:
        raise ValueError(f"ambiguous number {str(value)!r}: use either a decimal comma or a decimal point")
    if text.count(",") == 1:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        raise ValueError(f"not a number: {str(value)!r}")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        raise ValueError(f"not a number: {str(value)!r}") from None


def plain(value: Decimal) -> Decimal:
    """Return ``value`` without trailing zeros (85.00 → 85), never in exponent form."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def cell_id(value: Any) -> str | None:
    """Return a cell holding an id as text (``2025.0`` → ``"2025"``), ``None`` if it holds none."""
    if blank(value) or isinstance(value, (bool, dt.date, dt.time, Uncached)):
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
