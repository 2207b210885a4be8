"""``spdocs check``: schema and regulation findings of data files."""

from __future__ import annotations

from pathlib import Path

import click

from spdocs.cli.options import lang_option, speak


@click.command(
    "check", epilog="\b\nExamples:\n  spdocs check examples/\n  spdocs check partner.yaml --lang kk --format json"
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@lang_option(None, "Language of the messages (default: SPDOCS_LANG, else the system locale, else en).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json"]),
    default="human",
    show_default=True,
    help="human: grouped by file, errors first; json: a stable structure for tools.",
)
def check_cmd(paths: tuple[Path, ...], lang: str | None, fmt: str) -> None:
    """Check data files (or folders of them) against the schema and the regulation rules.

    Exit 0 when no finding is an error, 1 when some is, 2 when a file cannot be read or
    does not match the schema (every mistake is listed with its file, line and field).
    """
    from spdocs.api import check_files
    from spdocs.checks.report import format_human, format_json
    from spdocs.messages import user_lang

    msg = user_lang(lang)
    speak(msg)
    results = check_files(paths, lang=msg)
    pairs = [(r.path, r.findings) for r in results]
    click.echo(format_json(pairs) if fmt == "json" else format_human(pairs, lang=msg))
    if not all(r.loaded for r in results):
        raise SystemExit(2)
    raise SystemExit(1 if any(f.severity == "error" for r in results for f in r.findings) else 0)
