"""A record of a sheet → an entry whose number and note are checked, or a bad row with its problems.

Between `spdocs.tables` (what the cells say) and `spdocs.actuals` (what they mean for the
partnerships): a value must be a number, a note given per language must be given in all
three, an id cell must not be empty. A row about a budget line gives the amount spent on it
(`Spending`): an exact amount, not below 0. Problems name the column as the sheet heads it,
in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spdocs import spreadsheet, tables
from spdocs.errors import Problem
from spdocs.messages import say
from spdocs.model import LANGS, Actual, Lang, Spending, Text


@dataclass(frozen=True)
class Entry:
    """A record whose cells are usable: an actual, and the names of its partnership, indicator, period."""

    record: tables.Record
    actual: Actual | Spending  # an indicator's actual, or the amount spent on a budget line
    source: str  # "file:sheet", or "file" for a CSV

    @property
    def spending(self) -> bool:
        """Return whether the entry is a budget line's spending rather than an indicator's actual."""
        return isinstance(self.actual, Spending)

    @property
    def empty(self) -> bool:
        """Return whether the entry gives a note only ("no data")."""
        return (self.actual.amount if isinstance(self.actual, Spending) else self.actual.value) is None

    @property
    def row(self) -> int:
        """Return the sheet row the entry is on."""
        return self.record.row

    @property
    def partnership(self) -> str:
        """Return the partnership as the sheet names it (its first non-empty cell)."""
        return _first(self.record.partnership)

    @property
    def indicator(self) -> str:
        """Return the indicator as the sheet names it."""
        return _first(self.record.indicator)

    @property
    def line(self) -> str:
        """Return the budget line as the sheet names it."""
        return _first(self.record.line)

    @property
    def period(self) -> str:
        """Return the period as the sheet names it."""
        return _first(self.record.period)


@dataclass(frozen=True)
class BadRow:
    """A record whose cells are not usable (an empty id, a value that is not a number …)."""

    record: tables.Record
    source: str
    problems: tuple[Problem, ...]


def entry(record: tables.Record, source: str, lang: Lang) -> Entry | BadRow:
    """Return the record as an entry, or as a bad row if a cell is not usable."""
    problems = [
        Problem(source, record.row, label(column, lang), say(f"actuals.required_{role}", lang))
        for role, column in record.blank_ids.items()
    ]
    if record.both:
        where = record.line[0].column
        message = say("actuals.indicator_and_line", lang, indicator=_first(record.indicator), line=_first(record.line))
        problems.append(Problem(source, record.row, label(where, lang), message))
    if record.unclear_note is not None:
        message = say("actuals.note_needs_period", lang, label=record.unclear_note.label)
        problems.append(Problem(source, record.row, label(record.unclear_note, lang), message))
    value = None
    # ">400": only a lower bound is known (the report says «более 400»)
    more_than = isinstance(record.value, str) and record.value.strip().startswith(">")
    try:
        value = spreadsheet.number(record.value.strip()[1:].strip() if more_than else record.value)
    except spreadsheet.NotANumber as exc:
        key = (
            "actuals.formula_uncached"
            if exc.formula
            else "actuals.ambiguous_number"
            if exc.ambiguous
            else "actuals.not_a_number"
        )
        problems.append(Problem(source, record.row, label(record.value_column, lang), say(key, lang, value=exc.text)))
    spent = bool(record.line) and not record.indicator
    if spent and value is not None and (more_than or value < 0):
        key = "actuals.amount_bound" if more_than else "actuals.amount_negative"
        problems.append(Problem(source, record.row, label(record.value_column, lang), say(key, lang)))
    note = _note(record, source, lang, problems)
    if problems or note is False:
        return BadRow(record, source, tuple(problems))
    if spent:
        return Entry(record, Spending(amount=value, note=note), source)
    return Entry(record, Actual(value=value, more_than=more_than, note=note), source)


def _note(record: tables.Record, source: str, lang: Lang, problems: list[Problem]) -> Text | Literal[False] | None:
    """Return the record's note as a `Text`, ``None`` if it has none, ``False`` if a language lacks it."""
    texts = {k: str(v).strip() for k, (v, _) in record.notes.items() if not spreadsheet.blank(v)}
    common = texts.pop("", None)
    if not texts:
        return Text.same(common) if common else None
    full = {lg: texts.get(lg, common) for lg in LANGS}
    lacking = [lg for lg, text in full.items() if not text]
    for lg in lacking:
        column = record.notes[lg][1] if lg in record.notes else next(c for _, c in record.notes.values())
        problems.append(
            Problem(
                source,
                record.row,
                label(column, lang),
                say("actuals.note_lacks_language", lang, language=say(f"actuals.language.{lg}", lang)),
            )
        )
    return False if lacking else Text.model_validate(full)


def label(column: tables.Column, lang: Lang) -> str:
    """Return how a message names a column: ``Факт (столбец F)``; the sheet's name for a sheet's partnership."""
    if column.index < 0:
        return say("actuals.sheet_name", lang)
    return say("actuals.column", lang, label=column.label, letter=column.letter)


def _first(given: tuple[tables.Given, ...]) -> str:
    return given[0].text if given else ""
