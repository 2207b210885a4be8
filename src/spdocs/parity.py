"""Keeping the three language versions of a kind in step.

Two checks, used by ``spdocs templates check`` and by the tests:

- templates: the same Jinja conditions and loops, in the same order, and the same set of
  values (``{{ … }}``), in every language's template of a kind;
- rendered documents: the same sequence of clause numbers and the same table shapes in
  every language's rendering of one partnership.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spdocs import docxtext, package
from spdocs.engine import patch_xml
from spdocs.languages import Lang

_TAG = re.compile(r"\{%-?\s*(?:[prtc]\s+)?(.*?)\s*-?%\}|\{\{-?\s*(?:r\s+)?(.*?)\s*-?\}\}", re.S)
# The agreement's name in a grammatical case (t.agreement.doc: «Соглашению» / «Келісімге»): each
# language puts it in the case its sentence needs, so the case is not compared, only the name.
_CASE = re.compile(r"^(doc\.(?:full\.)?)(?:nom|gen|dat|acc|ins|loc|abl)$")


@dataclass(frozen=True)
class Signature:
    """What must agree across languages in one template."""

    controls: tuple[str, ...]
    values: frozenset[str]


def signature(path: Path) -> Signature:
    """Return the control statements (in order) and the value expressions of a DOCX template."""
    controls: list[str] = []
    values: set[str] = set()
    members = package.read(path)
    for name in sorted(members):
        if package.TEMPLATE_PARTS.match(name):
            xml = patch_xml(members[name].decode("utf-8"))
            text = re.sub(r"<[^>]+>", "", xml)
            for m in _TAG.finditer(text):
                if m[1] is not None:
                    statement = " ".join(m[1].split())
                    if not statement.startswith("set "):
                        controls.append(statement)
                else:
                    values.add(_CASE.sub(r"\1<case>", " ".join(m[2].split())))
    return Signature(tuple(controls), frozenset(values))


def compare_templates(paths: dict[Lang, Path]) -> list[str]:
    """Return the differences between the templates of one kind, given per language."""
    sigs = {lang: signature(path) for lang, path in paths.items()}
    problems = []
    langs = list(sigs)
    base = langs[0]
    for lang in langs[1:]:
        a, b = sigs[base], sigs[lang]
        if a.controls != b.controls:
            problems.append(
                f"{paths[lang]}: conditions/loops differ from {paths[base]}: {_first_diff(a.controls, b.controls)}"
            )
        for missing in sorted(a.values - b.values):
            problems.append(f"{paths[lang]}: lacks {{{{ {missing} }}}} used in {paths[base]}")
        for extra in sorted(b.values - a.values):
            problems.append(f"{paths[lang]}: uses {{{{ {extra} }}}} absent from {paths[base]}")
    return problems


def structure(docx: bytes) -> list[str]:
    """Return the shape of a rendered document: its clause numbers and table row widths."""
    shape = []
    for block in docxtext.blocks(docx):
        if block.number:
            shape.append(block.number)
        elif block.cells:
            shape.append(f"row/{len(block.cells)}")
    return shape


def _first_diff(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"#{i + 1}: '{x}' vs '{y}'"
    return f"{len(a)} vs {len(b)} statements"
