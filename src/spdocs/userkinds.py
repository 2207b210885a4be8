"""Kinds a template maintainer adds without Python: ``kinds.yaml`` in their ``--templates`` folder.

The file lists each kind with what the registry (`spdocs.kinds.Kind`) holds — its name,
whether one document is made per reporting period, the sections the data must have for it
to apply, and the named extras its context needs — and the folder holds its template in
every language, ``<lang>/<name>.docx``::

    kinds:
      - name: memo                 # templates: kk/memo.docx, ru/memo.docx, en/memo.docx
        per_period: false          # one document per reporting period (like the report)?
        requires: [working_group]  # made only when the data has these sections
        extras: []                 # context the kind needs: analysis, plan, selection, letter

A user kind renders with the context every document gets (``p``, ``t``, ``areas`` …, plus
``period`` for a periodic kind, plus its extras). Its title for PDF bookmarks comes from
``documents`` in the folder's ``terms.yaml``. A mistake in the file is an `InputError` naming
its line and field.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path
from typing import Any

import pydantic
from pydantic import ConfigDict, Field

from spdocs.errors import InputError, Problem
from spdocs.kinds import KINDS, Kind

FILE = "kinds.yaml"
EXTRAS = ("analysis", "plan", "selection", "letter")  # the providers of spdocs.documents.EXTRAS


class _Entry(pydantic.BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    per_period: bool = False
    requires: list[str] = []
    extras: list[str] = []


class _File(pydantic.BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: list[_Entry] = []


def registry(templates: Path | None = None) -> dict[str, Kind]:
    """Return the built-in kinds followed by those of ``templates``' kinds.yaml (if any)."""
    return {**KINDS, **user_kinds(templates)}


def user_kinds(templates: Path | None) -> dict[str, Kind]:
    """Return the kinds ``templates/kinds.yaml`` defines; none without a folder or file."""
    if templates is None:
        return {}
    path = templates / FILE
    if not path.is_file():
        return {}
    return dict(_load(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=16)
def _load(path: Path, _mtime: int) -> tuple[tuple[str, Kind], ...]:
    from spdocs.loader import dotted, line_of, parse
    from spdocs.model import Partnership

    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, [Problem(name, None, "", f"cannot read the file ({exc})")]) from None
    data, lines = parse(text, name=name)
    try:
        spec = _File.model_validate(data if data is not None else {})
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            message = f"unknown key '{loc[-1]}'" if err["type"] == "extra_forbidden" else err["msg"]
            problems.append(Problem(name, line_of(loc, lines), dotted(loc), message))
        raise InputError(path, problems) from None
    sections = list(Partnership.model_fields)
    problems = []
    seen: set[str] = set()
    out: list[tuple[str, Kind]] = []
    for i, entry in enumerate(spec.kinds):
        where: Any = ("kinds", i)
        if entry.name in KINDS:
            problems.append(
                _problem(name, lines, (*where, "name"), f"'{entry.name}' is a built-in kind; choose another name")
            )
        if entry.name in seen:
            problems.append(_problem(name, lines, (*where, "name"), f"kind '{entry.name}' is defined twice"))
        seen.add(entry.name)
        for j, section in enumerate(entry.requires):
            if section not in sections:
                problems.append(_problem(name, lines, (*where, "requires", j), _unknown("section", section, sections)))
        for j, extra in enumerate(entry.extras):
            if extra not in EXTRAS:
                problems.append(_problem(name, lines, (*where, "extras", j), _unknown("extra", extra, list(EXTRAS))))
        requires = tuple(entry.requires) + (
            ("periods",) if entry.per_period and "periods" not in entry.requires else ()
        )
        out.append((entry.name, Kind(entry.name, requires, entry.per_period, tuple(entry.extras))))
    if problems:
        raise InputError(path, problems)
    return tuple(out)


def _problem(name: str, lines: dict[Any, int], loc: tuple[Any, ...], message: str) -> Problem:
    from spdocs.loader import dotted, line_of

    return Problem(name, line_of(loc, lines), dotted(loc), message)


def _unknown(what: str, value: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(value, known, n=1)
    hint = f"; did you mean '{guess[0]}'?" if guess else f" (expected one of {', '.join(known)})"
    return f"unknown {what} '{value}'{hint}"
