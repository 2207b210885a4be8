"""The one API the command line and the web app call: check, render and summarize data files.

Every option of the CLI is a keyword here; nothing here prints or exits. Problems with what
was asked for (a missing path, an unknown kind or language, an unreadable actuals sheet, an
output that cannot be written) raise `spdocs.errors` subclasses; problems of one data file
are reported in its result and never stop the others.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spdocs.checks import Finding, check, input_findings
from spdocs.errors import InputError, OptionError, OutputError, Problem
from spdocs.languages import LANGS, Lang, check_langs
from spdocs.loader import find_files, load_with_lines

if TYPE_CHECKING:  # the rendering stack is imported by `render` only: `check_files` stays light
    from spdocs.produce import Outcome

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class FileCheck:
    """The findings of one checked file; ``loaded`` is false when it does not load (``SCHEMA`` findings)."""

    path: str
    findings: list[Finding]
    loaded: bool = True


@dataclass
class Batch:
    """What a batch made: one outcome per data file, and the problems of the batch as a whole."""

    outcomes: list[Outcome]
    problems: list[Problem] = field(default_factory=list)  # e.g. actuals rows of no loaded partnership
    warnings: list[Problem] = field(default_factory=list)  # e.g. empty actuals: "no data"

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)

    def __getitem__(self, index: int) -> Outcome:
        return self.outcomes[index]

    @property
    def failed(self) -> bool:
        """Return whether some data file failed or the batch has problems (exit code 1)."""
        return bool(self.problems) or any(o.failed for o in self.outcomes)


def check_files(paths: Iterable[str | Path], *, lang: Lang = "en") -> list[FileCheck]:
    """Return the findings of every data file named by ``paths`` (files, or folders searched for them).

    :param lang: language of the messages, data-file problems included: ``kk``, ``ru`` or ``en``
    """
    check_langs(lang)
    results = []
    for path in find_files(paths, lang=lang):
        try:
            partnership, lines = load_with_lines(path, lang=lang)
        except InputError as exc:
            results.append(FileCheck(str(path), input_findings(exc), loaded=False))
            continue
        results.append(FileCheck(str(path), check(partnership, lines=lines, path=str(path), lang=lang)))
    return results


def render(
    paths: Iterable[str | Path],
    *,
    out: str | Path = "out",
    kinds: Sequence[str] | None = None,
    langs: Sequence[Lang] | None = None,
    formats: Sequence[str] = ("docx",),
    templates: str | Path | None = None,
    period: str | None = None,
    actuals: str | Path | None = None,
    draft: bool = False,
    packet: bool = False,
    pdf_a: bool = False,
    pdf_timeout: float = 60.0,
    jobs: int = 0,
    check_lang: Lang = "en",
    progress: Callable[[str], None] | None = None,
    layout: Sequence[str] = ("separate",),
    force: bool = False,
) -> Batch:
    """Render the documents of data files (or folders of them) under ``out``, as ``spdocs render`` does.

    Returns a `Batch`: one `Outcome` per data file (what was written, the check findings, the
    kinds left out and why, or the error that stopped it), in the order of the files. One
    failed partnership never stops the others.

    :param kinds: document kinds (default: every kind that applies);
    :param langs: ``kk``, ``ru``, ``en`` (default: the languages each kind is issued in: the data's
        ``documents``, else agreement kk, ru, en and order and report kk, ru); narrows them;
    :param formats: ``docx`` and/or ``pdf``; :param templates: a folder of your own templates;
    :param period: reports: only this reporting period;
    :param actuals: a spreadsheet (.xlsx or .csv) of actual values that override the data files';
    :param draft: render despite error findings and mark documents as drafts;
    :param packet: with PDF, also join each partnership's PDFs per language;
    :param pdf_a: with PDF, write archival PDF/A-2b, tagged (packets stay plain PDF);
    :param pdf_timeout: seconds LibreOffice may go without finishing a file before that file fails;
    :param jobs: worker processes (0: one per CPU core); the output does not depend on it;
    :param check_lang: language of the messages: checks, data-file problems, actuals;
    :param force: overwrite files changed since spdocs wrote them (by default they are kept and
        listed in each outcome's ``kept``; ``spdocs-manifest.json`` in each folder says what was written);
    :param layout: ``separate`` (one file per language) and/or ``parallel`` (one file with the
        languages side by side, clause by clause: ``agreement.kk-ru.docx``; needs two or more languages).
    """
    from spdocs.produce import Options, produce

    folder = _folder(templates, check_lang)
    options = Options(
        out=Path(out),
        kinds=_kinds(kinds, folder),
        langs=None if langs is None else check_langs(tuple(langs)),
        formats=_formats(formats),
        templates=folder,
        period=str(period) if period is not None else None,
        draft=draft,
        packet=packet,
        pdf_a=pdf_a,
        pdf_timeout=pdf_timeout,
        check_lang=check_langs(check_lang)[0],
        layout=_layout(layout, langs),
        force=force,
        actuals=Path(actuals) if actuals is not None else None,
    )
    if packet and "pdf" not in options.formats:
        raise OptionError("packet")
    if options.templates is not None:
        from spdocs.terms import terms

        for lang in options.langs or LANGS:  # a broken terms.yaml is the user's mistake once, not every partnership's
            terms(lang, options.templates)
    files = find_files(paths, lang=options.check_lang)
    transform = None
    resolution = None
    if actuals is not None:
        from spdocs.actuals import apply, resolve_files

        # Rows are matched to partnerships (by id or by name) once, before any worker starts;
        # a partnership whose rows have problems fails alone, with them.
        resolution = resolve_files(actuals, files, lang=options.check_lang, progress=progress)
        transform = functools.partial(apply, resolution=resolution)
    outcomes = produce(files, options, jobs=jobs, transform=transform, progress=progress)
    batch = Batch(outcomes)
    if resolution is not None:
        batch.problems += resolution.stray
        batch.warnings += resolution.warnings
    return batch


@dataclass(frozen=True)
class Summary:
    """The summary workbook written, and what could not go into it."""

    path: Path
    partnerships: int
    failed: list[InputError]  # data files that did not load
    warnings: list[Problem]
    problems: list[Problem] = field(default_factory=list)  # actuals rows with problems
    left_out: list[str] = field(default_factory=list)  # partnerships left out for their actuals rows
    stray: int = 0  # actuals rows of no partnership given

    @property
    def incomplete(self) -> bool:
        """Return whether something was left out of the workbook (exit code 1)."""
        return bool(self.failed or self.left_out or self.stray)


def summary(
    paths: Iterable[str | Path],
    *,
    out: str | Path,
    actuals: str | Path | None = None,
    lang: Lang = "ru",
    period: str | None = None,
    templates: str | Path | None = None,
    messages_lang: Lang = "en",
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Write the summary workbook of data files to ``out`` (XLSX), as ``spdocs summary`` does.

    Data files that do not load, and partnerships whose rows of ``actuals`` have problems, are
    left out and listed in the result; an unreadable actuals file, or an ``out`` that cannot be
    written, raises.

    :param lang: language of the workbook; :param messages_lang: language of the problems found (data
        files, actuals);
    :param progress: gets a line per data file loaded.
    """
    from spdocs import actuals as actuals_
    from spdocs.progress import load_all
    from spdocs.workbook import summary as workbook
    from spdocs.write import write_atomic

    check_langs(lang)
    files = find_files(paths, lang=messages_lang)
    table = actuals_.read(actuals, lang=messages_lang) if actuals is not None else None  # before the slow part
    loaded, unread = load_all(files, progress, lang=messages_lang)
    partnerships = [p for _, p in loaded]
    result = Summary(Path(out), 0, [error for _, error in unread], [])
    if table is not None:
        resolution = actuals_.resolve(table, partnerships, skip=[path.stem for path, _ in unread])
        partnerships = [actuals_.apply(p, resolution) for p in partnerships if p.id not in resolution.blocked]
        result = Summary(
            result.path,
            0,
            result.failed,
            list(resolution.warnings),
            resolution.problems,
            list(resolution.blocked),
            len(resolution.stray),
        )
    data = workbook(partnerships, lang=lang, period=period, templates=_folder(templates, messages_lang))
    try:
        write_atomic(result.path, data)
    except OSError as exc:
        raise OutputError.from_os(result.path, exc) from None
    return dataclasses.replace(result, partnerships=len(partnerships))


def _kinds(kinds: Sequence[str] | None, templates: Path | None) -> tuple[str, ...] | None:
    if kinds is None:
        return None
    from spdocs.userkinds import registry

    known = registry(templates)  # the built-in kinds and those of the templates' kinds.yaml
    unknown = [k for k in kinds if k not in known]
    if unknown or not kinds:
        raise OptionError("unknown_kind", value=", ".join(unknown) or "''", expected=", ".join(known))
    return tuple(kinds)


def _layout(layout: Sequence[str], langs: Sequence[Lang] | None) -> tuple[str, ...]:
    from spdocs.parallel import LAYOUTS

    unknown = [x for x in layout if x not in LAYOUTS]
    if unknown or not layout:
        raise OptionError("unknown_layout", value=", ".join(unknown) or "''", expected=", ".join(LAYOUTS))
    if "parallel" in layout and langs is not None and len(set(langs)) < 2:
        raise OptionError("parallel_langs")
    return tuple(layout)


def _formats(formats: Sequence[str]) -> tuple[str, ...]:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise OptionError("unknown_format", value=", ".join(unknown) or "''", expected=", ".join(FORMATS))
    return tuple(formats)


def _folder(path: str | Path | None, lang: Lang) -> Path | None:
    if path is None:
        return None
    folder = Path(path)
    if not folder.is_dir():
        from spdocs.messages import data_say

        raise InputError(folder, [Problem(str(folder), None, "", data_say("data.no_path", lang))])
    return folder
