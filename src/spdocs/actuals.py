"""Indicator actuals and spending from a spreadsheet (XLSX or CSV) → partnerships with those figures.

Reading takes what people keep (`spdocs.spreadsheet` reads the file, `spdocs.tables` finds
the header and the layout, `spdocs.entries` checks the numbers and notes): the long
table (a row per partnership × indicator × period), the wide one (a row per indicator, a
column per period), the workbook ``spdocs collect`` writes, several sheets, title rows above
the header, headers in kk, ru or en. A partnership, an indicator and a period are named by
id or, when only one fits, by a name in any language (`spdocs.names`).

A value may use a decimal comma ("12,5"), spaces between thousands and a trailing "%"; a
cell formatted as a percentage in Excel (85 % is stored as 0.85) is read as 85. A cell
with neither a value nor a note gives nothing: the data file's actual, if any, stays. A
note without a value means "no data", with that note (the report shows «no data», never 0).
A value replaces the data file's actual (value and note) for its indicator and period.

A row may name a budget line instead of an indicator (`spdocs.budget`): its value is the
amount spent on the line in the period, in the line's currency, and replaces the data
file's ``spending`` for that line and period, exactly as an actual does. The collection
workbook has such rows in a table of their own under the indicators (`tables.blocks`).

Every problem names ``file:sheet:row``, the column and what to write instead, in the
language asked for; a bad row blocks its own partnership only, and never makes other rows
errors. `read` collects the rows and their problems; `resolve` matches them against the
partnerships; `apply` gives one partnership its actuals. `read_actuals`, `apply_actuals` and
`load` do the same for callers that want an error at the first sign of trouble.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from spdocs import budget, entries, limits, names, spreadsheet, tables
from spdocs.entries import BadRow, Entry
from spdocs.errors import InputError, Problem
from spdocs.languages import LANGS, Lang
from spdocs.messages import Invalid, say
from spdocs.model import Actual, Partnership, Spending, Text

SUFFIXES = (".xlsx", ".xlsm", ".csv")


@dataclass(frozen=True)
class ActualsTable:
    """What an actuals file says: usable entries, bad rows, and warnings (notes without values)."""

    path: str
    lang: Lang
    entries: tuple[Entry, ...]
    bad: tuple[BadRow, ...] = ()
    warnings: tuple[Problem, ...] = ()
    sheets: tuple[str, ...] = ()  # the sources read, in the file's order

    @property
    def problems(self) -> list[Problem]:
        """Return the problems of every bad row."""
        return [p for b in self.bad for p in b.problems]


@dataclass(frozen=True)
class Resolution:
    """An actuals file matched against partnerships: actuals and spending by id, and problems by partnership."""

    path: str
    lang: Lang
    actuals: dict[str, dict[str, dict[str, Actual]]]  # partnership -> period -> indicator -> actual
    blocked: dict[str, tuple[Problem, ...]]  # partnership -> the problems of its rows
    stray: tuple[Problem, ...]  # rows that name no partnership given, or nothing usable
    warnings: tuple[Problem, ...]

    sheets: tuple[str, ...] = ()
    spending: dict[str, dict[str, dict[str, Spending]]] = field(default_factory=dict)  # ... -> budget line -> spent

    @property
    def problems(self) -> list[Problem]:
        """Return every problem, in the order of the file's sheets and rows."""
        return _sorted([*self.stray, *(p for ps in self.blocked.values() for p in ps)], self.sheets)

    def __reduce__(self) -> tuple[Any, ...]:
        # A batch sends the resolution to its worker processes with every partnership: as plain
        # values it pickles some 30 times faster than as models (400 partnerships: 1 ms, not 30).
        packed = {
            pid: {pr: {i: _pack(a) for i, a in given.items()} for pr, given in by.items()}
            for pid, by in self.actuals.items()
        }
        spent = {
            pid: {pr: {line: _pack(a) for line, a in given.items()} for pr, given in by.items()}
            for pid, by in self.spending.items()
        }
        return (_unpack, (self.path, self.lang, packed, self.blocked, self.stray, self.warnings, self.sheets, spent))


Packed = tuple[str | None, tuple[str | None, ...] | None, bool]  # value, note per language, more than


