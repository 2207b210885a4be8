"""What the page needs to draw the form: the data model's JSON Schema, labels, and which
sections a partnership's model uses.

The form is generated in the browser from `Partnership.model_json_schema()` alone: a field
added to the model appears in the form with no change here. Labels of fields and coded
values in kk/ru/en come from ``labels.yaml``; a field without a label shows its name and
the schema's description. Which optional sections belong to which model is the starter's
knowledge (`spdocs.starter.applies`), so the form offers the same sections as ``spdocs new``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

from spdocs.languages import LANGS, SIDE_BY_SIDE, Lang


@functools.cache
def schema() -> dict[str, Any]:
    """Return the JSON Schema of a data file (the form is drawn from it)."""
    from spdocs.model import Partnership

    return Partnership.model_json_schema()


@functools.cache
def catalog(name: str) -> dict[str, Any]:
    """Return a YAML catalog shipped with the web app (``labels`` or ``messages``)."""
    text = (resources.files("spdocs.web") / f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict), f"{name}.yaml: expected a mapping"
    return data


def model_key(data: Any) -> str | None:
    """Return the starter's name of the data's partnership model (``branch`` … or ``medical``)."""
    from spdocs.starter import MODELS

    if not isinstance(data, Mapping):
        return None
    key = "medical" if data.get("regime") == "medical" else data.get("model")
    return key if key in MODELS else None


def hidden(data: Any) -> list[str]:
    """Return the dotted field paths (list items not counted) that the data's model does not use."""
    from spdocs.starter import ONLY, applies

    key = model_key(data)
    return [] if key is None else sorted(path for path in ONLY if not applies(path, key))


def meta(*, pdf: bool, pdf_help: str) -> dict[str, Any]:
    """Return what the page loads once: schema, labels, interface strings, kinds, models, languages."""
    from spdocs import __version__, kinds
    from spdocs.starter import MODELS

    return {
        "version": __version__,
        "langs": list(LANGS),
        "side_by_side": list(SIDE_BY_SIDE),  # a document's languages side by side, as `--layout parallel`
        "models": list(MODELS),
        "kinds": {name: {"per_period": kind.per_period} for name, kind in kinds.KINDS.items()},
        "schema": schema(),
        "labels": catalog("labels"),
        "ui": catalog("messages")["ui"],
        "pdf": pdf,
        "pdf_help": pdf_help,
    }


def message(code: str, lang: Lang, /, **values: Any) -> str:
    """Return the API error message ``code`` in ``lang``, filled with ``values``."""
    errors = catalog("messages")["errors"]
    template = errors.get(code, errors["unexpected"])[lang]
    try:
        return str(template).format(**values)
    except (KeyError, IndexError):
        return str(template)
