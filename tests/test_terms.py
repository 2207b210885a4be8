"""The terms catalog: typed and complete for every language; a user's partial file merged over it."""

from __future__ import annotations

import pytest

from conftest import ROOT
from spdocs import docxtext, terms
from spdocs.cli import cli
from spdocs.errors import InputError
from spdocs.languages import LANGS

TARAZ = ROOT / "examples" / "taraz-mendeleev.yaml"


@pytest.mark.parametrize("lang", LANGS)
def test_builtin_catalog_labels_every_code(lang):
    catalog = terms.terms(lang)
    for path, codes in terms.vocabularies().items():
        labels = catalog._at(path)
        assert set(codes) <= set(labels), path
        assert all(labels[code].strip() for code in codes), path


def test_a_partial_user_file_changes_one_label_and_keeps_the_rest(tmp_path):
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "terms.yaml").write_text("report:\n  status:\n    achieved: выполнено\n", encoding="utf-8")
    mine = terms.terms("ru", tmp_path)
    assert mine.report.status["achieved"] == "выполнено"
    assert mine.report.status["no_data"] == terms.terms("ru").report.status["no_data"]
    assert mine.roles == terms.terms("ru").roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "terms.yaml:1: expected a mapping of fields at the top of the file"),
        ("report: [\n", "terms.yaml:2: a bracket { or [ is not closed"),
        (
            "roles:\n  chair: председатель\n  chiar: x\n",
            "terms.yaml:3: roles.chiar: unknown code 'chiar'; did you mean 'chair'?",
        ),
        ("draft: ПРОЕКТ\nreprot: {}\n", "terms.yaml:2: reprot: unknown key 'reprot'"),
        ("report:\n  status: null\n", "terms.yaml:2: report.status: Input should be a valid dictionary"),
    ],
    ids=["list", "broken-yaml", "unknown-code", "unknown-key", "wrong-shape"],
)
def test_a_bad_user_file_is_an_input_error_with_its_line(tmp_path, text, expected):
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "terms.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        terms.terms("ru", tmp_path)
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("text", "code"),
    [("- a\n", 2), ("report: [\n", 2), ("report:\n  status:\n    achieved: выполнено\n", 0)],
    ids=["list", "broken-yaml", "partial"],
)
def test_render_with_a_user_terms_file(runner, tmp_path, text, code):
    (tmp_path / "tpl" / "ru").mkdir(parents=True)
    (tmp_path / "tpl" / "ru" / "terms.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(
        cli,
        [
            "render",
            str(TARAZ),
            "--lang",
            "ru",
            "--kind",
            "order",
            "--templates",
            str(tmp_path / "tpl"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert "Traceback" not in result.output
    if code == 0:
        assert result.exit_code == 0, result.output
        assert "председатель" in docxtext.text((tmp_path / "out" / "taraz-mendeleev" / "order.ru.docx").read_bytes())
    else:  # checked once, before any partnership: one line, nothing rendered
        assert result.exit_code == 2
        assert result.output.count("\n") == 1 and "terms.yaml:" in result.output
        assert not (tmp_path / "out").exists()


def test_templates_check_reports_a_broken_terms_file(runner, tmp_path):
    (tmp_path / "kk").mkdir()
    (tmp_path / "kk" / "terms.yaml").write_text("roles: [\n", encoding="utf-8")
    result = runner.invoke(cli, ["templates", "check", "--templates", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "terms.yaml:2: a bracket { or [ is not closed" in result.output


def test_merge_is_deep():
    assert terms.merge({"a": {"b": {"c": 1, "d": 2}}}, {"a": {"b": {"d": 3}}}) == {"a": {"b": {"c": 1, "d": 3}}}
