"""A sheet of actuals as people lay it out → its header row, the role of each column, its records.

The header is the first of the sheet's first `HEADER_ROWS` rows that names an indicator or
a budget line column and either a value column (the *long* layout: one row per indicator ×
period, with a period column) or columns headed by periods (the *wide* layout: one row per
indicator, ``2025``, ``Факт 2026``, ``2026-H1 нақты`` …). Title rows above it are skipped.
Columns may come in any order, named in kk, ru or en (`spdocs.headings.ALIASES`); columns
of other roles (names, units, plans, areas) are ignored. Where several columns can name a
thing — an id column and a name column — the id column is read first, the others when it
is empty.

A row names an indicator (its value is the indicator's actual) or a budget line (its value
is the amount spent on it, in the currency a currency column may name). A sheet may hold
several tables one under another — the indicators, then the financing — each under its own
header row (`blocks`): a row of text only that is a complete header starts the next table.

A sheet without a partnership column is one partnership's: its name names it (a workbook
with a sheet per partnership). Nothing here knows the partnerships: `spdocs.actuals` checks
what the records say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spdocs import spreadsheet
from spdocs.headings import ALIASES

HEADER_ROWS = 30
SUBJECTS = ("indicator", "line")  # what a row is about: an indicator's actual or a budget line's spending
_ROLE = {alias: (role, rank) for role, ranks in ALIASES.items() for rank, names in enumerate(ranks) for alias in names}
_NOTE_LANG = re.compile(r"^(.+?) (kk|ru|en)$")
_PERIOD = re.compile(r"(?<![\w.-])(\d{4}(?:[-_.][0-9A-Za-z]+)*)(?![\w])")
_FIGURE = re.compile(r"^[\s\d.,%'\u00a0\u202f+\-\u2212>]+$")  # what a value cell holds: «1 234,5», «>400»
_YEAR = re.compile(r"^\d{4}$")
_FILLER = {"за", "год", "г", "ж", "жыл", "жылы", "жылғы", "year", "fy", "for", "in"}


def norm(label: Any) -> str:
    """Return a header as compared with `ALIASES`: lower case, ё as е, punctuation as single spaces.

    >>> norm(" Показатель_ID* "), norm("Нақты мәні (факт)"), norm("note (kk)")
    ('показатель id', 'нақты мәні факт', 'note kk')
    """
    text = str(label).casefold().replace("ё", "е").replace("\u00a0", " ")
    return re.sub(r"[\s_\-–—./,:;()\[\]*№#\"'«»“”]+", " ", text).strip()


@dataclass(frozen=True)
class Column:
    """A column of the sheet: where it is and how a message names it."""

    index: int
    label: str
    ids: bool = False  # an id column ("partnership_id", "код показателя"): its cells are exact

    @property
    def letter(self) -> str:
        """Return the column's letter, A for the first."""
        return spreadsheet.column_letter(self.index)


@dataclass(frozen=True)
class PeriodColumns:
    """The wide layout's columns of one period: its value and, if any, its note."""

    period: str
    value: Column
    note: Column | None


@dataclass
class Header:
    """The header row of a sheet and the columns it names, by role (candidates, read first first)."""

    row: int  # 1-based
    roles: dict[str, list[tuple[int, Column]]] = field(default_factory=dict)  # role -> [(rank, column)]
    notes: dict[str, Column] = field(default_factory=dict)  # "kk", "ru", "en" -> a note in that language
    periods: dict[str, PeriodColumns] = field(default_factory=dict)  # wide layout

    def columns(self, role: str) -> list[Column]:
        """Return the columns of ``role``, the one to read first first."""
        return [c for _, c in sorted(self.roles.get(role, []), key=lambda rc: (rc[0], rc[1].index))]

    def one(self, role: str) -> Column | None:
        """Return the first column of ``role``, if any."""
        found = self.columns(role)
        return found[0] if found else None

    @property
    def wide(self) -> bool:
        """Return whether values are in columns headed by periods rather than in one value column."""
        return bool(self.periods) and not (self.columns("value") and self.columns("period"))

    def missing(self) -> list[str]:
        """Return what the header lacks to be read: ``"indicator"`` (or budget line), ``"value"``, ``"period"``."""
        lacks = [] if any(self.columns(role) for role in SUBJECTS) else ["indicator"]
        if self.periods or (self.columns("value") and self.columns("period")):
            return lacks
        return [*lacks, "period" if self.columns("value") else "value"]

    def known(self) -> list[str]:
        """Return the labels of the columns this header names, in sheet order."""
        cols = [c for cs in self.roles.values() for _, c in cs if cs]
        cols += [*self.notes.values(), *(pc.value for pc in self.periods.values())]
        return [c.label for c in sorted({c.index: c for c in cols}.values(), key=lambda c: c.index)]


