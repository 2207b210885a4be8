"""Kinds added without Python: kinds.yaml and a template per language in the --templates folder."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import ROOT
from spdocs import docxtext
from spdocs.cli import cli
from spdocs.errors import InputError
from spdocs.userkinds import registry

DUKE = ROOT / "examples" / "kaznmu-duke.yaml"
WORDS = {
    "kk": ("Қызметтік жазба", "серіктес"),
    "ru": ("Служебная записка", "партнер"),
    "en": ("Memorandum", "partner"),
}


def _template(path: Path, title: str, partner: str, periodic: bool) -> None:
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph(f"{{{{ p.agreement.number }}}}: {partner} {{{{ p.parties.foreign.short_name }}}}")
    if periodic:
        document.add_paragraph("{{ period.start.numeric }}–{{ period.end.numeric }}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "my-templates"
    root.mkdir()
    (root / "kinds.yaml").write_text(
        "kinds:\n  - name: memo\n    requires: [working_group]\n  - name: digest\n    per_period: true\n",
        encoding="utf-8",
    )
    for lang, (title, partner) in WORDS.items():
        _template(root / lang / "memo.docx", title, partner, periodic=False)
        _template(root / lang / "digest.docx", title, partner, periodic=True)
    return root


def test_a_kind_from_kinds_yaml_renders(runner, folder, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["render", str(DUKE), "--templates", str(folder), "--kind", "memo,digest", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    memo = docxtext.text((out / "kaznmu-duke" / "memo.ru.docx").read_bytes())
    assert memo.splitlines() == ["Служебная записка", "03-СП/2024: партнер Университет Дьюка"]
    digest = docxtext.text((out / "kaznmu-duke" / "digest-2026.en.docx").read_bytes())
    assert digest.splitlines()[-1] == "01.01.2026–31.12.2026"


def test_a_kind_from_kinds_yaml_is_made_by_default_and_listed(runner, folder, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", str(DUKE), "--templates", str(folder), "--lang", "kk", "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in (out / "kaznmu-duke").iterdir()}
    assert {"memo.kk.docx", "digest-2025.kk.docx", "digest-2026.kk.docx", "agreement.kk.docx"} <= names
    listed = runner.invoke(cli, ["templates", "list", "--templates", str(folder)])
    assert listed.exit_code == 0, listed.output
    assert f"memo       ru  kinds.yaml  {folder / 'ru' / 'memo.docx'}" in listed.output
    assert f"digest     en  per period  kinds.yaml  {folder / 'en' / 'digest.docx'}" in listed.output


def test_unknown_kind_names_the_users_kinds_too(runner, folder, tmp_path):
    result = runner.invoke(cli, ["render", str(DUKE), "--templates", str(folder), "--kind", "memoo"])
    assert result.exit_code == 2
    assert "unknown document kind 'memoo'" in result.output and "memo, digest" in result.output


def test_mistakes_in_kinds_yaml_are_located(tmp_path):
    (tmp_path / "kinds.yaml").write_text(
        "kinds:\n  - name: report\n  - name: memo\n    requires: [working_grup]\n    per_periode: true\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        registry(tmp_path)
    text = str(info.value)
    assert "kinds.yaml:5: kinds[1].per_periode: unknown key 'per_periode'" in text
    (tmp_path / "kinds.yaml").write_text("kinds:\n  - name: report\n  - name: memo\n    requires: [working_grup]\n")
    with pytest.raises(InputError) as info:
        registry(tmp_path)
    text = str(info.value)
    assert "kinds.yaml:2: kinds[0].name: 'report' is a built-in kind; choose another name" in text
    assert "kinds.yaml:4: kinds[1].requires[0]: unknown section 'working_grup'; did you mean 'working_group'?" in text


def test_templates_check_checks_a_users_kind_against_its_context(folder):
    from spdocs.templatecheck import check_template, samples

    for lang in WORDS:
        path = folder / lang / "memo.docx"
        assert check_template(path, samples("memo", lang, folder), lang=lang) == []
        document = docx.Document(str(path))
        document.add_paragraph("{{ p.working_group.first_head.nmae }}")
        document.add_paragraph("{%p if p.working_group.responsible %}")
        document.add_paragraph("Жауапты / Ответственный / Responsible")
        document.save(str(path))
        problems = check_template(path, samples("memo", lang, folder), lang=lang)
        assert problems == [
            f"{path}: unknown name `p.working_group.first_head.nmae` (did you mean "
            '`p.working_group.first_head.name`?) in the paragraph "{{ p.working_group.first_head.nmae }}"',
            f"{path}: unclosed `{{%p if %}}` just before the paragraph starting "
            '"Жауапты / Ответственный / Responsible"',
        ]
