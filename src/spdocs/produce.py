"""The batch: data files → checked partnerships → documents written under ``out/``, then PDFs.

One direction per partnership: load → check → context/render (all documents in memory)
→ write (atomic, each file). A partnership that fails leaves no file behind and does not
stop the others. PDF conversion comes last, for every DOCX written, through one pool of
long-lived LibreOffice processes (`spdocs.convert.Converter`). Rendering runs in worker
processes (``jobs``; 0 means one per CPU core); each worker compiles each template once.
The output does not depend on the number of workers.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path

from spdocs import documents, manifest, parallel
from spdocs.checks import Finding, check
from spdocs.documents import Skip, Target
from spdocs.errors import ConversionError, OutputError, RenderError, SpdocsError
from spdocs.kinds import KINDS
from spdocs.languages import LANGS, Lang
from spdocs.loader import duplicate_ids, load_with_lines
from spdocs.model import Partnership
from spdocs.pdf import assemble, normalize, pdfa_part
from spdocs.processes import interruptible, watching, worker_pool
from spdocs.progress import Step
from spdocs.terms import terms
from spdocs.write import writable_folder, write_atomic, write_set


@dataclass(frozen=True)
class Options:
    """What to produce, shared by every partnership of a batch."""

    out: Path
    kinds: tuple[str, ...] | None = None
    langs: tuple[Lang, ...] | None = None  # None: the languages each kind is issued in (the data's `documents`)
    formats: tuple[str, ...] = ("docx",)
    templates: Path | None = None
    period: str | None = None
    draft: bool = False
    packet: bool = False
    check_lang: Lang = "en"
    pdf_a: bool = False  # PDFs as PDF/A-2b, tagged (archival)
    pdf_timeout: float = 60.0  # seconds LibreOffice may go without finishing a file
    layout: tuple[str, ...] = ("separate",)  # separate (one file per language) and/or parallel (spdocs.parallel)
    force: bool = False  # overwrite files changed since spdocs wrote them (`spdocs.manifest`)
    actuals: Path | None = None  # the actuals sheet, recorded in the manifest as an input


@dataclass(frozen=True)
class Written:
    """A file written by the batch: its document (``None`` for a packet), path and format."""

    target: Target | None
    path: Path
    fmt: str
    lang: Lang


@dataclass
class Outcome:
    """What became of one data file."""

    source: Path
    partnership: str | None = None
    files: list[Written] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: SpdocsError | None = None
    skipped: list[Skip] = field(default_factory=list)  # kinds that do not apply to it, and why
    kept: list[Path] = field(default_factory=list)  # files changed since spdocs wrote them, left as they are
    titles: dict[str, str] = field(default_factory=dict)  # lang -> "Kazakhstani side – partner"
    agreement_type: str = "agreement"  # how the packet's bookmarks name the agreement …
    regime: str = ""  # … with its regime's field

    @property
    def written(self) -> list[Path]:
        """Return the paths of the files written, in order."""
        return [w.path for w in self.files]

    @property
    def blocked(self) -> bool:
        """Return whether error findings stopped this partnership's documents."""
        return self.error is None and not self.files and any(f.severity == "error" for f in self.findings)

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
    """Render every data file's documents as ``options`` says; return one outcome per file, in order.

    :param transform: applied to each loaded partnership before checks (e.g. actuals from a sheet).
    :param progress: called with a line of text after each partnership and each PDF.
    """
    say = progress or (lambda _line: None)
    writable_folder(options.out)  # an unwritable --out is one error, not one per partnership
    with tempfile.TemporaryDirectory(prefix="spdocs-") as scratch, watching(Path(scratch)):
        docx_root = options.out if "docx" in options.formats else Path(scratch)
        outcomes = _render(paths, options, docx_root, transform, jobs or os.cpu_count() or 1, say)
        # Two files with one id wrote to the same folder: neither set can be trusted.
        loaded = ((o.source, o.partnership) for o in outcomes if o.partnership and not o.error)
        twins = duplicate_ids(loaded, lang=options.check_lang)
        for outcome in (o for o in outcomes if o.source in twins):
            for written in outcome.files:
                written.path.unlink(missing_ok=True)
            outcome.files, outcome.error = [], twins[outcome.source]
        if "pdf" in options.formats:
            _convert(outcomes, options, Path(scratch), keep_docx="docx" in options.formats, say=say, jobs=jobs)
            if options.packet:
                for outcome in outcomes:
                    _packets(outcome, options)
        for outcome in outcomes:
            try:
                manifest.record(outcome, options)
            except SpdocsError as exc:
                outcome.error = outcome.error or exc
    return outcomes


