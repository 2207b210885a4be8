"""Edited data → the text of its data file, keeping what a person wrote by hand.

The form sends plain JSON data; `update` merges it into the file's text so that a YAML file
keeps its comments, key order, quoting and flow style (ruamel.yaml's round trip), and a
JSON file keeps its key order. Only what changed is rewritten: a value equal to the one in
the file (``2025`` sent back as ``"2025"``, a date as ``"2025-03-14"``) keeps its node.
New keys go where the schema orders them; new strings that look like numbers (a BIN such
as ``050140001234``) are quoted, so the file means what the form showed.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

Schema = Mapping[str, Any]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same data, faster
_FLOW_WIDTH = 70  # a new small mapping or list of scalars is written on one line up to this width


def update(text: str, data: Mapping[str, Any], *, json_syntax: bool, schema: Schema) -> str:
    """Return ``text`` (a YAML or JSON data file) changed to hold ``data``."""
    if json_syntax:
        old = json.loads(text) if text.strip() else {}
        merged = _merge_plain(old, data)
        return json.dumps(merged, ensure_ascii=False, indent=_json_indent(text)) + "\n"
    yaml = _yaml(text)
    doc = yaml.load(text) if text.strip() else None
    root = _merge(doc, data, schema, schema)
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def plain(text: str, *, json_syntax: bool) -> Any:
    """Return the data in ``text`` as JSON-ready values (dates as ``YYYY-MM-DD``, keys as text).

    YAML is read as `spdocs.loader` reads it (PyYAML, YAML 1.1), so the form shows what
    ``spdocs check`` sees: an unquoted ``050140001234`` is the number it becomes there.
    Raises ``yaml.YAMLError`` or ``json.JSONDecodeError``.
    """
    if json_syntax:
        return json.loads(text)
    return _jsonable(yaml.load(text, Loader=_LOADER))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the person wrote on one line
    mapping, sequence, offset = _indents(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    # ruamel writes None as an empty value; "no data" reads better as the `null` people write.
    yaml.representer.add_representer(type(None), _null)
    return yaml


def _null(representer: Any, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _indents(text: str) -> tuple[int, int, int]:
    """Return the (mapping, sequence, offset) indentation the file uses (default 2, 4, 2)."""
    lines = text.splitlines()
    mapping = sequence = offset = 0
    for before, after in itertools.pairwise(lines):
        stripped = before.strip()
        if not stripped.endswith(":") or stripped.startswith("#"):
            continue
        parent = len(before) - len(before.lstrip())
        child = len(after) - len(after.lstrip())
        if child <= parent and not after.lstrip().startswith("- "):
            continue
        if after.lstrip().startswith("- ") and not sequence:
            offset = child - parent
            sequence = offset + 2
        elif not after.lstrip().startswith("- ") and not mapping:
            mapping = child - parent
        if mapping and sequence:
            break
    return mapping or 2, sequence or 4, offset if sequence else 2


def _json_indent(text: str) -> int:
    match = re.search(r"\n( +)\"", text)
    return len(match.group(1)) if match else 2


# --- YAML: merge into ruamel's round-trip nodes ------------------------------------------


def _merge(old: Any, new: Any, schema: Schema, root: Schema) -> Any:
    """Return ``old`` (a round-trip node) updated in place to equal ``new``, or a new node."""
    if isinstance(new, Mapping) and isinstance(old, CommentedMap):
        for key in [k for k in old if str(k) not in new]:
            del old[key]
        existing = {str(k): k for k in old}
        for key, value in new.items():
            sub = _child(schema, key, root)
            if key in existing:
                old[existing[key]] = _merge(old[existing[key]], value, sub, root)
            else:
                # Period ids written as numbers (`targets: {2025: 50}`): a new one is written alike.
                name: str | int = int(key) if key.isdigit() and any(type(k) is int for k in old) else key
                old.insert(_position(old, key, schema, root), name, _build(value, sub, root))
        return old
    if isinstance(new, list) and isinstance(old, CommentedSeq):
        sub = _child(schema, 0, root)
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = _merge(old[i], value, sub, root)
            else:
                old.append(_build(value, sub, root))
        del old[len(new) :]
        return old
    if not isinstance(new, (Mapping, list)) and _same(old, new):
        return old
    return _build(new, schema, root)


def _same(old: Any, new: Any) -> bool:
    """Return whether the file's scalar ``old`` already says what the form sent as ``new``."""
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    if old is None or new is None:
        return old is new
    if isinstance(old, dt.date):
        return isinstance(new, str) and old.isoformat() == new
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return bool(old == new)
    if isinstance(old, (int, float)) and isinstance(new, str):
        return str(old) == new  # `id: 2025`, `bin: 990140001234`: the model reads both as text
    return isinstance(old, str) and isinstance(new, str) and str(old) == new


