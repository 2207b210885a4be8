"""Exact-text tests of spdocs.formatting in kk, ru and en."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from spdocs.formatting import (
    KkCase,
    Lang,
    country_name,
    date_forms,
    format_count_words,
    format_number,
    format_percent,
    kk_suffix,
    language_name,
    money_forms,
    period_forms,
)

# Glossary §3 "Month forms": locative / attributive / dative / ablative.
MONTH_SUFFIXES = {
    "қаңтар": ("да", "дағы", "ға", "дан"),
    "ақпан": ("да", "дағы", "ға", "нан"),
    "наурыз": ("да", "дағы", "ға", "дан"),
    "сәуір": ("де", "дегі", "ге", "ден"),
    "мамыр": ("да", "дағы", "ға", "дан"),
    "маусым": ("да", "дағы", "ға", "нан"),
    "шілде": ("де", "дегі", "ге", "ден"),
    "тамыз": ("да", "дағы", "ға", "дан"),
    "қыркүйек": ("те", "тегі", "ке", "тен"),
    "қазан": ("да", "дағы", "ға", "нан"),
    "қараша": ("да", "дағы", "ға", "дан"),
    "желтоқсан": ("да", "дағы", "ға", "нан"),
}
CASES = ("loc", "attr", "dat", "abl")


@pytest.mark.parametrize(
    ("month", "case", "suffix"),
    [(m, c, s) for m, forms in MONTH_SUFFIXES.items() for c, s in zip(CASES, forms)],
    ids=[f"{m}-{c}" for m in MONTH_SUFFIXES for c in CASES],
)
def test_kk_suffix_of_months(month: str, case: KkCase, suffix: str) -> None:
    assert kk_suffix(month, case) == suffix


@pytest.mark.parametrize("month", range(1, 13))
def test_kk_month_names_come_from_cldr_in_glossary_order(month: int) -> None:
    name = list(MONTH_SUFFIXES)[month - 1]
    forms = date_forms(datetime.date(2025, month, 10), lang="kk")
    assert forms["long"] == f"2025 жылғы 10 {name}"
    assert forms["attr"] == f"2025 жылғы 10 {name}{MONTH_SUFFIXES[name][1]}"


@pytest.mark.parametrize(
    ("word", "case", "suffix"),
    [
        ("Шымкент", "dat", "ке"),
        ("Тараз", "dat", "ға"),
        ("Алматы", "loc", "да"),
        ("клуб", "loc", "та"),
    ],
    ids=["voiceless-front", "voiced-back", "vowel", "final-б-devoiced"],
)
def test_kk_suffix_of_other_words(word: str, case: KkCase, suffix: str) -> None:
    assert kk_suffix(word, case) == suffix


def test_kk_suffix_rejects_unknown_case() -> None:
    with pytest.raises(ValueError, match="unknown case 'gen'"):
        kk_suffix("наурыз", "gen")  # type: ignore[arg-type]


def _forms(long: str, loc: str, attr: str, since: str, until: str, quoted: str) -> dict[str, str]:
    return dict(long=long, loc=loc, attr=attr, since=since, until=until, quoted=quoted)


DATES = [
    (
        datetime.date(2025, 3, 14),
        "kk",
        _forms(
            "2025 жылғы 14 наурыз",
            "2025 жылғы 14 наурызда",
            "2025 жылғы 14 наурыздағы",
            "2025 жылғы 14 наурыздан бастап",
            "2025 жылғы 14 наурызға дейін",
            "2025 жылғы «14» наурыз",
        ),
    ),
    (
        datetime.date(2025, 3, 14),
        "ru",
        _forms(
            "14 марта 2025 года",
            "14 марта 2025 года",
            "14 марта 2025 года",
            "с 14 марта 2025 года",
            "до 14 марта 2025 года",
            "«14» марта 2025 г.",
        ),
    ),
    (
        datetime.date(2025, 3, 14),
        "en",
        _forms(
            "14 March 2025",
            "14 March 2025",
            "14 March 2025",
            "from 14 March 2025",
            "until 14 March 2025",
            "14 March 2025",
        ),
    ),
    (
        datetime.date(2025, 9, 1),
        "kk",
        _forms(
            "2025 жылғы 1 қыркүйек",
            "2025 жылғы 1 қыркүйекте",
            "2025 жылғы 1 қыркүйектегі",
            "2025 жылғы 1 қыркүйектен бастап",
            "2025 жылғы 1 қыркүйекке дейін",
            "2025 жылғы «1» қыркүйек",
        ),
    ),
    (
        datetime.date(2025, 9, 1),
        "ru",
        _forms(
            "1 сентября 2025 года",
            "1 сентября 2025 года",
            "1 сентября 2025 года",
            "с 1 сентября 2025 года",
            "до 1 сентября 2025 года",
            "«1» сентября 2025 г.",
        ),
    ),
    (
        datetime.date(2025, 9, 1),
        "en",
        _forms(
            "1 September 2025",
            "1 September 2025",
            "1 September 2025",
            "from 1 September 2025",
            "until 1 September 2025",
            "1 September 2025",
        ),
    ),
    (
        datetime.date(2020, 12, 15),
        "kk",
        _forms(
            "2020 жылғы 15 желтоқсан",
            "2020 жылғы 15 желтоқсанда",
            "2020 жылғы 15 желтоқсандағы",
            "2020 жылғы 15 желтоқсаннан бастап",
            "2020 жылғы 15 желтоқсанға дейін",
            "2020 жылғы «15» желтоқсан",
        ),
    ),
    (
        datetime.date(2020, 12, 15),
        "ru",
        _forms(
            "15 декабря 2020 года",
            "15 декабря 2020 года",
            "15 декабря 2020 года",
            "с 15 декабря 2020 года",
            "до 15 декабря 2020 года",
            "«15» декабря 2020 г.",
        ),
    ),
    (
        datetime.date(2024, 2, 29),
        "kk",
        _forms(
            "2024 жылғы 29 ақпан",
            "2024 жылғы 29 ақпанда",
            "2024 жылғы 29 ақпандағы",
            "2024 жылғы 29 ақпаннан бастап",
            "2024 жылғы 29 ақпанға дейін",
            "2024 жылғы «29» ақпан",
        ),
    ),
    (
        datetime.date(2024, 2, 29),
        "ru",
        _forms(
            "29 февраля 2024 года",
            "29 февраля 2024 года",
            "29 февраля 2024 года",
            "с 29 февраля 2024 года",
            "до 29 февраля 2024 года",
            "«29» февраля 2024 г.",
        ),
    ),
    (
        datetime.date(2024, 2, 29),
        "en",
        _forms(
            "29 February 2024",
            "29 February 2024",
            "29 February 2024",
            "from 29 February 2024",
            "until 29 February 2024",
            "29 February 2024",
        ),
    ),
]


@pytest.mark.parametrize(("d", "lang", "expected"), DATES, ids=[f"{d.isoformat()}-{lang}" for d, lang, _ in DATES])
def test_date_forms(d: datetime.date, lang: Lang, expected: dict[str, str]) -> None:
    numeric = f"{d.day:02d}.{d.month:02d}.{d.year}"
    expected = expected | {"numeric": numeric, "year": str(d.year)}
    forms = date_forms(d, lang=lang)
    assert forms.pop("by").count(forms["long"]) == 1  # the deadline form, tested below
    assert forms == expected


@pytest.mark.parametrize(
    ("lang", "by"),
    [
        ("kk", "2026 жылғы 15 сәуірден кешіктірмей"),  # glossary: a bare date is not a deadline
        ("ru", "не позднее 15 апреля 2026 года"),
        ("en", "no later than 15 April 2026"),
    ],
)
def test_deadline_form(lang: Lang, by: str) -> None:
    assert date_forms(datetime.date(2026, 4, 15), lang=lang)["by"] == by


def test_ru_since_second_day_takes_so() -> None:
    assert date_forms(datetime.date(2025, 1, 2), lang="ru")["since"] == "со 2 января 2025 года"


@pytest.mark.parametrize(
    ("lang", "long"),
    [
        ("kk", "2025 жылғы 1 қаңтардан бастап 2025 жылғы 31 желтоқсанға дейін"),
        ("ru", "с 1 января 2025 года по 31 декабря 2025 года"),
        ("en", "from 1 January 2025 to 31 December 2025"),
    ],
    ids=["kk", "ru", "en"],
)
def test_period_forms(lang: Lang, long: str) -> None:
    forms = period_forms(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), lang=lang)
    assert forms == {"numeric": "01.01.2025–31.12.2025", "long": long}


def test_period_forms_rejects_end_before_start() -> None:
    with pytest.raises(ValueError, match="2024-12-31"):
        period_forms(datetime.date(2025, 1, 1), datetime.date(2024, 12, 31), lang="en")


@pytest.mark.parametrize(
    ("value", "lang", "places", "expected"),
    [
        (1500000, "kk", None, "1\xa0500\xa0000"),
        (Decimal("12.50"), "kk", None, "12,5"),
        (Decimal("12.3456"), "ru", None, "12,3456"),
        (1500000, "en", None, "1,500,000"),
        (Decimal("12.5"), "en", None, "12.5"),
        (Decimal("12.5"), "ru", 2, "12,50"),
        (Decimal("0.125"), "kk", 2, "0,13"),
        (Decimal("2.5"), "en", 0, "3"),
    ],
    ids=["kk-int", "kk-frac", "ru-long-frac", "en-int", "en-frac", "ru-places", "kk-round", "en-round"],
)
def test_format_number(value: Decimal | int, lang: Lang, places: int | None, expected: str) -> None:
    assert format_number(value, lang=lang, places=places) == expected


@pytest.mark.parametrize(
    ("value", "lang", "places", "expected"),
    [
        (Decimal("87.5"), "kk", 1, "87,5%"),
        (Decimal("87.5"), "ru", 1, "87,5\xa0%"),
        (Decimal("87.5"), "en", 1, "87.5%"),
        (Decimal("100"), "ru", 1, "100,0\xa0%"),
        (Decimal("12.345"), "en", 2, "12.35%"),
        (Decimal("-3.25"), "kk", 1, "\u22123,3%"),
    ],
    ids=["kk", "ru", "en", "ru-whole", "en-places", "kk-negative"],
)
def test_format_percent(value: Decimal, lang: Lang, places: int, expected: str) -> None:
    assert format_percent(value, lang=lang, places=places) == expected


# fmt: off
MONEY = [
    # amount, currency, lang, digits, words, currency name, full, short
    ("1500000", "KZT", "kk", "1\xa0500\xa0000", "бір миллион бес жүз мың", "теңге",
     "1\xa0500\xa0000 (бір миллион бес жүз мың) теңге", "1\xa0500\xa0000,00\xa0₸"),
    ("1500000", "KZT", "ru", "1\xa0500\xa0000", "один миллион пятьсот тысяч", "тенге",
     "1\xa0500\xa0000 (один миллион пятьсот тысяч) тенге", "1\xa0500\xa0000,00\xa0₸"),
    ("1500000", "KZT", "en", "1,500,000", "one million five hundred thousand", "tenge",
     "KZT 1,500,000 (one million five hundred thousand tenge)", "KZT\xa01,500,000.00"),
    ("1500000.50", "KZT", "kk", "1\xa0500\xa0000,50", "бір миллион бес жүз мың", "теңге",
     "1\xa0500\xa0000 (бір миллион бес жүз мың) теңге 50 тиын", "1\xa0500\xa0000,50\xa0₸"),
    ("1500000.50", "KZT", "ru", "1\xa0500\xa0000,50", "один миллион пятьсот тысяч", "тенге",
     "1\xa0500\xa0000 (один миллион пятьсот тысяч) тенге 50 тиын", "1\xa0500\xa0000,50\xa0₸"),
    ("1500000.50", "KZT", "en", "1,500,000.50", "one million five hundred thousand", "tenge",
     "KZT 1,500,000.50 (one million five hundred thousand tenge and fifty tiyn)",
     "KZT\xa01,500,000.50"),
    ("0", "KZT", "kk", "0", "нөл", "теңге", "0 (нөл) теңге", "0,00\xa0₸"),
    ("0", "KZT", "ru", "0", "ноль", "тенге", "0 (ноль) тенге", "0,00\xa0₸"),
    ("0", "KZT", "en", "0", "zero", "tenge", "KZT 0 (zero tenge)", "KZT\xa00.00"),
    ("1", "USD", "kk", "1", "бір", "АҚШ доллары", "1 (бір) АҚШ доллары", "1,00\xa0$"),
    ("1", "USD", "ru", "1", "один", "доллар США", "1 (один) доллар США", "1,00\xa0$"),
    ("1", "USD", "en", "1", "one", "US dollar", "USD 1 (one US dollar)", "$1.00"),
    ("2", "USD", "kk", "2", "екі", "АҚШ доллары", "2 (екі) АҚШ доллары", "2,00\xa0$"),
    ("2", "USD", "ru", "2", "два", "доллара США", "2 (два) доллара США", "2,00\xa0$"),
    ("2", "USD", "en", "2", "two", "US dollars", "USD 2 (two US dollars)", "$2.00"),
    ("5", "USD", "ru", "5", "пять", "долларов США", "5 (пять) долларов США", "5,00\xa0$"),
    ("21", "USD", "kk", "21", "жиырма бір", "АҚШ доллары", "21 (жиырма бір) АҚШ доллары",
     "21,00\xa0$"),
    ("21", "USD", "ru", "21", "двадцать один", "доллар США", "21 (двадцать один) доллар США",
     "21,00\xa0$"),
    ("21", "USD", "en", "21", "twenty-one", "US dollars", "USD 21 (twenty-one US dollars)",
     "$21.00"),
    ("1234567.89", "USD", "ru", "1\xa0234\xa0567,89",
     "один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь", "долларов США",
     "1\xa0234\xa0567 (один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь)"
     " долларов США 89 центов", "1\xa0234\xa0567,89\xa0$"),
    ("1", "EUR", "en", "1", "one", "euro", "EUR 1 (one euro)", "€1.00"),
    ("5", "EUR", "kk", "5", "бес", "еуро", "5 (бес) еуро", "5,00\xa0€"),
    ("5", "EUR", "ru", "5", "пять", "евро", "5 (пять) евро", "5,00\xa0€"),
    ("5", "EUR", "en", "5", "five", "euros", "EUR 5 (five euros)", "€5.00"),
    ("21.01", "EUR", "ru", "21,01", "двадцать один", "евро", "21 (двадцать один) евро 01 цент",
     "21,01\xa0€"),
    ("21.01", "EUR", "en", "21.01", "twenty-one", "euros",
     "EUR 21.01 (twenty-one euros and one cent)", "€21.01"),
    ("2.05", "RUB", "ru", "2,05", "два", "российских рубля",
     "2 (два) российских рубля 05 копеек", "2,05\xa0₽"),
]
# fmt: on


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "digits", "words", "name", "full", "short"),
    MONEY,
    ids=[f"{a}-{c}-{lang}" for a, c, lang, *_ in MONEY],
)
def test_money_forms(
    amount: str,
    currency: str,
    lang: Lang,
    digits: str,
    words: str,
    name: str,
    full: str,
    short: str,
) -> None:
    assert money_forms(Decimal(amount), currency, lang=lang) == {
        "digits": digits,
        "words": words,
        "currency": name,
        "full": full,
        "short": short,
    }


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("-1", "KZT", "amount -1"),
        ("1.005", "KZT", "amount 1.005"),
        ("1", "XYZ", "unknown currency 'XYZ'"),
        ("1.50", "CNY", "no minor-unit name for 'CNY'"),
    ],
    ids=["negative", "sub-cent", "unknown-code", "no-minor-name"],
)
def test_money_forms_rejects(amount: str, currency: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        money_forms(Decimal(amount), currency, lang="ru")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "5 (бес)"), ("ru", "5 (пять)"), ("en", "5 (five)")],
    ids=["kk", "ru", "en"],
)
def test_format_count_words(lang: Lang, expected: str) -> None:
    assert format_count_words(5, lang=lang) == expected


@pytest.mark.parametrize(
    ("lang", "country", "language"),
    [
        ("kk", "Қазақстан", "қазақ тілі"),
        ("ru", "Казахстан", "казахский"),
        ("en", "Kazakhstan", "Kazakh"),
    ],
    ids=["kk", "ru", "en"],
)
def test_country_and_language_names(lang: Lang, country: str, language: str) -> None:
    assert country_name("KZ", lang=lang) == country
    assert language_name("kk", lang=lang) == language


@pytest.mark.parametrize("code", ["XX", "KAZ", "001", ""], ids=["unassigned", "alpha-3", "numeric", "empty"])
def test_country_name_rejects_unknown_code(code: str) -> None:
    with pytest.raises(ValueError, match=f"unknown country code {code!r}"):
        country_name(code, lang="en")


def test_language_name_rejects_unknown_code() -> None:
    with pytest.raises(ValueError, match="unknown language code 'qq'"):
        language_name("qq", lang="en")


CALLS: dict[str, Callable[[Any], object]] = {
    "date_forms": lambda lang: date_forms(datetime.date(2025, 1, 1), lang=lang),
    "period_forms": lambda lang: period_forms(datetime.date(2025, 1, 1), datetime.date(2025, 1, 2), lang=lang),
    "format_number": lambda lang: format_number(1, lang=lang),
    "format_percent": lambda lang: format_percent(Decimal(1), lang=lang),
    "money_forms": lambda lang: money_forms(Decimal(1), "KZT", lang=lang),
    "format_count_words": lambda lang: format_count_words(1, lang=lang),
    "country_name": lambda lang: country_name("KZ", lang=lang),
    "language_name": lambda lang: language_name("kk", lang=lang),
}


@pytest.mark.parametrize("call", list(CALLS.values()), ids=list(CALLS))
def test_unknown_lang_is_named(call: Callable[[Any], object]) -> None:
    with pytest.raises(ValueError, match=r"unknown language 'de' \(expected kk, ru, en\)"):
        call("de")
