"""The command line: parses options, calls the core, prints, and maps errors to exit codes.

Exit codes (DESIGN.md): 0 all good; 1 some input or document failed, or a check found
errors (others still produced); 2 usage, or input that cannot be read at all.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from spdocs import __version__, kinds
from spdocs.errors import InputError, SpdocsError
from spdocs.model import HE_MODELS, LANGS, Lang

if TYPE_CHECKING:  # for annotations only; the commands import what they use when they run
    from spdocs.actuals import ActualsTable
    from spdocs.checks import Finding
    from spdocs.produce import Outcome

T = TypeVar("T")

EXAMPLES = """
\b
Examples:
  spdocs check examples/
  spdocs render examples/ --out out/
  spdocs render examples/taraz-mendeleev.yaml --kind agreement --lang kk,ru --format docx,pdf
  spdocs new --model branch my-partnership.yaml
"""


def _csv(choices: Sequence[str]) -> Callable[[click.Context, click.Parameter, str | None], tuple[str, ...] | None]:
    """Return a callback that splits ``a,b`` and checks each item against ``choices``."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        items = tuple(v.strip() for v in value.split(",") if v.strip())
        bad = [v for v in items if v not in choices]
        if bad or not items:
            raise click.BadParameter(
                f"{', '.join(bad) or value!r} (expected one or more of {', '.join(choices)}, comma-separated)"
            )
        return items

    return callback


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="spdocs")
def cli() -> None:
    """Strategic-partnership documents in Kazakh, Russian and English from one data file.

    One YAML or JSON file describes one partnership (a Kazakhstani university or medical
    school and its foreign partner); spdocs checks it against the MoSHE recommendations
    and the MoH Rules (№ ҚР ДСМ-263/2020) and renders the cooperation agreement, the order
    creating the working group and the periodic reports as DOCX drafts and PDFs.
    """


@cli.command(
    "check", epilog="\b\nExamples:\n  spdocs check examples/\n  spdocs check partner.yaml --lang kk --format json"
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of the messages.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json"]),
    default="human",
    show_default=True,
    help="human: grouped by file, errors first; json: a stable structure for tools.",
)
def check_cmd(paths: tuple[Path, ...], lang: Lang, fmt: str) -> None:
    """Check data files (or folders of them) against the schema and the regulation rules.

    Exit 0 when no finding is an error, 1 when some is, 2 when a file cannot be read or
    does not match the schema (every mistake is listed with its file, line and field).
    """
    from spdocs.checks import check, input_findings
    from spdocs.checks.report import format_human, format_json
    from spdocs.load import find_files, load_with_lines

    files = _guard(lambda: find_files(paths))
    results: list[tuple[str, list[Finding]]] = []
    unusable = False
    for path in files:
        try:
            partnership, lines = load_with_lines(path)
        except InputError as exc:
            unusable = True
            results.append((str(path), input_findings(exc)))
            continue
        results.append((str(path), check(partnership, lines=lines, path=str(path), lang=lang)))
    click.echo(format_json(results) if fmt == "json" else format_human(results, lang=lang))
    if unusable:
        sys.exit(2)
    sys.exit(1 if any(f.severity == "error" for _, found in results for f in found) else 0)


