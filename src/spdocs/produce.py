"""The batch: data files → checked partnerships → documents written under ``out/``, then PDFs.

One direction per partnership: load → check → context/render (all documents in memory)
→ write (atomic, each file). A partnership that fails leaves no file behind and does not
stop the others. PDF conversion comes last, for every DOCX written, through one pool of
long-lived LibreOffice processes (`spdocs.convert.Converter`). Rendering runs in worker
processes (``jobs``; 0 means one per CPU core); each worker compiles each template once.
The output does not depend on the number of workers.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spdocs import documents, kinds
from spdocs.checks import Finding, check
from spdocs.errors import ConversionError, InputError, Problem, RenderError, SpdocsError
from spdocs.load import duplicate_ids, load_with_lines
from spdocs.model import LANGS, Lang, Partnership
from spdocs.pdf import assemble, normalize
from spdocs.processes import interruptible, watching, worker_pool
from spdocs.write import writable_folder, write_atomic


@dataclass(frozen=True)
class Options:
    """What to produce, shared by every partnership of a batch."""

    out: Path
    kinds: tuple[str, ...] | None = None
    langs: tuple[Lang, ...] = LANGS
    formats: tuple[str, ...] = ("docx",)
    templates: Path | None = None
    period: str | None = None
    draft: bool = False
    packet: bool = False
    check_lang: Lang = "en"
    pdf_timeout: float = 60.0  # seconds LibreOffice may go without finishing a file


@dataclass
class Outcome:
    """What became of one data file."""

    source: Path
    partnership: str | None = None
    written: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: SpdocsError | None = None
    titles: dict[str, str] = field(default_factory=dict)  # lang -> "Kazakhstani side – partner"

    @property
    def blocked(self) -> bool:
        """Return whether error findings stopped this partnership's documents."""
        return self.error is None and not self.written and any(f.severity == "error" for f in self.findings)

    @property
    def failed(self) -> bool:
        """Return whether this data file produced none of its documents."""
        return self.error is not None or self.blocked


Progress = Callable[[str], None]
Transform = Callable[[Partnership], Partnership]


