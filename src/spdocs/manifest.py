"""What spdocs wrote in an output folder, so that nothing a person edited is ever overwritten.

Each partnership's folder (``out/<id>/``) holds ``spdocs-manifest.json``: for every file spdocs
wrote there, its inputs — the data file's hash, the hashes of the templates and terms it was
rendered with, the spdocs version and the options — and the hash of the bytes written. The
same inputs give the same manifest (no clock, no absolute paths, sorted keys).

Before writing a file, the batch asks the folder's `Guard`: a file that exists but is not the
one spdocs wrote (its bytes differ from the manifest's hash, or the manifest does not know it:
a lawyer edited it, or someone put it there) is left as it is and reported, unless ``force``.
Drafts get their own names (``agreement.draft.kk.docx``), so a draft never replaces a final
document.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spdocs.errors import OutputError
from spdocs.write import write_atomic

if TYPE_CHECKING:
    from spdocs.produce import Options, Outcome

NAME = "spdocs-manifest.json"
FORMAT = 1  # the manifest's own layout version


def sha256(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """Return the SHA-256 of the file at ``path``."""
    return sha256(path.read_bytes())


def output_name(stem: str, lang: str, fmt: str, *, draft: bool) -> str:
    """Return an output file's name: ``agreement.kk.docx``, or ``agreement.draft.kk.docx`` for a draft.

    >>> output_name("report-2025", "ru", "pdf", draft=True)
    'report-2025.draft.ru.pdf'
    """
    return f"{stem}.draft.{lang}.{fmt}" if draft else f"{stem}.{lang}.{fmt}"


@dataclass
class Guard:
    """What spdocs wrote in one folder: tells a file it may replace from one a person changed."""

    folder: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Guard:
        """Return the guard of ``folder``; no manifest (or an unreadable one) knows no file."""
        return cls(folder, read(folder))

    def edited(self, path: Path) -> bool:
        """Return whether ``path`` exists with bytes other than those spdocs wrote there."""
        if not path.is_file():
            return False
        entry = self.entries.get(path.name)
        return entry is None or entry.get("sha256") != file_hash(path)


def read(folder: Path) -> dict[str, dict[str, Any]]:
    """Return the entries of ``folder``'s manifest by file name; empty when there is none or it is unreadable."""
    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {k: v for k, v in files.items() if isinstance(v, dict)} if isinstance(files, dict) else {}


def template_hashes(paths: Iterable[tuple[str, Path]]) -> dict[str, str]:
    """Return ``{label: sha256}`` of the template and terms files a document was rendered with."""
    return {label: file_hash(path) for label, path in paths}


def entry(
    *,
    output: Path,
    kind: str | None,
    lang: str,
    period: str | None,
    inputs: Mapping[str, Any],
    version: str,
) -> dict[str, Any]:
    """Return the manifest entry of one written file: what it was made from, and its hash."""
    return {
        "kind": kind,
        "lang": lang,
        "period": period,
        "format": output.suffix.lstrip("."),
        "spdocs": version,
        "inputs": dict(inputs),
        "sha256": file_hash(output),
    }


def update(folder: Path, entries: Mapping[str, dict[str, Any]]) -> Path:
    """Write ``folder``'s manifest: its earlier entries (of files still there) with ``entries`` over them.

    Earlier entries stay so that ``render --kind report`` after a full render still knows the
    agreement it wrote before. Returns the manifest's path; `OutputError` if it cannot be written.
    """
    merged = {name: e for name, e in read(folder).items() if (folder / name).is_file()}
    merged.update(entries)
    text = json.dumps({"format": FORMAT, "files": merged}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    dest = folder / NAME
    try:
        write_atomic(dest, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError.from_os(dest, exc) from None
    return dest


def verify(folder: Path) -> list[str]:
    """Return the files of ``folder``'s manifest whose bytes differ from what spdocs wrote (or are gone)."""
    problems = []
    for name, e in sorted(read(folder).items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif file_hash(path) != e.get("sha256"):
            problems.append(f"{path}: changed since spdocs wrote it")
    return problems


def document_inputs(
    source: Path,
    kind: str,
    lang: str,
    *,
    templates: Path | None,
    draft: bool,
    actuals: Path | None = None,
) -> dict[str, Any]:
    """Return the inputs of one document: data (and actuals) hashes, template and terms hashes, options."""
    from spdocs import resources

    def label(path: Path) -> str:
        origin = "user" if templates is not None and path.is_relative_to(templates) else "builtin"
        return f"{origin}/{path.parent.name}/{path.name}"

    # a parallel document ("kk-ru") is made from each of its languages' templates
    used = [
        path
        for code in lang.split("-")
        for path in (resources.template_path(kind, code, templates), *resources.terms_files(code, templates))
    ]
    inputs: dict[str, Any] = {
        "data": {"file": source.name, "sha256": file_hash(source)},
        "templates": template_hashes((label(p), p) for p in used),
        "options": {"draft": draft, "templates": templates is not None},
    }
    if actuals is not None:
        inputs["actuals"] = {"file": actuals.name, "sha256": file_hash(actuals)}
    return inputs


def record(outcome: Outcome, options: Options) -> Path | None:
    """Write the manifest of the folder ``outcome`` wrote into; return its path (``None`` if it wrote nothing)."""
    from spdocs import __version__

    if not outcome.files:
        return None
    folder = outcome.files[0].path.parent
    entries: dict[str, dict[str, Any]] = {}
    for w in outcome.files:
        if w.target is not None:
            inputs = document_inputs(
                outcome.source,
                w.target.kind,
                w.lang,
                templates=options.templates,
                draft=options.draft,
                actuals=options.actuals,
            )
            kind, period = w.target.kind, w.target.period
        else:  # a packet is made from the partnership's PDFs
            parts = [p for p in outcome.files if p.fmt == "pdf" and p.lang == w.lang and p.target is not None]
            inputs = {"parts": {p.path.name: file_hash(p.path) for p in parts}}
            kind, period = "packet", None
        entries[w.path.name] = entry(
            output=w.path, kind=kind, lang=w.lang, period=period, inputs=inputs, version=__version__
        )
    return update(folder, entries)
