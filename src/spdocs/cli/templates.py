"""``spdocs templates list|check|export``: the document templates, for those who maintain them in Word."""

from __future__ import annotations

from pathlib import Path

import click

from spdocs.cli.options import templates_option
from spdocs.errors import OutputError
from spdocs.languages import LANGS


@click.group("templates")
def templates_cmd() -> None:
    """List, check and export the document templates."""


@templates_cmd.command("list")
@templates_option()
def templates_list(templates: Path | None) -> None:
    """Show which template file each kind and language uses."""
    from spdocs.resources import template_path
    from spdocs.userkinds import registry, user_kinds

    own = user_kinds(templates)
    for name, kind in registry(templates).items():
        for lang in LANGS:
            path = template_path(name, lang, templates)
            notes = ("per period  " if kind.per_period else "") + ("kinds.yaml  " if name in own else "")
            click.echo(f"{name:<10} {lang}  {notes}{path}")


@templates_cmd.command(
    "check",
    epilog="\b\nExamples:\n  spdocs templates check                 # the built-in templates\n"
    "  spdocs templates check my-templates/   # yours (and the built-in ones they do not replace)",
)
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@templates_option("The same as FOLDER.")
def templates_check(folder: Path | None, templates: Path | None) -> None:
    """Check every kind's templates (built-in, FOLDER's, and FOLDER/kinds.yaml's kinds).

    Every variable and condition is checked against the context the kind is rendered with
    (from the bundled example partnerships): an unknown name is reported with "did you
    mean"; every block ({%p if %}, {%tr for %} …) must be closed by the right end tag; the
    kk, ru and en templates of a kind must use the same conditions, loops and values. Each
    problem names the file and the paragraph, by its text as Word shows it. Exit 1 if any.
    """
    from spdocs.templatecheck import check_all
    from spdocs.terms import terms
    from spdocs.userkinds import registry

    folder = folder or templates
    for lang in LANGS:
        terms(lang, folder)  # a broken terms.yaml is an input error naming its line
    problems = check_all(folder)
    for problem in problems:
        click.echo(problem, err=True)
    click.echo(f"{len(registry(folder))} kinds, {len(problems)} problems", err=True)
    raise SystemExit(1 if problems else 0)


@templates_cmd.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def templates_export(folder: Path) -> None:
    """Copy the built-in templates to FOLDER for editing in Word; then render with --templates FOLDER."""
    from spdocs.messages import say, user_lang
    from spdocs.resources import builtin_templates
    from spdocs.write import write_atomic

    msg = user_lang()
    source = builtin_templates()
    for lang in LANGS:
        for path in sorted((source / lang).iterdir()):
            dest = folder / lang / path.name
            if dest.exists():
                click.echo(say("cli.kept_exists", msg, path=dest), err=True)
                continue
            try:
                write_atomic(dest, path.read_bytes())
            except OSError as exc:
                raise OutputError.from_os(dest, exc) from None
            click.echo(say("cli.wrote", msg, path=dest), err=True)
