"""Options shared by several commands, and the one place that turns errors into exit codes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from spdocs.errors import InputError, OptionError, OutputError, SpdocsError
from spdocs.languages import LANGS

# Exit codes by error class, the first match wins (DESIGN.md): 2 when nothing could be done as
# asked (unusable input, options or output), 1 when some document or partnership failed.
EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (InputError, 2),
    (OptionError, 2),
    (OutputError, 2),
    (SpdocsError, 1),
    (OSError, 2),
)


# Where a command leaves the language it speaks in (click shares ``meta`` with the group's context).
_LANG = "spdocs.lang"


def speak(lang: str) -> None:
    """Have errors that end this command said in ``lang`` (the command's language of messages)."""
    click.get_current_context().meta[_LANG] = lang


def said(error: BaseException, lang: str) -> str:
    """Return ``error``'s message in ``lang`` when it has one in each language (`OptionError`), else as it is."""
    return error.text(lang) if isinstance(error, OptionError) and lang in LANGS else str(error)


class Failure(click.ClickException):
    """An error of spdocs (or of the system) shown as one line, with the exit code `EXIT_CODES` gives."""

    def __init__(self, error: BaseException, lang: str = "en") -> None:
        if isinstance(error, OSError) and not isinstance(error, SpdocsError):
            message = f"{error.filename}: {error.strerror}" if error.filename and error.strerror else str(error)
        else:
            message = said(error, lang)
        super().__init__(message)
        # click reads the exit code from the instance; it declares a class default only
        self.exit_code = next(code for cls, code in EXIT_CODES if isinstance(error, cls))  # type: ignore[misc]

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"spdocs: {self.message}", err=True)


class Group(click.Group):
    """A command group whose commands' spdocs errors become one-line messages and exit codes, and
    whose usage errors are said in the user's language (`spdocs.cli.usage`)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _usage(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (SpdocsError, OSError) as exc:
            from spdocs.messages import user_lang

            raise Failure(exc, ctx.meta.get(_LANG) or user_lang()) from exc
        except click.UsageError as exc:
            raise _usage(exc) from exc


def _usage(error: click.UsageError) -> click.UsageError:
    """Return ``error`` said in the user's language (that of the environment: ``--lang`` may be the mistake)."""
    from spdocs.cli.usage import Usage
    from spdocs.messages import user_lang

    # (NoArgsIsHelpError is click 8.2's: `spdocs check` alone shows the help)
    if isinstance(error, (Usage, getattr(click.exceptions, "NoArgsIsHelpError", Usage))):
        return error
    return Usage(error, user_lang())


def usage(message: str, command: str, lang: str) -> NoReturn:
    """Exit 2 with a usage error in the user's language and where to read more."""
    from spdocs.messages import say

    click.echo(f"spdocs: {message}\n{say('cli.usage.help', lang, command=command)}", err=True)
    raise SystemExit(2)


def csv_choice(
    choices: Sequence[str],
) -> Callable[[click.Context, click.Parameter, str | None], tuple[str, ...] | None]:
    """Return a callback that splits ``a,b`` and checks each item against ``choices``."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        items = tuple(v.strip() for v in value.split(",") if v.strip())
        bad = [v for v in items if v not in choices]
        if bad or not items:
            from spdocs.messages import say, user_lang

            shown = ", ".join(bad) or repr(value)
            raise click.BadParameter(say("cli.click.choices", user_lang(), value=shown, choices=", ".join(choices)))
        return items

    return callback


def csv_names(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """Split ``a,b`` into names checked later (kinds: a --templates folder's kinds.yaml may add some)."""
    if value is None:
        return None
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    if not items:
        from spdocs.messages import say, user_lang

        raise click.BadParameter(say("cli.click.nothing", user_lang(), value=value))
    return items


def lang_option(default: str | None, help: str, *names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return a ``--lang``-style option: one language of the registry (``default`` None: the caller
    chooses, e.g. the user's language of messages)."""
    return click.option(
        *(names or ("--lang",)), type=click.Choice(LANGS), default=default, show_default=default is not None, help=help
    )


def out_folder_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return the ``--out DIR`` option of the commands that write documents (default ``out``)."""
    return click.option(
        "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True, help=help
    )


def templates_option(help: str = "Your own templates folder.") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return the ``--templates DIR`` option."""
    return click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help=help)
