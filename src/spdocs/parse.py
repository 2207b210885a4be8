"""YAML or JSON text → plain data plus a map from field path to line, or every problem at once.

YAML is read in one pass over LibYAML's events (no recursion, so no depth can crash it):
the values and the line of every field are built together. The values follow YAML 1.2's
core schema where YAML 1.1 surprises people: only ``true``/``false`` are booleans (``NO``
is Norway), a number with a leading zero keeps its digits as text (``050140…`` is not an
octal number), decimals are exact. Dates may also be typed ``15.03.2025``; an impossible
date (``2025-02-30``) is an error on its line. A key given twice, an alias that expands
past `MAX_NODES` values, nesting past `MAX_DEPTH` and tags other than YAML's plain types
are errors; syntax errors are explained in plain words with the fix (`spdocs.messages`, data.yaml),
in the language given (``lang``). A value that cannot be read (an impossible date, an unquoted
BIN) leaves the rest of the data whole: `read` returns it with such problems, so that the loader
can report them together with the schema's.

JSON is read in `spdocs.jsonread` by Python's decoder (strict JSON: tabs are fine, decimals
exact); a walk over its tokens gives the lines, the duplicate keys and the depth.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from babel.dates import format_date

from spdocs.errors import InputError, Problem
from spdocs.formatting import cldr_locale, format_number
from spdocs.languages import Lang
from spdocs.messages import Message, data_say, say

Loc = tuple[str | int, ...]
Lines = dict[Loc, int]

#: Deepest nesting of mappings and lists a data file may have (the schema needs about 8).
MAX_DEPTH = 64
#: Most values a file may hold once its aliases are expanded (the examples hold about 2,000).
MAX_NODES = 100_000

_TAG = "tag:yaml.org,2002:"
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_LOCAL_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_BOOL = {"true": True, "false": False}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")  # a key YAML can only read as text ...
_NOT_NAMES = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))  # ... but for these
_CODES = frozenset({"bin", "iin"})  # identification numbers (data.code.*): 12 digits, often with a leading 0


def parse(text: str, *, name: str, json_syntax: bool = False, lang: Lang = "en") -> tuple[Any, Lines]:
    """Return the plain data in ``text`` and a map from field path to line; raise `InputError`
    with every problem, in ``lang``."""
    data, lines, problems = read(text, name=name, json_syntax=json_syntax, lang=lang)
    if problems:
        raise InputError(name, problems)
    return data, lines


def read(text: str, *, name: str, json_syntax: bool = False, lang: Lang = "en") -> tuple[Any, Lines, list[Problem]]:
    """Return the plain data in ``text``, its line map, and the problems of single values (the
    value is then ``None`` or the text as typed); raise `InputError` when the data is not whole."""
    if json_syntax:
        from spdocs.jsonread import parse_json  # here: it reuses this module's limits and names

        data, lines = parse_json(text, name=name, lang=lang)
        problems: list[Problem] = []
    else:
        data, lines, problems = parse_yaml(text, name=name, lang=lang)
    if data is None:
        raise InputError(name, [*problems, Problem(name, None, "", data_say("data.empty", lang))])
    if not isinstance(data, dict):
        raise InputError(name, [*problems, Problem(name, 1, "", data_say("data.not_mapping", lang))])
    return data, lines, problems


# --- YAML ---------------------------------------------------------------------------------


@dataclass
class _Frame:
    """A mapping or list being built, with its field path."""

    loc: Loc
    value: dict[Any, Any] | list[Any]
    anchor: str | None
    flow: bool = False
    key: Any = None
    key_line: int = 0
    has_key: bool = False
    seen: dict[str, int] = field(default_factory=dict)
    merges: list[dict[Any, Any]] = field(default_factory=list)
    key_end: int = 0  # where the key's text ends: a value right there had no colon before it
    last: tuple[str, str] | None = None  # the previous (key, plain text) in a {...}: to explain a stray comma
    size: int = 1


class _Builder:
    """Builds plain data and its line map from a stream of YAML events."""

    def __init__(self, loader: Any, name: str, lang: Lang) -> None:
        self.loader, self.name, self.lang = loader, name, lang
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.lines: Lines = {}
        self.problems: list[Problem] = []  # the data is not what was meant (a key twice, a stray comma)
        self.values: list[Problem] = []  # a value could not be read; the rest is whole
        self.total = 0
        self.root: Any = None
        self.documents = 0

    def run(self) -> None:
        scalar, start, end = yaml.ScalarEvent, (yaml.MappingStartEvent, yaml.SequenceStartEvent), self.end
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        get_event = self.loader.get_event
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar:
                self.scalar(event)
            elif kind in start:
                self.start(event)
            elif kind in ends:
                end()
            elif kind is yaml.AliasEvent:
                self.alias(event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.fail(event, data_say("data.second_document", self.lang))

    def found(self) -> list[Problem]:
        """Return every problem found so far, in the order of the lines."""
        return sorted([*self.problems, *self.values], key=lambda p: p.line or 0)

    def alias(self, event: Any) -> None:
        anchor = str(event.anchor)
        if anchor not in self.anchors:
            self.fail(event, data_say("data.unknown_alias", self.lang, alias=anchor))
        value, size = self.anchors[anchor]
        self.grow(event, size)
        self.add(event, value, size, alias=True)

    def fail(self, event: Any, message: str) -> None:
        raise InputError(self.name, [*self.found(), Problem(self.name, _line(event), "", message)])

    def grow(self, event: Any, size: int) -> None:
        self.total += size
        if self.total > MAX_NODES:
            self.fail(event, data_say("data.too_many_nodes", self.lang, limit=format_number(MAX_NODES, lang=self.lang)))

    def child_loc(self) -> Loc:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        return (*top.loc, _key_text(top.key))

    def start(self, event: Any) -> None:
        if self.stack and isinstance(self.stack[-1].value, dict) and not self.stack[-1].has_key:
            self.fail(event, data_say("data.complex_key", self.lang))
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, data_say("data.too_deep", self.lang, limit=MAX_DEPTH))
        self.grow(event, 1)
        loc = self.child_loc()
        self.lines.setdefault(loc, _line(event))
        mapping = isinstance(event, yaml.MappingStartEvent)
        self.stack.append(_Frame(loc, {} if mapping else [], event.anchor, flow=bool(event.flow_style)))

    def end(self) -> None:
        frame = self.stack.pop()
        if isinstance(frame.value, dict):
            for merged in frame.merges:  # explicit keys win over merged ones (YAML merge key)
                for key, value in merged.items():
                    frame.value.setdefault(key, value)
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, frame.size)
        self.add(None, frame.value, frame.size, line=self.lines.get(frame.loc, 0))

    def scalar(self, event: Any) -> None:
        self.grow(event, 1)
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and not top.has_key:
            self.key(top, event)
            return
        value = self.construct(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        if top is not None and top.flow and isinstance(top.value, dict) and not event.style:
            if event.value == "" and event.start_mark.index == top.key_end and top.last is not None:
                # "{kk: Ректор, проректор, ru: ...}": "проректор" became a key without a colon or value
                prev, text = top.last
                self.problems.append(
                    Problem(
                        self.name,
                        _line(event),
                        dotted((*top.loc, prev)),
                        data_say("data.comma_in_text", self.lang, text=text, rest=_key_text(top.key), key=prev),
                    )
                )
            top.last = (_key_text(top.key), event.value) if isinstance(value, str) else None
        self.add(event, value, 1)

    def key(self, top: _Frame, event: Any) -> None:
        line = _line(event)
        raw = event.value
        if not event.style and _NAME.match(raw) and raw.lower() not in _NOT_NAMES:
            value: Any = raw  # a field name (most keys): no need to ask the resolver
        elif self.tag(event) == _TAG + "merge":
            top.key, top.has_key, top.key_line = _MERGE, True, line
            return
        else:
            value = self.construct(event)
        text = value if isinstance(value, str) else _key_text(value)
        if text in top.seen:
            self.problems.append(
                Problem(
                    self.name,
                    line,
                    dotted((*top.loc, text)),
                    data_say("data.duplicate_key", self.lang, key=text, first=top.seen[text], second=line),
                )
            )
        top.seen.setdefault(text, line)
        top.key, top.has_key, top.key_line, top.key_end = value, True, line, event.end_mark.index
        loc: Loc = (*top.loc, text)
        self.lines[loc] = line

    def add(self, event: Any, value: Any, size: int, *, alias: bool = False, line: int | None = None) -> None:
        line = _line(event) if line is None else line
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            self.lines.setdefault((*top.loc, len(top.value)), line)
            top.value.append(value)
            return
        if not top.has_key:  # an alias (or a closed collection) used as a key
            self.fail(event, data_say("data.complex_key", self.lang))
        if top.key is _MERGE:
            merged = value if isinstance(value, list) else [value]
            if not all(isinstance(m, dict) for m in merged):
                self.fail(event, data_say("data.yaml_other", self.lang, detail=data_say("data.merge_value", self.lang)))
            top.merges.extend(merged)
        else:
            try:
                top.value[top.key] = value
            except TypeError:  # an unhashable key: a list or mapping written as a key
                self.fail(event, data_say("data.complex_key", self.lang))
            if alias:
                self.lines.setdefault((*top.loc, _key_text(top.key)), line)
        top.has_key = False

    def tag(self, event: Any) -> str:
        if event.tag and event.tag != "!":
            return str(event.tag)
        if event.style:  # quoted or a block scalar: text
            return _TAG + "str"
        return str(self.loader.resolve(yaml.ScalarNode, event.value, event.implicit))

    def construct(self, event: Any) -> Any:
        """Return a scalar's value (YAML 1.2 core semantics, exact decimals, checked dates)."""
        tag, raw, plain = self.tag(event), event.value, not event.style
        try:
            if tag == _TAG + "str":
                if plain and (m := _LOCAL_DATE.match(raw)):
                    return _date(int(m[3]), int(m[2]), int(m[1]), raw, self.lang)
                return raw
            if tag == _TAG + "null":
                return None
            if tag == _TAG + "bool":
                explicit = raw.lower() in _BOOL
                return _BOOL[raw.lower()] if explicit else (raw if plain else bool(self.scalar_node(tag, raw)))
            if tag == _TAG + "int":
                if _DECIMAL_INT.match(raw):
                    return int(raw.replace("_", ""))
                if plain:  # 0123, 0x1F, 1:30: YAML 1.1 reads other numbers; keep what was typed
                    self.leading_zero(event, raw)
                    return raw
                return self.scalar_node(tag, raw)
            if tag == _TAG + "float":
                if ":" in raw:  # sexagesimal 1:30.5: keep the text
                    return raw
                if raw.lower().lstrip("+-") in (".inf", ".nan"):
                    raise ValueError("infinity or not-a-number")
                return Decimal(raw.replace("_", ""))
            if tag == _TAG + "timestamp":
                if m := _ISO_DATE.match(raw):
                    return _date(int(m[1]), int(m[2]), int(m[3]), raw, self.lang)
                return self.scalar_node(tag, raw)
            if tag == _TAG + "merge":
                return raw
        # AttributeError: PyYAML's timestamp constructor on text that is no timestamp (!!timestamp foo)
        except (ValueError, InvalidOperation, OverflowError, AttributeError) as exc:
            # the reasons Python gives are English and name its types: say what is expected instead
            got = Message("data.got.value", {"value": _short(raw)})
            if isinstance(exc, _DateError):
                message = str(exc)
            elif raw.lower().lstrip("+-") in (".inf", ".nan"):
                message = data_say("data.not_finite", self.lang, value=raw)
            elif tag == _TAG + "timestamp":
                message = data_say("data.schema.date_type", self.lang, got=got)
            elif tag == _TAG + "int" and _DECIMAL_INT.match(raw):  # past Python's limit of digits
                message = data_say("data.schema.number_size", self.lang, got=got)
            elif tag == _TAG + "int":
                message = data_say("data.schema.int_type", self.lang, got=got)
            else:
                message = data_say("data.schema.decimal_type", self.lang, got=got)
            self.values.append(Problem(self.name, _line(event), dotted(self.child_loc()), message))
            return None
        self.values.append(
            Problem(
                self.name,
                _line(event),
                dotted(self.child_loc()),
                data_say("data.unsupported_tag", self.lang, tag=tag.replace(_TAG, "!!")),
            )
        )
        return None

    def scalar_node(self, tag: str, raw: str) -> Any:
        """Return what PyYAML's own constructor makes of an explicitly tagged scalar."""
        node = yaml.ScalarNode(tag, raw)
        constructor = {"int": "construct_yaml_int", "bool": "construct_yaml_bool"}.get(tag.removeprefix(_TAG))
        return getattr(self.loader, constructor or "construct_yaml_timestamp")(node)

    def leading_zero(self, event: Any, raw: str) -> None:
        loc = self.child_loc()
        code = str(loc[-1]) if loc else ""
        if code in _CODES and raw[:1] == "0":
            what = data_say(f"data.code.{code}", self.lang)
            message = data_say("data.bin_quotes", self.lang, what=what, field=loc[-1], value=raw)
            self.values.append(Problem(self.name, _line(event), dotted(loc), message))