def header(cells: list[Any], row: int) -> Header:
    """Return what the cells of one row name, as a header."""
    h = Header(row)
    period_notes: dict[str, Column] = {}
    for i, raw in enumerate(cells):
        if spreadsheet.blank(raw) or isinstance(raw, bool):
            continue
        label = spreadsheet.cell_id(raw) or str(raw).strip()
        column = Column(i, label)
        key = norm(label)
        lang = _NOTE_LANG.match(key)
        if lang and _ROLE.get(lang[1], ("",))[0] == "note":
            h.notes.setdefault(lang[2], column)
            continue
        # "Факт (чел.)", "Значение, %": a qualifier after the name does not change the role,
        # unless it names the plan: "Сумма (план)" is the plan, not the amount spent.
        bare, *rest = re.split(r"[(,]", label, maxsplit=1)
        bare, qualifier = norm(bare), norm(rest[0]) if rest else ""
        if key not in _ROLE and bare in _ROLE and _ROLE.get(qualifier, ("",))[0] == "plan":
            continue
        if key in _ROLE or bare in _ROLE:
            role, rank = _ROLE[key if key in _ROLE else bare]
            exact = rank == 0 and role in ("partnership", *SUBJECTS, "period")
            h.roles.setdefault(role, []).append((rank, Column(i, label, exact)))
            continue
        period, heading = _period_heading(label)
        if period and heading == "value":
            h.periods.setdefault(period, PeriodColumns(period, column, None))
        elif period and heading == "note":
            period_notes.setdefault(period, column)
    for period, note in period_notes.items():
        if period in h.periods:
            h.periods[period] = PeriodColumns(period, h.periods[period].value, note)
    return h


def _period_heading(label: str) -> tuple[str | None, str | None]:
    """Return (period, role) of a header such as ``2026``, ``Факт 2026``, ``2026 жылғы ескертпе``.

    >>> _period_heading("Факт за 2026 год"), _period_heading("2026-H1"), _period_heading("План 2026")
    (('2026', 'value'), ('2026-H1', 'value'), ('2026', 'plan'))
    >>> _period_heading("Студенты 2026")
    (None, None)
    """
    found = _PERIOD.findall(label)
    if len(found) != 1:
        return None, None
    rest = [w for w in norm(_PERIOD.sub(" ", label)).split() if w not in _FILLER]
    if not rest:
        return found[0], "value"
    role = _ROLE.get(" ".join(rest), ("", 0))[0]
    return (found[0], role) if role in ("value", "note", "plan") else (None, None)


def find_header(rows: list[list[Any]]) -> tuple[Header | None, Header | None]:
    """Return the sheet's header, or ``None`` and the row that comes closest (to say what it lacks).

    A row comes close when it names a value or note column and one more thing.
    """
    closest: Header | None = None
    for number, cells in enumerate(rows[:HEADER_ROWS], start=1):
        h = header(cells, number)
        if not h.missing():
            return h, None
        says_value = bool(h.columns("value") or h.columns("note") or h.periods)
        if says_value and _named(h) >= 2 and (closest is None or _named(h) > _named(closest)):
            closest = h
    return None, closest


def blocks(rows: list[list[Any]]) -> tuple[list[tuple[Header, int]], Header | None]:
    """Return the sheet's tables as (header, the row after the table's last), or none and the closest row.

    The first header is sought in the first `HEADER_ROWS` rows (title rows above it are
    skipped); below it, a row of text only that is a complete header starts another table
    (the collection workbook's financing under its indicators). A row with a number or a
    date in it is data, never a header.
    """
    first, closest = find_header(rows)
    if first is None:
        return [], closest
    starts = [first]
    for number, cells in enumerate(rows[first.row :], start=first.row + 1):
        if _text_only(cells):
            h = header(cells, number)
            if not h.missing():
                starts.append(h)
    ends = [h.row for h in starts[1:]] + [len(rows) + 1]
    return list(zip(starts, ends)), None


def _text_only(cells: list[Any]) -> bool:
    """Return whether a row holds only text, in at least two cells, none of it a figure such as
    «12,5» (a year may head a column): as a header row does, and a CSV data row does not.

    >>> _text_only(["Статья", "2025", "Факт"]), _text_only(["kaznmu-duke", "consulting-2025", "2025", "171 250,5"])
    (True, False)
    """
    filled = [c for c in cells if not spreadsheet.blank(c)]
    if len(filled) < 2 or not all(isinstance(c, str) for c in filled):
        return False
    return not any(_FIGURE.match(c) and not _YEAR.match(c.strip()) for c in filled)