def _render(
    paths: Sequence[Path], options: Options, root: Path, transform: Transform | None, jobs: int, say: Progress
) -> list[Outcome]:
    """Return the outcome of every data file, in the order given; workers render when ``jobs`` > 1."""
    results: dict[int, Outcome] = {}

    def done(i: int, outcome: Outcome) -> None:
        results[i] = outcome
        say(_line(outcome, len(results), len(paths)))

    if jobs > 1 and len(paths) > 1:
        # Biggest files first, so that no worker is left with a large one at the end.
        order = sorted(range(len(paths)), key=lambda i: -_size(paths[i]))
        with worker_pool(min(jobs, len(paths))) as pool:
            futures = {pool.submit(_one, paths[i], options, root, transform): i for i in order}
            for future in as_completed(futures):
                done(futures[future], future.result())
    else:
        for i, path in enumerate(paths):
            done(i, _one(path, options, root, transform))
    return [results[i] for i in range(len(paths))]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _one(path: Path, options: Options, root: Path, transform: Transform | None) -> Outcome:
    """Load, check, render and write one partnership's documents."""
    outcome = Outcome(source=path)
    try:
        partnership, lines = load_with_lines(path, lang=options.check_lang)
        outcome.partnership = partnership.id
        outcome.agreement_type, outcome.regime = partnership.agreement.type, partnership.regime
        if transform is not None:
            partnership = transform(partnership)
        parties = partnership.parties
        outcome.titles = {
            lang: f"{ours} – {theirs}"
            for lang in options.langs or LANGS
            if (ours := parties.kazakhstani.short_name.find(lang)) and (theirs := parties.foreign.short_name.find(lang))
        }
        outcome.findings = check(partnership, lines=lines, path=str(path), lang=options.check_lang)
        if any(f.severity == "error" for f in outcome.findings) and not options.draft:
            return outcome
        plan = documents.plan(
            partnership, kinds=options.kinds, langs=options.langs, period=options.period, templates=options.templates
        )
        outcome.skipped = plan.skipped
        # Render everything first, so that a failure leaves no partial set on disk.
        rendered = list(
            documents.render_all(partnership, plan.targets, templates=options.templates, draft=options.draft)
        )
        if "parallel" in options.layout:
            combined = parallel.combine(rendered)
            made = {(r.target.kind, r.target.period) for r in combined}
            alone = {r.target.kind: r.target.lang for r in rendered if (r.target.kind, r.target.period) not in made}
            outcome.skipped += [Skip(kind, "one_language", langs=lang) for kind, lang in alone.items()]
            rendered = (rendered if "separate" in options.layout else []) + combined
        folder = root / partnership.id
        guard = manifest.Guard.load(folder)
        for record in rendered:
            dest = folder / _name(record.target, "docx", options)
            if not options.force and guard.edited(dest):
                outcome.kept.append(dest)  # a person changed it: never overwritten (nor its PDF remade)
                continue
            write_atomic(dest, record.data)
            outcome.files.append(Written(record.target, dest, "docx", record.target.lang))
    except (SpdocsError, MemoryError, RecursionError) as exc:
        if isinstance(exc, (MemoryError, RecursionError)):  # past the render worker's memory limit
            exc = RenderError(f"out of memory ({type(exc).__name__})", template=str(path), lang="")
        outcome.error = exc
        # A partnership's documents are written as a set: no part of a failed set stays behind.
        for written in outcome.files:
            written.path.unlink(missing_ok=True)
        outcome.files = []
    return outcome


def _convert(
    outcomes: list[Outcome], options: Options, scratch: Path, *, keep_docx: bool, say: Progress, jobs: int
) -> None:
    """Convert every written DOCX to PDF under ``options.out``; failures go to their outcome.

    LibreOffice writes into ``scratch``; a partnership's PDFs move under ``out/`` together once
    the last of them is made, all or none: a failed file, a full disk or an interruption never
    leaves a partnership with some of its PDFs.
    """
    from spdocs.convert import Converter

    jobs_: list[tuple[Outcome, Written, Path]] = []
    guards: dict[Path, manifest.Guard] = {}
    for outcome in outcomes:
        for docx in list(outcome.files):
            assert docx.target is not None
            folder = options.out / docx.path.parent.name
            pdf = folder / _name(docx.target, "pdf", options)
            guard = guards.setdefault(folder, manifest.Guard.load(folder))
            if not options.force and guard.edited(pdf):
                outcome.kept.append(pdf)  # edited by a person: kept, and not remade from the DOCX
                if not keep_docx:
                    outcome.files.remove(docx)
                continue
            jobs_.append((outcome, docx, pdf))
    if not jobs_:
        return
    staged = {docx.path: scratch / "pdf" / f"{n:06d}.pdf" for n, (_, docx, _) in enumerate(jobs_)}
    sets: dict[int, list[tuple[Written, Path]]] = {}  # id(outcome) -> its (DOCX, PDF) pairs
    for outcome, docx, pdf in jobs_:
        sets.setdefault(id(outcome), []).append((docx, pdf))
    owner = {docx.path: outcome for outcome, docx, _ in jobs_}
    left = {key: len(pairs) for key, pairs in sets.items()}
    errors: dict[Path, ConversionError] = {}
    done = 0

    def tick(docx: Path, error: ConversionError | None) -> None:
        nonlocal done
        done += 1
        name = f"{docx.parent.name}/{docx.with_suffix('.pdf').name}"
        text = f"[{done}/{len(jobs_)}] PDF {name}" + (f": {error}" if error else "")
        status = "failed" if error else "ok"
        say(Step(text, stage="pdf", done=done, total=len(jobs_), name=name, status=status, detail=str(error or "")))
        if error is not None:
            errors[docx] = error
        outcome = owner[docx]
        left[id(outcome)] -= 1
        if not left[id(outcome)]:  # its last PDF: the set moves to out/ now
            _publish_pdfs(outcome, sets[id(outcome)], staged, errors, options)

    with Converter(jobs=jobs, timeout=options.pdf_timeout, pdf_a=options.pdf_a) as converter:
        converter.convert([(docx.path, staged[docx.path]) for _, docx, _ in jobs_], progress=tick)
    if not keep_docx:
        for outcome, docx, _ in jobs_:
            outcome.files.remove(docx)


