"""The report's figures as text: signed deviations with a true minus, lower bounds, money (pure).

Formatting only; the figures come from `spdocs.analysis` and `spdocs.financing`, the words
(«более {value}», «п.п.») from the language's terms.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from spdocs import financing, formatting
from spdocs.languages import Lang
from spdocs.model import Partnership, Period
from spdocs.terms import Terms

MINUS = "\u2212"  # a minus is «−», not a hyphen (glossary, legal-review corrections)


def signed(text: str, value: Decimal) -> str:
    """Return a formatted number with its sign: «+» when positive, «−» (U+2212) when negative.

    >>> signed("-2", Decimal(-2)), signed("1,5", Decimal("1.5")), signed("0", Decimal(0))
    ('−2', '+1,5', '0')
    """
    if value > 0:
        return "+" + text
    if value < 0:
        return MINUS + text.lstrip("-\u2212")
    return text


def number(value: Decimal | None, lang: Lang, *, sign: bool = False) -> str:
    """Return ``value`` formatted for ``lang`` ("—" when missing), with its sign when ``sign``."""
    if value is None:
        return "—"
    text = formatting.format_number(value, lang=lang)
    return signed(text, value) if sign else text.replace("-", MINUS)


def percent(value: Decimal | None, lang: Lang, *, sign: bool = False) -> str:
    """Return ``value`` as a percentage for ``lang`` ("—" when missing), with its sign when ``sign``."""
    if value is None:
        return "—"
    text = formatting.format_percent(value, lang=lang)
    return signed(text, value) if sign else text.replace("-", MINUS)


def more_than(value: Decimal, lang: Lang, pattern: str) -> str:
    """Return a lower-bound actual in words: «более 400», «400-ден астам», "more than 400".

    ``{abl}`` in ``pattern`` is the Kazakh ablative suffix the number takes, chosen by the
    last word of the number spoken («төрт жүз» → -ден; «алпыс» → -тан).

    >>> more_than(Decimal(400), "kk", "{value}-{abl} астам"), more_than(Decimal(60), "kk", "{value}-{abl} астам")
    ('400-ден астам', '60-тан астам')
    """
    text = formatting.format_number(value, lang=lang)
    abl = ""
    if lang == "kk":
        # A decimal is spoken with its fraction last («бес бүтін оннан алты»): that number picks the suffix.
        _, _, fraction = format(value.normalize(), "f").partition(".")
        last = int(fraction) if fraction else int(value)
        spoken = formatting.format_count_words(last, lang=lang).rstrip(")").split()
        abl = formatting.kk_suffix(spoken[-1], "abl")
    return pattern.format(value=text, abl=abl)


def money(amount: Decimal | None, currency: str, lang: Lang, *, sign: bool = False) -> str:
    """Return an amount in the language's money format: digits and the currency's name ("—" when missing).

    >>> money(Decimal("-2500000"), "KZT", "ru", sign=True)
    '−2\\xa0500\\xa0000 тенге'
    """
    if amount is None:
        return "—"
    try:
        forms = formatting.money_forms(abs(amount), currency, lang=lang)
        text = f"{forms['digits']} {forms['currency']}"
    except ValueError:  # more decimals than money has: only a draft gets here (GEN-SPENDING-AMOUNT), as given
        text = f"{formatting.format_number(abs(amount), lang=lang)} {currency}"
    return signed(text, amount) if sign else text


def financing_rows(p: Partnership, period: Period, lang: Lang, terms: Terms) -> list[dict[str, Any]]:
    """Return the financing section's rows: each budget line of the period, plan against actual, formatted."""
    rows = []
    for line in financing.lines(p, period):
        cur = line.item.amount.currency
        rows.append(
            {
                "number": line.number,
                "item": line.item.item.get(lang),
                "year": str(line.item.year) if line.item.year is not None else "—",
                "source": terms.funding.get(line.item.source or "", "—"),
                "plan": money(line.plan, cur, lang),
                "actual": terms.report.no_data if line.actual is None else money(line.actual, cur, lang),
                "deviation": money(line.deviation, cur, lang, sign=True),
                "execution": percent(line.execution, lang),
                "note": line.note.get(lang) if line.note else "—",
            }
        )
    return rows
