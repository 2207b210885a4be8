"""Locale-aware formatting for kk, ru and en documents: dates, numbers, money and names.

Every function is pure and takes the language as the keyword ``lang``. Month names, digit
grouping, percent and currency patterns, currency, country and language names come from CLDR
through Babel; numbers in words come from num2words. Only what CLDR lacks is written here:
Kazakh case suffixes, legal-style names of the tenge and the names of minor units.
"""

from __future__ import annotations

import copy
import datetime
import functools
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    get_currency_name,
    is_currency,
)
from num2words import num2words

from spdocs.languages import LANGS as LANGS  # one definition of the languages, re-exported here
from spdocs.languages import Lang as Lang
from spdocs.languages import language

KkCase = Literal["loc", "attr", "dat", "abl"]

_BACK, _FRONT = "аоұыяю", "әеөүіэи"
_VOICELESS = "кқпстфхцчшщбвгд"  # б в г д are devoiced at the end of a word (glossary §4)
_NASAL = "мнң"
_CODE_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")  # letter|digit boundary


@functools.cache
def cldr_locale(lang: str) -> Locale:
    """Return the Babel locale of the language ``lang`` (its registry entry names it)."""
    return Locale.parse(language(lang).locale)


def _fixed(pattern: NumberPattern, places: int) -> NumberPattern:
    """Return a copy of a CLDR pattern that always shows ``places`` decimals."""
    fixed = copy.copy(pattern)
    fixed.frac_prec = (places, places)
    return fixed