def _pack(a: Actual | Spending) -> Packed:
    value, more_than = (a.amount, False) if isinstance(a, Spending) else (a.value, a.more_than)
    return (
        None if value is None else str(value),
        None if a.note is None else tuple(getattr(a.note, lang) for lang in LANGS),
        more_than,
    )


def _unpack(
    path: str,
    lang: Lang,
    packed: dict[str, dict[str, dict[str, Packed]]],
    blocked: dict[str, tuple[Problem, ...]],
    stray: tuple[Problem, ...],
    warnings: tuple[Problem, ...],
    sheets: tuple[str, ...],
    spent: dict[str, dict[str, dict[str, Packed]]],
) -> Resolution:
    def note(texts: tuple[str | None, ...] | None) -> Text | None:
        # Validated when read; rebuilt without validating again.
        given: dict[str, Any] = dict(zip(LANGS, texts)) if texts is not None else {}
        return None if texts is None else Text.model_construct(**given)

    def actual(value: str | None, texts: tuple[str | None, ...] | None, more_than: bool) -> Actual:
        number = None if value is None else Decimal(value)
        return Actual.model_construct(value=number, note=note(texts), more_than=more_than)

    def spending(value: str | None, texts: tuple[str | None, ...] | None, _: bool) -> Spending:
        return Spending.model_construct(amount=None if value is None else Decimal(value), note=note(texts))

    actuals = {
        pid: {pr: {i: actual(*a) for i, a in given.items()} for pr, given in by.items()} for pid, by in packed.items()
    }
    spending_ = {
        pid: {pr: {line: spending(*a) for line, a in given.items()} for pr, given in by.items()}
        for pid, by in spent.items()
    }
    return Resolution(path, lang, actuals, blocked, stray, warnings, sheets, spending_)


def read(path: str | Path, *, lang: Lang = "en") -> ActualsTable:
    """Return what the XLSX or CSV file at ``path`` says, bad rows included.

    Raise `InputError` only when the file as a whole cannot be read: not a spreadsheet, no
    header row, a header that lacks a column.
    """
    path = Path(path)
    name = str(path)
    good: list[Entry] = []
    bad: list[BadRow] = []
    problems: list[Problem] = []
    found = False
    sheets = _sheets(path, lang)
    for sheet in sheets:
        blocks, closest = tables.blocks(sheet.rows)
        if closest is not None:
            problems.append(_lacks(sheet.source, closest, lang))
        found = found or bool(blocks)
        for h, end in blocks:
            width = _width(sheet.rows[h.row - 1])
            for record in tables.records(sheet.rows, h, sheet_name=sheet.name, end=end):
                entry = entries.entry(record, sheet.source, lang)
                cells = _width(sheet.rows[record.row - 1])
                if sheet.encoding and cells > width:  # "…,2026,78,5": a decimal comma split a CSV value
                    message = say("actuals.csv_extra_fields", lang, n=cells, m=width)
                    entry = BadRow(record, sheet.source, (Problem(sheet.source, record.row, "", message),))
                if isinstance(entry, BadRow):
                    bad.append(entry)
                else:
                    good.append(entry)
    if not found and not problems:
        problems.append(Problem(name, None, "", say("actuals.no_header", lang, rows=tables.HEADER_ROWS)))
    if problems:
        raise InputError(name, problems)
    warnings = tuple(
        Problem(e.source, e.row, entries.label(e.record.value_column, lang), say("actuals.note_without_value", lang))
        for e in good
        if e.empty
    )
    return ActualsTable(name, lang, tuple(good), tuple(bad), warnings, tuple(s.source for s in sheets))


def read_actuals(path: str | Path, *, lang: Lang = "en") -> ActualsTable:
    """Return the actuals in the file at ``path``; raise `InputError` listing every problem of its rows."""
    table = read(path, lang=lang)
    if table.bad:
        raise InputError(table.path, table.problems)
    return table