@cli.command(
    "render",
    epilog="\b\nExamples:\n  spdocs render examples/\n"
    "  spdocs render taraz.yaml --kind report --period 2025 --format pdf\n"
    "  spdocs render examples/ --templates my-templates/ --draft",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--kind",
    "kinds_",
    callback=_csv(list(kinds.KINDS)),
    help=f"Document kinds, comma-separated: {', '.join(kinds.KINDS)} (default: all).",
)
@click.option(
    "--lang",
    "langs",
    callback=_csv(LANGS),
    default=",".join(LANGS),
    show_default=True,
    help="Languages, comma-separated.",
)
@click.option(
    "--format",
    "formats",
    callback=_csv(["docx", "pdf"]),
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
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Your own templates (<lang>/<kind>.docx, <lang>/terms.yaml), used before the built-in ones.",
)
@click.option("--period", help="Reports: only this reporting period (default: every period with actuals).")
@click.option(
    "--actuals",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Indicator actuals from a spreadsheet (.xlsx or .csv) that override the data files'.",
)
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
@click.option(
    "--check-lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of check messages."
)
@click.option(
    "--pdf-timeout",
    type=click.FloatRange(min=1),
    default=60,
    show_default=True,
    help="Seconds LibreOffice may go without finishing a file; then that file fails and the others go on.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def render_cmd(
    paths: tuple[Path, ...],
    kinds_: tuple[str, ...] | None,
    langs: tuple[Lang, ...],
    formats: tuple[str, ...],
    out: Path,
    templates: Path | None,
    period: str | None,
    actuals: Path | None,
    draft: bool,
    packet: bool,
    jobs: int,
    check_lang: Lang,
    pdf_timeout: float,
    quiet: bool,
) -> None:
    """Render the documents of data files (or folders of them).

    Each partnership is checked first: warnings are printed and rendering goes on; an error
    stops that partnership's documents unless --draft. One failed partnership never stops
    the others and never leaves a half-written file. Exit 1 if any partnership failed.
    """
    from spdocs.actuals import apply_actuals, read_actuals
    from spdocs.checks.report import format_line
    from spdocs.load import find_files
    from spdocs.produce import Options, produce

    if packet and "pdf" not in formats:
        raise click.UsageError("--packet joins PDFs: add --format pdf (or docx,pdf)")
    files = _guard(lambda: find_files(paths))
    table = _guard(lambda: read_actuals(actuals)) if actuals else None
    transform = functools.partial(apply_actuals, table=table) if table else None
    options = Options(
        out=out,
        kinds=kinds_,
        langs=langs,
        formats=formats,
        templates=templates,
        period=period,
        draft=draft,
        packet=packet,
        check_lang=check_lang,
        pdf_timeout=pdf_timeout,
    )
    progress = None if quiet else (lambda line: click.echo(line, err=True))
    outcomes = _guard(lambda: produce(files, options, jobs=jobs, transform=transform, progress=progress))
    failed = 0
    for outcome in outcomes:
        for finding in outcome.findings:
            if finding.severity != "info" or not quiet:
                click.echo(format_line(finding, path=finding.path, lang=check_lang), err=True)
        if outcome.error is not None:
            click.echo(f"{outcome.source}: {outcome.error}", err=True)
        failed += outcome.failed
    stray = _stray_actuals(table, outcomes) if table else []
    for warning in table.warnings if table else ():
        click.echo(f"warning: {warning}", err=True)
    for line in stray:
        click.echo(line, err=True)
    written = sum(len(o.written) for o in outcomes)
    files_word = "file" if written == 1 else "files"
    done = f"from {len(outcomes) - failed} of {len(outcomes)} data files"
    click.echo(f"{written} {files_word} written to {out}/ {done}", err=True)
    sys.exit(1 if failed or stray else 0)


def _stray_actuals(table: ActualsTable, outcomes: list[Outcome]) -> list[str]:
    """Return an error line for each sheet row that names no loaded partnership."""
    loaded = {o.partnership for o in outcomes if o.partnership}
    known = ", ".join(sorted(loaded)) or "none"
    return [
        f"{e.source}:{e.row}: partnership '{e.partnership}' is not among the data files (loaded: {known})"
        for e in table.entries
        if e.partnership not in loaded
    ]


