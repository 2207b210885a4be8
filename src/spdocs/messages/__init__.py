"""What spdocs says to people outside the regulation checks — problems in input files, usage
errors, progress, the words of the workbooks it writes — in Kazakh, Russian and English, as data.

Each ``*.yaml`` file beside this module is one catalogue: a tree of keys whose leaves are
``{kk: …, ru: …, en: …}``. A message is named by the file's stem and its key path::

    >>> say("actuals.not_a_number", "ru", value="двенадцать")
    'не число: «двенадцать»; напишите только цифры, например 12,5'

Placeholders are ``{name}``; ``{n:p:one|few|many}`` writes ``n`` and the noun in the plural
form that the language's CLDR rules choose (the format of ``spdocs/checks/messages.yaml``):

    >>> say("cli.files_written", "ru", files=5, out="out", ok=2, total=3)
    'записано 5 файлов в out/ (файлы данных: 2 из 3)'

Tests fail when an entry lacks a language, when its languages use different placeholders, and
when the code names a key that no catalogue has.

The language of messages (`user_lang`) is the command's ``--lang`` when it has one, else the
``SPDOCS_LANG`` environment variable, else the system locale, else English. It is chosen once,
at the edge (the command line, the web request), and passed down as a parameter: code that
cannot know it — the data model's validators — raises `Invalid`, a message not yet put into
words, and the loader says it in the language it was given.
"""

from __future__ import annotations

import functools
import locale
import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.resources import files
from typing import Any

import yaml

from spdocs.languages import LANGS, LANGUAGES, Lang

ENV = "SPDOCS_LANG"
# Names a locale may give a language by: POSIX codes (ru_RU.UTF-8), the English names Windows
# uses (Russian_Russia.1251), and other names people write (the registry's aliases: "kz").
_LANG_NAMES: dict[str, Lang] = {
    name: lang.code for lang in LANGUAGES.values() for name in (lang.code, lang.name.lower(), *lang.aliases)
}


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return every message: ``"file.key.path"`` -> ``{lang: text}``."""
    out: dict[str, dict[str, str]] = {}
    for entry in sorted(files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            tree = yaml.safe_load(entry.read_text(encoding="utf-8"))
            _flatten(entry.name.removesuffix(".yaml"), tree, out)
    return out


def _flatten(prefix: str, node: Any, out: dict[str, dict[str, str]]) -> None:
    if isinstance(node, dict) and node and set(node) <= set(LANGS) and all(isinstance(v, str) for v in node.values()):
        out[prefix] = {lang: node[lang] for lang in LANGS if lang in node}
        return
    if not isinstance(node, dict):
        raise ValueError(f"messages: {prefix}: expected kk/ru/en texts or more keys")
    for key, child in node.items():
        _flatten(f"{prefix}.{key}", child, out)


def say(key: str, lang: Lang, /, **args: Any) -> str:
    """Return the message ``key`` in ``lang`` with ``args`` put in."""
    # imported here: the checks import the model, whose validators speak through this module
    from spdocs.checks.messages import fill

    return fill(catalogue()[key][lang], args, lang=lang)


def data_say(key: str, lang: Lang, /, **args: Any) -> str:
    """Return the message ``key`` in ``lang``, decimals shown as written (``12.50``), and messages
    among ``args`` (`Message`) put in ``lang`` too: for the problems of a data file."""
    shown = {k: _arg(v, lang) for k, v in args.items()}
    return say(key, lang, **shown)


def _arg(value: Any, lang: Lang) -> Any:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, (tuple, list)):  # values to choose from, each quoted: «a», «b»
        return ", ".join(quote(str(v), lang) for v in value)
    return str(value) if isinstance(value, Decimal) else value


def quote(value: str, lang: Lang) -> str:
    """Return a value the user wrote or is to write, quoted as the catalogues quote values.

    >>> quote("charter", "ru"), quote("charter", "en")
    ('«charter»', "'charter'")
    """
    return f"'{value}'" if lang == "en" else f"«{value}»"


@dataclass(frozen=True)
class Message:
    """A catalogue message not yet put into words: its key and values (which may be messages)."""

    key: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        """Return the message in ``lang``."""
        return data_say(self.key, lang, **self.args)


class Invalid(ValueError):
    """A value a data file cannot have, raised by the model's validators as a catalogue message.

    The validators run without knowing the user's language; the loader catches pydantic's error,
    finds this one in it and says it in the language asked for (`text`). ``field`` names the
    field inside the validated model that the message is about, when it is not the model itself.
    ``str()`` gives the English text, for code that shows a ValueError as it is.

    >>> Invalid("data.currency_unknown", code="KZ").text("ru")
    '«KZ» — не код валюты по ISO 4217 (например, KZT, USD, EUR)'
    """

    def __init__(self, key: str, /, *, field: str | None = None, **args: Any) -> None:
        super().__init__(key)
        self.message, self.field = Message(key, args), field

    def text(self, lang: Lang) -> str:
        """Return the message in ``lang``."""
        return self.message.text(lang)

    def at(self, field: str) -> Invalid:
        """Return the same message about ``field`` of the model."""
        return Invalid(self.message.key, field=field, **self.message.args)

    def __str__(self) -> str:
        return self.text("en")


def placeholders(template: str) -> set[str]:
    """Return the names a message puts values in: ``{row}``, ``{n:p:…}`` → ``{"row", "n"}``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def parse_lang(value: str | None) -> Lang | None:
    """Return the language a code or locale name means, ``None`` if none of kk, ru, en.

    >>> parse_lang("ru_RU.UTF-8"), parse_lang("kz"), parse_lang("Kazakh_Kazakhstan.1251"), parse_lang("de_DE")
    ('ru', 'kk', 'kk', None)
    """
    if not value:
        return None
    head = re.split(r"[_.@\-\s]", value.strip().lower(), maxsplit=1)[0]
    return _LANG_NAMES.get(head)


def user_lang(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """Return the language to speak to the user in.

    ``explicit`` (a command's ``--lang``) wins; then ``SPDOCS_LANG``; then the first of
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (POSIX precedence; ``C`` means
    English); then the system's locale (Windows); then English.

    >>> user_lang(None, {"SPDOCS_LANG": "kk", "LANG": "ru_RU.UTF-8"}), user_lang(None, {"LANG": "ru_KZ.UTF-8"})
    ('kk', 'ru')
    >>> user_lang(None, {"LC_ALL": "C.UTF-8", "LANG": "ru_RU.UTF-8"}), user_lang("en", {"SPDOCS_LANG": "ru"})
    ('en', 'en')
    """
    env = os.environ if environ is None else environ
    chosen = parse_lang(explicit) or parse_lang(env.get(ENV))
    if chosen:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return parse_lang(env[var]) or "en"
    if environ is None:
        try:
            system = locale.getlocale()[0]
        except ValueError:  # pragma: no cover - an unparsable locale setting
            system = None
        return parse_lang(system) or "en"
    return "en"
