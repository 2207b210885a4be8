"""Regulation checks: `check()` applies every rule of the MoSHE recommendations and the MoH
Rules to a loaded partnership and returns localized, cited `Finding`s.

Rules are small pure functions (``general``, ``language``, ``higher_education``, ``he_models``,
``medical``) registered in one static tuple, `RULES` (``rules.py``); their wording, in kk, ru
and en, is data in ``messages.yaml``. ``report.py`` formats findings for people and for tools.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from spdocs.checks.base import SEVERITIES, Hit, Rule, Severity, resolve
from spdocs.checks.messages import citation, message
from spdocs.checks.rules import RULES
from spdocs.errors import InputError
from spdocs.languages import LANGS, Lang
from spdocs.loader import dotted, line_of
from spdocs.model import Partnership

__all__ = ["RULES", "SEVERITIES", "Finding", "Rule", "Severity", "check", "input_findings"]


@dataclass(frozen=True)
class Finding:
    """One departure from a text: rule, severity, localized message and citation, and where."""

    rule: str
    severity: Severity
    message: str
    citation: str  # "" for rules that follow from spdocs' data conventions, not from a text
    field: str  # dotted path: "agreement.term_years", "programs[0].accreditation"
    line: int | None
    path: str
    value: str | None  # the value found, as in the data file; None when something is missing


def check(
    partnership: Partnership, *, lines: dict[Any, int] | None = None, path: str = "", lang: Lang = "en"
) -> list[Finding]:
    """Return the findings of every rule for ``partnership``, errors first, then by line.

    :param partnership: a loaded, validated partnership
    :param lines: the field-path → line map of its file (`spdocs.loader.load_with_lines`)
    :param path: the file's name, copied into each finding
    :param lang: language of messages and citations: ``"kk"``, ``"ru"`` or ``"en"``
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (expected kk, ru, en)")
    found = [
        _finding(rule, hit, partnership.regime, lines or {}, path, lang)
        for rule in RULES
        if rule.regime in (None, partnership.regime)
        for hit in rule.func(partnership)
    ]
    return sorted(found, key=sort_key)


def sort_key(f: Finding) -> tuple[int, int, str, str]:
    """Order findings by severity (errors first), line (unknown last), field and rule."""
    return (SEVERITIES.index(f.severity), f.line if f.line is not None else 1 << 30, f.field, f.rule)


def input_findings(error: InputError) -> list[Finding]:
    """Return the problems of a file that failed to load as ``SCHEMA`` error findings (in the
    language it was loaded in: `spdocs.loader.load`'s ``lang``)."""
    return [Finding("SCHEMA", "error", p.message, "", p.field, p.line, p.path, None) for p in error.problems]


def _finding(rule: Rule, hit: Hit, regime: str, lines: dict[Any, int], path: str, lang: Lang) -> Finding:
    cite = resolve(hit.cite if hit.cite is not None else rule.cite, regime)
    return Finding(
        rule=rule.id,
        severity=hit.severity or rule.severity,
        message=message(rule.id, hit.variant, hit.args, lang=lang),
        citation=citation(cite, lang=lang),
        field=dotted(hit.loc),
        line=line_of(hit.loc, lines) if lines else None,
        path=path,
        value=_raw(hit.value),
    )


def _raw(value: Any) -> str | None:
    """Return ``value`` as the data file writes it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
