"""What a document can hold: the bounds every data value is checked against when a file loads.

So that ``spdocs check`` clean means ``spdocs render`` works, the model's validators call
these pure functions: text without characters a Word document cannot hold, dates in
`MIN_YEAR`–`MAX_YEAR`, numbers below `MAX_NUMBER` with at most `MAX_PLACES` decimals,
amounts in an ISO 4217 currency with no more decimals than its minor units (and a fraction
only where spdocs can name the minor unit in words), ids that can be folder names on
Windows. Each raises `spdocs.messages.Invalid` (a ValueError) naming its message in data.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from babel.numbers import get_currency_precision, is_currency

from spdocs.messages import Invalid, Message

MIN_YEAR, MAX_YEAR = 1900, 2200
#: Largest number a document or the summary workbook shows (Excel keeps 15 significant digits).
MAX_NUMBER = Decimal(10) ** 15
MAX_PLACES = 6
#: Currencies whose minor units `spdocs.formatting.money_forms` can write out in words.
NAMED_MINOR = ("KZT", "USD", "EUR", "RUB")

# XML 1.0 forbids these; docxtpl would turn \a into a paragraph and \f into a page break.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word pastes a manual line break as a vertical tab; Windows tools write CR LF.
_LINE_BREAKS = re.compile("\r\n|\r|\v")
#: Invisible characters that reorder the text around them (Trojan Source): a warning, not an error.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.I)


def clean_text(text: str) -> str:
    """Return ``text`` with line breaks made ``\\n``; raise ValueError for a control character.

    >>> clean_text("Ректор\\vпроректор")
    'Ректор\\nпроректор'
    >>> clean_text("Ректор\\x01")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spdocs.messages.Invalid: ...U+0001 (after 'Ректор')...
    """
    text = _LINE_BREAKS.sub("\n", text)
    if bad := _CONTROL.search(text):
        before = text[max(0, bad.start() - 20) : bad.start()]
        code = f"U+{ord(bad[0]):04X}"
        where = Message("data.after", {"code": code, "text": before}) if before else code
        raise Invalid("data.control_char", code=where)
    return text


def check_value(value: Any) -> Any:
    """Return a field's value, texts cleaned; raise ValueError for one no document can show."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        check_number(value)
    elif isinstance(value, dt.date):
        check_date(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (int, Decimal, dt.date)) and not isinstance(item, bool):
                try:
                    check_value(item)
                except Invalid as exc:
                    raise exc.at(str(key)) from None
    return value


def check_number(value: int | Decimal) -> None:
    """Raise ValueError if ``value`` is not finite, too large or has too many decimals."""
    if isinstance(value, Decimal) and not value.is_finite():
        raise Invalid("data.number_range", value=value, limit=_limit())
    if abs(Decimal(value)) >= MAX_NUMBER:
        raise Invalid("data.number_range", value=_show(value), limit=_limit())
    if isinstance(value, Decimal) and _places(value) > MAX_PLACES:
        raise Invalid("data.number_places", value=value, limit=MAX_PLACES)


def check_date(value: dt.date) -> None:
    """Raise ValueError if ``value`` is outside `MIN_YEAR`–`MAX_YEAR`."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise Invalid("data.date_range", value=value.isoformat(), low=MIN_YEAR, high=MAX_YEAR)


def currency(code: str) -> str:
    """Return ``code`` if it is an ISO 4217 currency; raise ValueError otherwise.

    >>> currency("KZT")
    'KZT'
    """
    if not is_currency(code):
        raise Invalid("data.currency_unknown", code=code)
    return code


def check_money(amount: Decimal, code: str) -> None:
    """Raise ValueError if ``amount`` of ``code`` cannot be written in a document (digits and words)."""
    places = _places(amount)
    precision = get_currency_precision(code)
    if places > precision:
        raise Invalid("data.currency_places", amount=amount, code=code, places=precision)
    if places and amount != amount.to_integral_value() and code not in NAMED_MINOR:
        raise Invalid("data.currency_minor_name", named=", ".join(NAMED_MINOR), code=code)


def portable_id(value: str) -> str:
    """Return ``value`` if it can be a folder name on Windows too; raise ValueError otherwise.

    >>> portable_id("taraz-mendeleev")
    'taraz-mendeleev'
    """
    if value.endswith("."):
        raise Invalid("data.reserved_id", value=value, why=Message("data.reserved_why.dot"))
    if _RESERVED.match(value.split(".")[0]):
        raise Invalid("data.reserved_id", value=value, why=Message("data.reserved_why.device"))
    return value


def bidi_controls(text: str) -> list[str]:
    """Return the direction controls in ``text`` as ``U+202E`` codes, each once, in order."""
    return [f"U+{ord(ch):04X}" for ch in dict.fromkeys(ch for ch in text if ch in BIDI_CONTROLS)]


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _show(value: int | Decimal) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{Decimal(value):.3E}"


def _limit() -> str:
    return "999 999 999 999 999"
