"""A commented YAML starter data file for one partnership model, generated from `spdocs.model`.

Everything comes from walking `Partnership.model_fields`: the keys, the blanks, the choices
of a `Literal`, the number of list items (``min_length``) and the comments (``description``,
or the docstring of a section's class). Only which sections belong to which model
(`ONLY`) and which optional fields are worth writing out (`USEFUL`) are decided here.

Required fields and fields with a default are written as values: texts, strings and dates
as ``""`` blanks to fill in, numbers as a plausible value, choices as the first one.
Optional fields without a value are commented out (``# phone: ""``) unless a document or a
rule needs them; the sections of the chosen model are always written. PyYAML cannot write
comments, hence the small emitter below.

>>> print(starter("medical").split("\\n\\n")[1])
id: ""  # used in output paths: out/<id>/agreement.kk.docx; an id: a-z, 0-9, '.', '_', '-'
regime: medical  # one of: higher_education, medical
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from spdocs.model import Country, Currency, Id, Money, Partnership, Period, Text
from spdocs.regimes import MODEL_SECTIONS, PROFILES, REGIMES

MODELS: tuple[str, ...] = tuple(PROFILES)


def _only() -> dict[str, tuple[str, ...]]:
    """Return the fields (dotted paths) that belong to some models only, from the registry."""

    only = {"model": tuple(c for c, s in PROFILES.items() if REGIMES[s.regime].models)}
    for section in MODEL_SECTIONS:
        only[section] = tuple(c for c, s in PROFILES.items() if section in s.sections)
    only["programs"] = tuple(c for c, s in PROFILES.items() if s.teaching)
    for regime in REGIMES.values():
        for path in (*regime.sections, *regime.fields):
            only[path] = tuple(c for c, s in PROFILES.items() if s.regime == regime.code)
    return only


# Fields (dotted paths, list items not counted) that belong to some models only; others belong to all.
ONLY: dict[str, tuple[str, ...]] = _only()

# Optional fields written out rather than commented out, for these models, because a rule or a
# document needs them: a Kazakhstani BIN, bank details under the signatures, `end` or
# `term_years`, the MoH selection, plan and areas, what a report says, a franchise's investor.
USEFUL: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("parties.kazakhstani.bin", "parties.kazakhstani.bank", "parties.foreign.bank"), MODELS),
    **dict.fromkeys(("agreement.term_years", "working_group.responsible"), MODELS),
    **dict.fromkeys(("selection.rankings", "selection.achievements", "selection.personnel"), MODELS),
    **dict.fromkeys(("plan.due", "plan.responsible", "agreement.areas.moh_area"), MODELS),
    **dict.fromkeys(("periods.summary", "periods.activities", "periods.problems", "periods.proposals"), MODELS),
    "parties.others": ("franchise",),
    "joint_venture.shares.party": ("joint_venture",),
}

# Sections a new file does without, written commented out: a supplementary agreement comes later in a
# partnership's life; commitments only replace the agreement's standard obligations when given.
LATER = {"amendments", "commitments"}
TWO = {"consortium.members"}  # lists written with two items: a consortium has several members
NUMBERS = {"year": 2025, "start_year": 2025, "term_years": 5, "duration_years": 4}
NUMBERS |= {"kazakhstani_percent": 70, "foreign_percent": 30, "percent": 50}
NUMBERS |= {"members_kazakhstani": 3, "members_foreign": 3}
FLOW = (Text, Money)  # small models written on one line: {kk: "", ru: "", en: ""}
_PATTERNS = {
    typing.get_args(Id)[1].pattern: "an id: a-z, 0-9, '.', '_', '-'",
    Period.model_fields["id"].metadata[0].pattern: "letters, digits, '.', '_', '-': 2025, 2025-h1, ...",
    typing.get_args(Country)[1].pattern: "two-letter country code: KZ, DE, ...",
    typing.get_args(Currency)[1].pattern: "ISO 4217 currency code: KZT, EUR, ...",
    r"^\d{12}$": "12 digits",
}
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}

HEADER_REGIMES = {"medical": "medical education and science (MoH Rules)"}
HEADER = """\
# spdocs data file: {what}.
# One file describes one partnership; its agreement, working-group order and reports are
# all rendered from it.
#  - Text that appears in documents is given in each language: {{kk: ..., ru: ..., en: ...}}.
#  - Dates are YYYY-MM-DD; money is {{amount: 1500000.50, currency: KZT}}.
#  - Fill in every "" blank and check every number and choice (the comment lists them).
#  - Lines "# field: ..." are optional fields: remove the "# " to use one.
#  - examples/ has complete files; check yours with: spdocs check FILE
"""


def applies(path: str, model: str) -> bool:
    """Return whether the field at dotted ``path`` belongs in a ``model`` partnership's file."""
    return model in ONLY.get(path, MODELS)


def starter(model: str) -> str:
    """Return a commented YAML starter data file for ``model``: a profile of `spdocs.regimes` (model or regime)."""
    if model not in MODELS:
        raise ValueError(f"unknown model '{model}' (expected one of {', '.join(MODELS)})")
    regime = PROFILES[model].regime
    with_models = bool(REGIMES[regime].models)
    what = f"{regime.replace('_', ' ')}, model {model}" if with_models else HEADER_REGIMES.get(regime, regime)
    fixed = {"regime": regime, "model": model}
    lines = [HEADER.format(what=what).rstrip("\n")]
    for name, info in Partnership.model_fields.items():
        if applies(name, model):
            lines += [""] * (name not in fixed) + _field(name, info, 0, name, model, fixed.get(name))
    return "\n".join(lines) + "\n"


