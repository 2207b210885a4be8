"""The document kinds: one static registry; a kind is templates plus this entry, never a module.

Templates live in ``templates/<lang>/<kind>.docx`` (shipped inside the package) with the
language's terms (labels of coded values) in ``templates/<lang>/terms.yaml``; a user's own
folder given with ``--templates`` is searched first, in the same layout.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from spdocs.errors import InputError, Problem, TemplateMissingError
from spdocs.model import Lang
from spdocs.parse import parse


@dataclass(frozen=True)
class Kind:
    """A document kind: its name, what it needs, and whether it is made once per reporting period.

    A periodic kind gets its period's indicator analysis in the context (``report``) and a
    chart in place of the picture its template describes as ``chart``.
    """

    name: str
    per_period: bool = False
    needs: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    "agreement": Kind("agreement"),
    "order": Kind("order", needs=("working_group",)),
    "report": Kind("report", per_period=True, needs=("indicators", "periods")),
}


def builtin_templates() -> Path:
    """Return the folder of the templates shipped with spdocs."""
    packaged = Path(str(resources.files("spdocs") / "templates"))
    if packaged.is_dir():
        return packaged
    # A source checkout (editable install or PYTHONPATH=src) keeps them at the top level.
    return Path(__file__).resolve().parents[2] / "templates"


def template_path(kind: str, lang: Lang, templates: Path | None = None) -> Path:
    """Return the template file for ``kind`` in ``lang``, the user's folder first."""
    searched = [d / lang / f"{kind}.docx" for d in (templates, builtin_templates()) if d is not None]
    for path in searched:
        if path.is_file():
            return path
    raise TemplateMissingError(kind, lang, searched)


def terms(lang: Lang, templates: Path | None = None) -> dict[str, Any]:
    """Return the labels of coded values in ``lang`` (built-in, overridden by the user's file)."""
    merged = _terms_file(builtin_templates() / lang / "terms.yaml")
    if templates is not None:
        merged = _merge(merged, _terms_file(templates / lang / "terms.yaml"))
    return merged


def _merge(base: dict[str, Any], mine: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``mine`` laid over it, group by group (a user's file may give a few labels)."""
    out = dict(base)
    for key, value in mine.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


@functools.cache
def _terms_file(path: Path) -> dict[str, Any]:
    """Return a terms file's groups; raise InputError (file, line) for one that cannot be read."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, [Problem(str(path), None, "", f"cannot read the file ({exc})")]) from None
    if not text.strip():
        return {}
    data: dict[str, Any] = parse(text, name=str(path))[0]
    return data
