"""Data files (YAML or JSON) → validated `Partnership` models, or every problem at once.

Errors name the file, the line and the field path, say what was expected and never show a
traceback: ``examples/taraz.yaml:14: parties.foreign.name.kk: Kazakh text is missing``.
Reading the text (YAML or JSON, safely, with every field's line) is `spdocs.parse`'s job.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pydantic

from spdocs.errors import InputError, Problem
from spdocs.languages import LANGUAGES
from spdocs.messages import data_say
from spdocs.model import Partnership, Text
from spdocs.parse import parse as parse  # re-exported: the loader is where readers of data files look

SUFFIXES = (".yaml", ".yml", ".json")
#: Largest data file read, in bytes (the examples are about 25 KB).
MAX_BYTES = 2 * 1024 * 1024

Loc = tuple[str | int, ...]


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Return the data files named by ``paths``: files as given, folders searched for YAML/JSON."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise InputError(path, [Problem(str(path), None, "", "no such file or folder")])
    return found


def load(path: str | Path) -> Partnership:
    """Return the partnership in the file at ``path``; raise `InputError` listing every problem."""
    return load_with_lines(path)[0]


def load_with_lines(path: str | Path) -> tuple[Partnership, dict[Loc, int]]:
    """Return the partnership in the file at ``path`` and its map from field path to line."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            message = data_say("data.too_big", size=f"{size / 2**20:.1f}", limit=MAX_BYTES // 2**20)
            raise InputError(path, [Problem(str(path), None, "", message)])
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, [Problem(str(path), None, "", f"cannot read the file ({exc})")]) from None
    return loads_with_lines(text, name=str(path), json_syntax=path.suffix == ".json")


def loads(text: str, *, name: str = "<data>", json_syntax: bool = False) -> Partnership:
    """Return the partnership in ``text``; ``name`` is used in error messages."""
    return loads_with_lines(text, name=name, json_syntax=json_syntax)[0]


def loads_with_lines(
    text: str, *, name: str = "<data>", json_syntax: bool = False
) -> tuple[Partnership, dict[Loc, int]]:
    """Return the partnership in ``text`` and its map from field path to line."""
    data, lines = parse(text, name=name, json_syntax=json_syntax)
    try:
        return Partnership.model_validate(data), lines
    except pydantic.ValidationError as exc:
        problems = [_problem(err, name, lines) for err in exc.errors()]
        problems.sort(key=lambda p: (p.line or 0, p.field))
        raise InputError(name, _dedupe(problems)) from None


def _problem(err: Any, name: str, lines: dict[Loc, int]) -> Problem:
    loc: Loc = tuple(err["loc"])
    kind, message = err["type"], err["msg"]
    if kind == "value_error":
        # A model validator names the field it is about as "field: message".
        message = str(err["ctx"].get("error", message)) if err.get("ctx") else message
        match = re.match(r"^([a-z_]+): (.*)$", message, re.S)
        if match:
            loc, message = (*loc, match[1]), match[2]
    elif kind == "missing":
        message = _missing(loc)
    elif kind == "extra_forbidden":
        message = _unknown(loc)
    elif kind == "string_too_short" and _is_text_field(loc):
        message = f"{LANGUAGES[str(loc[-1])].name} text is empty"
    elif kind == "string_unicode" and isinstance(err.get("input"), str):  # a lone surrogate, from JSON
        bad = next((ch for ch in err["input"] if "\ud800" <= ch <= "\udfff"), "\ud800")
        message = data_say("data.control_char", code=f"U+{ord(bad):04X}")
    elif kind == "string_type" and isinstance(err.get("input"), dt.date):
        message = data_say("data.date_not_text", value=err["input"].isoformat())
    elif kind in ("date_parsing", "date_from_datetime_parsing") and isinstance(err.get("input"), str):
        message = data_say("data.date_format", value=_show(err["input"]))
    elif err.get("input") == "":
        message = f"is blank; {message[0].lower()}{message[1:]}"
    else:
        message = f"{message} (got {_show(err.get('input'))})"
    return Problem(name, line_of(loc, lines), dotted(loc), message)


def _missing(loc: Loc) -> str:
    if _is_text_field(loc):
        return f"{LANGUAGES[str(loc[-1])].name} text is missing"
    return "required field is missing"


def _unknown(loc: Loc) -> str:
    known = _fields_at(loc[:-1])
    guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    hint = f"; did you mean '{guess[0]}'?" if guess else ""
    return f"unknown field '{loc[-1]}'{hint}"


def _is_text_field(loc: Loc) -> bool:
    return bool(loc) and loc[-1] in LANGUAGES and _model_at(loc[:-1]) is Text


def _fields_at(loc: Loc) -> list[str]:
    model = _model_at(loc)
    return list(model.model_fields) if model else []


def _model_at(loc: Loc) -> type[pydantic.BaseModel] | None:
    """Return the model class that the data at ``loc`` is validated against, if one is."""
    current: Any = Partnership
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, pydantic.BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, pydantic.BaseModel) else None


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated down to the one model or container type inside."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in inner if isinstance(a, type) and issubclass(a, pydantic.BaseModel)]
            tp = models[0] if models else inner[0]
        else:
            return tp


def line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    """Return the line of the field at ``loc``, or of its nearest enclosing field."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def dotted(loc: Loc) -> str:
    """Return a field path as written in messages: ``working_group.members[1].role``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _dedupe(problems: list[Problem]) -> list[Problem]:
    # A union type reports one error per alternative; keep the first for each field.
    seen: set[tuple[str, int | None]] = set()
    out = []
    for p in problems:
        if (p.field, p.line) not in seen:
            seen.add((p.field, p.line))
            out.append(p)
    return out


def duplicate_ids(loaded: Iterable[tuple[Path, str]]) -> dict[Path, InputError]:
    """Return, for each data file whose partnership id another file of ``loaded`` also has, the
    error naming the others (their documents would overwrite each other's)."""
    by_id: dict[str, list[Path]] = {}
    for path, pid in loaded:
        by_id.setdefault(pid, []).append(path)
    out = {}
    for pid, paths in by_id.items():
        for path in paths if len(paths) > 1 else ():
            others = ", ".join(str(p) for p in paths if p != path)
            message = data_say("data.duplicate_id", id=pid, other=others)
            out[path] = InputError(path, [Problem(str(path), _id_line(path), "id", message)])
    return out


def _id_line(path: Path) -> int | None:
    try:
        _, lines = parse(path.read_text(encoding="utf-8-sig"), name=str(path), json_syntax=path.suffix == ".json")
        return lines.get(("id",))
    except (OSError, UnicodeDecodeError, InputError):
        return None


def iter_load(paths: Iterable[Path]) -> Iterator[tuple[Path, Partnership | InputError]]:
    """Yield each path with its partnership, or with the `InputError` that stopped it."""
    for path in paths:
        try:
            yield path, load(path)
        except InputError as exc:
            yield path, exc
