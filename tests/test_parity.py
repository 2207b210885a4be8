"""The three language versions of every kind keep the same structure, variables and conditions."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, all_targets, example, rendered
from spdocs import docxtext, kinds, package, parity, resources
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


def test_core_properties_and_endnotes_are_compared_too(tmp_path):
    """Every part the engine renders (docProps/core.xml, endnotes …) is held to the same parity."""
    paths = {lang: resources.template_path("agreement", lang) for lang in LANGS}
    members = package.read(paths["ru"])
    core = members["docProps/core.xml"]
    members["docProps/core.xml"] = re.sub(rb"<dc:title>[^<]*</dc:title>", b"<dc:title>{{ p.id }}</dc:title>", core)
    members["word/endnotes.xml"] = b"<w:endnotes><w:t>{% if p.model %}x{% endif %}</w:t></w:endnotes>"
    edited = tmp_path / "agreement.docx"
    edited.write_bytes(package.write(members.items()))
    problems = parity.compare_templates({**paths, "ru": edited})
    assert f"{edited}: uses {{{{ p.id }}}} absent from {paths['kk']}" in problems
    count = len(parity.signature(paths["kk"]).controls)
    assert any(f"conditions/loops differ from {paths['kk']}: {count} vs {count + 2} statements" in p for p in problems)
