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
    from spdocs.checks import Finding

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
    help="Indicator actuals that override the data files': the workbook of spdocs collect, or your own .xlsx or "
    ".csv (a row per indicator and period, or a column per period; headers in kk, ru or en).",
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
    "--check-lang",
    type=click.Choice(LANGS),
    help="Language of messages: checks, actuals, progress (default: SPDOCS_LANG, else the system locale).",
)
@click.option(
    "--findings",
    "findings_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every check finding to this file (.xlsx, .csv or .json); past 20 the terminal shows a summary by rule.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems: no progress, no info findings.")
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
    check_lang: Lang | None,
    findings_path: Path | None,
    quiet: bool,
) -> None:
    """Render the documents of data files (or folders of them).

    Each partnership is checked first: warnings are printed and rendering goes on; an error
    stops that partnership's documents unless --draft. One failed partnership never stops
    the others and never leaves a half-written file. Exit 1 if any partnership failed.
    """
    from spdocs import actuals as actuals_
    from spdocs.findings import findings_file, terminal_lines
    from spdocs.load import find_files
    from spdocs.messages import say, user_lang
    from spdocs.produce import Options, produce
    from spdocs.progress import Display
    from spdocs.write import write_atomic

    msg = user_lang(check_lang)
    if packet and "pdf" not in formats:
        _usage(say("cli.usage.packet", msg), "render", msg)
    if findings_path and findings_path.suffix.lower() not in (".json", ".csv", ".xlsx"):
        _usage(say("cli.usage.findings", msg, name=findings_path.name), "render", msg)
    files = _guard(lambda: find_files(paths))
    display = Display(lang=msg) if not quiet else None
    resolution = _guard(lambda: actuals_.resolve_files(actuals, files, lang=msg, progress=display)) if actuals else None
    transform = functools.partial(actuals_.apply, resolution=resolution) if resolution else None
    options = Options(
        out=out,
        kinds=kinds_,
        langs=langs,
        formats=formats,
        templates=templates,
        period=period,
        draft=draft,
        packet=packet,
        check_lang=msg,
    )
    outcomes = produce(files, options, jobs=jobs, transform=transform, progress=display)
    if display is not None:
        display.close()
    findings = [f for o in outcomes for f in o.findings]
    if findings_path:
        write_atomic(findings_path, findings_file(findings, findings_path, lang=msg))
    shown = [f for f in findings if f.severity != "info" or not quiet]
    for line in terminal_lines(shown, lang=msg, full_list=findings_path if findings else None):
        click.echo(line, err=True)
    failed = 0
    for outcome in outcomes:
        if outcome.error is not None:
            click.echo(f"{outcome.source}: {outcome.error}", err=True)
        failed += outcome.failed
    stray = resolution.stray if resolution else ()
    for problem in stray:
        click.echo(str(problem), err=True)
    for warning in resolution.warnings if resolution else ():
        click.echo(say("cli.warning", msg, message=warning), err=True)
    written = sum(len(o.written) for o in outcomes)
    done = say("cli.files_written", msg, files=written, out=out, ok=len(outcomes) - failed, total=len(outcomes))
    click.echo(done, err=True)
    sys.exit(1 if failed or stray else 0)


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
    write_atomic(file, text.encode("utf-8"))
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
    help="Indicator actuals that override the data files': the workbook of spdocs collect, or your own .xlsx or "
    ".csv (a row per indicator and period, or a column per period; headers in kk, ru or en).",
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
    A partnership whose data file, or whose rows of --actuals, have problems is left out
    (and named); the exit code is then 1.
    """
    from spdocs import actuals as actuals_
    from spdocs.load import find_files
    from spdocs.messages import say, user_lang
    from spdocs.progress import Display, load_all
    from spdocs.summary import summary
    from spdocs.write import write_atomic

    given = click.get_current_context().get_parameter_source("lang") == click.core.ParameterSource.COMMANDLINE
    msg = user_lang(lang if given else None)
    files = _guard(lambda: find_files(paths))
    table = _guard(lambda: actuals_.read(actuals, lang=msg)) if actuals else None
    with Display(lang=msg) as display:
        loaded, unread = load_all(files, display)
    for _, error in unread:
        click.echo(str(error), err=True)
    partnerships, failed = [p for _, p in loaded], len(unread)
    if table is not None:
        resolution = actuals_.resolve(table, partnerships, skip=[path.stem for path, _ in unread])
        for problem in resolution.problems:
            click.echo(str(problem), err=True)
        for pid in resolution.blocked:
            click.echo(say("cli.actuals_left_out", msg, partnership=pid, path=actuals), err=True)
        for warning in resolution.warnings:
            click.echo(say("cli.warning", msg, message=warning), err=True)
        partnerships = [actuals_.apply(p, resolution) for p in partnerships if p.id not in resolution.blocked]
        failed += len(resolution.blocked) + len(resolution.stray)
    write_atomic(out, summary(partnerships, lang=lang, period=period, templates=templates))
    click.echo(say("cli.summary_written", msg, out=out, count=len(partnerships)), err=True)
    sys.exit(1 if failed else 0)


@cli.command(
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
    """Write the workbook staff fill in with indicator actuals, read back by --actuals.

    One sheet per partnership: its indicators for the period, grouped by area, with unit
    and plan, and an empty Actual and Note cell each (the only cells that can be changed;
    numbers are checked as they are typed). A first sheet says how to fill it in, in kk, ru
    and en; a contents sheet links to every sheet and counts the cells filled in. Then:
    spdocs render PATH --kind report --period P --actuals FILE.xlsx (or spdocs summary).
    """
    import shlex

    from spdocs.collect import collect_files
    from spdocs.load import find_files
    from spdocs.messages import parse_lang, say, user_lang
    from spdocs.progress import Display
    from spdocs.write import write_atomic

    msg = user_lang()
    if lang is not None and parse_lang(lang) is None:
        _usage(say("cli.usage.lang", msg, value=lang), "collect", msg)
    msg = user_lang(lang)
    periods = [pr.strip() for pr in (period or "").split(",") if pr.strip()]
    missing = [p for p in paths if not p.exists()]
    if not paths:
        _usage(say("cli.usage.paths", msg), "collect", msg)
    if missing:
        _usage(say("cli.usage.no_path", msg, path=missing[0]), "collect", msg)
    if not periods:
        _usage(say("cli.usage.period", msg), "collect", msg)
    if out is None:
        _usage(say("cli.usage.out", msg), "collect", msg)
    if out.suffix.lower() != ".xlsx":
        _usage(say("cli.usage.out_xlsx", msg, name=out.name), "collect", msg)
    if out.exists() and not force:
        _fail(say("collect.exists", msg, out=out), code=2)
    files = _guard(lambda: find_files(paths))
    if not files:
        _usage(say("cli.usage.no_data_files", msg, paths=", ".join(map(str, paths))), "collect", msg)
    command = shlex.join(["spdocs", "render", *map(str, paths), "--kind", "report", "--period", str(period)])
    command += f" --actuals {shlex.quote(str(out))}"
    with Display(lang=msg) as display:
        made = collect_files(files, periods, lang=msg, command=command, progress=display)
    for _, error in made.failed:
        click.echo(str(error), err=True)
    for path, p in made.left_out:
        known = ", ".join(pr.id for pr in p.periods) or "—"
        click.echo(say("collect.left_out", msg, file=path, partnership=p.id, period=period, known=known), err=True)
    if made.workbook is None:
        _fail(say("collect.nothing", msg, period=period), code=1)
    write_atomic(out, made.workbook)
    click.echo(say("collect.wrote", msg, out=out, sheets=made.sheets, cells=made.cells, command=command), err=True)
    sys.exit(1 if made.failed else 0)


def _usage(message: str, command: str, lang: Lang) -> NoReturn:
    """Exit 2 with a usage error in the user's language and where to read more."""
    from spdocs.messages import say

    _fail(f"{message}\n{say('cli.usage.help', lang, command=command)}", code=2)


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
            write_atomic(dest, path.read_bytes())
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
