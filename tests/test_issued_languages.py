"""The languages each document is issued in: the data's `documents`, the defaults, --lang, and the texts needed."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, example
from spdocs import api, documents, docxtext, kinds, parity, resources
from spdocs.checks import check
from spdocs.checks.base import iter_texts
from spdocs.cli import cli
from spdocs.errors import InputError, RenderError
from spdocs.languages import LANGS
from spdocs.loader import load
from spdocs.model import Partnership

EKTU = ROOT / "examples" / "ektu-luban.yaml"


def _files(folder):
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".docx", ".pdf"))  # not the manifest


def test_order_in_kk_and_ru_needs_no_english_and_checks_clean():
    p = example("ektu-luban")
    assert p.documents == {}  # the defaults: order and reports in kk and ru
    texts = list(iter_texts(p.working_group, ("working_group",)))
    assert len(texts) > 10
    assert all(text.find("en") is None and text.find("kk") and text.find("ru") for _, text in texts)
    assert [f for f in check(p) if f.severity == "error"] == []


def test_english_asked_for_in_the_data_is_needed_and_named_with_file_line_and_document(tmp_path):
    data = yaml.safe_load(EKTU.read_text(encoding="utf-8"))
    data["documents"] = {"order": ["kk", "ru", "en"]}
    path = tmp_path / "ektu.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = api.check_files([path])[0]
    missing = [f for f in result.findings if f.rule == "GEN-TRANSLATION"]
    assert {f.field for f in missing} >= {"working_group.first_head.name.en", "working_group.members[0].position.en"}
    first = next(f for f in missing if f.field == "working_group.first_head.name.en")
    assert first.severity == "error" and first.path == str(path) and first.line is not None
    assert "English text is missing; it is needed for: order" in first.message
    assert path.read_text(encoding="utf-8").splitlines()[first.line - 1].strip().startswith("name:")


def test_render_makes_exactly_the_issued_languages_and_lang_narrows_them(tmp_path):
    batch = api.render([EKTU, ROOT / "examples" / "kaznmu-duke.yaml"], out=tmp_path)
    assert not batch.failed
    assert _files(tmp_path / "ektu-luban") == [
        "agreement.en.docx", "agreement.kk.docx", "agreement.ru.docx",
        "letter-2025.kk.docx", "letter-2025.ru.docx", "letter-2026.kk.docx", "letter-2026.ru.docx",
        "order.kk.docx", "order.ru.docx", "plan.kk.docx", "plan.ru.docx",
        "report-2025.kk.docx", "report-2025.ru.docx", "report-2026.kk.docx", "report-2026.ru.docx",
        "selection.kk.docx", "selection.ru.docx",
    ]  # fmt: skip
    assert "order.en.docx" in _files(tmp_path / "kaznmu-duke")  # its data issues the order in English too
    narrowed = api.render([EKTU], out=tmp_path / "en", langs=["en"])
    assert _files(tmp_path / "en" / "ektu-luban") == ["agreement.en.docx"]
    assert [str(s) for s in narrowed[0].skipped] == [
        "order: not made in en — issued in kk, ru only (`documents.order` in the data says which)",
        "report: not made in en — issued in kk, ru only (`documents.report` in the data says which)",
        "plan: not made in en — issued in kk, ru only (`documents.plan` in the data says which)",
        "selection: not made in en — issued in kk, ru only (`documents.selection` in the data says which)",
        "letter: not made in en — issued in kk, ru only (`documents.letter` in the data says which)",
    ]


def test_asking_for_an_order_in_a_language_it_is_not_issued_in_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(EKTU), "--kind", "order", "--lang", "en", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        "order [en]: not made in en: issued in kk, ru only (`documents.order` in the data says which)" in result.output
    )
    assert not (tmp_path / "ektu-luban").exists()


def test_a_document_whose_text_lacks_its_language_fails_naming_the_field():
    with pytest.raises(
        RenderError, match=r"working_group\.order\.place has no English text \(`working_group\.order\.place\.en`\)"
    ):
        documents.render_document(example("ektu-luban"), "order", lang="en")


def test_parallel_versions_follow_the_issued_languages(tmp_path):
    batch = api.render([EKTU], out=tmp_path, layout=["parallel"], kinds=["agreement", "order"])
    assert not batch.failed
    assert _files(tmp_path / "ektu-luban") == ["agreement.kk-ru-en.docx", "order.kk-ru.docx"]


@pytest.mark.parametrize(
    ("lang", "clause"),
    [
        ("ru", "каждый на казахском и русском языках; оба текста имеют одинаковую юридическую силу."),
        ("kk", "әрқайсысы қазақ және орыс тілдерінде жасалды; екі мәтіннің де заңдық күші бірдей."),
        ("en", "each in the Kazakh and Russian languages; both texts are equally authentic."),
    ],
)
def test_language_clause_states_the_agreements_languages(lang, clause):
    p = example("taraz-mendeleev")
    two = p.model_copy(
        update={
            "documents": {"agreement": ["kk", "ru"]},
            "agreement": p.agreement.model_copy(update={"prevailing": None}),
        }
    )
    text = docxtext.text(documents.render_document(two, "agreement", lang=lang))
    assert clause in text
    three = docxtext.text(documents.render_document(p, "agreement", lang=lang))
    assert clause not in three and ("все тексты" in three or "барлық мәтіндердің" in three or "all texts" in three)


def test_documents_and_texts_are_validated_where_they_are_written(tmp_path):
    data = yaml.safe_load(EKTU.read_text(encoding="utf-8"))
    data["documents"] = {"memo": ["kk"]}
    data["third_mission"] = [{}]
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    messages = " | ".join(f"{p.field}: {p.message}" for p in caught.value.problems)
    assert "unknown document kind 'memo'" in messages
    assert "third_mission[0]: the text is given in no language" in messages
    assert "documents.memo: unknown document kind" in messages
    assert isinstance(example("ektu-luban"), Partnership)


# Sections a template reads for codes, dates or numbers only (no text of theirs is shown).
NO_TEXTS = {
    "agreement": {"regime", "model", "periods"},
    "order": {"regime", "periods"},
    "report": {"regime", "model"},
    "plan": {"regime", "model"},
    "selection": {"regime", "model"},
    "letter": {"regime", "model"},
}
# Context names built from sections (spdocs.context) and the sections whose texts they carry.
DERIVED = {"signing_parties": "parties", "wg_members": "working_group", "areas": "agreement", "report": "periods"}


@pytest.mark.parametrize("name", sorted(kinds.KINDS))
def test_each_kind_declares_the_sections_whose_texts_its_templates_show(name):
    """A template that starts showing a section's texts must declare it, or missing translations go unchecked."""
    read: set[str] = set()
    for lang in LANGS:
        sig = parity.signature(resources.template_path(name, lang))
        expressions = " ".join([*sig.values, *sig.controls])
        read |= set(re.findall(r"\bp\.(\w+)", expressions))
        read |= {DERIVED[n] for n in re.findall(r"\b(\w+)\b", expressions) if n in DERIVED}
    assert read - NO_TEXTS[name] <= set(kinds.KINDS[name].texts)