def _round(value: Decimal | int, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plural(forms: tuple[str, ...] | list[str], n: int, locale: Locale) -> str:
    """Return the form of a noun for the count ``n``: forms by CLDR plural category (one, few, many/other).

    >>> plural(("год", "года", "лет"), 3, Locale.parse("ru")), plural(("year", "years"), 1, Locale.parse("en"))
    ('года', 'year')
    """
    index = {"one": 0, "few": 1}.get(locale.plural_form(n), 2)
    return forms[min(index, len(forms) - 1)]


def _words(n: int, lang: Lang) -> str:
    # num2words writes "one million, five hundred thousand"; legal English has no commas.
    # The British "and" ("one hundred and five") stays, matching the British date order.
    words: str = num2words(n, lang=language(lang).num2words)  # num2words has no type hints
    return words.replace(",", "")


def kk_suffix(word: str, case: KkCase) -> str:
    """Return the Kazakh suffix of ``case`` that the bare stem ``word`` takes by vowel harmony.

    Cases: ``loc`` (locative, -да), ``attr`` (attributive locative, -дағы), ``dat`` (dative,
    -ға), ``abl`` (ablative, -дан). Stems with a possessive ending (университеті) take other
    suffixes and are not handled.

    :param word: a Kazakh Cyrillic stem in the nominative, e.g. a month name
    :param case: one of ``"loc"``, ``"attr"``, ``"dat"``, ``"abl"``

    >>> [kk_suffix("наурыз", c) for c in ("loc", "attr", "dat", "abl")]
    ['да', 'дағы', 'ға', 'дан']
    >>> kk_suffix("қыркүйек", "attr"), kk_suffix("желтоқсан", "abl"), kk_suffix("Шымкент", "dat")
    ('тегі', 'нан', 'ке')
    """
    if case not in ("loc", "attr", "dat", "abl"):
        raise ValueError(f"unknown case {case!r} (expected loc, attr, dat, abl)")
    stem = word.strip().lower()
    if not stem:
        raise ValueError(f"cannot inflect an empty word {word!r}")
    vowels = [ch for ch in stem if ch in _BACK + _FRONT]
    front = bool(vowels) and vowels[-1] in _FRONT
    last = stem[-1]
    d, g = ("т", "к" if front else "қ") if last in _VOICELESS else ("д", "г" if front else "ғ")
    a = "е" if front else "а"
    if case == "loc":
        return d + a
    if case == "attr":
        return d + a + ("гі" if front else "ғы")
    if case == "dat":
        return g + a
    return ("н" if last in _NASAL else d) + a + "н"


def date_forms(d: datetime.date, *, lang: Lang) -> dict[str, str]:
    """Return the forms of the date ``d`` used in legal text.

    Keys: ``long``, ``attr`` ("dated …"), ``loc`` ("on …"), ``since`` ("from … on"), ``until``, ``by`` (a deadline),
    ``quoted`` (the head of an agreement), ``numeric`` and ``year``.

    :param d: the date
    :param lang: ``"kk"``, ``"ru"`` or ``"en"``

    >>> f = date_forms(datetime.date(2025, 3, 14), lang="kk")
    >>> f["long"], f["attr"], f["loc"]
    ('2025 жылғы 14 наурыз', '2025 жылғы 14 наурыздағы', '2025 жылғы 14 наурызда')
    >>> f["since"], f["until"], f["quoted"]
    ('2025 жылғы 14 наурыздан бастап', '2025 жылғы 14 наурызға дейін', '2025 жылғы «14» наурыз')
    >>> date_forms(datetime.date(2026, 4, 15), lang="kk")["by"], date_forms(datetime.date(2026, 4, 15), lang="ru")["by"]
    ('2026 жылғы 15 сәуірден кешіктірмей', 'не позднее 15 апреля 2026 года')
    >>> f = date_forms(datetime.date(2025, 3, 14), lang="ru")
    >>> f["long"], f["since"], f["until"]
    ('14 марта 2025 года', 'с 14 марта 2025 года', 'до 14 марта 2025 года')
    >>> f["quoted"], f["numeric"], f["year"]
    ('«14» марта 2025 г.', '14.03.2025', '2025')
    >>> date_forms(datetime.date(2025, 3, 14), lang="en")["since"]
    'from 14 March 2025'
    """
    locale = cldr_locale(lang)
    patterns = language(lang).dates
    long = format_date(d, patterns["long"], locale=locale)
    month = format_date(d, "MMMM", locale=locale)
    # The Kazakh case suffixes of the month name; patterns of other languages do not use them.
    sfx = {case: kk_suffix(month, case) for case in ("loc", "attr", "dat", "abl")} if lang == "kk" else {}
    forms = {"numeric": format_date(d, "dd.MM.y", locale=locale), "year": str(d.year), "long": long}
    forms["quoted"] = format_date(d, patterns["quoted"], locale=locale)
    for key in ("attr", "loc", "since", "until", "by"):
        forms[key] = patterns[key].format(long=long, sfx=sfx)
    if d.day in language(lang).since_day:
        forms["since"] = language(lang).since_day[d.day].format(long=long, sfx=sfx)
    return forms


def period_forms(start: datetime.date, end: datetime.date, *, lang: Lang) -> dict[str, str]:
    """Return the period from ``start`` to ``end`` (both included), keyed ``numeric`` and ``long``.

    :param start: the first day
    :param end: the last day, not before ``start``
    :param lang: ``"kk"``, ``"ru"`` or ``"en"``

    >>> p = period_forms(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), lang="kk")
    >>> p["numeric"], p["long"]
    ('01.01.2025–31.12.2025', '2025 жылғы 1 қаңтардан бастап 2025 жылғы 31 желтоқсанға дейін')
    >>> period_forms(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), lang="ru")["long"]
    'с 1 января 2025 года по 31 декабря 2025 года'
    >>> period_forms(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), lang="en")["long"]
    'from 1 January 2025 to 31 December 2025'
    """
    if end < start:
        raise ValueError(f"period end {end.isoformat()} is before its start {start.isoformat()}")
    s, e = date_forms(start, lang=lang), date_forms(end, lang=lang)
    long = language(lang).period.format(start=s, end=e)
    return {"numeric": f"{s['numeric']}–{e['numeric']}", "long": long}


def format_number(value: Decimal | int, *, lang: Lang, places: int | None = None) -> str:
    """Return ``value`` with the locale's grouping and decimal sign.

    :param value: the number
    :param lang: ``"kk"``, ``"ru"`` or ``"en"``
    :param places: decimals to show (rounded half up); by default as many as ``value`` has,
        without trailing zeros

    >>> format_number(1500000, lang="kk"), format_number(Decimal("12.50"), lang="ru")
    ('1\\xa0500\\xa0000', '12,5')
    >>> format_number(1500000, lang="en"), format_number(Decimal("12.5"), lang="en", places=2)
    ('1,500,000', '12.50')
    >>> format_number(Decimal("-2.4"), lang="ru")  # the minus sign, not a hyphen
    '\u22122,4'
    """
    locale = cldr_locale(lang)
    if places is None:
        return _minus(format_decimal(value, locale=locale, decimal_quantization=False))
    text: str = _fixed(locale.decimal_formats[None], places).apply(_round(value, places), locale)
    return _minus(text)


def _minus(text: str) -> str:
    """Return ``text`` with CLDR's hyphen-minus before a number replaced by the minus sign U+2212."""
    return "\u2212" + text[1:] if text.startswith("-") else text


def format_percent(value: Decimal, *, lang: Lang, places: int = 1) -> str:
    """Return ``value``, already in percent units, with the locale's percent pattern.

    CLDR puts a no-break space before the sign in ru only.

    :param value: the percentage, e.g. ``Decimal("87.5")`` for 87.5 %
    :param lang: ``"kk"``, ``"ru"`` or ``"en"``
    :param places: decimals to show (rounded half up)

    >>> [format_percent(Decimal("87.5"), lang=lang) for lang in ("kk", "ru", "en")]
    ['87,5%', '87,5\\xa0%', '87.5%']
    """
    locale = cldr_locale(lang)
    text: str = _fixed(locale.percent_formats[None], places).apply(_round(value, places) / 100, locale)
    return _minus(text)


def money_forms(amount: Decimal, currency: str, *, lang: Lang) -> dict[str, str]:
    """Return the forms of a sum of money: ``digits``, ``words``, ``currency``, ``full``, ``short``.

    ``words`` spells the whole units and ``currency`` agrees with them. ``full`` is the
    contract form. kk and ru write the whole units in digits and in words, the currency, then
    the minor units in two digits and their name (``… тенге 50 тиын``); en writes the ISO code
    and the amount in digits, then everything in words in brackets. ``short`` is Babel's
    ``format_currency``.

    :param amount: the sum, not negative, at most two decimals
    :param currency: an ISO 4217 code; amounts with a fraction only for KZT, USD, EUR, RUB
    :param lang: ``"kk"``, ``"ru"`` or ``"en"``

    >>> money_forms(Decimal("1500000"), "KZT", lang="ru")["full"]
    '1\\xa0500\\xa0000 (один миллион пятьсот тысяч) тенге'
    >>> money_forms(Decimal("1500000.50"), "KZT", lang="kk")["full"]
    '1\\xa0500\\xa0000 (бір миллион бес жүз мың) теңге 50 тиын'
    >>> m = money_forms(Decimal("21.05"), "USD", lang="en")
    >>> m["digits"], m["currency"], m["full"], m["short"]
    ('21.05', 'US dollars', 'USD 21.05 (twenty-one US dollars and five cents)', '$21.05')
    """
    locale = cldr_locale(lang)
    amount = Decimal(amount)
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"amount {amount} must not be negative or have more than 2 decimals")
    if not is_currency(currency):
        raise ValueError(f"unknown currency {currency!r} (expected an ISO 4217 code, e.g. 'KZT')")
    whole, cents = int(amount), int(amount % 1 * 100)
    pattern = locale.decimal_formats[None]
    words = _words(whole, lang)
    spec = language(lang)
    if currency == "KZT":
        name = spec.tenge
    else:
        name = get_currency_name(currency, count=whole, locale=locale)
    minor = ""
    if cents:
        if currency not in spec.minor_units:
            raise ValueError(f"no minor-unit name for {currency!r}; give whole amounts")
        unit = plural(spec.minor_units[currency], cents, locale)
        minor = spec.minor.format(words=_words(cents, lang), cents=cents, unit=unit)
    digits = _fixed(pattern, 2 if cents else 0).apply(amount, locale)
    whole_digits = _fixed(pattern, 0).apply(whole, locale)
    full = spec.money.format(code=currency, digits=digits, whole=whole_digits, words=words, name=name, minor=minor)
    # CLDR puts a space between a currency code and a digit ("KZT 1.00"); Babel does not.
    short = _CODE_DIGIT.sub("\xa0", format_currency(amount, currency, locale=locale))
    return {"digits": digits, "words": words, "currency": name, "full": full, "short": short}


