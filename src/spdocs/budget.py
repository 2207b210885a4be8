"""Budget lines as a spreadsheet names them → the line's id, or what to write instead (pure).

A row of spending names a budget line by its id or by its name in any language, among the
lines the row's period may report on (`spdocs.financing.items`): the same name planned in
two years («Консалтинговые услуги» 2025 and 2026) is told apart by the period. Only a line
with an id can carry a period's spending (``periods[].spending`` is keyed by it), so a name
that fits a line without one asks for an id. An amount is in the line's currency; a row
that names another currency (an ISO code or an unmistakable sign) is refused, never converted.
"""

from __future__ import annotations

import re

from spdocs import financing, names
from spdocs.languages import Lang
from spdocs.messages import say
from spdocs.model import BudgetItem, Partnership, Period

# Signs that name one currency only (¥ and kr do not).
_SIGNS = {"₸": "KZT", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₩": "KRW", "₺": "TRY"}
_CODE = re.compile(r"^[A-Za-z]{3}$")


def find_line(p: Partnership, period: Period, text: str, *, lang: Lang) -> tuple[str | None, str | None]:
    """Return the id of the budget line ``text`` names for ``period``, or ``None`` and what is wrong."""
    own = [(n, item) for n, item in financing.items(p, period) if item.id is not None]
    known = names.Names((item.id, names.line_names(item)) for _, item in own if item.id is not None)
    match = known.find(text)
    if match.found is not None:
        return match.found, None
    if match.ambiguous:
        return None, say(
            "actuals.ambiguous_line", lang, value=text, partnership=p.id, matches=", ".join(match.ambiguous)
        )
    budget = list(enumerate(p.funding.budget, 1)) if p.funding else []
    anywhere = names.Names((_key(n, item), names.line_names(item)) for n, item in budget).find(text)
    if anywhere.found is not None:
        number, item = next((n, item) for n, item in budget if _key(n, item) == anywhere.found)
        if item.id is None:
            name = item.item.get(lang)
            return None, say("actuals.line_without_id", lang, value=name, number=number)
        return None, say("actuals.line_other_year", lang, value=item.id, year=item.year, period=period.id)
    return None, say("actuals.unknown_line", lang, partnership=p.id, value=text, period=period.id) + names.hint(
        match, known.ids, lang
    )


def currency_problem(item: BudgetItem, given: str, *, lang: Lang) -> str | None:
    """Return what is wrong when a row says its amount is in another currency than the line's, else ``None``.

    Words («тенге», «долл.») are not read: only an ISO code or a sign that names one currency.
    """
    text = given.strip()
    code = text.upper() if _CODE.match(text) else _SIGNS.get(text)
    if code is None or code == item.amount.currency:
        return None
    return say("actuals.line_currency", lang, value=text, line=item.id or "", currency=item.amount.currency)


def line_item(p: Partnership, line: str) -> BudgetItem:
    """Return the budget line of ``p`` with the id ``line``."""
    assert p.funding is not None  # a line was found: the partnership has a budget
    return next(b for b in p.funding.budget if b.id == line)


def _key(number: int, item: BudgetItem) -> str:
    """Return a line's id, or its number for a line without one (the data file names no id)."""
    return item.id if item.id is not None else f"#{number}"
