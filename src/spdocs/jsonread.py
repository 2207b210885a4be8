"""JSON text → plain data plus a map from field path to line (the JSON half of `spdocs.parse`).

Python's decoder reads the values (strict JSON: tabs are fine, decimals exact); a walk over
the tokens gives each field's line, the keys given twice and the depth, with the limits and
messages of `spdocs.parse`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from spdocs.errors import InputError, Problem
from spdocs.languages import Lang
from spdocs.messages import data_say
from spdocs.parse import MAX_DEPTH, Lines, Loc, dotted

# The decoder's messages (json.decoder, stable since Python 3.5), said in plain words (data.yaml, json).
_DECODER = (
    ("Expecting value", "data.json.value"),
    ("Expecting ',' delimiter", "data.json.comma"),
    ("Expecting ':' delimiter", "data.json.colon"),
    ("Expecting property name", "data.json.name"),
    ("Illegal trailing comma before end of array", "data.json.value"),  # Python 3.13: `[1, 2,]`
    ("Illegal trailing comma", "data.json.name"),
    ("Unterminated string", "data.json.unterminated"),
    ("Invalid control character", "data.json.control"),
    ("Invalid \\", "data.json.escape"),
    ("Extra data", "data.json.extra"),
)
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)


def parse_json(text: str, *, name: str, lang: Lang = "en") -> tuple[Any, Lines]:
    """Return the data in the JSON ``text`` and its line map; raise `InputError` with every problem, in ``lang``."""
    lines, problems = _json_lines(text, name, lang)
    if problems:
        raise InputError(name, problems)

    def constant(value: str) -> Any:
        raise ValueError(data_say("data.not_finite", lang, value=value))

    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=constant)
    except json.JSONDecodeError as exc:
        reason = next((key for start, key in _DECODER if exc.msg.startswith(start)), None)
        said = data_say(reason, lang) if reason else exc.msg
        detail = data_say("data.json_syntax", lang, detail=said, column=exc.colno)
        raise InputError(name, [Problem(name, exc.lineno, "", detail)]) from None
    except ValueError as exc:  # NaN (said already), an integer of thousands of digits (Python's words)
        said = (
            str(exc)
            if "integer string conversion" not in str(exc)
            else data_say("data.schema.number_size", lang, got="…")
        )
        raise InputError(name, [Problem(name, None, "", said)]) from None
    except RecursionError as exc:
        raise InputError(name, [Problem(name, None, "", str(exc))]) from None
    return data, lines


@dataclass
class _JsonFrame:
    loc: Loc
    mapping: bool
    index: int = 0
    key: str | None = None
    want_key: bool = True
    seen: dict[str, int] = field(default_factory=dict)


def _json_lines(text: str, name: str, lang: Lang) -> tuple[Lines, list[Problem]]:
    """Return the line of every key and item of JSON ``text``, and its duplicate keys and depth problems.

    Only meaningful for valid JSON; on invalid JSON the decoder's error is the one reported.
    """
    lines: Lines = {}
    problems: list[Problem] = []
    stack: list[_JsonFrame] = []
    line, pos = 1, 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        line += text.count("\n", pos, match.start())
        pos = match.start()
        top = stack[-1] if stack else None
        if token in ("{", "["):
            if len(stack) >= MAX_DEPTH:
                return lines, [Problem(name, line, "", data_say("data.too_deep", lang, limit=MAX_DEPTH))]
            loc = _json_loc(top)
            lines.setdefault(loc, line)
            stack.append(_JsonFrame(loc, token == "{"))
        elif token in ("}", "]"):
            if stack:
                stack.pop()
        elif token == ":":
            if top is not None:
                top.want_key = False
        elif token == ",":
            if top is not None and top.mapping:
                top.want_key = True
            elif top is not None:
                top.index += 1
        elif top is not None and top.mapping and top.want_key:
            try:
                key = str(json.loads(token))
            except ValueError:
                continue
            if key in top.seen:
                problems.append(
                    Problem(
                        name,
                        line,
                        dotted((*top.loc, key)),
                        data_say("data.duplicate_key", lang, key=key, first=top.seen[key], second=line),
                    )
                )
            top.seen.setdefault(key, line)
            top.key = key
            key_loc: Loc = (*top.loc, key)
            lines[key_loc] = line
        else:
            lines.setdefault(_json_loc(top), line)
    return lines, problems


def _json_loc(top: _JsonFrame | None) -> Loc:
    if top is None:
        return ()
    if top.mapping:
        return (*top.loc, top.key or "")
    return (*top.loc, top.index)
