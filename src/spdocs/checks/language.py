"""Rules on the language versions of texts: Kazakh and Russian in Cyrillic, English in Latin."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pydantic import BaseModel

from spdocs.checks.base import Hit, Loc, Term, iter_texts
from spdocs.languages import LANGUAGES
from spdocs.limits import bidi_controls
from spdocs.model import Partnership

_WORD = re.compile(r"[^\W\d_]+")  # a run of letters: hyphens, digits and spaces split words
# Languages written in another script than Latin, and the Latin letters typed for their letters
# (glossary §4 names i/ə/ö for Kazakh і/ә/ө).
_FIX = {
    lang.code: dict(zip(lang.lookalikes[::2], lang.lookalikes[1::2]))
    for lang in LANGUAGES.values()
    if lang.script != "LATIN"
}


def _script(ch: str) -> str:
    """Return "CYRILLIC", "LATIN" or another script word of the letter ``ch``."""
    return unicodedata.name(ch, "?").split(" ")[0]


def _sample(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def gen_script(p: Partnership) -> Iterator[Hit]:
    """No Kazakh or Russian word mixes Latin and Cyrillic letters (Latin i/ə/ö for і/ә/ө)."""
    for loc, text in iter_texts(p):
        for lang in _FIX:
            script = LANGUAGES[lang].script
            words, latin, fixable = [], [], True
            for word in dict.fromkeys(_WORD.findall(text.find(lang) or "")):
                scripts = [_script(ch) for ch in word]
                if script in scripts and "LATIN" in scripts:
                    words.append(word)
                    latin += [ch for ch, s in zip(word, scripts) if s == "LATIN" and ch not in latin]
                    # a mostly Latin word (a name) with a stray Cyrillic letter has no Cyrillic fix
                    fixable = fixable and scripts.count(script) >= scripts.count("LATIN")
            if not words:
                continue
            fix = [_FIX[lang].get(ch) for ch in latin]
            args = {"text": Term("text", (lang,)), "words": ", ".join(words), "letters": ", ".join(latin)}
            if fixable and all(fix):
                yield Hit((*loc, lang), args={**args, "fix": ", ".join(f for f in fix if f)}, value=words[0])
            else:
                yield Hit((*loc, lang), "nofix", args, words[0])


def gen_untranslated(p: Partnership) -> Iterator[Hit]:
    """Kazakh and Russian texts have Cyrillic letters and English texts none: else a copy is likely."""
    others = {lang.script for lang in LANGUAGES.values()} - {"LATIN"}
    for loc, text in iter_texts(p):
        for lang in LANGUAGES.values():
            value = text.find(lang.code)
            if value is None:
                continue
            scripts = {_script(ch) for ch in value if ch.isalpha()}
            if lang.script == "LATIN":
                bad = bool(scripts & others)
            else:  # two Latin words at least: a lone code or abbreviation (IAAR, Q1) is fine
                bad = lang.script not in scripts and len(_WORD.findall(value)) >= 2
            if bad:
                variant = "cyrillic" if lang.script == "LATIN" else "latin"
                args = {"text": Term("text", (lang.code,)), "sample": _sample(value)}
                yield Hit((*loc, lang.code), variant, args, _sample(value))


def gen_bidi(p: Partnership) -> Iterator[Hit]:
    """No text holds invisible direction overrides (U+202E …) that make it read otherwise than stored."""
    for loc, value in _strings(p):
        if codes := bidi_controls(value):
            yield Hit(loc, args={"codes": ", ".join(codes)}, value=_sample(value))


def _strings(node: object, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Yield every text value below ``node`` (each language of a `Text` apart) with its field path."""
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _strings(getattr(node, name), (*loc, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _strings(item, (*loc, i))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _strings(item, (*loc, str(key)))
