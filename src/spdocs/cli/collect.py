"""``spdocs collect``: the workbook staff fill in with indicator actuals and spending, read back by ``--actuals``."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from spdocs.cli.options import speak, usage
from spdocs.errors import OutputError


@click.command(
    "collect",
    epilog="\b\nExamples:\n  spdocs collect examples/ --period 2026 --out actuals-2026.xlsx\n"
    "  spdocs collect data/ --period 2026,2026-H1 --lang kk --out нақты-2026.xlsx\n"
    "  spdocs render data/ --kind report --period 2026 --actuals actuals-2026.xlsx",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--period", help="Required. The reporting period to collect (several: 2026,2026-H1).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Required. The workbook to write (.xlsx).")
@click.option(
    "--lang", help="Language of the workbook and the messages: kk, ru or en (default: SPDOCS_LANG, else the locale)."
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists (the figures filled in it are lost).")
def collect_cmd(paths: tuple[Path, ...], period: str | None, out: Path | None, lang: str | None, force: bool) -> None:
    """Write the workbook staff fill in with indicator actuals and spending, read back by --actuals.

    One sheet per partnership: its indicators for the period, grouped by area, with unit
    and plan, and under them its budget lines with currency and planned amount; each row
    has an empty Actual and Note cell (the only cells that can be changed; numbers are
    checked as they are typed). A first sheet says how to fill it in, in kk, ru
    and en; a contents sheet links to every sheet and counts the cells filled in. Then:
    spdocs render PATH --kind report --period P --actuals FILE.xlsx (or spdocs summary).
    """
    from spdocs.collect import collect_files
    from spdocs.loader import find_files
    from spdocs.messages import parse_lang, say, user_lang
    from spdocs.progress import Display
    from spdocs.write import write_atomic

    msg = user_lang()
    if lang is not None and parse_lang(lang) is None:
        usage(say("cli.usage.lang", msg, value=lang), "collect", msg)
    msg = user_lang(lang)
    speak(msg)
    periods = [pr.strip() for pr in (period or "").split(",") if pr.strip()]
    missing = [p for p in paths if not p.exists()]
    if not paths:
        usage(say("cli.usage.paths", msg), "collect", msg)
    if missing:
        usage(say("cli.usage.no_path", msg, path=missing[0]), "collect", msg)
    if not periods:
        usage(say("cli.usage.period", msg), "collect", msg)
    if out is None:
        usage(say("cli.usage.out", msg), "collect", msg)
    if out.suffix.lower() != ".xlsx":
        usage(say("cli.usage.out_xlsx", msg, name=out.name), "collect", msg)
    if out.exists() and not force:
        click.echo(f"spdocs: {say('collect.exists', msg, out=out)}", err=True)
        raise SystemExit(2)
    files = find_files(paths, lang=msg)
    if not files:
        usage(say("cli.usage.no_data_files", msg, paths=", ".join(map(str, paths))), "collect", msg)
    command = shlex.join(["spdocs", "render", *map(str, paths), "--kind", "report", "--period", str(period)])
    command += f" --actuals {shlex.quote(str(out))}"
    with Display(lang=msg) as display:
        made = collect_files(files, periods, lang=msg, command=command, progress=display)
    for _, error in made.failed:
        click.echo(str(error), err=True)
    for path, p in made.left_out:
        known = ", ".join(pr.id for pr in p.periods) or "—"
        click.echo(say("collect.left_out", msg, file=path, partnership=p.id, period=period, known=known), err=True)
    for path, p, numbers in made.unnamed:
        shown = ", ".join(map(str, numbers))
        click.echo(say("collect.lines_without_id", msg, file=path, partnership=p.id, numbers=shown), err=True)
    if made.workbook is None:
        click.echo(f"spdocs: {say('collect.nothing', msg, period=period)}", err=True)
        raise SystemExit(1)
    try:
        write_atomic(out, made.workbook)
    except OSError as exc:
        raise OutputError.from_os(out, exc) from None
    click.echo(say("collect.wrote", msg, out=out, sheets=made.sheets, cells=made.cells, command=command), err=True)
    raise SystemExit(1 if made.failed else 0)
