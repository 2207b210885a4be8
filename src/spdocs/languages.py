"""The languages documents are written in: one registry, read by the model, formatting and checks.

A language is data: its CLDR locale, its names, its script, and the legal forms of dates
and money as patterns. Adding a language is an entry here, templates in
``templates/<code>/`` and its messages (``spdocs.checks`` catalogue); the test
``tests/test_languages.py`` lists every place a new language needs and fails on a forgotten one.

Date patterns: ``long`` and ``quoted`` are CLDR patterns (Babel's ``format_date``); the other
forms are Python format strings over ``long`` and ``sfx`` — the Kazakh case suffixes the
month name takes by vowel harmony (``sfx[abl]``: -дан/-тен…, see `spdocs.formatting.kk_suffix`).
Money patterns are format strings over the formatted parts of an amount.

This module imports nothing heavy: the command line reads it to offer the choices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeAlias

# A language code of this registry ("kk", "ru", "en"); checked where it enters (CLI, API, data).
Lang: TypeAlias = str


@dataclass(frozen=True)
class Language:
    """One language of the documents: codes, names, script and the legal forms of dates and money."""

    code: str
    name: str  # in English, as messages name it: "Kazakh text is missing"
    locale: str  # the CLDR locale whose month names, digit grouping and currency names are used
    num2words: str  # num2words' code for numbers in words
    script: str  # the Unicode script of its letters: "CYRILLIC" or "LATIN"
    dates: dict[str, str]  # long, quoted (CLDR patterns); attr, loc, since, until, by (format strings)
    since_day: dict[int, str] = field(default_factory=dict)  # `since` for particular days: «со 2 марта»
    period: str = ""  # the period from one date to another: format string over `start` and `end` forms
    money: str = ""  # the full legal form of an amount: format string (see formatting.money_forms)
    minor: str = ""  # the minor units part of `money`: format string over `words`, `cents`, `unit`
    tenge: str = ""  # the tenge after an amount as laws write it (CLDR's name is another)
    minor_units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # currency → forms by plural
    acting: tuple[str, ...] = ()  # what an acting head's position says: «исполняющий обязанности», "acting"
    lookalikes: str = ""  # Latin letters typed for letters of this script: pairs "iі", …
    aliases: tuple[str, ...] = ()  # other names a user or a locale gives it: "kz", "rus", "eng"


_CYRILLIC_LOOKALIKES = "".join(a + b for a, b in zip("aceopxyABCEHKMOPTXY", "асеорхуАВСЕНКМОРТХУ"))
_KAZAKH_LOOKALIKES = "".join(a + b for a, b in zip("iIəƏäÄöÖüÜhığşñū", "іІәӘәӘөӨүҮһығшңұ"))
_CENT_RU = ("цент", "цента", "центов")

LANGUAGES: dict[str, Language] = {
    "kk": Language(
        code="kk",
        name="Kazakh",
        # ru_KZ/kk_KZ write the tenge as "₸" where plain locales write "KZT".
        locale="kk_KZ",
        num2words="kz",
        script="CYRILLIC",
        dates={
            "long": "y 'жылғы' d MMMM",
            "quoted": "y 'жылғы' «d» MMMM",
            "attr": "{long}{sfx[attr]}",
            "loc": "{long}{sfx[loc]}",
            "since": "{long}{sfx[abl]} бастап",
            "until": "{long}{sfx[dat]} дейін",
            "by": "{long}{sfx[abl]} кешіктірмей",
        },
        period="{start[since]} {end[until]}",
        money="{whole} ({words}) {name}{minor}",
        minor=" {cents:02d} {unit}",
        tenge="теңге",
        minor_units={"KZT": ("тиын",), "USD": ("цент",), "EUR": ("цент",), "RUB": ("тиын",)},
        acting=("міндетін атқарушы", "м.а."),
        lookalikes=_CYRILLIC_LOOKALIKES + _KAZAKH_LOOKALIKES,
        aliases=("kz", "kaz"),
    ),
    "ru": Language(
        code="ru",
        name="Russian",
        locale="ru_KZ",
        num2words="ru",
        script="CYRILLIC",
        dates={
            "long": "d MMMM y 'года'",  # MMMM is the genitive: марта
            "quoted": "«d» MMMM y 'г.'",
            "attr": "{long}",
            "loc": "{long}",
            "since": "с {long}",
            "until": "до {long}",
            "by": "не позднее {long}",
        },
        since_day={2: "со {long}"},  # «со 2 марта»: «с второго» is hard to say
        period="{start[since]} по {end[long]}",
        money="{whole} ({words}) {name}{minor}",
        minor=" {cents:02d} {unit}",
        tenge="тенге",
        minor_units={
            "KZT": ("тиын",),
            "USD": _CENT_RU,
            "EUR": _CENT_RU,
            "RUB": ("копейка", "копейки", "копеек"),
        },
        acting=("исполняющ", "и.о.", "и. о."),
        lookalikes=_CYRILLIC_LOOKALIKES,
        aliases=("rus",),
    ),
    "en": Language(
        code="en",
        name="English",
        locale="en",
        num2words="en",
        script="LATIN",
        dates={
            "long": "d MMMM y",
            "quoted": "d MMMM y",
            "attr": "{long}",
            "loc": "{long}",
            "since": "from {long}",
            "until": "until {long}",
            "by": "no later than {long}",
        },
        period="from {start[long]} to {end[long]}",
        money="{code} {digits} ({words} {name}{minor})",
        minor=" and {words} {unit}",
        tenge="tenge",
        minor_units={
            "KZT": ("tiyn",),
            "USD": ("cent", "cents"),
            "EUR": ("cent", "cents"),
            "RUB": ("kopeck", "kopecks"),
        },
        acting=("acting",),
        aliases=("eng",),
    ),
}

LANGS: tuple[Lang, ...] = tuple(LANGUAGES)
#: The language sets a document is also made in side by side (`spdocs.parallel`), in column order:
#: Kazakh on the left, as bilingual acts are laid out in Kazakhstan.
SIDE_BY_SIDE: tuple[str, ...] = ("kk-ru", "kk-ru-en")


def language(code: str) -> Language:
    """Return the registry entry of ``code``; raise `ValueError` naming the known codes."""
    try:
        return LANGUAGES[code]
    except (KeyError, TypeError):
        raise ValueError(f"unknown language {code!r} (expected {', '.join(LANGS)})") from None


def check_langs(codes: str | Iterable[str]) -> tuple[Lang, ...]:
    """Return ``codes`` (one code or several) as a tuple after checking each against the registry."""
    items = (codes,) if isinstance(codes, str) else tuple(codes)
    for code in items:
        language(code)
    return items


def name(code: str) -> str:
    """Return the English name of a language: ``name("kk") == "Kazakh"``."""
    return language(code).name
