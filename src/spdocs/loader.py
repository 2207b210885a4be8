"""Data files (YAML or JSON) → validated `Partnership` models, or every problem at once.

Errors name the file, the line and the field path, say what was expected and never show a
traceback: ``examples/taraz.yaml:14: id: 'Taraz' is not written right: lowercase Latin letters, …``,
in the language asked for (``lang``): pydantic's errors by their type (`SCHEMA_MESSAGES`), the
model's own by their catalogue key (`spdocs.messages.Invalid`).
Reading the text (YAML or JSON, safely, with every field's line) is `spdocs.parse`'s job.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pydantic

from spdocs.errors import InputError, Problem
from spdocs.languages import LANGUAGES, Lang
from spdocs.messages import Invalid, Message, data_say
from spdocs.model import Partnership, Text
from spdocs.model.base import FORMATS
from spdocs.parse import Loc, read
from spdocs.parse import dotted as dotted  # re-exported with parse: the loader is where readers of data files look
from spdocs.parse import parse as parse

SUFFIXES = (".yaml", ".yml", ".json")
#: Largest data file read, in bytes (the examples are about 25 KB).
MAX_BYTES = 2 * 1024 * 1024


def find_files(paths: Iterable[str | Path], *, lang: Lang = "en") -> list[Path]:
    """Return the data files named by ``paths``: files as given, folders searched for YAML/JSON;
    a file named twice (a folder and a file in it) once."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise InputError(path, [Problem(str(path), None, "", data_say("data.no_path", lang))])
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


def load(path: str | Path, *, lang: Lang = "en") -> Partnership:
    """Return the partnership in the file at ``path``; raise `InputError` listing every problem in ``lang``."""
    return load_with_lines(path, lang=lang)[0]


def load_with_lines(path: str | Path, *, lang: Lang = "en") -> tuple[Partnership, dict[Loc, int]]:
    """Return the partnership in the file at ``path`` and its map from field path to line."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            message = data_say("data.too_big", lang, size=f"{size / 2**20:.1f}", limit=MAX_BYTES // 2**20)
            raise InputError(path, [Problem(str(path), None, "", message)])
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, [Problem(str(path), None, "", data_say("data.not_utf8", lang))]) from None
    except OSError as exc:
        message = data_say("data.cannot_read", lang, reason=exc.strerror or exc)
        raise InputError(path, [Problem(str(path), None, "", message)]) from None
    return loads_with_lines(text, name=str(path), json_syntax=path.suffix == ".json", lang=lang)


def loads(text: str, *, name: str = "<data>", json_syntax: bool = False, lang: Lang = "en") -> Partnership:
    """Return the partnership in ``text``; ``name`` is used in error messages, which are in ``lang``."""
    return loads_with_lines(text, name=name, json_syntax=json_syntax, lang=lang)[0]


def loads_with_lines(
    text: str, *, name: str = "<data>", json_syntax: bool = False, lang: Lang = "en"
) -> tuple[Partnership, dict[Loc, int]]:
    """Return the partnership in ``text`` and its map from field path to line.

    Every problem is reported at once: values that could not be read (an impossible date, an
    unquoted BIN) together with what the schema says of the rest.
    """
    data, lines, unread = read(text, name=name, json_syntax=json_syntax, lang=lang)
    try:
        partnership = Partnership.model_validate(data)
    except pydantic.ValidationError as exc:
        found = [problem(err, name, lines, lang) for err in exc.errors()]
        # a value that could not be read was replaced: what the schema says of it, or of the models
        # around it (a validator missing `end` when `end: 2033-02-30` was given), adds nothing
        said = [p.field for p in unread]
        problems = [*unread, *(p for p in found if not any(_within(p.field, f) or _within(f, p.field) for f in said))]
        problems.sort(key=lambda p: (p.line or 0, p.field))
        raise InputError(name, _dedupe(problems)) from None
    if unread:
        raise InputError(name, unread)
    return partnership, lines


def _within(field: str, outer: str) -> bool:
    return field == outer or field.startswith((f"{outer}.", f"{outer}["))


#: The catalogue message (data.yaml, ``schema``) for each error pydantic can report of a data file.
SCHEMA_MESSAGES: dict[str, str] = {
    "missing": "missing",
    "extra_forbidden": "extra_forbidden",
    "literal_error": "literal_error",
    "string_type": "string_type",
    "string_too_short": "string_too_short",
    "string_too_long": "string_too_long",
    "string_pattern_mismatch": "string_pattern_mismatch",
    "string_unicode": "string_type",
    "int_type": "int_type",
    "int_parsing": "int_type",
    "int_from_float": "int_from_float",
    "int_parsing_size": "number_size",
    "decimal_type": "decimal_type",
    "decimal_parsing": "decimal_type",
    "finite_number": "decimal_type",
    "bool_type": "bool_type",
    "bool_parsing": "bool_type",
    "date_type": "date_type",
    "date_parsing": "date_type",
    "date_from_datetime_parsing": "date_type",
    "date_from_datetime_inexact": "date_type",
    "list_type": "list_type",
    "dict_type": "dict_type",
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
    "too_short": "too_short",
    "too_long": "too_long",
    "greater_than": "greater_than",
    "greater_than_equal": "greater_than_equal",
    "less_than": "less_than",
    "less_than_equal": "less_than_equal",
    "value_error": "other",
    "assertion_error": "other",
}


def problem(err: Any, name: str, lines: dict[Loc, int], lang: Lang) -> Problem:
    """Return one of pydantic's errors (`pydantic.ValidationError.errors`) as a problem in plain words in ``lang``."""
    loc: Loc = tuple(err["loc"])
    error = (err.get("ctx") or {}).get("error")
    if isinstance(error, Invalid):  # the model's own validators
        loc = (*loc, error.field) if error.field else loc
        message = error.text(lang)
    else:
        message = schema_message(err, loc, lang)
    return Problem(name, line_of(loc, lines), dotted(loc), message)


