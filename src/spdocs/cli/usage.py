"""click's usage errors — an unknown option, a missing argument, a bad value — in the user's language.

click words them in English; `Usage` says them again from the catalogue (``cli.yaml``,
``click``) in the language of `spdocs.messages.user_lang` without ``--lang``: the environment's or
the system's, since ``--lang`` itself may be what is wrong. The command group
(`spdocs.cli.options.Group`) turns every `click.UsageError` into one. click's exceptions keep the
parameter and the value apart only partly; where they do not, the value is read back from click's
message, and a message that cannot be read is shown as click wrote it.
"""

from __future__ import annotations

import re
from typing import IO, Any

import click

from spdocs.languages import Lang

# The value click names at the start of a BadParameter message: 'de' is not one of …;
# File 'a.yaml' does not exist.; -1 is not in the range x>=0.
_VALUE = re.compile(r"^(?:[A-Z]\w* )?'(?P<quoted>.*?)'|^(?P<bare>\S+) is not")
_EXTRA = re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$")


class Usage(click.UsageError):
    """A usage error said in ``lang``: the usage line, where to read more, and what is wrong."""

    def __init__(self, error: click.UsageError, lang: Lang) -> None:
        super().__init__(describe(error, lang), error.ctx)
        self.lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        from spdocs.messages import say

        if self.ctx is not None:
            pieces = " ".join(self.ctx.command.collect_usage_pieces(self.ctx))
            click.echo(say("cli.click.usage", self.lang, command=self.ctx.command_path, args=pieces), err=True)
            click.echo(say("cli.click.help", self.lang, command=self.ctx.command_path), err=True)
        click.echo(f"spdocs: {self.message}", err=True)


def describe(error: click.UsageError, lang: Lang) -> str:
    """Return what is wrong in ``error``, in ``lang``."""
    from spdocs.messages import say

    if isinstance(error, click.NoSuchOption):
        if error.possibilities:
            return say("cli.click.no_option_guess", lang, option=error.option_name, guess=_or(error.possibilities))
        return say("cli.click.no_option", lang, option=error.option_name)
    if isinstance(error, click.exceptions.NoSuchCommand):
        if error.possibilities:
            return say("cli.click.no_command_guess", lang, command=error.command_name, guess=_or(error.possibilities))
        return say("cli.click.no_command", lang, command=error.command_name)
    if isinstance(error, click.MissingParameter):
        return _missing(error, lang)
    if isinstance(error, click.BadParameter):
        return say("cli.click.bad_value", lang, name=_name(error), detail=_detail(error, lang))
    if isinstance(error, click.BadOptionUsage):
        key = "no_value" if "does not take a value" in error.message else "needs_value"
        return say(f"cli.click.{key}", lang, option=error.option_name)
    if extra := _EXTRA.match(error.message):
        return say("cli.click.extra", lang, args=extra["args"])
    if error.message == "Missing command.":
        return say("cli.click.no_command_given", lang)
    return error.message  # ours, already in the user's language (`spdocs.cli.options.usage`)


def _missing(error: click.MissingParameter, lang: Lang) -> str:
    from spdocs.messages import say

    param = error.param
    if param is None:
        return error.message
    name = _name(error)
    if isinstance(param, click.Argument):
        return say("cli.click.missing_argument", lang, name=name)
    if isinstance(param.type, click.Choice):
        choices = ", ".join(str(c) for c in param.type.choices)
        return say("cli.click.missing_option_choice", lang, name=name, choices=choices)
    return say("cli.click.missing_option", lang, name=name)


def _detail(error: click.BadParameter, lang: Lang) -> str:
    """Return what is wrong with a value: the message of the parameter's type, said again in ``lang``."""
    from spdocs.messages import say

    kind = error.param.type if error.param is not None else None
    found = _VALUE.match(error.message)
    value = (found["quoted"] if found["quoted"] is not None else found["bare"]) if found else None
    if value is None or kind is None:
        return error.message  # our own callbacks' messages, said in the user's language already
    if isinstance(kind, click.Choice):
        return say("cli.click.choice", lang, value=value, choices=", ".join(str(c) for c in kind.choices))
    if isinstance(kind, click.Path) and "does not exist" in error.message:
        return say("cli.usage.no_path", lang, path=value)
    if isinstance(kind, (click.IntRange, click.FloatRange)) and "not in the range" in error.message:
        return say("cli.click.range", lang, value=value, bounds=_bounds(kind, lang))
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        return say("cli.click.number", lang, value=value)
    return error.message


def _bounds(kind: click.IntRange | click.FloatRange, lang: Lang) -> str:
    from spdocs.messages import say

    if kind.min is not None and kind.max is not None:
        return say("cli.click.between", lang, min=kind.min, max=kind.max)
    if kind.min is not None:
        return say("cli.click.at_least", lang, min=kind.min)
    return say("cli.click.at_most", lang, max=kind.max)


def _name(error: click.BadParameter) -> str:
    """Return the parameter as typed: ``--lang`` for an option, ``PATHS`` for an argument."""
    param = error.param
    if param is None:
        return str(error.param_hint or "")
    if isinstance(param, click.Argument):
        return (param.name or "").upper()
    return max(param.opts, key=len)


def _or(possibilities: list[str] | set[str] | tuple[str, ...]) -> str:
    return ", ".join(sorted(possibilities))