def format_count_words(n: int, *, lang: Lang) -> str:
    """Return the count ``n`` in digits, then in words in brackets: "at least 5 (five) years".

    :param n: the count
    :param lang: ``"kk"``, ``"ru"`` or ``"en"``

    >>> [format_count_words(5, lang=lang) for lang in ("kk", "ru", "en")]
    ['5 (бес)', '5 (пять)', '5 (five)']
    """
    return f"{format_number(n, lang=lang)} ({_words(n, lang)})"


def country_name(code: str, *, lang: Lang) -> str:
    """Return the CLDR name of the country with ISO 3166 alpha-2 ``code``.

    :param code: e.g. ``"KZ"``
    :param lang: ``"kk"``, ``"ru"`` or ``"en"``

    >>> [country_name("KZ", lang=lang) for lang in ("kk", "ru", "en")]
    ['Қазақстан', 'Казахстан', 'Kazakhstan']
    """
    locale = cldr_locale(lang)
    name: str | None = locale.territories.get(code.upper()) if len(code) == 2 and code.isalpha() else None
    if name is None:
        raise ValueError(f"unknown country code {code!r} (expected ISO 3166 alpha-2, e.g. 'KZ')")
    return name


def language_name(code: str, *, lang: Lang) -> str:
    """Return the CLDR name of the language ``code``, as written inside a sentence.

    :param code: an ISO 639 code, e.g. ``"kk"``
    :param lang: ``"kk"``, ``"ru"`` or ``"en"``

    >>> [language_name("kk", lang=lang) for lang in ("kk", "ru", "en")]
    ['қазақ тілі', 'казахский', 'Kazakh']
    """
    name: str | None = cldr_locale(lang).languages.get(code.lower())
    if name is None:
        raise ValueError(f"unknown language code {code!r} (expected ISO 639, e.g. 'kk')")
    return name
