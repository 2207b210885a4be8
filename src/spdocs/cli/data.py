"""``spdocs new`` and ``spdocs schema``: starting a data file, and its JSON Schema for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from spdocs.errors import OutputError
from spdocs.regimes import PROFILES


@click.command(
    "new", epilog="\b\nExamples:\n  spdocs new --model branch taraz.yaml\n  spdocs new --model medical > zkmu.yaml"
)
@click.option(
    "--model",
    "model_",
    required=True,
    type=click.Choice(list(PROFILES)),
    help="A MoSHE partnership model, or medical for the MoH Rules.",
)
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new_cmd(model_: str, file: Path | None, force: bool) -> None:
    """Write a commented starter data file for a partnership model (to FILE or standard output).

    Fill in the blanks ("") and run `spdocs check FILE`; examples/ holds complete files.
    """
    from spdocs.starter import starter
    from spdocs.write import write_atomic

    text = starter(model_)
    if file is None:
        click.echo(text, nl=False)
        return
    if file.exists() and not force:
        raise click.UsageError(f"{file} exists; use --force to overwrite it")
    try:
        write_atomic(file, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError.from_os(file, exc) from None
    from spdocs.messages import say, user_lang

    click.echo(say("cli.wrote_starter", user_lang(), path=file), err=True)


@click.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the data file (for editors that complete and check YAML/JSON)."""
    from spdocs.model import Partnership

    click.echo(json.dumps(Partnership.model_json_schema(), ensure_ascii=False, indent=2))
