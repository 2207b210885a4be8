"""``spdocs amend OLD NEW``: the supplementary agreement and the redline of two versions of a data file.

The I/O edge around `spdocs.amend` (what changed) and `spdocs.redline` (tracked changes):
both versions are loaded and their agreements rendered in each language, the changes are
listed in a supplementary agreement rendered from ``templates/<lang>/amendment.docx`` (its
number, date and place come from the new file's last ``amendments`` entry) and the new
agreement is written with Word tracked changes. Every file is rendered before any is
written; the three languages must list the same changes, or nothing is written.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spdocs import amend, context, documents, engine, manifest, resources
from spdocs.errors import InputError, OptionError, OutputError, Problem, RenderError
from spdocs.languages import LANGS, Lang, check_langs
from spdocs.loader import load_with_lines
from spdocs.messages import data_say
from spdocs.model import Partnership
from spdocs.redline import redline
from spdocs.terms import terms as terms_of
from spdocs.write import write_atomic


@dataclass
class Amended:
    """What ``spdocs amend`` wrote, and the changes it listed (per language)."""

    files: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # changed since spdocs wrote them: left as they are
    changes: dict[Lang, list[amend.Change]] = field(default_factory=dict)


def write_amendment(
    old: str | Path,
    new: str | Path,
    *,
    out: str | Path = "out",
    langs: tuple[Lang, ...] = LANGS,
    templates: Path | None = None,
    force: bool = False,
    messages_lang: Lang = "en",
) -> Amended:
    """Write ``OUT/<id>/amendment.<lang>.docx`` and ``agreement.<lang>.redline.docx`` for two versions;
    the problems of the data files are said in ``messages_lang``."""
    langs = check_langs(langs)
    old_p, _ = load_with_lines(Path(old), lang=messages_lang)
    new_p, lines = load_with_lines(Path(new), lang=messages_lang)
    if old_p.id != new_p.id:
        raise OptionError("amend_different", old=str(old), new=str(new), old_id=old_p.id, new_id=new_p.id)
    if not new_p.amendments:
        line = lines.get(("agreement",))
        raise InputError(
            Path(new),
            [Problem(str(new), line, "amendments", data_say("data.amendment_needed", messages_lang))],
        )
    result = Amended()
    files: list[tuple[Path, bytes]] = []
    folder = Path(out) / new_p.id
    for lang in langs:
        old_docx = documents.render_document(old_p, "agreement", lang=lang, templates=templates)
        new_docx = documents.render_document(new_p, "agreement", lang=lang, templates=templates)
        changes = amend.compare(amend.units(old_docx), amend.units(new_docx))
        result.changes[lang] = changes
        moved = amend.renumbered(amend.units(old_docx), amend.units(new_docx))
        files.append(
            (folder / f"amendment.{lang}.docx", _supplementary(new_p, new_docx, changes, moved, lang, templates))
        )
        date = f"{new_p.amendments[-1].date.isoformat()}T00:00:00Z"
        files.append((folder / f"agreement.{lang}.redline.docx", redline(old_docx, new_docx, date=date)))
    shapes = {lang: [(c.action, c.kind, c.number) for c in changes] for lang, changes in result.changes.items()}
    first = next(iter(shapes.values()))
    if not first:
        raise OptionError("amend_same", old=str(old), new=str(new))
    if any(shape != first for shape in shapes.values()):
        raise RenderError(f"the language versions list different changes: {shapes}", template="agreement", lang="")
    guard = manifest.Guard.load(folder)
    for path, data in files:
        if not force and guard.edited(path):  # a lawyer's edits are never overwritten (spdocs.manifest)
            result.kept.append(path)
            continue
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
    if not result.files:
        return result
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
    p: Partnership,
    agreement: bytes,
    changes: list[amend.Change],
    moved: list[dict[str, Any]],
    lang: Lang,
    templates: Path | None,
) -> bytes:
    t = terms_of(lang, templates)
    # a supplementary agreement is made in the languages of the agreement it amends (its language clause)
    ctx = context.for_document(context.base(p, lang, terms=t), "agreement", p, None, lang)
    entry = p.amendments[-1]
    preamble = next((u.lines for u in amend.units(agreement) if u.kind == "preamble"), [])
    ctx["amendment"] = {
        "number": entry.number,
        "date": context.convert(entry.date, lang),
        "place": entry.place.get(lang),
        # the parties as the agreement names them: the preamble without its place/date and closing lines
        "parties": preamble[1:-1],
        **amend.context(changes),
        "renumbered": moved,  # sections and clauses the changes renumber
    }
    template = engine.prepare(resources.template_path("amendment", lang, templates), lang=lang)
    docx = engine.render_docx(template, ctx, lang=lang)
    return with_annexes(docx, agreement, [a["of"] for a in ctx["amendment"]["annexes"]])


def with_annexes(docx: bytes, agreement: bytes, numbers: list[str]) -> bytes:
    """Return ``docx`` with its annexes' bodies replaced by the agreement's annexes ``numbers`` as Word has them.

    The template writes an annex as lines of text; the agreement's own paragraphs and tables
    (its indicator table …) read better, so they are copied in, unless they refer to parts
    of the package (pictures, links) that the amendment does not have.
    """
    from lxml import etree

    from spdocs.redline import W

    R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    source = _annex_bodies(etree.fromstring(_member(agreement, "word/document.xml")), W)
    root = etree.fromstring(_member(docx, "word/document.xml"))
    targets = _annex_bodies(root, W)
    changed = False
    for (heads, body), number in zip(targets, numbers):
        index = int(number) - 1
        if index >= len(source):
            continue
        copies = source[index][1]
        if any(k.startswith(R) for el in copies for node in el.iter() for k in node.attrib):
            continue
        for el in body:
            el.getparent().remove(el)
        anchor = heads[-1]
        for el in copies:
            clone = copy.deepcopy(el)
            anchor.addnext(clone)
            anchor = clone
        changed = True
    if not changed:
        return docx
    return _replace_member(
        docx, "word/document.xml", etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    )


def _annex_bodies(root: Any, w: str) -> list[tuple[list[Any], list[Any]]]:
    """Return each annex as (its heading paragraphs, the elements after them up to the next annex)."""
    body = root.find(f"{w}body")
    annexes: list[tuple[list[Any], list[Any]]] = []
    previous_head = False
    for el in body:
        if el.tag == f"{w}sectPr":
            break
        style = el.find(f"{w}pPr/{w}pStyle")
        head = style is not None and style.get(f"{w}val") == "AnnexHead"
        if head and not previous_head:
            annexes.append(([el], []))
        elif head:
            annexes[-1][0].append(el)
        elif annexes and el.find(f"{w}pPr/{w}sectPr") is None:
            annexes[-1][1].append(el)
        previous_head = head
    return annexes


def _member(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return zf.read(name)


def _replace_member(docx: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == name else src.read(info.filename))
    return out.getvalue()
