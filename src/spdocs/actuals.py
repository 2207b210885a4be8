"""Indicator actuals from a spreadsheet (XLSX or CSV) → partnerships with those actuals.

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

Every problem names ``file:sheet:row``, the column and what to write instead, in the
language asked for; a bad row blocks its own partnership only, and never makes other rows
errors. `read` collects the rows and their problems; `resolve` matches them against the
partnerships; `apply` gives one partnership its actuals. `read_actuals`, `apply_actuals` and
`load` do the same for callers that want an error at the first sign of trouble.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from spdocs import entries, names, spreadsheet, tables
from spdocs.entries import BadRow, Entry
from spdocs.errors import InputError, Problem
from spdocs.languages import LANGS, Lang
from spdocs.messages import say
from spdocs.model import Actual, Partnership, Text

SUFFIXES = (".xlsx", ".xlsm", ".csv")
_SHOW_KNOWN = 8  # ids listed when nothing fits and nothing is close


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
    """An actuals file matched against partnerships: actuals by id, and problems by partnership."""

    path: str
    lang: Lang
    actuals: dict[str, dict[str, dict[str, Actual]]]  # partnership -> period -> indicator -> actual
    blocked: dict[str, tuple[Problem, ...]]  # partnership -> the problems of its rows
    stray: tuple[Problem, ...]  # rows that name no partnership given, or nothing usable
    warnings: tuple[Problem, ...]

    sheets: tuple[str, ...] = ()

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
        return (_unpack, (self.path, self.lang, packed, self.blocked, self.stray, self.warnings, self.sheets))


Packed = tuple[str | None, tuple[str | None, ...] | None, bool]  # value, note per language, more than


def _pack(a: Actual) -> Packed:
    return (
        None if a.value is None else str(a.value),
        None if a.note is None else tuple(getattr(a.note, lang) for lang in LANGS),
        a.more_than,
    )


def _unpack(
    path: str,
    lang: Lang,
    packed: dict[str, dict[str, dict[str, Packed]]],
    blocked: dict[str, tuple[Problem, ...]],
    stray: tuple[Problem, ...],
    warnings: tuple[Problem, ...],
    sheets: tuple[str, ...],
) -> Resolution:
    def actual(value: str | None, note: tuple[str | None, ...] | None, more_than: bool) -> Actual:
        # Validated when read; rebuilt without validating again.
        texts: dict[str, Any] = dict(zip(LANGS, note)) if note is not None else {}
        text = None if note is None else Text.model_construct(**texts)
        return Actual.model_construct(value=None if value is None else Decimal(value), note=text, more_than=more_than)

    actuals = {
        pid: {pr: {i: actual(*a) for i, a in given.items()} for pr, given in by.items()} for pid, by in packed.items()
    }
    return Resolution(path, lang, actuals, blocked, stray, warnings, sheets)


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
        h, closest = tables.find_header(sheet.rows)
        if h is None:
            if closest is not None:
                problems.append(_lacks(sheet.source, closest, lang))
            continue
        found = True
        width = _width(sheet.rows[h.row - 1])
        for record in tables.records(sheet.rows, h, sheet_name=sheet.name):
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
        if e.actual.value is None
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
    first_row: dict[tuple[str, str, str], Entry] = {}
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
        found: dict[str, str] = {}
        for role, known in (("indicator", indicators[pid]), ("period", periods[pid])):
            fit, problem = _one(record, role, known, p, item.source, lang)
            if problem is not None:
                blocked.setdefault(pid, []).append(problem)
            elif fit is not None:
                found[role] = fit
        if len(found) < 2:
            continue
        dup = (pid, found["period"], found["indicator"])
        if dup in first_row:
            blocked.setdefault(pid, []).append(_duplicate(item, first_row[dup], found, pid, lang))
            continue
        first_row[dup] = item
        actuals.setdefault(pid, {}).setdefault(found["period"], {})[found["indicator"]] = item.actual
        if item.actual.value is None:
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
    )


def apply(p: Partnership, resolution: Resolution) -> Partnership:
    """Return ``p`` with its actuals from ``resolution``; raise `InputError` if any row of it has a problem."""
    if p.id in resolution.blocked:
        raise InputError(resolution.path, list(resolution.blocked[p.id]))
    given = resolution.actuals.get(p.id)
    if not given:
        return p
    periods = [
        pr.model_copy(update={"actuals": {**pr.actuals, **given[pr.id]}}) if pr.id in given else pr for pr in p.periods
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
        message = say("actuals.sheet_not_partnership", lang, value=given.text) + _hint(match, parts.ids, lang)
    elif match.ambiguous:
        message = say("actuals.ambiguous_partnership", lang, value=given.text, matches=", ".join(match.ambiguous))
    else:
        message = say("actuals.unknown_partnership", lang, value=given.text) + _hint(match, parts.ids, lang)
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
        message = say("actuals.unknown_indicator", lang, partnership=p.id, value=given.text) + _hint(
            match, known.ids, lang
        )
    return None, Problem(source, record.row, where, message)


def _hint(match: names.Match, ids: list[str], lang: Lang) -> str:
    if match.guess:
        return say("actuals.did_you_mean", lang, guess=match.guess)
    shown = ", ".join(sorted(ids)[:_SHOW_KNOWN]) + (", …" if len(ids) > _SHOW_KNOWN else "")
    return say("actuals.known", lang, known=shown or "—")


def _duplicate(item: Entry, first: Entry, found: dict[str, str], pid: str, lang: Lang) -> Problem:
    args = {"indicator": found["indicator"], "partnership": pid, "period": found["period"], "row": first.row}
    if first.source == item.source:
        message = say("actuals.duplicate", lang, **args)
    else:
        message = say("actuals.duplicate_elsewhere", lang, **args, sheet=first.source)
    column = item.record.indicator[0].column if item.record.indicator else item.record.value_column
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