def schema_message(err: Any, loc: Loc, lang: Lang) -> str:
    """Return what pydantic's error ``err`` at ``loc`` means to the one who wrote the file, in ``lang``."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    key = SCHEMA_MESSAGES.get(kind, "other")
    args: dict[str, Any] = {"got": _got(value)}
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(str(loc[-1]), _fields_at(loc[:-1]), n=1, cutoff=0.6)
        key, args = ("extra_guess", {"key": loc[-1], "guess": guess[0]}) if guess else (key, {"key": loc[-1]})
    elif kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = re.findall(r"'([^']*)'", expected) or re.findall(r"-?\d+", expected)  # Literal["a", …] or [1, 3]
        guess = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        key = "literal_guess" if guess else key
        args.update(choices=tuple(choices), guess=guess[0] if guess else "")
    elif kind == "string_unicode" and isinstance(value, str):  # a lone surrogate, from JSON
        bad = next((ch for ch in value if "\ud800" <= ch <= "\udfff"), "\ud800")
        return data_say("data.control_char", lang, code=f"U+{ord(bad):04X}")
    elif kind == "string_type" and isinstance(value, dt.date):
        return data_say("data.date_not_text", lang, value=value.isoformat())
    elif kind == "string_too_short" and _is_text_field(loc):
        key, args = "text_empty", {"language": Message(f"data.language.{loc[-1]}")}
    elif kind == "string_pattern_mismatch":
        rule = FORMATS.get(str(ctx.get("pattern")), "other")
        args["rule"] = Message(f"data.format.{rule}", {"count": sum(ch.isdigit() for ch in str(value))})
    elif kind in ("too_short", "too_long"):
        key = "empty" if kind == "too_short" and not ctx.get("actual_length") else key
        args.update(count=ctx.get("actual_length", 0), min=ctx.get("min_length", 0), max=ctx.get("max_length", 0))
    elif kind == "string_too_long":
        args["max"] = ctx.get("max_length", 0)
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        args["limit"] = next((ctx[k] for k in ("gt", "ge", "lt", "le") if k in ctx), "")
    return data_say(f"data.schema.{key}", lang, **args)


def _got(value: Any) -> Message:
    """Return the value a field was given as a message shows it: quoted, or in words."""
    if isinstance(value, dict):
        return Message("data.got.mapping")
    if isinstance(value, list):
        return Message("data.got.list")
    if value is None or value == "":
        return Message("data.got.empty")
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return Message("data.got.value", {"value": text if len(text) <= 40 else text[:37] + "..."})


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


def _dedupe(problems: list[Problem]) -> list[Problem]:
    # A union type reports one error per alternative; keep the first for each field.
    seen: set[tuple[str, int | None]] = set()
    out = []
    for p in problems:
        if (p.field, p.line) not in seen:
            seen.add((p.field, p.line))
            out.append(p)
    return out


def duplicate_ids(loaded: Iterable[tuple[Path, str]], *, lang: Lang = "en") -> dict[Path, InputError]:
    """Return, for each data file whose partnership id another file of ``loaded`` also has, the
    error naming the others (their documents would overwrite each other's)."""
    by_id: dict[str, list[Path]] = {}
    for path, pid in loaded:
        by_id.setdefault(pid, []).append(path)
    out = {}
    for pid, paths in by_id.items():
        for path in paths if len(paths) > 1 else ():
            others = ", ".join(str(p) for p in paths if p != path)
            message = data_say("data.duplicate_id", lang, id=pid, other=others)
            out[path] = InputError(path, [Problem(str(path), _id_line(path), "id", message)])
    return out


def _id_line(path: Path) -> int | None:
    try:
        _, lines = parse(path.read_text(encoding="utf-8-sig"), name=str(path), json_syntax=path.suffix == ".json")
        return lines.get(("id",))
    except (OSError, UnicodeDecodeError, InputError):
        return None


def iter_load(paths: Iterable[Path], *, lang: Lang = "en") -> Iterator[tuple[Path, Partnership | InputError]]:
    """Yield each path with its partnership, or with the `InputError` that stopped it (in ``lang``)."""
    for path in paths:
        try:
            yield path, load(path, lang=lang)
        except InputError as exc:
            yield path, exc
