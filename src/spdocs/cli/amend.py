"""``spdocs amend OLD NEW``: the supplementary agreement and a redline between two versions of a data file."""

from __future__ import annotations

from pathlib import Path

import click

from spdocs.cli.options import csv_choice, out_folder_option, templates_option
from spdocs.languages import LANGS


@click.command(
    "amend",
    epilog="\b\nExamples:\n  spdocs amend v2025/kaznmu-duke.yaml kaznmu-duke.yaml --out out/\n"
    "  spdocs amend old.yaml new.yaml --lang kk,ru --out amendments/",
)
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@out_folder_option("Output folder: OUT/<partnership-id>/amendment.<lang>.docx and agreement.<lang>.redline.docx.")
@click.option(
    "--lang", "langs", callback=csv_choice(LANGS), default=",".join(LANGS), show_default=True, help="Languages."
)
@templates_option("Your own templates (<lang>/agreement.docx, <lang>/amendment.docx …), used before the built-in ones.")
@click.option(
    "--force", is_flag=True, help="Overwrite files changed since spdocs wrote them (by default they are kept)."
)
def amend_cmd(old: Path, new: Path, out: Path, langs: tuple[str, ...], templates: Path | None, force: bool) -> None:
    """Write the supplementary agreement between two versions of a partnership's data file.

    Both agreements are rendered and compared clause by clause in each language; the
    supplementary agreement (number, date and place from NEW's last `amendments` entry)
    lists exactly the clauses that changed — new wording, added, deleted — and replaces
    changed annexes, with the agreement's preamble, signatures and language clause. The
    new agreement is also written with Word tracked changes against the old one
    (agreement.<lang>.redline.docx), for review in Word or LibreOffice.
    """
    from spdocs.amendment import write_amendment
    from spdocs.messages import say, user_lang

    msg = user_lang()
    result = write_amendment(old, new, out=out, langs=tuple(langs), templates=templates, force=force, messages_lang=msg)
    first = next(iter(result.changes.values()))
    for change in first:
        click.echo(f"{change.action} {change.kind} {change.number}".rstrip(), err=True)
    for path in result.files:
        click.echo(say("cli.wrote", msg, path=path), err=True)
    for path in result.kept:
        click.echo(say("cli.kept", msg, path=path), err=True)
