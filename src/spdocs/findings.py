"""The findings of a batch for people: a few lines on the terminal, the full list in a file.

A few findings are printed one per line. Past `LIST_LIMIT` they are summarized by rule —
severity, rule, how many findings in how many files, and the first examples — so that 400
partnerships do not print 800 lines; the full list goes to ``--findings FILE``: ``.json``
(the structure of ``spdocs check --format json``), ``.csv`` (UTF-8 with a byte-order mark
and ``;`` between fields, as Excel opens it on Kazakh and Russian systems) or ``.xlsx``
(with filters), with headings in the user's language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spdocs.checks import Finding, sort_key
from spdocs.checks.messages import catalogue as check_words
from spdocs.checks.report import format_json, format_line
from spdocs.languages import Lang
from spdocs.messages import say

LIST_LIMIT = 20
EXAMPLES = 2
SUFFIXES = (".json", ".csv", ".xlsx")
_COLUMNS = ("path", "line", "severity", "rule", "field", "message", "citation", "value")
_WIDTHS = (34, 8, 14, 20, 30, 80, 36, 20)


@dataclass
class RuleCount:
    """How often one rule was found: findings, files, and the first examples."""

    rule: str
    severity: str
    count: int = 0
    files: set[str] = field(default_factory=set)
    examples: list[Finding] = field(default_factory=list)


def by_rule(findings: Iterable[Finding], *, examples: int = EXAMPLES) -> list[RuleCount]:
    """Return the findings counted by rule: errors first, then the most frequent."""
    counts: dict[tuple[str, str], RuleCount] = {}
    for f in sorted(findings, key=lambda f: (f.path, *sort_key(f))):
        entry = counts.setdefault((f.rule, f.severity), RuleCount(f.rule, f.severity))
        entry.count += 1
        entry.files.add(f.path)
        if len(entry.examples) < examples:
            entry.examples.append(f)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(counts.values(), key=lambda c: (order.get(c.severity, 3), -c.count, c.rule))


def terminal_lines(findings: Sequence[Finding], *, lang: Lang, full_list: Path | None = None) -> list[str]:
    """Return what to print about ``findings``: each one, or past `LIST_LIMIT` a summary by rule."""
    if len(findings) <= LIST_LIMIT:
        return [format_line(f, path=f.path, lang=lang) for f in sorted(findings, key=lambda f: (f.path, *sort_key(f)))]
    severities = check_words()["severities"]
    lines = [say("findings.heading", lang, count=len(findings))]
    for c in by_rule(findings):
        lines.append(
            say(
                "findings.rule",
                lang,
                severity=severities[c.severity][lang],
                rule=c.rule,
                count=c.count,
                files=len(c.files),
            )
        )
        lines += ["    " + format_line(f, path=f.path, lang=lang) for f in c.examples]
        if c.count > len(c.examples):
            lines.append("    " + say("findings.more", lang, more=c.count - len(c.examples)))
    lines.append(say("findings.written", lang, path=full_list) if full_list else say("findings.hint", lang))
    return lines


def findings_file(findings: Sequence[Finding], path: Path, *, lang: Lang) -> bytes:
    """Return the full list of ``findings`` in the format ``path``'s suffix names."""
    suffix = path.suffix.lower()
    ordered = sorted(findings, key=lambda f: (f.path, *sort_key(f)))
    if suffix == ".json":
        by_file: dict[str, list[Finding]] = {}
        for f in ordered:
            by_file.setdefault(f.path, []).append(f)
        return format_json(list(by_file.items())).encode("utf-8")
    rows = [_row(f, lang) for f in ordered]
    headings = [say(f"findings.column.{c}", lang) for c in _COLUMNS]
    if suffix == ".csv":
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        writer.writerow(headings)
        writer.writerows(rows)
        return buf.getvalue().encode("utf-8-sig")
    if suffix == ".xlsx":
        return _xlsx(headings, rows, title=say("findings.sheet", lang))
    raise ValueError(f"findings file: expected one of {', '.join(SUFFIXES)}, not {path.suffix!r}")


def _row(f: Finding, lang: Lang) -> list[object]:
    severity = check_words()["severities"][f.severity][lang]
    return [
        f.path,
        f.line if f.line is not None else "",
        severity,
        f.rule,
        f.field,
        f.message,
        f.citation,
        f.value or "",
    ]


def _xlsx(headings: list[str], rows: list[list[object]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from spdocs.xlsx import package, put

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for c, heading in enumerate(headings, start=1):
        put(ws, 1, c, heading).font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            put(ws, r, c, value)
    for i, width in enumerate(_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for cell in ws["F"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{max(ws.max_row, 2)}"
    return package(wb)
