"""``spdocs templates list|check|export``: the document templates, for those who maintain them in Word."""

from __future__ import annotations

from pathlib import Path

import click

from spdocs.cli.options import templates_option
from spdocs.errors import OutputError
from spdocs.kinds import KINDS
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


@templates_cmd.command("check")
@templates_option()
def templates_check(templates: Path | None) -> None:
    """Check that each kind's kk, ru and en templates use the same conditions, loops and values."""
    from spdocs.parity import compare_templates
    from spdocs.resources import template_path
    from spdocs.terms import terms

    problems = []
    for name in KINDS:
        problems += compare_templates({lang: template_path(name, lang, templates) for lang in LANGS})
    for lang in LANGS:
        terms(lang, templates)  # a broken terms.yaml is an input error naming its line
    for problem in problems:
        click.echo(problem, err=True)
    click.echo(f"{len(KINDS)} kinds, {len(problems)} problems", err=True)
    raise SystemExit(1 if problems else 0)


@templates_cmd.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def templates_export(folder: Path) -> None:
    """Copy the built-in templates to FOLDER for editing in Word; then render with --templates FOLDER."""
    from spdocs.resources import builtin_templates
    from spdocs.write import write_atomic

    source = builtin_templates()
    for lang in LANGS:
        for path in sorted((source / lang).iterdir()):
            dest = folder / lang / path.name
            if dest.exists():
                click.echo(f"kept {dest} (exists)", err=True)
                continue
            try:
                write_atomic(dest, path.read_bytes())
            except OSError as exc:
                raise OutputError.from_os(dest, exc) from None
            click.echo(f"wrote {dest}", err=True)