@cli.command("new")
@click.option(
    "--model",
    "model_",
    required=True,
    type=click.Choice([*HE_MODELS, "medical"]),
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
        _fail(f"{file} exists; use --force to overwrite it", code=2)
    _guard(lambda: write_atomic(file, text.encode("utf-8")))
    click.echo(f"wrote {file}; fill in the blanks and run: spdocs check {file}", err=True)


@cli.command(
    "summary",
    epilog="\b\nExamples:\n  spdocs summary examples/ --out summary.xlsx\n"
    "  spdocs summary data/ --actuals actuals-2026.xlsx --period 2026 --lang kk --out svod.xlsx",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The workbook to write (.xlsx)."
)
@click.option(
    "--actuals",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Indicator actuals from a spreadsheet (.xlsx or .csv) that override the data files'.",
)
@click.option(
    "--lang", type=click.Choice(LANGS), default="ru", show_default=True, help="Language of names and headers."
)
@click.option("--period", help="Only this reporting period (default: every period with actuals).")
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Your own templates folder (its terms.yaml labels the columns and statuses).",
)
def summary_cmd(
    paths: tuple[Path, ...], out: Path, actuals: Path | None, lang: Lang, period: str | None, templates: Path | None
) -> None:
    """Write one workbook for the authorized body: plan, actual and deviation per partnership × indicator × period.

    One sheet with every row, and a sheet per regime; the figures are those of the reports.
    """
    from spdocs import actuals as actuals_
    from spdocs.load import find_files, iter_load
    from spdocs.summary import summary
    from spdocs.write import write_atomic

    partnerships, failed = [], 0
    for _path, loaded in iter_load(_guard(lambda: find_files(paths))):
        if isinstance(loaded, InputError):
            click.echo(str(loaded), err=True)
            failed += 1
        else:
            partnerships.append(loaded)
    if actuals:
        partnerships, warnings = _guard(lambda: actuals_.load(actuals, partnerships))
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
    workbook = _guard(lambda: summary(partnerships, lang=lang, period=period, templates=templates))
    _guard(lambda: write_atomic(out, workbook))
    click.echo(f"wrote {out}: {len(partnerships)} partnerships", err=True)
    sys.exit(1 if failed else 0)


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the data file (for editors that complete and check YAML/JSON)."""
    from spdocs.model import Partnership

    click.echo(json.dumps(Partnership.model_json_schema(), ensure_ascii=False, indent=2))


@cli.group("templates")
def templates_cmd() -> None:
    """List, check and export the document templates."""


@templates_cmd.command("list")
@click.option(
    "--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Your own templates folder."
)
def templates_list(templates: Path | None) -> None:
    """Show which template file each kind and language uses."""
    for name, kind in kinds.KINDS.items():
        for lang in LANGS:
            path = _guard(functools.partial(kinds.template_path, name, lang, templates))
            click.echo(f"{name:<10} {lang}  {'per period  ' if kind.per_period else ''}{path}")


@templates_cmd.command("check")
@click.option(
    "--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Your own templates folder."
)
def templates_check(templates: Path | None) -> None:
    """Check that each kind's kk, ru and en templates use the same conditions, loops and values."""
    from spdocs.parity import compare_templates

    problems = []
    for name in kinds.KINDS:
        paths = {lang: _guard(functools.partial(kinds.template_path, name, lang, templates)) for lang in LANGS}
        problems += compare_templates(paths)
    for problem in problems:
        click.echo(problem, err=True)
    click.echo(f"{len(kinds.KINDS)} kinds, {len(problems)} problems", err=True)
    sys.exit(1 if problems else 0)


@templates_cmd.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def templates_export(folder: Path) -> None:
    """Copy the built-in templates to FOLDER for editing in Word; then render with --templates FOLDER."""
    from spdocs.write import write_atomic

    source = kinds.builtin_templates()
    for lang in LANGS:
        for path in sorted((source / lang).iterdir()):
            dest = folder / lang / path.name
            if dest.exists():
                click.echo(f"kept {dest} (exists)", err=True)
                continue
            _guard(functools.partial(write_atomic, dest, path.read_bytes()))
            click.echo(f"wrote {dest}", err=True)


def _guard(action: Callable[[], T]) -> T:
    """Run ``action``; turn a spdocs error into a message and exit code 2 (unusable input)."""
    try:
        return action()
    except SpdocsError as exc:
        _fail(str(exc), code=2)


def _fail(message: str, *, code: int) -> NoReturn:
    click.echo(f"spdocs: {message}", err=True)
    sys.exit(code)


def main() -> None:
    """Run the command line."""
    cli(prog_name="spdocs")
