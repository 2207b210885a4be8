"""Indicator actuals from a spreadsheet (XLSX or CSV) → partnerships with those actuals.

The layout is a long table, one row per partnership × indicator × period, with a header
row naming the columns (any order; case, spaces and underscores do not matter):

==================  ==========================================  ========================
column              also accepted                               holds
==================  ==========================================  ========================
``partnership``     partnership id, партнерство, әріптестік     the data file's ``id``
``indicator``       indicator id, показатель, индикатор,        an indicator's ``id``
                    көрсеткіш
``period``          period id, период, отчетный период, кезең,  a reporting period's ``id``
                    есепті кезең
``value``           actual, значение, факт, мән, мәні, нақты    the actual value
``note``            примечание, ескертпе                        optional: a note, used for
                                                                every language
``note_kk`` …       note (ru), примечание en, …                 optional: the note in one
                                                                language (all three needed)
==================  ==========================================  ========================

Other columns (indicator names, units, plans kept for the staff's own use) are ignored.
In a workbook every visible sheet whose first row names one of these columns is read; other
sheets (instructions, lookups) are skipped. A CSV file is UTF-8, separated by ``;``, ``,``
or tabs. A value may use a decimal comma ("12,5"), spaces between thousands and a trailing
"%"; a cell formatted as a percentage in Excel (85 % is stored as 0.85) is read as 85.
An empty value means no data: the report shows "no data" (never 0) and a warning is listed.

A row replaces the data file's actual (value and note) for its indicator and period; the
file's other actuals stay. Every problem is collected and raised at once as `InputError`,
each naming ``file:sheet:row`` and the column.

`read_actuals` reads a file (problems in the file itself: numbers, duplicates, missing
ids); `apply_actuals` applies it to one partnership (its indicators and periods must
exist); `apply_all` also rejects rows of partnerships that are not loaded; `load` does
both at once and reports the file's and the data's problems together.
"""

from __future__ import annotations

import csv
import difflib
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from spdocs import spreadsheet
from spdocs.errors import InputError, Problem
from spdocs.model import LANGS, Actual, Partnership, Text

SUFFIXES = (".xlsx", ".xlsm", ".csv")
REQUIRED = ("partnership", "indicator", "period", "value")
_ALIASES = {
    "partnership": ("partnership", "partnership id", "партнерство", "әріптестік"),
    "indicator": ("indicator", "indicator id", "показатель", "индикатор", "көрсеткіш"),
    "period": ("period", "period id", "период", "отчетный период", "кезең", "есепті кезең"),
    "value": ("value", "actual", "значение", "факт", "мән", "мәні", "нақты"),
    "note": ("note", "примечание", "ескертпе"),
}
_NOTE_LANG = re.compile(r"^(note|примечание|ескертпе)\W*(kk|ru|en)\W*$")
_LANG_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}


@dataclass(frozen=True)
class Entry:
    """One row of the sheet: an actual for a partnership's indicator in a period, and where it is."""

    partnership: str
    indicator: str
    period: str
    actual: Actual
    source: str  # "file:sheet", or "file" for a CSV
    row: int
    columns: dict[str, str]  # field -> how to name its column in a message

    def problem(self, field: str, message: str) -> Problem:
        """Return a problem about this row's ``field`` column."""
        return Problem(self.source, self.row, self.columns[field], message)


@dataclass(frozen=True)
class ActualsTable:
    """The rows of an actuals file, and the warnings found reading it (missing values)."""

    path: str
    entries: tuple[Entry, ...]
    warnings: tuple[Problem, ...]


def read_actuals(path: str | Path) -> ActualsTable:
    """Return the actuals in the XLSX or CSV file at ``path``; raise `InputError` listing every problem."""
    table, problems = _read(Path(path))
    if problems:
        raise InputError(table.path, problems)
    return table


def apply_actuals(p: Partnership, table: ActualsTable) -> Partnership:
    """Return ``p`` with the table's actuals for it: the sheet's rows win over the file's actuals.

    Rows of other partnerships are left alone; this partnership's rows must name its
    indicators and reporting periods.
    """
    problems: list[Problem] = []
    result = _apply(p, [e for e in table.entries if e.partnership == p.id], problems)
    if problems:
        raise InputError(table.path, problems)
    return result


