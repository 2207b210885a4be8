"""The one Jinja environment per language that every template is compiled in."""

from __future__ import annotations

import functools

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from spdocs.languages import LANGS, Lang


@functools.cache
def make_env(lang: Lang) -> SandboxedEnvironment:
    """Return the environment for ``lang``: sandboxed, autoescaping, strict about undefined names.

    Sandboxed because templates may come from users (``--templates``); autoescape so that
    ``&``, ``<`` and quotes in the data reach the DOCX XML as text; StrictUndefined so that
    a value the data lacks is an error, never a silent blank.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (expected {', '.join(LANGS)})")
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    env.globals["lang"] = lang
    env.filters["upfirst"] = upfirst
    env.filters["strip_period"] = strip_period
    return env


def strip_period(text: str) -> str:
    """Return ``text`` without its closing period, so that a template can go on with «;» or «,».

    >>> strip_period("на основе опыта Партнера.")
    'на основе опыта Партнера'
    """
    return text.rstrip().rstrip(".")


def upfirst(text: str) -> str:
    """Return ``text`` with its first letter capitalized and the rest untouched.

    Positions are stored as they read mid-sentence («проректор по …»); a signature block
    starts with them. Jinja's ``capitalize`` would lowercase the rest («– ректор»).

    >>> upfirst("председатель Правления – Ректор")
    'Председатель Правления – Ректор'
    """
    return text[:1].upper() + text[1:]