def resolve(table: ActualsTable, partnerships: Sequence[Partnership], *, skip: Iterable[str] = ()) -> Resolution:
    """Return the table's actuals matched against ``partnerships``, by id or by name.

    A problem in a row goes to the partnership the row names (it is then blocked). A row
    whose partnership is none of ``partnerships`` is a stray problem when its name is close
    to one of them ("did you mean") or fits several; otherwise — an exact id from an id
    column, a name close to none — it is a partnership this run does not cover: its rows
    are left alone with one warning per partnership and sheet. Rows naming one of ``skip``
    (data files that did not load, whose failure is reported already) are left alone quietly.
    """
    lang = table.lang
    by_id = {p.id: p for p in partnerships}
    parts = names.Names((p.id, names.partnership_names(p)) for p in partnerships)
    skipped = {names.key(s) for s in skip}
    indicators = {p.id: names.Names((i.id, names.indicator_names(i)) for i in p.indicators) for p in partnerships}
    periods = {p.id: names.Names((pr.id, ()) for pr in p.periods) for p in partnerships}
    blocked: dict[str, list[Problem]] = {}
    stray: list[Problem] = []
    sheet_said: set[tuple[str, str]] = set()  # (source, sheet name) already reported as no partnership
    actuals: dict[str, dict[str, dict[str, Actual]]] = {}
    spending: dict[str, dict[str, dict[str, Spending]]] = {}
    first_row: dict[tuple[str, str, bool, str], Entry] = {}  # (partnership, period, spending?, id) -> its row
    warnings = []
    order = {source: i for i, source in enumerate(table.sheets)}
    items: list[Entry | BadRow] = sorted(
        [*table.bad, *table.entries], key=lambda it: (order.get(it.source, 0), it.record.row)
    )
    others: dict[tuple[str, str], tuple[tables.Given, list[int]]] = {}  # rows of partnerships not given
    for item in items:
        record = item.record
        pid, problem, other = _partnership(record, parts, item.source, lang, skipped)
        if other is not None:
            others.setdefault((item.source, other.text), (other, []))[1].append(record.row)
            continue
        if pid is None:
            if problem is not None and not _said_of_sheet(record, item.source, sheet_said):
                stray.append(problem)
            if isinstance(item, BadRow) and (problem is not None or not record.partnership):
                stray.extend(item.problems)
            continue
        if isinstance(item, BadRow):
            blocked.setdefault(pid, []).extend(item.problems)
            continue
        p = by_id[pid]
        target, problems = _target(item, p, indicators[pid], periods[pid], lang)
        if problems:
            blocked.setdefault(pid, []).extend(problems)
        if target is None:
            continue
        period, thing = target
        dup = (pid, period, item.spending, thing)
        if dup in first_row:
            blocked.setdefault(pid, []).append(_duplicate(item, first_row[dup], period, thing, pid, lang))
            continue
        first_row[dup] = item
        if isinstance(item.actual, Spending):
            spending.setdefault(pid, {}).setdefault(period, {})[thing] = item.actual
        else:
            actuals.setdefault(pid, {}).setdefault(period, {})[thing] = item.actual
        if item.empty:
            column = entries.label(record.value_column, lang)
            warnings.append(Problem(item.source, item.row, column, say("actuals.note_without_value", lang)))
    for (source, text), (given, rows) in others.items():
        message = say("actuals.other_partnership", lang, value=text, count=len(rows), rows=_spans(sorted(set(rows))))
        warnings.append(Problem(source, rows[0], entries.label(given.column, lang), message))
    return Resolution(
        path=table.path,
        lang=lang,
        actuals=actuals,
        blocked={pid: tuple(_sorted(ps, table.sheets)) for pid, ps in blocked.items()},
        stray=tuple(_sorted(stray, table.sheets)),
        warnings=tuple(warnings),
        sheets=table.sheets,
        spending=spending,
    )


def apply(p: Partnership, resolution: Resolution) -> Partnership:
    """Return ``p`` with its actuals and spending from ``resolution``; raise `InputError` if any row of it
    has a problem."""
    if p.id in resolution.blocked:
        raise InputError(resolution.path, list(resolution.blocked[p.id]))
    given = resolution.actuals.get(p.id, {})
    spent = resolution.spending.get(p.id, {})
    if not given and not spent:
        return p
    periods = [
        pr.model_copy(
            update={
                "actuals": {**pr.actuals, **given.get(pr.id, {})},
                "spending": {**pr.spending, **spent.get(pr.id, {})},
            }
        )
        if pr.id in given or pr.id in spent
        else pr
        for pr in p.periods
    ]
    return p.model_copy(update={"periods": periods})


def apply_actuals(p: Partnership, table: ActualsTable) -> Partnership:
    """Return ``p`` with the table's actuals for it; rows of other partnerships are left alone."""
    resolution = resolve(table, [p])
    return apply(p, resolution)