def apply_all(partnerships: Sequence[Partnership], table: ActualsTable) -> list[Partnership]:
    """Return every partnership with its actuals from the table (same order).

    A row whose partnership is not among ``partnerships`` is an error too, so that a typo in
    an id is not silently left out.
    """
    problems: list[Problem] = []
    out = _apply_all(partnerships, table, problems)
    if problems:
        raise InputError(table.path, problems)
    return out


def load(path: str | Path, partnerships: Sequence[Partnership]) -> tuple[list[Partnership], tuple[Problem, ...]]:
    """Read ``path`` and apply it to ``partnerships``, reporting every problem at once.

    Returns the partnerships with their actuals and the warnings (empty values: no data).
    Problems in the file itself (numbers, duplicates) and against the data (unknown
    partnerships, indicators, periods) are raised together as one `InputError`.
    """
    table, problems = _read(Path(path))
    out = _apply_all(partnerships, table, problems)
    if problems:
        raise InputError(table.path, problems)
    return out, table.warnings


def _read(path: Path) -> tuple[ActualsTable, list[Problem]]:
    """Return the table and the problems of its rows; raise `InputError` only if the file is unreadable."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(name, [Problem(name, None, "", f"expected an .xlsx or .csv file, not '{path.suffix}'")])
    try:
        sheets = list(spreadsheet.xlsx_sheets(path) if suffix != ".csv" else spreadsheet.csv_sheet(path))
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError, zipfile.BadZipFile) as exc:
        hint = "; save it as CSV UTF-8" if isinstance(exc, UnicodeDecodeError) else ""
        raise InputError(name, [Problem(name, None, "", f"cannot read the file ({exc}){hint}")]) from None
    entries: list[Entry] = []
    problems: list[Problem] = []
    found_header = False
    for source, rows in sheets:
        header = next(rows, None)
        columns = _columns(header or [])
        if not columns:
            continue  # not a sheet of actuals: instructions, lookups
        found_header = True
        missing = [f for f in REQUIRED if f not in columns]
        if missing:
            problems.append(Problem(source, 1, "", f"the header row lacks the column(s) {', '.join(missing)}"))
            continue
        for number, cells in enumerate(rows, start=2):
            entry = _entry(source, number, cells, columns, problems)
            if entry is not None:
                entries.append(entry)
    if not found_header:
        problems.append(Problem(name, 1, "", f"no sheet has a header row with the columns {', '.join(REQUIRED)}"))
    problems += _duplicates(entries)
    missing_values = tuple(
        e.problem("value", f"empty: no data for '{e.indicator}' in period {e.period} (shown as «no data», not 0)")
        for e in entries
        if e.actual.value is None
    )
    return ActualsTable(path=name, entries=tuple(entries), warnings=missing_values), problems


def unknown_partnerships(table: ActualsTable, known: Iterable[str]) -> list[Problem]:
    """Return a problem for each row whose partnership is not among ``known`` (a typo is not silently dropped)."""
    ids = set(known)
    return [
        e.problem("partnership", f"unknown partnership '{e.partnership}'{_hint(e.partnership, ids)}")
        for e in table.entries
        if e.partnership not in ids
    ]


def _apply_all(partnerships: Sequence[Partnership], table: ActualsTable, problems: list[Problem]) -> list[Partnership]:
    problems += unknown_partnerships(table, (p.id for p in partnerships))
    out = [_apply(p, [e for e in table.entries if e.partnership == p.id], problems) for p in partnerships]
    problems.sort(key=lambda pr: (pr.path, pr.line or 0))
    return out


def _apply(p: Partnership, entries: list[Entry], problems: list[Problem]) -> Partnership:
    indicators = {i.id for i in p.indicators}
    periods = {pr.id for pr in p.periods}
    given: dict[str, dict[str, Actual]] = {}
    for e in entries:
        ok = True
        if e.indicator not in indicators:
            problems.append(
                e.problem(
                    "indicator",
                    f"partnership '{p.id}' has no indicator '{e.indicator}'{_hint(e.indicator, indicators)}",
                )
            )
            ok = False
        if e.period not in periods:
            known = ", ".join(sorted(periods)) or "none"
            problems.append(
                e.problem(
                    "period",
                    f"partnership '{p.id}' has no reporting period '{e.period}' "
                    f"(periods: {known}); add it to the data file's `periods`",
                )
            )
            ok = False
        if ok:
            given.setdefault(e.period, {})[e.indicator] = e.actual
    if not given:
        return p
    periods_out = [
        pr.model_copy(update={"actuals": {**pr.actuals, **given[pr.id]}}) if pr.id in given else pr for pr in p.periods
    ]
    return p.model_copy(update={"periods": periods_out})


def _columns(header: Iterable[Any]) -> dict[str, tuple[int, str]]:
    """Return the known columns of a header row: field -> (index, label for messages)."""
    out: dict[str, tuple[int, str]] = {}
    for i, raw in enumerate(header):
        if raw is None:
            continue
        label = str(raw).strip()
        key = re.sub(r"[\s_]+", " ", label.lower().replace("ё", "е")).strip()
        field = next((f for f, names in _ALIASES.items() if key in names), None)
        lang = _NOTE_LANG.match(key)
        if lang:
            field = f"note_{lang[2]}"
        if field and field not in out:
            out[field] = (i, f"{label} (column {spreadsheet.column_letter(i)})")
    return out


def _entry(
    source: str, row: int, cells: Sequence[Any], columns: dict[str, tuple[int, str]], problems: list[Problem]
) -> Entry | None:
    def cell(field: str) -> Any:
        index = columns[field][0]
        value = cells[index] if index < len(cells) else None
        return value.value if isinstance(value, spreadsheet.Percent) and field != "value" else value

    labels = {field: label for field, (_, label) in columns.items()}
    for field in ("note", "note_kk", "note_ru", "note_en"):
        labels.setdefault(field, field)
    if all(spreadsheet.blank(cell(f)) for f in REQUIRED):
        return None  # an empty row
    ids = {}
    bad = False
    for field in ("partnership", "indicator", "period"):
        value = cell(field)
        text = spreadsheet.cell_id(value)
        if text is None:
            problems.append(
                Problem(
                    source,
                    row,
                    labels[field],
                    "required: give the " + field + " id"
                    if spreadsheet.blank(value)
                    else f"expected an id, got {value!r}",
                )
            )
            bad = True
        ids[field] = text or ""
    raw = cell("value")
    # ">400": only a lower bound is known (the report says «более 400»)
    more_than = isinstance(raw, str) and raw.strip().startswith(">")
    try:
        value = spreadsheet.number(raw.strip()[1:].strip() if more_than else raw)
    except ValueError as exc:
        problems.append(Problem(source, row, labels["value"], str(exc)))
        bad = True
        value = None
    note = _note(
        {f: cell(f) for f in ("note", "note_kk", "note_ru", "note_en") if f in columns}, source, row, labels, problems
    )
    if bad or note is False:
        return None
    return Entry(
        ids["partnership"],
        ids["indicator"],
        ids["period"],
        Actual(value=value, more_than=more_than, note=note or None),
        source,
        row,
        labels,
    )


def _note(
    cells: dict[str, Any], source: str, row: int, labels: dict[str, str], problems: list[Problem]
) -> Text | Literal[False] | None:
    """Return the row's note as a `Text`, ``None`` if it has none, ``False`` if it is incomplete."""
    common = None if spreadsheet.blank(cells.get("note")) else str(cells["note"]).strip()
    per_lang = {
        lang: str(cells[f"note_{lang}"]).strip() for lang in LANGS if not spreadsheet.blank(cells.get(f"note_{lang}"))
    }
    if not per_lang:
        return Text.same(common) if common else None
    texts = {lang: per_lang.get(lang, common) for lang in LANGS}
    lacking = [lang for lang, text in texts.items() if not text]
    for lang in lacking:
        problems.append(
            Problem(
                source,
                row,
                labels[f"note_{lang}"],
                f"the note is given in other languages but the {_LANG_NAMES[lang]} text is missing",
            )
        )
    return False if lacking else Text.model_validate(texts)


def _duplicates(entries: list[Entry]) -> list[Problem]:
    seen: dict[tuple[str, str, str], Entry] = {}
    problems = []
    for e in entries:
        key = (e.partnership, e.indicator, e.period)
        first = seen.setdefault(key, e)
        if first is not e:
            where = f"row {first.row}" if first.source == e.source else f"{first.source}:{first.row}"
            problems.append(
                e.problem(
                    "indicator",
                    f"duplicate: '{e.indicator}' of '{e.partnership}' in period {e.period} is already given in {where}",
                )
            )
    return problems


def _hint(value: str, known: Iterable[str]) -> str:
    guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{guess[0]}'?" if guess else f" (known: {', '.join(sorted(known)) or 'none'})"
