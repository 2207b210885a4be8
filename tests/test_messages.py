"""The catalogue of what spdocs says outside the checks: every message in kk, ru and en, with the
same placeholders, every key the code names present, and the user's language found as documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from spdocs.messages import catalogue, placeholders, say, user_lang
from spdocs.model import LANGS

SOURCE = ROOT / "src" / "spdocs"
_LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-z]{4,}")
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def test_every_message_has_every_language_and_the_same_placeholders():
    assert catalogue(), "no messages found"
    for key, texts in catalogue().items():
        assert sorted(texts) == sorted(LANGS), f"{key}: has {sorted(texts)}"
        assert all(t.strip() for t in texts.values()), f"{key}: an empty text"
        assert len({frozenset(placeholders(t)) for t in texts.values()}) == 1, f"{key}: placeholders differ"


def test_kazakh_and_russian_texts_are_translated():
    for key, texts in catalogue().items():
        english = re.sub(r"\{[^}]*\}|--[\w-]+|`[^`]*`|\.\w+|spdocs \w+", "", texts["en"])
        if _LATIN_WORD.search(english):
            for lang in ("kk", "ru"):
                assert _CYRILLIC.search(texts[lang]), f"{key}: the {lang} text is not translated: {texts[lang]!r}"


def _keys_named_in(path: Path) -> list[tuple[str, bool]]:
    """Return the message keys a source file names: (key or pattern, whether it is an f-string pattern)."""
    text = path.read_text(encoding="utf-8")
    found = [(m[1], False) for m in re.finditer(r'say\(\s*"([\w.]+)"', text)]
    found += [(m[1], True) for m in re.finditer(r'say\(\s*f"([\w.{}\[\]\'"]+)"', text)]
    return found


def test_every_key_the_code_names_is_in_the_catalogue():
    known = catalogue()
    named = [(path, key, pattern) for path in sorted(SOURCE.rglob("*.py")) for key, pattern in _keys_named_in(path)]
    assert len(named) > 40
    for path, key, pattern in named:
        if pattern:
            regex = re.compile(re.sub(r"\\\{[^}]*\\\}", r"\\w+", re.escape(key)) + "$")
            assert any(regex.match(k) for k in known), f"{path.name}: no message matches {key!r}"
        else:
            assert key in known, f"{path.name}: no message {key!r}"


def test_plurals_follow_each_language():
    assert say("cli.summary_written", "ru", out="s.xlsx", count=21) == "записано s.xlsx: 21 партнерство"
    assert say("cli.summary_written", "ru", out="s.xlsx", count=3) == "записано s.xlsx: 3 партнерства"
    assert say("cli.summary_written", "ru", out="s.xlsx", count=11) == "записано s.xlsx: 11 партнерств"
    assert say("cli.summary_written", "kk", out="s.xlsx", count=3) == "s.xlsx жазылды: 3 әріптестік"
    assert say("cli.summary_written", "en", out="s.xlsx", count=1) == "wrote s.xlsx: 1 partnership"


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        ("ru", {"SPDOCS_LANG": "kk"}, "ru"),
        (None, {"SPDOCS_LANG": "kk", "LANG": "ru_RU.UTF-8"}, "kk"),
        (None, {"SPDOCS_LANG": "KZ"}, "kk"),
        (None, {"SPDOCS_LANG": "de", "LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"LC_ALL": "kk_KZ.UTF-8", "LANG": "en_US.UTF-8"}, "kk"),
        (None, {"LC_MESSAGES": "ru_KZ.UTF-8"}, "ru"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_users_language(explicit, env, expected):
    assert user_lang(explicit, env) == expected


def test_data_file_problems_speak_the_language_asked_for(monkeypatch):
    from spdocs.errors import InputError
    from spdocs.loader import loads

    text = "id: taraz\nid: almaty\n"
    monkeypatch.setenv("SPDOCS_LANG", "kk")  # the language is a parameter: the environment has no say
    with pytest.raises(InputError) as info:
        loads(text, name="bad.yaml", lang="ru")
    assert [str(p) for p in info.value.problems] == [
        "bad.yaml:2: id: «id» указано дважды в одном и том же месте (строки 1 и 2); оставьте одно"
    ]
    with pytest.raises(InputError) as info:
        loads(text, name="bad.yaml")
    assert str(info.value.problems[0]).endswith("'id' is given twice in the same place (lines 1 and 2); keep one")