@interruptible  # SIGTERM unwinds like Ctrl-C: LibreOffice and render workers killed, temp folders removed
def produce(
    paths: Sequence[Path],
    options: Options,
    *,
    jobs: int = 0,
    transform: Transform | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Render every data file's documents as ``options`` says; return one outcome per file.

    :param transform: applied to each loaded partnership before checks (e.g. actuals from a sheet).
    :param progress: called with a line of text after each partnership and each PDF.
    """
    say = progress or (lambda _line: None)
    writable_folder(options.out)  # an unwritable --out is one error, not one per partnership
    with tempfile.TemporaryDirectory(prefix="spdocs-") as scratch, watching(Path(scratch)):
        docx_root = options.out if "docx" in options.formats else Path(scratch)
        args = [(path, options, docx_root, transform) for path in paths]
        jobs = jobs or os.cpu_count() or 1
        if jobs > 1 and len(paths) > 1:
            with worker_pool(jobs) as pool:
                outcomes = []
                for outcome in pool.map(_one, *zip(*args)):
                    outcomes.append(outcome)
                    say(_line(outcome, len(outcomes), len(paths)))
        else:
            outcomes = []
            for a in args:
                outcomes.append(_one(*a))
                say(_line(outcomes[-1], len(outcomes), len(paths)))
        # Two files with one id wrote to the same folder: neither set can be trusted.
        twins = duplicate_ids((o.source, o.partnership) for o in outcomes if o.partnership and not o.error)
        for outcome in (o for o in outcomes if o.source in twins):
            for written in outcome.written:
                written.unlink(missing_ok=True)
            outcome.written, outcome.error = [], twins[outcome.source]
        if "pdf" in options.formats:
            _convert(outcomes, options, keep_docx="docx" in options.formats, say=say, jobs=jobs)
            if options.packet:
                for outcome in outcomes:
                    _packets(outcome, options)
    return outcomes


def _one(path: Path, options: Options, root: Path, transform: Transform | None) -> Outcome:
    """Load, check, render and write one partnership's documents."""
    outcome = Outcome(source=path)
    try:
        partnership, lines = load_with_lines(path)
        if transform is not None:
            partnership = transform(partnership)
        outcome.partnership = partnership.id
        parties = partnership.parties
        outcome.titles = {
            lang: f"{parties.kazakhstani.short_name.get(lang)} – {parties.foreign.short_name.get(lang)}"
            for lang in options.langs
        }
        outcome.findings = check(partnership, lines=lines, path=str(path), lang=options.check_lang)
        if any(f.severity == "error" for f in outcome.findings) and not options.draft:
            return outcome
        targets = documents.targets(partnership, kinds_=options.kinds, langs=options.langs, period=options.period)
        # Render everything first, so that a failure leaves no partial set on disk.
        rendered = [
            (
                t,
                documents.render_document(
                    partnership, t.kind, lang=t.lang, period=t.period, templates=options.templates, draft=options.draft
                ),
            )
            for t in targets
        ]
        folder = root / partnership.id
        for target, data in rendered:
            dest = folder / target.filename("docx")
            write_atomic(dest, data)
            outcome.written.append(dest)
    except (SpdocsError, OSError, MemoryError, RecursionError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, SpdocsError):
            exc = InputError(path, [Problem(str(path), None, "", f"cannot write output ({exc})")])
        elif isinstance(exc, (MemoryError, RecursionError)):  # past the render worker's memory limit
            exc = RenderError(f"out of memory ({type(exc).__name__})", template=str(path), lang="")
        outcome.error = exc
        # A partnership's documents are written as a set: no part of a failed set stays behind.
        for written in outcome.written:
            written.unlink(missing_ok=True)
        outcome.written = []
    return outcome


def _convert(outcomes: list[Outcome], options: Options, *, keep_docx: bool, say: Progress, jobs: int) -> None:
    """Convert every written DOCX to PDF under ``options.out``; failures go to their outcome."""
    from spdocs.convert import Converter

    pairs: list[tuple[Path, Path]] = []
    owner: dict[Path, Outcome] = {}
    for outcome in outcomes:
        for docx in outcome.written:
            pdf = options.out / docx.parent.name / docx.with_suffix(".pdf").name
            pairs.append((docx, pdf))
            owner[docx] = outcome
    if not pairs:
        return
    done = 0

    def tick(docx: Path, error: ConversionError | None) -> None:
        nonlocal done
        done += 1
        say(
            f"[{done}/{len(pairs)}] PDF {docx.parent.name}/{docx.with_suffix('.pdf').name}"
            + (f": {error}" if error else "")
        )

    with Converter(jobs=jobs, timeout=options.pdf_timeout) as converter:
        failures = converter.convert(pairs, progress=tick)
    failed = {Path(f.path) for f in failures if f.path}
    for docx, pdf in pairs:
        outcome = owner[docx]
        if not keep_docx:
            outcome.written.remove(docx)
        if docx in failed:
            outcome.error = outcome.error or next(f for f in failures if f.path and Path(f.path) == docx)
            continue
        try:
            # LibreOffice writes the clock into each PDF; drop it: same input, same bytes.
            write_atomic(pdf, normalize(pdf.read_bytes()))
        except SpdocsError as exc:
            outcome.error = outcome.error or exc
            continue
        outcome.written.append(pdf)


def _packets(outcome: Outcome, options: Options) -> None:
    """Join a partnership's PDFs into ``packet.<lang>.pdf``, one bookmark per document."""
    if outcome.error is not None:
        return
    order = {name: i for i, name in enumerate(kinds.KINDS)}
    for lang in options.langs:
        pdfs = [p for p in outcome.written if p.name.endswith(f".{lang}.pdf")]
        if not pdfs:
            continue
        terms = kinds.terms(lang, options.templates)
        titles = terms.get("documents", {})
        parts = []
        for pdf in sorted(pdfs, key=lambda p: (order.get(_kind_of(p), 99), p.name)):
            kind = _kind_of(pdf)
            period = pdf.name.split(".")[0].removeprefix(kind).lstrip("-")
            title = titles.get(kind, kind) + (f" — {period}" if period else "")
            parts.append((title, pdf.read_bytes()))
        draft = terms["draft"] if options.draft else None
        try:
            packet = assemble(parts, title=outcome.titles.get(lang, outcome.partnership or ""), draft_mark=draft)
        except SpdocsError as exc:
            outcome.error = exc
            return
        dest = pdfs[0].parent / f"packet.{lang}.pdf"
        try:
            write_atomic(dest, packet)
        except SpdocsError as exc:
            outcome.error = exc
            return
        outcome.written.append(dest)


def _kind_of(pdf: Path) -> str:
    return pdf.name.split(".")[0].split("-")[0]


def _line(outcome: Outcome, n: int, total: int) -> str:
    name = outcome.partnership or outcome.source.name
    if outcome.error:
        return f"[{n}/{total}] {name}: failed"
    if outcome.blocked:
        return f"[{n}/{total}] {name}: not rendered (errors in the data; --draft renders anyway)"
    count = len(outcome.written)
    return f"[{n}/{total}] {name}: {count} document{'' if count == 1 else 's'}"
