"""``spdocs render`` and ``spdocs summary``: documents and the summary workbook of many data files."""

from __future__ import annotations

from pathlib import Path

import click

from spdocs.cli.options import (
    csv_choice,
    csv_names,
    lang_option,
    out_folder_option,
    said,
    speak,
    templates_option,
    usage,
)
from spdocs.errors import OutputError
from spdocs.kinds import KINDS
from spdocs.languages import LANGS

ACTUALS_HELP = (
    "Indicator actuals that override the data files': the workbook of spdocs collect, or your own .xlsx or "
    ".csv (a row per indicator and period, or a column per period; headers in kk, ru or en)."
)


@click.command(
    "render",
    epilog="\b\nExamples:\n  spdocs render examples/\n"
    "  spdocs render taraz.yaml --kind report --period 2025 --format pdf\n"
    "  spdocs render examples/ --templates my-templates/ --draft\n"
    "  spdocs render taraz.yaml --layout parallel --lang kk,ru --format docx,pdf",
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
    help="Languages, comma-separated (default: those each document is issued in — the data's `documents`, "
    "else agreement kk,ru,en; order and report kk,ru). Narrows them: a language a document asked for "
    "with --kind is not issued in is an error.",
)
@click.option(
    "--format",
    "formats",
    callback=csv_choice(["docx", "pdf"]),
    default="docx",
    show_default=True,
    help="docx, pdf or docx,pdf. PDFs need LibreOffice.",
)
@out_folder_option("Output folder: OUT/<partnership-id>/<kind>[-<period>].<lang>.<ext>.")
@click.option(
    "--layout",
    "layout",
    callback=csv_choice(["separate", "parallel"]),
    default="separate",
    show_default=True,
    help="separate: one file per language; parallel: one file with the languages side by side, clause by "
    "clause (<kind>.kk-ru.docx; landscape for three); separate,parallel: both.",
)
@templates_option("Your own templates (<lang>/<kind>.docx, <lang>/terms.yaml), used before the built-in ones.")
@click.option("--period", help="Reports: only this reporting period (default: every period with actuals).")
@click.option("--actuals", type=click.Path(exists=True, dir_okay=False, path_type=Path), help=ACTUALS_HELP)
@click.option("--draft", is_flag=True, help="Render even when checks find errors; mark every document as a draft.")
@click.option(
    "--packet", is_flag=True, help="With PDF: also join each partnership's PDFs per language into packet.<lang>.pdf."
)
@click.option(
    "--pdf-a",
    is_flag=True,
    help="With PDF: archival PDF/A-2b, tagged (LibreOffice 7.4+). Packets stay plain PDF.",
)
@click.option(
    "--pdf-timeout",
    type=click.FloatRange(min=1),
    default=60,
    show_default=True,
    help="Seconds LibreOffice may go without finishing a file; then that file fails and the others go on.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for rendering and PDF conversion (default 0: one per CPU core). Output is the same.",
)
@lang_option(
    None,
    "Language of messages: checks, actuals, progress (default: SPDOCS_LANG, else the system locale).",
    "--check-lang",
)
@click.option(
    "--findings",
    "findings_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every check finding to this file (.xlsx, .csv or .json); past 20 the terminal shows a summary by rule.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite files changed since spdocs wrote them (by default they are kept: see spdocs-manifest.json).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems: no progress, no info findings.")
def render_cmd(
    paths: tuple[Path, ...],
    kinds: tuple[str, ...] | None,
    langs: tuple[str, ...] | None,
    formats: tuple[str, ...],
    out: Path,
    templates: Path | None,
    period: str | None,
    actuals: Path | None,
    draft: bool,
    packet: bool,
    pdf_a: bool,
    pdf_timeout: float,
    jobs: int,
    check_lang: str | None,
    findings_path: Path | None,
    quiet: bool,
    layout: tuple[str, ...],
    force: bool,
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
    from spdocs.findings import findings_file, terminal_lines
    from spdocs.messages import say, user_lang
    from spdocs.progress import Display
    from spdocs.write import write_atomic

    msg = user_lang(check_lang)
    speak(msg)
    if packet and "pdf" not in formats:
        usage(say("cli.usage.packet", msg), "render", msg)
    if pdf_a and "pdf" not in formats:
        usage(say("cli.usage.pdf_a", msg), "render", msg)
    if findings_path and findings_path.suffix.lower() not in (".json", ".csv", ".xlsx"):
        usage(say("cli.usage.findings", msg, name=findings_path.name), "render", msg)
    display = Display(lang=msg) if not quiet else None
    try:
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
            pdf_a=pdf_a,
            pdf_timeout=pdf_timeout,
            jobs=jobs,
            check_lang=msg,
            progress=display,
            layout=layout,
            force=force,
        )
    finally:
        if display is not None:
            display.close()
    findings = [f for o in batch for f in o.findings]
    if findings_path:
        try:
            write_atomic(findings_path, findings_file(findings, findings_path, lang=msg))
        except OSError as exc:
            raise OutputError.from_os(findings_path, exc) from None
    shown = [f for f in findings if f.severity != "info" or not quiet]
    for line in terminal_lines(shown, lang=msg, full_list=findings_path if findings else None):
        click.echo(line, err=True)
    failed = 0
    for outcome in batch:
        if outcome.error is not None:
            click.echo(f"{outcome.source}: {said(outcome.error, msg)}", err=True)
        for path in outcome.kept:
            click.echo(say("cli.kept", msg, path=path), err=True)
        failed += outcome.failed
    for problem in batch.problems:
        click.echo(str(problem), err=True)
    for warning in batch.warnings:
        click.echo(say("cli.warning", msg, message=warning), err=True)
    written = sum(len(o.files) for o in batch)
    click.echo(
        say("cli.files_written", msg, files=written, out=out, ok=len(batch) - failed, total=len(batch)), err=True
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
    A partnership whose data file, or whose rows of --actuals, have problems is left out
    (and named); the exit code is then 1.
    """
    from spdocs.api import summary
    from spdocs.messages import say, user_lang
    from spdocs.progress import Display

    given = click.get_current_context().get_parameter_source("lang") == click.core.ParameterSource.COMMANDLINE
    msg = user_lang(lang if given else None)
    speak(msg)
    with Display(lang=msg) as display:
        result = summary(
            paths,
            out=out,
            actuals=actuals,
            lang=lang,
            period=period,
            templates=templates,
            messages_lang=msg,
            progress=display,
        )
    for error in result.failed:
        click.echo(str(error), err=True)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    for pid in result.left_out:
        click.echo(say("cli.actuals_left_out", msg, partnership=pid, path=actuals), err=True)
    for warning in result.warnings:
        click.echo(say("cli.warning", msg, message=warning), err=True)
    click.echo(say("cli.summary_written", msg, out=out, count=result.partnerships), err=True)
    raise SystemExit(1 if result.incomplete else 0)