def _publish_pdfs(
    outcome: Outcome,
    pairs: list[tuple[Written, Path]],
    staged: dict[Path, Path],
    errors: dict[Path, ConversionError],
    options: Options,
) -> None:
    """Move one partnership's converted PDFs to their places, all of them or none."""
    failed = next((errors[d.path] for d, _ in pairs if d.path in errors), None)
    if failed is not None:
        outcome.error = outcome.error or failed
        return
    files: list[tuple[Path, bytes]] = []
    try:
        for docx, pdf in pairs:
            # LibreOffice writes the clock into each PDF; drop it: same input, same bytes.
            data = normalize(staged[docx.path].read_bytes())
            if options.pdf_a and pdfa_part(data) is None:
                raise ConversionError("LibreOffice did not write PDF/A (it needs version 7.4 or later)", path=docx.path)
            files.append((pdf, data))
        write_set(files)  # all or none: a previous run's PDFs stay whole if this set cannot be written
    except (SpdocsError, OSError) as exc:
        if not isinstance(exc, SpdocsError):
            exc = OutputError.from_os(pairs[0][1], exc)
        outcome.error = outcome.error or exc
        return
    outcome.files += [Written(docx.target, pdf, "pdf", docx.lang) for docx, pdf in pairs]


def _packets(outcome: Outcome, options: Options) -> None:
    """Join a partnership's PDFs into ``packet.<lang>.pdf``, one bookmark per document, kinds in registry order."""
    if outcome.error is not None:
        return
    order = {name: i for i, name in enumerate(KINDS)}
    for lang in dict.fromkeys(w.lang for w in outcome.files):
        pdfs = sorted(
            (w for w in outcome.files if w.fmt == "pdf" and w.lang == lang and w.target is not None),
            key=lambda w: (
                (order.get(w.target.kind, len(order)), w.target.kind, w.target.period or "")
                if w.target
                else (0, "", "")
            ),
        )
        if not pdfs:
            continue
        langs = parallel.split(lang)  # a parallel document's title is its languages' titles
        ts = [terms(code, options.templates) for code in langs]
        kind, regime = outcome.agreement_type, outcome.regime
        parts = [
            (" / ".join(w.target.title(x, kind, regime) for x in ts), w.path.read_bytes())
            for w in pdfs
            if w.target is not None
        ]
        try:
            packet = assemble(
                parts,
                title=" / ".join(outcome.titles.get(code, outcome.partnership or "") for code in langs),
                draft_mark=" / ".join(x.draft for x in ts) if options.draft else None,
            )
            dest = pdfs[0].path.parent / manifest.output_name("packet", lang, "pdf", draft=options.draft)
            if not options.force and manifest.Guard.load(dest.parent).edited(dest):
                outcome.kept.append(dest)
                continue
            write_atomic(dest, packet)
        except SpdocsError as exc:
            outcome.error = exc
            return
        except OSError as exc:
            outcome.error = OutputError.from_os(pdfs[0].path.parent, exc)
            return
        outcome.files.append(Written(None, dest, "pdf", lang))


def _name(target: Target, fmt: str, options: Options) -> str:
    """Return a document's file name; a draft's cannot be a final document's."""
    stem = target.filename(fmt).removesuffix(f".{target.lang}.{fmt}")
    return manifest.output_name(stem, target.lang, fmt, draft=options.draft)


def _line(outcome: Outcome, n: int, total: int) -> Step:
    name = outcome.partnership or outcome.source.name
    step = functools.partial(Step, stage="render", done=n, total=total, name=name)
    if outcome.error:
        return step(f"[{n}/{total}] {name}: failed", status="failed")
    if outcome.blocked:
        return step(
            f"[{n}/{total}] {name}: not rendered (errors in the data; --draft renders anyway)", status="blocked"
        )
    count = len(outcome.files)
    notes = "".join(f"; {skip}" for skip in outcome.skipped)
    if outcome.kept:
        notes += f"; {len(outcome.kept)} kept as edited (--force overwrites)"
    skipped = tuple((s.reason, s.args()) for s in outcome.skipped)
    text = f"[{n}/{total}] {name}: {count} document{'' if count == 1 else 's'}{notes}"
    return step(text, documents=count, skipped=skipped, kept=len(outcome.kept))
