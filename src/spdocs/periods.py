"""Reporting periods by name, never by code: «2025 год», «II полугодие 2025 г.» (pure).

A period's label is the data's ``label`` when given; otherwise it is made from the dates:
a calendar year, half-year or quarter takes the language's pattern from ``t.periods``
(``templates/<lang>/terms.yaml``), and any other span is written as its dates
(«01.07.2025–31.12.2025»). A bare period code that is a year («2025», a target of a period
the file does not describe) is labelled as that year.
"""

from __future__ import annotations

import datetime as dt
import re

from spdocs import formatting
from spdocs.languages import Lang
from spdocs.model import Period
from spdocs.terms import Terms


def span(start: dt.date, end: dt.date) -> tuple[str, int, int]:
    """Return what the dates cover: a ``year``, ``half`` or ``quarter`` (with year and number), or a ``range``.

    >>> span(dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    ('half', 2025, 2)
    >>> span(dt.date(2025, 4, 1), dt.date(2025, 6, 30)), span(dt.date(2025, 6, 2), dt.date(2025, 12, 31))
    (('quarter', 2025, 2), ('range', 0, 0))
    """
    if start.year != end.year or start.day != 1 or (end + dt.timedelta(days=1)).day != 1:
        return ("range", 0, 0)
    months = end.month - start.month + 1
    if months == 12:
        return ("year", start.year, 0)
    if months == 6 and start.month in (1, 7):
        return ("half", start.year, start.month // 6 + 1)
    if months == 3 and start.month in (1, 4, 7, 10):
        return ("quarter", start.year, start.month // 3 + 1)
    return ("range", 0, 0)


def label(period: Period, lang: Lang, terms: Terms) -> str:
    """Return the name of ``period`` in ``lang``: its own label, else one made from its dates."""
    if period.label is not None:
        return period.label.get(lang)
    kind, year, n = span(period.start, period.end)
    names = terms.periods
    if kind == "year":
        return names.year.format(year=year)
    if kind == "half":
        return names.half[n - 1].format(year=year)
    if kind == "quarter":
        return names.quarter[n - 1].format(year=year)
    return formatting.period_forms(period.start, period.end, lang=lang)["numeric"]


def code_label(code: str, periods: list[Period], lang: Lang, terms: Terms) -> str:
    """Return the name of the period with id ``code``; a code that names no period is kept (a year is named)."""
    for pr in periods:
        if pr.id == code:
            return label(pr, lang, terms)
    return terms.periods.year.format(year=code) if re.fullmatch(r"\d{4}", code) else code
