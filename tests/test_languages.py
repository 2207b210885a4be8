"""Languages as data: every place a language needs, listed by one function; none forgotten for kk, ru, en."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

import pytest

from spdocs import formatting, languages, resources
from spdocs.checks.messages import catalogue
from spdocs.kinds import KINDS
from spdocs.model import Text


def _leaves(node: Any, path: str = "") -> list[tuple[str, dict[str, str]]]:
    """Return every per-language entry of the messages catalogue: (path, {lang: text})."""
    if isinstance(node, dict) and node and all(isinstance(v, str) for v in node.values()):
        return [(path, node)]
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, f"{path}.{key}" if path else str(key))]
    return []


def places_missing(code: str) -> list[str]:
    """Return what a language ``code`` still lacks: each item one place a new language needs."""
    missing = []
    if code not in languages.LANGUAGES:
        missing.append(f"spdocs/languages.py: LANGUAGES[{code!r}]")
    else:
        entry = languages.LANGUAGES[code]
        for f in dataclasses.fields(entry):
            if f.name not in ("since_day", "lookalikes") and not getattr(entry, f.name):
                missing.append(f"spdocs/languages.py: LANGUAGES[{code!r}].{f.name}")
        for key in ("long", "quoted", "attr", "loc", "since", "until"):
            if key not in entry.dates:
                missing.append(f"spdocs/languages.py: LANGUAGES[{code!r}].dates[{key!r}]")
    if code not in Text.model_fields:
        missing.append("spdocs.model.Text: a field (made from the registry at import)")
    folder = resources.builtin_templates() / code
    missing += [f"templates/{code}/{kind}.docx" for kind in KINDS if not (folder / f"{kind}.docx").is_file()]
    if not (folder / "terms.yaml").is_file():
        missing.append(f"templates/{code}/terms.yaml")
    for path, texts in _leaves(catalogue()):
        if code not in texts:
            missing.append(f"spdocs/checks/messages.yaml: {path}.{code}")
    return missing


@pytest.mark.parametrize("code", languages.LANGS)
def test_every_language_has_every_place(code):
    assert places_missing(code) == []


def test_a_new_language_lists_the_places_it_needs(monkeypatch):
    """A fourth language added to the registry alone: the test names what else it needs."""
    german = dataclasses.replace(languages.LANGUAGES["en"], code="de", name="German", locale="de", num2words="de")
    monkeypatch.setitem(languages.LANGUAGES, "de", german)
    missing = places_missing("de")
    assert "spdocs.model.Text: a field (made from the registry at import)" in missing
    assert {f"templates/de/{kind}.docx" for kind in KINDS} | {"templates/de/terms.yaml"} <= set(missing)
    assert "spdocs/checks/messages.yaml: messages.HE-TERM.default.de" in missing
    assert not any(m.startswith("spdocs/languages.py") for m in missing)
    # what the registry entry gives works at once: legal dates and money in the new language
    assert formatting.date_forms(datetime.date(2025, 3, 14), lang="de")["long"] == "14 März 2025"
    assert "(one thousand tenge)" not in formatting.money_forms(Decimal(1000), "KZT", lang="de")["full"]


def test_a_forgotten_place_is_found(monkeypatch):
    broken = dataclasses.replace(languages.LANGUAGES["ru"], tenge="")
    monkeypatch.setitem(languages.LANGUAGES, "ru", broken)
    assert places_missing("ru") == ["spdocs/languages.py: LANGUAGES['ru'].tenge"]


def test_unknown_language_names_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown language 'de' \(expected kk, ru, en\)"):
        languages.language("de")
    assert languages.check_langs("kk") == ("kk",)
    assert languages.name("kk") == "Kazakh"