def load(
    path: str | Path, partnerships: Sequence[Partnership], *, lang: Lang = "en"
) -> tuple[list[Partnership], tuple[Problem, ...]]:
    """Read ``path`` and apply it to ``partnerships``; return them and the warnings.

    Every problem — of the file, of its rows, against the data — is raised at once as one
    `InputError`; rows of partnerships that are not given come back as a warning.
    """
    resolution = resolve(read(path, lang=lang), partnerships)
    if resolution.problems:
        raise InputError(resolution.path, resolution.problems)
    return [apply(p, resolution) for p in partnerships], resolution.warnings


def _sheets(path: Path, lang: Lang) -> list[spreadsheet.Sheet]:
    name = str(path)
    suffix = path.suffix.lower()

    def fail(key: str, **args: Any) -> InputError:
        return InputError(name, [Problem(name, None, "", say(key, lang, **args))])

    if suffix not in SUFFIXES:
        raise fail("actuals.wrong_suffix", suffix=path.suffix or path.name)
    if not path.is_file():
        raise fail("actuals.no_such_file")
    try:
        return spreadsheet.csv_sheet(path) if suffix == ".csv" else spreadsheet.xlsx_sheets(path)
    except (zipfile.BadZipFile, KeyError):
        raise fail("actuals.not_a_workbook") from None
    except (OSError, ValueError) as exc:
        raise fail("actuals.cannot_read", reason=str(exc)) from None


def _width(cells: Sequence[Any]) -> int:
    """Return the number of cells up to the last one that is not blank."""
    return max((i + 1 for i, cell in enumerate(cells) if not spreadsheet.blank(cell)), default=0)


def _lacks(source: str, h: tables.Header, lang: Lang) -> Problem:
    lacks = h.missing()[0]
    found = ", ".join(f"«{label}»" for label in h.known())
    return Problem(source, h.row, "", say(f"actuals.header_lacks_{lacks}", lang, row=h.row, found=found))


def _partnership(
    record: tables.Record, parts: names.Names, source: str, lang: Lang, skipped: set[str]
) -> tuple[str | None, Problem | None, tables.Given | None]:
    """Return the partnership a record names; else ``None``, the problem to report (if any) and,
    for a row of a partnership that is simply not among those given, what names it."""
    if not record.partnership:
        return None, None, None  # its empty cell is the bad row's own problem
    matches = [(given, parts.find(given.text)) for given in record.partnership]
    for _, match in matches:
        if match.found is not None:
            return match.found, None, None
    given, match = matches[0]
    if names.key(given.text) in skipped:
        return None, None, None
    if not match.ambiguous and given.column.index >= 0 and (given.column.ids or match.guess is None):
        # An exact id (the collection workbook's), or a text close to none of the partnerships
        # given: a partnership this run does not cover, not a typo.
        return None, None, given
    if given.column.index < 0:
        message = say("actuals.sheet_not_partnership", lang, value=given.text) + names.hint(match, parts.ids, lang)
    elif match.ambiguous:
        message = say("actuals.ambiguous_partnership", lang, value=given.text, matches=", ".join(match.ambiguous))
    else:
        message = say("actuals.unknown_partnership", lang, value=given.text) + names.hint(match, parts.ids, lang)
    return None, Problem(source, record.row, entries.label(given.column, lang), message), None


def _said_of_sheet(record: tables.Record, source: str, said: set[tuple[str, str]]) -> bool:
    """Return whether the sheet's name was already reported as naming no partnership (say it once)."""
    given = record.partnership[0] if record.partnership else None
    if given is None or given.column.index >= 0:
        return False
    if (source, given.text) in said:
        return True
    said.add((source, given.text))
    return False


def _one(
    record: tables.Record, role: str, known: names.Names, p: Partnership, source: str, lang: Lang
) -> tuple[str | None, Problem | None]:
    """Return the indicator or period id a record names, or the problem."""
    candidates: tuple[tables.Given, ...] = getattr(record, role)
    matches = [(given, known.find(given.text)) for given in candidates]
    for _, match in matches:
        if match.found is not None:
            return match.found, None
    given, match = matches[0]
    where = entries.label(given.column, lang)
    if role == "period":
        listed = ", ".join(known.ids) or "—"
        return None, Problem(
            source,
            record.row,
            where,
            say("actuals.unknown_period", lang, partnership=p.id, value=given.text, known=listed),
        )
    if match.ambiguous:
        message = say(
            "actuals.ambiguous_indicator", lang, partnership=p.id, value=given.text, matches=", ".join(match.ambiguous)
        )
    else:
        message = say("actuals.unknown_indicator", lang, partnership=p.id, value=given.text) + names.hint(
            match, known.ids, lang
        )
    return None, Problem(source, record.row, where, message)