def _build(value: Any, schema: Schema, root: Schema) -> Any:
    """Return a new round-trip node for ``value``, typed as the schema says."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _build(item, _child(schema, key, root), root)
        if _short(list(node.values()), list(node)):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_build(item, _child(schema, 0, root), root) for item in value)
        if _short(list(seq), []):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        if _ISO_DATE.match(value) and _is_date(schema, root):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value  # not a real day: kept as text, and the check says so
        if "\n" in value:
            return LiteralScalarString(value)
    return value


def _short(values: list[Any], keys: list[Any]) -> bool:
    """Return whether a new mapping or list of scalars fits on one line (flow style)."""
    if any(isinstance(v, (CommentedMap, CommentedSeq, LiteralScalarString)) for v in values):
        return False
    width = sum(len(str(k)) + 2 for k in keys) + sum(len(str(v)) + 2 for v in values)
    return width <= _FLOW_WIDTH


def _position(node: CommentedMap, key: str, schema: Schema, root: Schema) -> int:
    """Return where a new ``key`` goes: after the keys the schema puts before it."""
    order = list(_resolve(schema, root).get("properties", {}))
    if key not in order:
        return len(node)
    before = set(order[: order.index(key)])
    positions = [i for i, k in enumerate(node) if str(k) in before]
    return positions[-1] + 1 if positions else 0


def _resolve(schema: Schema, root: Schema) -> Schema:
    """Return ``schema`` with references followed and an optional (``anyOf`` with null) unwrapped."""
    for _ in range(20):
        if "$ref" in schema:
            schema = root["$defs"][str(schema["$ref"]).rsplit("/", 1)[-1]]
        elif "anyOf" in schema:
            options = [o for o in schema["anyOf"] if o.get("type") != "null"]
            objects = [o for o in options if "$ref" in o or o.get("type") in ("object", "array")]
            schema = (objects or options or [{}])[0]
        else:
            break
    return schema


def _child(schema: Schema, key: str | int, root: Schema) -> Schema:
    """Return the schema of ``schema``'s item or property ``key`` ({} when unknown)."""
    schema = _resolve(schema, root)
    if isinstance(key, int) or schema.get("type") == "array":
        items = schema.get("items", {})
        return items if isinstance(items, Mapping) else {}
    props = schema.get("properties", {})
    if key in props:
        return props[key]  # type: ignore[no-any-return]
    extra = schema.get("additionalProperties", {})
    return extra if isinstance(extra, Mapping) else {}


def _is_date(schema: Schema, root: Schema) -> bool:
    if "anyOf" in schema:
        return any(_is_date(o, root) for o in schema["anyOf"])
    return _resolve(schema, root).get("format") == "date"


# --- JSON: plain dicts, key order kept ---------------------------------------------------


def _merge_plain(old: Any, new: Any) -> Any:
    if isinstance(new, Mapping) and isinstance(old, dict):
        merged = {k: _merge_plain(old[k], new[k]) for k in old if k in new}
        merged.update({k: v for k, v in new.items() if k not in old})
        return merged
    if isinstance(new, list) and isinstance(old, list):
        return [_merge_plain(old[i], v) if i < len(old) else v for i, v in enumerate(new)]
    return new
