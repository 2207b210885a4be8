"""Kinds as data: a kind is templates plus one registry entry; a kind that does not apply is skipped."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from conftest import ROOT, example
from spdocs import documents, docxtext, kinds, terms
from spdocs.api import render
from spdocs.cli import cli
from spdocs.errors import OptionError, RenderError
from spdocs.languages import LANGS

TARAZ = ROOT / "examples" / "taraz-mendeleev.yaml"


def _toy_templates(folder: Path, kind: str) -> Path:
    """Write ``<lang>/<kind>.docx`` and a partial ``terms.yaml`` (its title) for every language."""
    for lang in LANGS:
        (folder / lang).mkdir(parents=True)
        doc = docx.Document()
        doc.add_paragraph(f"{lang.upper()}: {{{{ t.documents[kind] }}}} № {{{{ p.agreement.number }}}}")
        doc.add_paragraph("{{ p.parties.foreign.short_name }} — {{ p.working_group.order.number }}")
        doc.save(str(folder / lang / f"{kind}.docx"))
        (folder / lang / "terms.yaml").write_text(f"documents:\n  {kind}: Memo {lang}\n", encoding="utf-8")
    return folder


@pytest.fixture
def toy(monkeypatch, tmp_path):
    """A kind named with a dash, added by one registry entry; its templates live in a user folder."""
    name = "cover-memo"
    monkeypatch.setitem(kinds.KINDS, name, kinds.Kind(name, requires=("working_group",)))
    terms.vocabularies.cache_clear()
    yield name, _toy_templates(tmp_path / "templates", name)
    terms.vocabularies.cache_clear()


def test_toy_kind_renders_from_templates_and_one_entry(toy):
    name, folder = toy
    p = example("taraz-mendeleev")
    text = docxtext.text(documents.render_document(p, name, lang="ru", templates=folder))
    assert f"RU: Memo ru № {p.agreement.number}" in text
    assert f"{p.parties.foreign.short_name.get('ru')} — {p.working_group.order.number}" in text  # type: ignore[union-attr]


def test_toy_kind_goes_through_the_batch_and_packets(toy, tmp_path):
    """Records carry the kind: a dash in its name does not confuse PDFs or packets (no file-name parsing)."""
    name, folder = toy
    batch = render([TARAZ], out=tmp_path / "out", kinds=[name, "order"], langs=["ru"], templates=folder)
    [outcome] = batch
    assert outcome.error is None
    assert [(w.target.kind, w.path.name) for w in outcome.files if w.target] == [
        (name, f"{name}.ru.docx"),
        ("order", "order.ru.docx"),
    ]


def test_kind_that_does_not_apply_is_skipped_with_a_note(tmp_path):
    data = yaml.safe_load(TARAZ.read_text(encoding="utf-8"))
    del data["working_group"]
    plain = tmp_path / "no-group.yaml"
    plain.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plan = documents.plan(example("taraz-mendeleev").model_copy(update={"working_group": None}), langs=["kk"])
    assert "order" not in {t.kind for t in plan.targets}
    assert [str(s) for s in plan.skipped] == ["order: not made — the data has no `working_group`"]

    lines: list[str] = []
    batch = render([plain], out=tmp_path / "out", langs=["kk"], progress=lines.append)
    assert not batch.failed
    assert {p.name for p in batch[0].written} >= {"agreement.kk.docx"}
    assert "order: not made — the data has no `working_group`" in lines[0]


def test_kind_asked_for_that_does_not_apply_fails_that_partnership(runner, tmp_path):
    data = yaml.safe_load(TARAZ.read_text(encoding="utf-8"))
    del data["working_group"]
    plain = tmp_path / "no-group.yaml"
    plain.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    everything = runner.invoke(cli, ["render", str(plain), "--lang", "ru", "--out", str(tmp_path / "a")])
    assert everything.exit_code == 0, everything.output
    assert "order: not made — the data has no `working_group`" in everything.output
    asked = runner.invoke(cli, ["render", str(plain), "--kind", "order", "--out", str(tmp_path / "b")])
    assert asked.exit_code == 1
    assert "the data has no `working_group`, which the order needs" in asked.output
    assert "Traceback" not in asked.output


def test_unknown_kind_language_or_period_through_the_api_is_a_value_error():
    p = example("taraz-mendeleev")
    with pytest.raises(OptionError, match="unknown document kind 'memo'"):
        documents.render_document(p, "memo", lang="kk")
    with pytest.raises(ValueError, match=r"unknown language 'de' \(expected kk, ru, en\)"):
        documents.render_document(p, "agreement", lang="de")
    with pytest.raises(ValueError, match="no reporting period '2099'"):
        documents.render_document(p, "report", lang="kk", period="2099")
    with pytest.raises(ValueError, match="made per reporting period; name the period"):
        documents.render_document(p, "report", lang="kk")


def test_a_periodic_kind_asked_for_a_period_the_data_lacks_fails():
    with pytest.raises(RenderError):
        documents.plan(example("taraz-mendeleev").model_copy(update={"periods": []}), kinds=["report"])


def test_kind_missing_names_the_first_absent_section():
    report = kinds.KINDS["report"]
    p = example("kaznmu-duke")
    assert report.missing(p) is None
    assert report.missing(p.model_copy(update={"indicators": []})) == "indicators"
    with pytest.raises(ValueError, match="expected agreement, order, report, plan, selection, letter"):
        kinds.kind("memo")


def test_selection_needs_a_selection_or_a_ranking():
    selection = kinds.KINDS["selection"]
    taraz = example("taraz-mendeleev")
    assert selection.missing(taraz) is None
    foreign = taraz.parties.foreign.model_copy(update={"rankings": []})
    bare = taraz.model_copy(
        update={"selection": None, "parties": taraz.parties.model_copy(update={"foreign": foreign})}
    )
    assert selection.missing(bare) == "selection` or `parties.foreign.rankings"
    assert "selection: not made — the data has no `selection` or `parties.foreign.rankings`" in [
        str(s) for s in documents.plan(bare).skipped
    ]


def test_every_kind_is_named_in_the_checks_catalogue():
    """GEN-TRANSLATION names the documents that need a text: every kind needs its name there, in every language."""
    from spdocs.checks.messages import catalogue

    names = catalogue()["terms"]["document"]
    assert {k: sorted(names[k]) for k in kinds.KINDS} == {k: sorted(LANGS) for k in kinds.KINDS}