def _named(h: Header) -> int:
    """Return how many roles a header names (value columns headed by periods count as one)."""
    return len(h.roles) + bool(h.periods) + bool(h.notes)


@dataclass(frozen=True)
class Given:
    """What one cell says: its text and the column it is in."""

    text: str
    column: Column


@dataclass(frozen=True)
class Record:
    """One indicator × period of a sheet, as its cells say it (nothing is checked yet)."""

    row: int
    partnership: tuple[Given, ...]  # candidates, to try in order; empty: none given
    indicator: tuple[Given, ...]
    period: tuple[Given, ...]
    value: Any
    value_column: Column
    notes: dict[str, tuple[Any, Column]]  # "" (every language), "kk", "ru", "en" -> (cell, column)
    blank_ids: dict[str, Column]  # role -> its first column, for a role whose cells are all empty
    unclear_note: Column | None = None  # wide layout: a note column that fits no one period of the row
    line: tuple[Given, ...] = ()  # a budget line: the value is the amount spent on it
    currency: Given | None = None  # the currency the row says the amount is in
    both: bool = False  # the row names an indicator and a budget line: which one is it about?


def records(rows: list[list[Any]], h: Header, *, sheet_name: str, end: int | None = None) -> Iterator[Record]:
    """Yield the records below the header ``h`` up to row ``end`` (not included; else the sheet's
    end): one per row (long) or per row × period (wide).

    A record is made only where a value or a note is given; empty cells give nothing. In the
    wide layout a note column without a period belongs to the row's one value (or the one
    period column); a row with values in several periods leaves it unclear. A table with both
    indicator and budget line columns needs one of them per row, not both.
    """
    roles = {role: h.columns(role) for role in ("partnership", *SUBJECTS, "period")}
    currency = h.one("currency")
    common = h.one("note")
    shared = {**({"": common} if common is not None else {}), **h.notes}  # notes of no one period
    slots: list[tuple[str | None, Column, Column | None]]
    if h.wide:
        slots = [(pc.period, pc.value, pc.note) for pc in h.periods.values()]
    else:
        value_column = h.one("value")
        assert value_column is not None  # a long header has one (Header.missing)
        slots = [(None, value_column, None)]
    by_sheet = (Given(sheet_name, Column(-1, sheet_name)),)
    last = len(rows) if end is None else end - 1
    for number, cells in enumerate(rows[h.row : last], start=h.row + 1):
        given = {role: _given(cells, columns) for role, columns in roles.items()}
        if not roles["partnership"]:
            given["partnership"] = by_sheet  # a sheet per partnership, named after it
        shared_cells = {k: (_at(cells, c.index), c) for k, c in shared.items()}
        noted = [c for v, c in shared_cells.values() if not spreadsheet.blank(v)]
        valued = [slot for slot in slots if not spreadsheet.blank(_at(cells, slot[1].index))]
        owner = slots[0] if len(slots) == 1 else (valued[0] if len(valued) == 1 else None)
        unclear_slot = (valued or slots)[0] if noted and owner is None else None
        for slot in slots:
            period, value_column, own_note = slot
            value = _at(cells, value_column.index)
            notes = dict(shared_cells) if slot is owner else {}
            if own_note is not None:
                notes[""] = (_at(cells, own_note.index), own_note)
            unclear = noted[0] if slot is unclear_slot else None
            if spreadsheet.blank(value) and all(spreadsheet.blank(v) for v, _ in notes.values()) and not unclear:
                continue
            periods = (Given(period, value_column),) if period is not None else given["period"]
            blank_ids = {
                role: columns[0]
                for role, columns in roles.items()
                if columns and not (periods if role == "period" else given[role])
            }
            if any(given[role] for role in SUBJECTS):  # the row is about the one it names
                blank_ids = {role: c for role, c in blank_ids.items() if role not in SUBJECTS}
            elif all(role in blank_ids for role in SUBJECTS):  # neither, where either could be given
                blank_ids = {("subject" if r == "indicator" else r): c for r, c in blank_ids.items() if r != "line"}
            money = _given(cells, [currency]) if currency is not None else ()
            yield Record(
                number,
                given["partnership"],
                given["indicator"],
                periods,
                value,
                value_column,
                notes,
                blank_ids,
                unclear,
                line=given["line"],
                currency=money[0] if money else None,
                both=all(given[role] for role in SUBJECTS),
            )


def _given(cells: list[Any], columns: list[Column]) -> tuple[Given, ...]:
    """Return what the cells of ``columns`` say, skipping empty ones."""
    return tuple(Given(text, c) for c in columns if (text := spreadsheet.cell_id(_at(cells, c.index))) is not None)


def _at(cells: list[Any], index: int) -> Any:
    return cells[index] if 0 <= index < len(cells) else None
