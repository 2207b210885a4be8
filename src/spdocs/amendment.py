"""``spdocs amend OLD NEW``: the supplementary agreement and the redline of two versions of a data file.

The I/O edge around `spdocs.amend` (what changed) and `spdocs.redline` (tracked changes):
both versions are loaded and their agreements rendered in each language, the changes are
listed in a supplementary agreement rendered from ``templates/<lang>/amendment.docx`` (its
number, date and place come from the new file's last ``amendments`` entry) and the new
agreement is written with Word tracked changes. Every file is rendered before any is
written; the three languages must list the same changes, or nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spdocs import amend, context, documents, engine, manifest, resources
from spdocs.errors import InputError, OptionError, OutputError, Problem, RenderError
from spdocs.languages import LANGS, Lang, check_langs
from spdocs.loader import load_with_lines
from spdocs.model import Partnership
from spdocs.redline import redline
from spdocs.terms import terms as terms_of
from spdocs.write import write_atomic


@dataclass
class Amended:
    """What ``spdocs amend`` wrote, and the changes it listed (per language)."""

    files: list[Path] = field(default_factory=list)
    changes: dict[Lang, list[amend.Change]] = field(default_factory=dict)


def write_amendment(
    old: str | Path,
    new: str | Path,
    *,
    out: str | Path = "out",
    langs: tuple[Lang, ...] = LANGS,
    templates: Path | None = None,
) -> Amended:
    """Write ``OUT/<id>/amendment.<lang>.docx`` and ``agreement.<lang>.redline.docx`` for two versions."""
    langs = check_langs(langs)
    old_p, _ = load_with_lines(Path(old))
    new_p, lines = load_with_lines(Path(new))
    if old_p.id != new_p.id:
        raise OptionError(f"{old} and {new} are different partnerships ({old_p.id}, {new_p.id})")
    if not new_p.amendments:
        line = lines.get(("agreement",))
        raise InputError(
            Path(new),
            [Problem(str(new), line, "amendments", "give the supplementary agreement's number, date and place")],
        )
    result = Amended()
    files: list[tuple[Path, bytes]] = []
    folder = Path(out) / new_p.id
    for lang in langs:
        old_docx = documents.render_document(old_p, "agreement", lang=lang, templates=templates)
        new_docx = documents.render_document(new_p, "agreement", lang=lang, templates=templates)
        changes = amend.compare(amend.units(old_docx), amend.units(new_docx))
        result.changes[lang] = changes
        files.append((folder / f"amendment.{lang}.docx", _supplementary(new_p, new_docx, changes, lang, templates)))
        date = f"{new_p.amendments[-1].date.isoformat()}T00:00:00Z"
        files.append((folder / f"agreement.{lang}.redline.docx", redline(old_docx, new_docx, date=date)))
    shapes = {lang: [(c.action, c.kind, c.number) for c in changes] for lang, changes in result.changes.items()}
    first = next(iter(shapes.values()))
    if not first:
        raise OptionError(f"the agreements of {old} and {new} do not differ: there is nothing to amend")
    if any(shape != first for shape in shapes.values()):
        raise RenderError(f"the language versions list different changes: {shapes}", template="agreement", lang="")
    for path, data in files:
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise OutputError.from_os(path, exc) from None
        result.files.append(path)
    from spdocs import __version__

    inputs = {
        "old": {"file": Path(old).name, "sha256": manifest.file_hash(Path(old))},
        "new": {"file": Path(new).name, "sha256": manifest.file_hash(Path(new))},
    }
    manifest.update(
        folder,
        {
            p.name: manifest.entry(
                output=p, kind="amendment", lang=p.name.split(".")[1], period=None, inputs=inputs, version=__version__
            )
            for p in result.files
        },
    )
    return result


def _supplementary(
    p: Partnership, agreement: bytes, changes: list[amend.Change], lang: Lang, templates: Path | None
) -> bytes:
    t = terms_of(lang, templates)
    ctx = dict(context.base(p, lang, terms=t))
    entry = p.amendments[-1]
    preamble = next((u.lines for u in amend.units(agreement) if u.kind == "preamble"), [])
    ctx["amendment"] = {
        "number": entry.number,
        "date": context.convert(entry.date, lang),
        "place": entry.place.get(lang),
        # the parties as the agreement names them: the preamble without its place/date and closing lines
        "parties": preamble[1:-1],
        **amend.context(changes),
    }
    template = engine.prepare(resources.template_path("amendment", lang, templates), lang=lang)
    return engine.render_docx(template, ctx, lang=lang)
