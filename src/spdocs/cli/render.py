"""``spdocs render`` and ``spdocs summary``: documents and the summary workbook of many data files."""

from __future__ import annotations

from pathlib import Path

import click

from spdocs.cli.options import csv_choice, csv_names, lang_option, templates_option
from spdocs.kinds import KINDS
from spdocs.languages import LANGS

ACTUALS_HELP = "Indicator actuals from a spreadsheet (.xlsx or .csv) that override the data files'."


@click.command(
    "render",
    epilog="\b\nExamples:\n  spdocs render examples/\n"
    "  spdocs render taraz.yaml --kind report --period 2025 --format pdf\n"
    "  spdocs render examples/ --templates my-templates/ --draft\n"
    "  spdocs render examples/ --force   # also overwrite documents edited since",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--kind",
    "kinds",
    callback=csv_names,
    help=f"Document kinds, comma-separated: {', '.join(KINDS)}, or a kind of the --templates folder's kinds.yaml "
    "(default: every kind the data has the sections for).",
)
@click.option(
    "--lang",
    "langs",
    callback=csv_choice(LANGS),
    default=",".join(LANGS),
    show_default=True,
    help="Languages, comma-separated.",
)
@click.option(
    "--format",
    "formats",
    callback=csv_choice(["docx", "pdf"]),
    default="docx",
    show_default=True,
    help="docx, pdf or docx,pdf. PDFs need LibreOffice.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Output folder: OUT/<partnership-id>/<kind>[-<period>].<lang>.<ext>.",
)
@templates_option("Your own templates (<lang>/<kind>.docx, <lang>/terms.yaml), used before the built-in ones.")
@click.option("--period", help="Reports: only this reporting period (default: every period with actuals).")
@click.option("--actuals", type=click.Path(exists=True, dir_okay=False, path_type=Path), help=ACTUALS_HELP)
@click.option("--draft", is_flag=True, help="Render even when checks find errors; mark every document as a draft.")
@click.option(
    "--packet", is_flag=True, help="With PDF: also join each partnership's PDFs per language into packet.<lang>.pdf."
)
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for rendering and PDF conversion (default 0: one per CPU core). Output is the same.",
)
@lang_option("en", "Language of check messages.", "--check-lang")
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite files changed since spdocs wrote them (by default they are kept: see spdocs-manifest.json).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def render_cmd(
    paths: tuple[Path, ...],
    kinds: tuple[str, ...] | None,
    langs: tuple[str, ...],
    formats: tuple[str, ...],
    out: Path,
    templates: Path | None,
    period: str | None,
    actuals: Path | None,
    draft: bool,
    packet: bool,
    jobs: int,
    check_lang: str,
    force: bool,
    quiet: bool,
) -> None:
    """Render the documents of data files (or folders of them).

    Each partnership is checked first: warnings are printed and rendering goes on; an error
    stops that partnership's documents unless --draft. A kind whose section the data lacks
    (an order without `working_group`) is left out with a note; asked for with --kind, it
    fails that partnership. One failed partnership never stops the others and never leaves
    a half-written file. Exit 1 if any partnership failed.

    Each partnership's folder gets spdocs-manifest.json: what every file was made from (data,
    templates, version, options) and the hash of what was written. A file whose bytes differ
    from that (someone edited the DOCX) is kept and listed, never overwritten, unless --force.
    With --draft, files are named <kind>.draft.<lang>.<ext>, so a draft never replaces a final one.
    """
    from spdocs.api import render
    from spdocs.checks.report import format_line

    if packet and "pdf" not in formats:
        raise click.UsageError("--packet joins PDFs: add --format pdf (or docx,pdf)")
    progress = None if quiet else (lambda line: click.echo(line, err=True))
    batch = render(
        paths,
        out=out,
        kinds=kinds,
        langs=langs,
        formats=formats,
        templates=templates,
        period=period,
        actuals=actuals,
        draft=draft,
        packet=packet,
        jobs=jobs,
        check_lang=check_lang,
        progress=progress,
        force=force,
    )
    failed = 0
    for outcome in batch:
        for finding in outcome.findings:
            if finding.severity != "info" or not quiet:
                click.echo(format_line(finding, path=finding.path, lang=check_lang), err=True)
        if outcome.error is not None:
            click.echo(f"{outcome.source}: {outcome.error}", err=True)
        for path in outcome.kept:
            click.echo(f"{path}: kept — changed since spdocs wrote it (--force overwrites it)", err=True)
        failed += outcome.failed
    for warning in batch.warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in batch.problems:
        click.echo(str(problem), err=True)
    written = sum(len(o.files) for o in batch)
    files_word = "file" if written == 1 else "files"
    click.echo(
        f"{written} {files_word} written to {out}/ from {len(batch) - failed} of {len(batch)} data files", err=True
    )
    raise SystemExit(1 if batch.failed else 0)


@click.command(
    "summary",
    epilog="\b\nExamples:\n  spdocs summary examples/ --out summary.xlsx\n"
    "  spdocs summary data/ --actuals actuals-2026.xlsx --period 2026 --lang kk --out svod.xlsx",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The workbook to write (.xlsx)."
)
@click.option("--actuals", type=click.Path(exists=True, dir_okay=False, path_type=Path), help=ACTUALS_HELP)
@lang_option("ru", "Language of names and headers.")
@click.option("--period", help="Only this reporting period (default: every period with actuals).")
@templates_option("Your own templates folder (its terms.yaml labels the columns and statuses).")
def summary_cmd(
    paths: tuple[Path, ...], out: Path, actuals: Path | None, lang: str, period: str | None, templates: Path | None
) -> None:
    """Write one workbook for the authorized body: plan, actual and deviation per partnership × indicator × period.

    One sheet with every row, and a sheet per regime; the figures are those of the reports.
    Data files that cannot be loaded are listed and left out (exit 1).
    """
    from spdocs.api import summary

    result = summary(paths, out=out, actuals=actuals, lang=lang, period=period, templates=templates)
    for error in result.failed:
        click.echo(str(error), err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {out}: {result.partnerships} partnerships", err=True)
    raise SystemExit(1 if result.failed else 0)