def _target(
    item: Entry, p: Partnership, indicators: names.Names, periods: names.Names, lang: Lang
) -> tuple[tuple[str, str] | None, list[Problem]]:
    """Return the (period, indicator or budget line) an entry gives a figure for, or ``None``, and the problems."""
    record, problems = item.record, []
    thing: str | None = None
    if not item.spending:
        thing, problem = _one(record, "indicator", indicators, p, item.source, lang)
        problems += [problem] if problem is not None else []
    period, problem = _one(record, "period", periods, p, item.source, lang)
    problems += [problem] if problem is not None else []
    if item.spending and period is not None:
        thing, line_problems = _line(item, p, period, lang)
        problems += line_problems
    return ((period, thing) if period is not None and thing is not None and not problems else None), problems


def _line(item: Entry, p: Partnership, period: str, lang: Lang) -> tuple[str | None, list[Problem]]:
    """Return the budget line a spending entry names for ``period`` (id column first), or the problems."""
    record = item.record
    chosen = next(pr for pr in p.periods if pr.id == period)
    found = [(given, *budget.find_line(p, chosen, given.text, lang=lang)) for given in record.line]
    line = next((line for _, line, _ in found if line is not None), None)
    if line is None:
        given, _, message = found[0]
        return None, [Problem(item.source, record.row, entries.label(given.column, lang), message or "")]
    item_ = budget.line_item(p, line)
    if record.currency is not None:
        message = budget.currency_problem(item_, record.currency.text, lang=lang)
        if message is not None:
            return None, [Problem(item.source, record.row, entries.label(record.currency.column, lang), message)]
    amount = item.actual.amount if isinstance(item.actual, Spending) else None
    if amount is not None:
        try:  # an amount the report cannot write in the line's currency (171 250,555 US dollars)
            limits.check_money(amount, item_.amount.currency)
        except Invalid as exc:
            return None, [Problem(item.source, record.row, entries.label(record.value_column, lang), exc.text(lang))]
    return line, []


def _duplicate(item: Entry, first: Entry, period: str, thing: str, pid: str, lang: Lang) -> Problem:
    args = {"indicator": thing, "line": thing, "partnership": pid, "period": period, "row": first.row}
    kind = "line" if item.spending else "indicator"
    if first.source == item.source:
        message = say(f"actuals.duplicate_{kind}", lang, **args)
    else:
        message = say(f"actuals.duplicate_{kind}_elsewhere", lang, **args, sheet=first.source)
    subject = item.record.line if item.spending else item.record.indicator
    column = subject[0].column if subject else item.record.value_column
    return Problem(item.source, item.row, entries.label(column, lang), message)


def _spans(rows: list[int]) -> str:
    """Return row numbers as spans: ``5–8, 12``.

    >>> _spans([5, 6, 7, 8, 12])
    '5–8, 12'
    """
    spans: list[list[int]] = []
    for r in rows:
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _sorted(problems: Iterable[Problem], sheets: Sequence[str]) -> list[Problem]:
    """Return ``problems`` in the order of the file's sheets, then rows."""
    order = {source: i for i, source in enumerate(sheets)}
    return sorted(problems, key=lambda p: (order.get(p.path, -1), p.line or 0))


def resolve_files(
    path: str | Path, files: Sequence[Path], *, lang: Lang = "en", progress: Callable[[str], None] | None = None
) -> Resolution:
    """Read the actuals file at ``path`` and match it against the partnerships of the data ``files``.

    The file is read first, so that an unusable one stops before the data files are loaded;
    a data file that does not load is left out (its rows are not reported as strays: the
    batch reports the file itself). ``progress`` gets a `Step` per data file.
    """
    from spdocs.progress import load_all

    table = read(path, lang=lang)
    loaded, failed = load_all(files, progress, lang=lang)
    return resolve(table, [p for _, p in loaded], skip=[path.stem for path, _ in failed])