class _Merge:
    def __repr__(self) -> str:
        return "<<"


_MERGE = _Merge()


class _DateError(ValueError):
    pass


def _date(year: int, month: int, day: int, raw: str, lang: Lang) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        reason = str(exc)
        if 1 <= month <= 12 and day > 0:
            last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
            name = format_date(dt.date(year, month, 1), "LLLL", locale=cldr_locale(lang))
            name = name if lang == "en" else name.lower()
            reason = say("data.month_days", lang, month=name, year=year, last=last)
        elif not 1 <= month <= 12:
            reason = data_say("data.no_month", lang, month=month)
        raise _DateError(data_say("data.bad_date", lang, value=raw, reason=reason)) from None


def parse_yaml(text: str, *, name: str, lang: Lang = "en") -> tuple[Any, Lines, list[Problem]]:
    """Return the data in the YAML ``text``, its line map and the problems of single values;
    raise `InputError` with every problem when the data is not whole."""
    try:
        loader = yaml.CSafeLoader(text)
    except UnicodeEncodeError as exc:  # a lone surrogate in a str given to loads()
        raise InputError(
            name,
            [
                Problem(
                    name,
                    _line_at(text, exc.start),
                    "",
                    data_say("data.yaml_control", lang, code=_code(exc.object[exc.start])),
                )
            ],
        ) from None
    builder = _Builder(loader, name, lang)
    try:
        builder.run()
    except yaml.MarkedYAMLError as exc:
        raise InputError(name, [*builder.found(), _syntax(exc, text, name, lang)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        problem = Problem(name, line, "", data_say("data.yaml_control", lang, code=_code(chr(exc.character))))
        raise InputError(name, [*builder.found(), problem]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise InputError(name, builder.found())
    return builder.root, builder.lines, builder.values


def _syntax(exc: yaml.MarkedYAMLError, text: str, name: str, lang: Lang) -> Problem:
    """Return a YAML syntax error as a problem in plain words, with the fix where one is clear."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem, context = exc.problem or "", exc.context or ""
    source = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    char = source[mark.column] if mark and mark.column < len(source) else ""
    if "cannot start any token" in problem and char == "\t":
        message = data_say("data.yaml_tab", lang, column=mark.column + 1 if mark else "?")
    elif "cannot start any token" in problem and char:
        message = data_say("data.yaml_start_char", lang, char=char)
    elif "mapping values are not allowed" in problem:
        key, sep, rest = source.partition(": ")
        message = (
            data_say("data.yaml_colon", lang, fix=f'{key.strip()}: "{rest.strip()}"')
            if sep
            else data_say("data.yaml_colon_plain", lang)
        )
    elif "quoted scalar" in context and "end of stream" in problem:
        start = exc.context_mark.line + 1 if exc.context_mark else line
        message, line = data_say("data.yaml_quote_open", lang, start=start), start
    elif "maximum nesting depth" in problem:
        message = data_say("data.too_deep", lang, limit=MAX_DEPTH)
    elif "unknown escape" in problem:
        message = data_say("data.yaml_escape", lang)
    elif "flow" in context:
        line = exc.context_mark.line + 1 if exc.context_mark else line
        message = data_say("data.yaml_flow", lang)
    elif "could not find expected ':'" in problem:
        message = data_say("data.yaml_no_colon", lang)
    elif (
        "did not find expected key" in problem
        or "expected '-' indicator" in problem
        or "expected <block end>" in problem
    ):
        message = data_say("data.yaml_indent", lang)
    else:
        message = data_say("data.yaml_other", lang, detail=problem or str(exc))
    return Problem(name, line, "", message)


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1 if event is not None else 0


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _key_text(key: Any) -> str:
    if isinstance(key, dt.date):
        return key.isoformat()
    return "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)


def dotted(loc: Loc) -> str:
    """Return a field path as written in messages: ``working_group.members[1].role``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
