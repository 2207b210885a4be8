"""The wording of `spdocs check`, kept as data in ``messages.yaml`` beside this module.

``fill()`` puts localized values into a message; ``citation()`` writes a place in a text;
``show()`` turns a value (a date, a number, a `Text`, a `Term`) into words of a language.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Mapping
from decimal import Decimal
from importlib.resources import files
from typing import Any

import yaml

from spdocs.checks.base import Cite, Term
from spdocs.formatting import cldr_locale, format_number, plural
from spdocs.languages import Lang
from spdocs.model import Text


@functools.cache
def catalogue() -> dict[str, Any]:
    """Return the parsed ``messages.yaml``: messages, terms, docs, units, severities, summary."""
    text = files("spdocs.checks").joinpath("messages.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


class _Formatter(string.Formatter):
    """``str.format`` plus ``{n:p:one|few|many}``: the number and the noun in its plural form."""

    def __init__(self, lang: Lang) -> None:
        self.locale = cldr_locale(lang)

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("p:"):
            return f"{value} {plural(format_spec[2:].split('|'), value, self.locale)}"
        return str(super().format_field(value, format_spec))


def fill(template: str, args: Mapping[str, Any], *, lang: Lang) -> str:
    """Return ``template`` with ``args`` shown in ``lang``.

    >>> fill("{n:p:год|года|лет}", {"n": 3}, lang="ru"), fill("{n:p:year|years}", {"n": 1}, lang="en")
    ('3 года', '1 year')
    """
    shown = {k: v if isinstance(v, int) and not isinstance(v, bool) else show(v, lang=lang) for k, v in args.items()}
    return _Formatter(lang).vformat(template, (), shown)


def show(value: Any, *, lang: Lang) -> str:
    """Return ``value`` as a message shows it in ``lang``.

    >>> show(dt.date(2025, 3, 14), lang="ru"), show(Decimal("72.50"), lang="en")
    ('14.03.2025', '72.5')
    """
    if isinstance(value, Text):
        return value.find(lang) or value.any()
    if isinstance(value, Term):
        terms = catalogue()["terms"][value.vocab]
        return ", ".join(terms[code][lang] for code in value.codes)
    if isinstance(value, dt.date):
        return value.isoformat() if lang == "en" else value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return format_number(value.normalize(), lang=lang)
    if callable(text := getattr(value, "text", None)):  # a catalogue message (spdocs.messages.Message)
        return str(text(lang))
    return str(value)


def citation(cite: Cite | None, *, lang: Lang) -> str:
    """Return the citation in ``lang``: "MoSHE rec. (draft, 2024), ch. 3, area 5"; "" for none.

    >>> from spdocs.checks.base import moh
    >>> citation(moh("p", 8), lang="kk")
    'ДСМ Қағидалары (№ ҚР ДСМ-263/2020), 8-тармақ'
    """
    if cite is None:
        return ""
    data = catalogue()
    parts = [data["units"][unit][lang].format(n=n) for unit, n in cite.parts]
    return ", ".join([data["docs"][cite.doc][lang], *parts])


def message(rule: str, variant: str, args: Mapping[str, Any], *, lang: Lang) -> str:
    """Return the message of ``rule`` (``variant``) with ``args``, in ``lang``."""
    return fill(catalogue()["messages"][rule][variant][lang], args, lang=lang)
