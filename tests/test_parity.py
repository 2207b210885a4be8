"""The three language versions of every kind keep the same structure, variables and conditions."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, all_targets, example, rendered
from spdocs import docxtext, kinds, parity, resources
from spdocs.model import LANGS

TARGETS = [(n, t) for n, t in all_targets() if t.lang == "kk"]


@pytest.mark.parametrize("kind", sorted(kinds.KINDS))
def test_templates_use_same_conditions_and_values(kind):
    paths = {lang: resources.template_path(kind, lang) for lang in LANGS}
    assert parity.compare_templates(paths) == []


@pytest.mark.parametrize(("name", "target"), TARGETS, ids=[f"{n}/{t.kind}-{t.period}" for n, t in TARGETS])
def test_rendered_versions_have_same_clauses_and_tables(name, target):
    # the languages the example issues the kind in (an order in kk and ru has no English texts to render)
    langs = kinds.kind(target.kind).languages(example(name))
    shapes = {lang: parity.structure(rendered(name, target.kind, lang, target.period)) for lang in langs}
    assert shapes["kk"], "no numbered clauses or tables at all"
    for lang in langs:
        assert shapes[lang] == shapes["kk"], lang


@pytest.mark.parametrize(("name", "target"), all_targets(), ids=[f"{n}/{t.filename()}" for n, t in all_targets()])
def test_no_template_residue_or_blank_values(name, target):
    blocks = docxtext.blocks(rendered(name, target.kind, target.lang, target.period))
    text = "\n".join(str(b) for b in blocks)
    for residue in ("{{", "}}", "{%", "%}", "None", "[]", "{'"):
        assert residue not in text, f"{residue!r} left in the document"
    numbered_empty = [b.number for b in blocks if b.number and not b.text]
    assert numbered_empty == []
    # a value rendered as nothing leaves doubled spaces or a space before punctuation
    assert not re.search(r"\S  +\S| [,.;:]\s", text.replace("\n", " ")), "a blank value inside a sentence"


def test_examples_exist():
    assert len(EXAMPLES) >= 8
