"""Finding what a cell means among known things — partnerships, indicators, periods — by id or by name.

A cell may hold a thing's id (exactly, or with other capitals) or one of its names in any
language, written loosely: other capitals, ё for е, other quotes and dashes, extra spaces.
A name that fits several things is ambiguous rather than a guess; a text that fits nothing
gets the closest id or name as a suggestion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spdocs.languages import Lang
from spdocs.messages import say
from spdocs.model import LANGS, BudgetItem, Indicator, Partnership

_SHOW_KNOWN = 8  # ids listed when nothing fits and nothing is close


def key(text: str) -> str:
    """Return ``text`` as names are compared.

    >>> key("  «Таразский  университет» — РХТУ. ") == key('"таразский университет" - рхту')
    True
    """
    text = text.casefold().replace("ё", "е").replace("\u00a0", " ")
    text = re.sub(r"[«»“”„\"'`’‘]", "", text)
    text = re.sub(r"\s*[-‐‑‒–—−]\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .;,")


@dataclass(frozen=True)
class Match:
    """What a text fits: one id, several (ambiguous), or none with the closest suggestion."""

    found: str | None
    ambiguous: tuple[str, ...] = ()
    guess: str | None = None


class Names:
    """Known things by id and by their names; `find` says which one a text means."""

    def __init__(self, things: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.ids: list[str] = []
        self._by_id: dict[str, str] = {}
        self._by_name: dict[str, set[str]] = {}
        self._shown: dict[str, str] = {}  # key -> the name as written, for suggestions
        for thing, names in things:
            self.ids.append(thing)
            self._by_id.setdefault(key(thing), thing)
            for name in names:
                k = key(name)
                if k:
                    self._by_name.setdefault(k, set()).add(thing)
                    self._shown.setdefault(k, name.strip())

    def find(self, text: str) -> Match:
        """Return what ``text`` means: an id, a name that only one thing has, or nothing."""
        if text in self.ids:
            return Match(text)
        k = key(text)
        if k in self._by_id:
            return Match(self._by_id[k])
        fits = self._by_name.get(k, set())
        if len(fits) == 1:
            return Match(next(iter(fits)))
        if fits:
            return Match(None, ambiguous=tuple(sorted(fits)))
        return Match(None, guess=self._guess(k))

    def _guess(self, k: str) -> str | None:
        candidates = {**{key(i): i for i in self.ids}, **self._shown}
        close = difflib.get_close_matches(k, sorted(candidates), n=1, cutoff=0.6)
        return candidates[close[0]] if close else None


def partnership_names(p: Partnership) -> list[str]:
    """Return the names a sheet may give a partnership by: each side's names, and both short names joined.

    The Kazakhstani organization or the partner alone names the partnership when it has only one.
    """
    kz, foreign = p.parties.kazakhstani, p.parties.foreign
    names = []
    for lang in LANGS:
        names += [f"{kz.short_name.get(lang)} – {foreign.short_name.get(lang)}"]
        names += [kz.short_name.get(lang), foreign.short_name.get(lang), kz.name.get(lang), foreign.name.get(lang)]
    return names


def indicator_names(i: Indicator) -> list[str]:
    """Return an indicator's names in every language."""
    return [i.name.get(lang) for lang in LANGS]


def line_names(item: BudgetItem) -> list[str]:
    """Return a budget line's names in every language."""
    return [item.item.get(lang) for lang in LANGS]


def hint(match: Match, ids: list[str], lang: Lang) -> str:
    """Return what to add to "not found": the closest id or name, else the ids known."""
    if match.guess:
        return say("actuals.did_you_mean", lang, guess=match.guess)
    shown = ", ".join(sorted(ids)[:_SHOW_KNOWN]) + (", …" if len(ids) > _SHOW_KNOWN else "")
    return say("actuals.known", lang, known=shown or "—")