def _field(name: str, info: FieldInfo, indent: int, path: str, model: str, fixed: str | None = None) -> list[str]:
    """Return the lines of one field, commented out if it is optional and not worth writing."""
    tp, meta = _unwrap(info.annotation)
    meta = meta + list(info.metadata)
    default = None if info.default is PydanticUndefined else info.default
    inline, block = _value(tp, meta, name, indent, path, model, default)
    if fixed is not None:
        inline = _plain(fixed)
    comment = _comment(info.description, tp, meta)
    lines = [" " * indent + f"{name}:" + (f" {inline}" if inline else "") + (f"  # {comment}" if comment else "")]
    lines += block
    top_level = "." not in path and path not in LATER
    active = info.is_required() or default not in (None, [], {}) or top_level
    if active or model in USEFUL.get(path, ()):
        return lines
    return [line[:indent] + "# " + line[indent:] for line in lines]


def _value(
    tp: Any, meta: list[Any], name: str, indent: int, path: str, model: str, default: Any
) -> tuple[str, list[str]]:
    """Return a value as (text after ``key:``, lines below it)."""
    origin = typing.get_origin(tp)
    if path == "documents":  # the languages of each kind, written out so that they can be changed
        from spdocs.kinds import KINDS

        return "{" + ", ".join(f"{k.name}: [{', '.join(k.langs)}]" for k in KINDS.values()) + "}", []
    if _is_model(tp) and tp in FLOW:
        return _flow(tp), []
    if _is_model(tp):
        return "", _fields(tp, indent + 2, path, model)
    if origin is list:
        item, _ = _unwrap(typing.get_args(tp)[0])
        count = 2 if path in TWO else max([1] + [getattr(m, "min_length", 0) for m in meta])
        if not _is_model(item):
            return "[" + _scalar(item, [], name, None) + "]", []
        if item in FLOW:
            return "", [" " * (indent + 2) + "- " + _flow(item)] * count
        return "", _dashed(_fields(item, indent + 4, path, model), indent + 2) * count
    if origin is dict:
        item, _ = _unwrap(typing.get_args(tp)[1])
        if _is_model(item) and item not in FLOW:
            return "", [" " * (indent + 2) + '"":', *_fields(item, indent + 4, path, model)]
        return '{"": ' + (_flow(item) if _is_model(item) else _scalar(item, [], name, None)) + "}", []
    return _scalar(tp, meta, name, default), []


def _fields(cls: type[BaseModel], indent: int, path: str, model: str) -> list[str]:
    """Return the lines of the fields of ``cls`` that belong in the file."""
    lines: list[str] = []
    for name, info in cls.model_fields.items():
        if applies(f"{path}.{name}", model):
            lines += _field(name, info, indent, f"{path}.{name}", model)
    return lines


def _dashed(lines: list[str], indent: int) -> list[str]:
    """Return the lines of a mapping turned into a list item, its first written field after the dash."""
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    head = " " * indent + "- " + lines[first][indent + 2 :]
    return [head, *lines[:first], *lines[first + 1 :]]


def _flow(cls: type[BaseModel]) -> str:
    """Return a small model on one line: ``{kk: "", ru: "", en: ""}``."""
    parts = []
    for name, info in cls.model_fields.items():
        tp, meta = _unwrap(info.annotation)
        default = None if info.default is PydanticUndefined else info.default
        parts.append(f"{name}: {_scalar(tp, meta + list(info.metadata), name, default)}")
    return "{" + ", ".join(parts) + "}"


def _scalar(tp: Any, meta: list[Any], name: str, default: Any) -> str:
    """Return the YAML of a scalar: its default, the first choice, a plausible number or a blank."""
    if default is not None:
        return _plain(default)
    if typing.get_origin(tp) is Literal:
        return _plain(typing.get_args(tp)[0])
    if tp is bool:
        return "true"
    if tp in (int, Decimal):
        bounds = {k: getattr(m, k) for m in meta for k in ("ge", "gt") if getattr(m, k, None) is not None}
        return str(NUMBERS.get(name, bounds.get("ge", bounds.get("gt", -1) + 1)))
    return '""'


def _plain(value: Any) -> str:
    """Return ``value`` as a YAML scalar, quoted unless it is a plain word or a number.

    >>> _plain("court_kz"), _plain("on"), _plain("a: b"), _plain(Decimal("1.5")), _plain(False)
    ('court_kz', '"on"', '"a: b"', '1.5', 'false')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    text = str(value)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _comment(description: str | None, tp: Any, meta: list[Any]) -> str:
    """Return what a field is and which values it takes: its description, choices, format."""
    origin = typing.get_origin(tp)
    item = _unwrap(typing.get_args(tp)[-1])[0] if origin in (list, dict) else tp
    parts = [description] if description else []
    if not description and _is_model(item) and item is not Text and item.__doc__:
        parts.append(item.__doc__.split("\n")[0].replace("``", ""))
    if typing.get_origin(item) is Literal:
        prefix = "any of" if origin is list else "one of"
        parts.append(f"{prefix}: " + ", ".join(map(str, typing.get_args(item))))
    elif item is dt.date:
        parts.append("YYYY-MM-DD")
    elif item in (int, Decimal):
        kind = "whole number" if item is int else "number"
        signs = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<"}
        bounds = [f"{signs[k]} {getattr(m, k)}" for m in meta for k in signs if getattr(m, k, None) is not None]
        parts.append(" ".join([kind, ", ".join(bounds)]).strip())
    for m in meta:
        if getattr(m, "pattern", None):
            hint = _PATTERNS.get(m.pattern, f"format {m.pattern}")
            parts += [hint] if hint not in "; ".join(parts) else []
    return "; ".join(parts)


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """Return ``tp`` without Optional and Annotated, and the constraints Annotated carried."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            meta += list(tp.__metadata__)
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        else:
            return tp, meta


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)
