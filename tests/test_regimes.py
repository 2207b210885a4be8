"""Regimes and models as data: every profile labelled everywhere, every template condition known."""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import example
from spdocs import regimes, resources, starter, terms
from spdocs.checks import check
from spdocs.checks.messages import catalogue
from spdocs.kinds import KINDS
from spdocs.languages import LANGS
from spdocs.model import Partnership


def catalogs_missing(code: str) -> list[str]:
    """Return each catalog that lacks a label for the model (or regime) ``code``."""
    missing = []
    spec = regimes.PROFILES.get(code)
    if spec is None:
        return [f"spdocs/regimes.py: PROFILES[{code!r}]"]
    has_model = spec.code in regimes.MODELS
    for lang in LANGS:
        catalog = terms.terms(lang)
        if has_model and code not in catalog.models:
            missing.append(f"templates/{lang}/terms.yaml: models.{code}")
        if spec.regime not in catalog.regimes:
            missing.append(f"templates/{lang}/terms.yaml: regimes.{spec.regime}")
        if has_model and lang not in catalogue()["terms"]["model"].get(code, {}):
            missing.append(f"spdocs/checks/messages.yaml: terms.model.{code}.{lang}")
    if regimes.REGIMES[spec.regime].text not in catalogue()["docs"]:
        missing.append(f"spdocs/checks/messages.yaml: docs.{regimes.REGIMES[spec.regime].text}")
    return missing


@pytest.mark.parametrize("code", regimes.PROFILES)
def test_every_profile_is_labelled_in_every_catalog(code):
    assert catalogs_missing(code) == []


def test_a_model_without_labels_is_found(monkeypatch):
    monkeypatch.setitem(regimes.PROFILES, "lu_ban", regimes.Profile("lu_ban", "higher_education"))
    monkeypatch.setattr(regimes, "MODELS", (*regimes.MODELS, "lu_ban"))
    missing = catalogs_missing("lu_ban")
    assert "templates/kk/terms.yaml: models.lu_ban" in missing
    assert "spdocs/checks/messages.yaml: terms.model.lu_ban.ru" in missing


def test_regimes_models_and_profiles_agree():
    assert set(regimes.MODELS) | {r for r, spec in regimes.REGIMES.items() if not spec.models} == set(regimes.PROFILES)
    for code, spec in regimes.PROFILES.items():
        assert spec.code == code and spec.regime in regimes.REGIMES
        for section in (*spec.requires, *spec.sections, *spec.annexes):
            assert section in Partnership.model_fields, (code, section)
    for regime in regimes.REGIMES.values():
        for section in regime.sections:
            assert section in Partnership.model_fields, (regime.code, section)


def _conditions() -> set[tuple[str, str, str]]:
    """Return (template, field, code) for every model or regime a template compares with a name."""
    found = set()
    for kind in KINDS:
        for lang in LANGS:
            path = resources.template_path(kind, lang)
            text = re.sub(r"<[^>]+>", "", zipfile.ZipFile(path).read("word/document.xml").decode("utf-8"))
            for field, codes in re.findall(r"p\.(model|regime)\s*(?:==|in)\s*(\([^)]*\)|'[^']*')", text):
                found |= {(path.name, field, code) for code in re.findall(r"'([^']*)'", codes)}
    return found


def test_templates_compare_only_with_known_models_and_regimes():
    conditions = _conditions()
    assert conditions, "the agreement's clauses depend on the model"
    known = {"model": set(regimes.MODELS), "regime": set(regimes.REGIMES)}
    assert [c for c in conditions if c[2] not in known[c[1]]] == []


def test_starter_sections_follow_the_registry():
    assert "branch:" in starter.starter("consortium_branch") and "consortium:" in starter.starter("consortium_branch")
    assert "\nbranch:" not in starter.starter("franchise")
    assert "\nselection:" in starter.starter("medical") and "\nstaffing:" not in starter.starter("medical")


def test_model_sections_come_from_the_registry(monkeypatch):
    """A model's flags decide its rules: the same data checked as a branch and as a franchise."""
    p = example("taraz-mendeleev")
    assert regimes.profile_of(p).branch
    rules = {f.rule for f in check(p.model_copy(update={"branch": p.branch.model_copy(update={"bin": None})}))}  # type: ignore[union-attr]
    assert "HE-BRANCH-REG" in rules
    monkeypatch.setitem(regimes.PROFILES, "branch", regimes.Profile("branch", "higher_education"))
    rules = {f.rule for f in check(p.model_copy(update={"branch": p.branch.model_copy(update={"bin": None})}))}  # type: ignore[union-attr]
    assert "HE-BRANCH-REG" not in rules and "GEN-SECTIONS" in rules


def test_unknown_profile():
    with pytest.raises(ValueError, match="unknown model 'lu_ban'"):
        regimes.profile("lu_ban")
