"""DOCX templates → DOCX bytes: the one adapter around docxtpl, with a compiled-template cache.

docxtpl's ``DocxTemplate.render`` re-reads the DOCX, re-patches its XML and recompiles it
with Jinja on every call; in a batch most of the time goes there. Here each template file
is prepared once per language — its parts patched with docxtpl's own ``patch_xml`` and
compiled — and every render only runs the compiled templates and zips the result. The
members a render does not change are compressed once too (`spdocs.package`), so a document
costs the compression of its rendered parts only. Output bytes depend only on the template
and the context.
"""

from __future__ import annotations

import functools
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from spdocs import docxchart, package
from spdocs.environment import RenderLimitError, bounded, cpu_budget, make_env
from spdocs.errors import RenderError
from spdocs.languages import Lang

# Text docxtpl's resolve_listing turns into Word markup (tab, new paragraph, line break, page break).
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
_LISTING_CHAR = re.compile(r"[\t\a\n\f]")


class _XmlOnly(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints: DocxTemplate is Any
    """docxtpl's XML helpers (patch_xml, resolve_listing) read no instance state; no file needed."""

    def __init__(self) -> None:
        pass

    def __getattr__(self, name: str) -> Any:  # docxtpl forwards unknown names to a document
        raise AttributeError(name)


_DOCXTPL = _XmlOnly()


def patch_xml(xml: str) -> str:
    """Return a part's XML with Word's run splits inside Jinja tags removed (docxtpl's preparation)."""
    return str(_DOCXTPL.patch_xml(xml))


@dataclass(frozen=True)
class Prepared:
    """A template ready to render: the package's members and a compiled Jinja template per part."""

    name: str
    members: Mapping[str, bytes]  # in the package's order
    entries: Mapping[str, package.Entry]  # the members that are not Jinja parts, compressed once
    parts: Mapping[str, jinja2.Template]
    sources: Mapping[str, str]  # the prepared XML of each part, to point at a failing line


def prepare(path: Path, *, lang: Lang) -> Prepared:
    """Return the template at ``path`` compiled for ``lang`` (cached while the file is unchanged)."""
    stat = path.stat()
    return _prepare(path.resolve(), stat.st_mtime_ns, stat.st_size, lang)


@functools.lru_cache(maxsize=64)
def _prepare(path: Path, mtime_ns: int, size: int, lang: Lang) -> Prepared:
    name = str(path)
    try:
        members = package.read(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise RenderError(f"not a readable DOCX file ({exc})", template=name, lang=lang) from exc
    if package.DOCUMENT not in members:
        raise RenderError(f"not a Word document (no {package.DOCUMENT})", template=name, lang=lang)
    env = make_env(lang)
    parts, sources = {}, {}
    for member, data in members.items():
        if package.TEMPLATE_PARTS.match(member) and b"{" in data:
            xml = patch_xml(data.decode("utf-8"))
            # As docxtpl does: one paragraph per source line, so errors point near the text.
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
            sources[member] = xml
            try:
                parts[member] = env.from_string(xml)
            except jinja2.TemplateSyntaxError as exc:
                raise RenderError(
                    f"template syntax error: {exc.message} near «{_near(xml, exc.lineno)}»", template=name, lang=lang
                ) from exc
    entries = {member: package.entry(member, data) for member, data in members.items() if member not in parts}
    return Prepared(name=name, members=members, entries=entries, parts=parts, sources=sources)


def render_docx(
    template: Prepared,
    context: Mapping[str, Any],
    *,
    lang: Lang,
    charts: Mapping[str, docxchart.ChartData] | None = None,
) -> bytes:
    """Return the DOCX bytes of ``template`` rendered with ``context``.

    :param charts: data by chart description: a chart whose alt text is a key here gets
        that data (categories, series, labels) in its chart part and embedded workbook.
    """
    rendered: dict[str, bytes] = {}
    with cpu_budget():
        for member, compiled in template.parts.items():
            rendered[member] = _render_part(template, member, compiled, context, lang=lang)
    if charts:
        rendered.update(_replace_charts(template, rendered, charts))
    return package.write(
        (member, rendered[member]) if member in rendered else template.entries[member] for member in template.members
    )


def _render_part(
    template: Prepared, member: str, compiled: jinja2.Template, context: Mapping[str, Any], *, lang: Lang
) -> bytes:
    """Return one part rendered; every failure, a sandbox limit included, as a RenderError."""
    try:
        xml = bounded(compiled.generate(context))
    except jinja2.UndefinedError as exc:
        where = _near(template.sources[member], _template_line(exc))
        raise RenderError(
            f"the data lacks a value the template needs: {exc.message}" + (f", in «{where}»" if where else ""),
            template=template.name,
            lang=lang,
        ) from exc
    except (jinja2.TemplateError, RenderLimitError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # A user's template may do anything its sandbox allows, and fail in any of these ways.
        where = _near(template.sources[member], _template_line(exc))
        name = "" if isinstance(exc, RenderLimitError) else f"{type(exc).__name__}: "
        raise RenderError(
            f"{name}{exc}" + (f", in «{where}»" if where else ""), template=template.name, lang=lang
        ) from exc
    except (MemoryError, RecursionError) as exc:
        raise RenderError(
            f"the template needs more memory than a document may take ({type(exc).__name__})",
            template=template.name,
            lang=lang,
        ) from None
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")  # the line breaks prepare() added
    # docxtpl's regex pass is costly and changes nothing unless a text holds one of its characters.
    if _LISTING_CHAR.search(xml, xml.find("<", 1)) and _LISTING.search(xml):
        xml = str(_DOCXTPL.resolve_listing(xml))
    return xml.encode("utf-8")


def stamp_draft(docx: bytes, mark: str) -> bytes:
    """Return ``docx`` with ``mark`` (ЖОБА / ПРОЕКТ / DRAFT) as a red first line of the body."""
    escaped = mark.replace("&", "&amp;").replace("<", "&lt;")
    para = (
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="C00000"/>'
        f'<w:sz w:val="32"/></w:rPr><w:t>{escaped}</w:t></w:r></w:p>'
    )
    document = package.read(docx, [package.DOCUMENT])[package.DOCUMENT]
    if _starts_with(document, escaped):  # a template that prints the mark itself: not twice
        return docx
    document = re.sub(rb"(<w:body[^>]*>)", lambda m: m[1] + para.encode("utf-8"), document, count=1)
    # Only the body changes: every other member is copied as it is, without recompression.
    return package.write((e.name, document) if e.name == package.DOCUMENT else e for e in package.entries(docx))


def _starts_with(document: bytes, text: str) -> bool:
    """Return whether the body's first paragraph reads ``text`` (a template that prints the mark itself)."""
    first = re.search(rb"<w:body[^>]*>\s*(<w:p[ >].*?</w:p>)", document, re.S)
    return first is not None and re.sub(rb"<[^>]+>", b"", first[1]).strip() == text.encode("utf-8")


def _replace_charts(
    template: Prepared, rendered: Mapping[str, bytes], charts: Mapping[str, docxchart.ChartData]
) -> dict[str, bytes]:
    """Return the chart parts (and their embedded workbooks) to overwrite, found through the charts' descriptions."""
    out: dict[str, bytes] = {}
    for descr, data in charts.items():
        part = _chart_part(template, rendered, descr)
        try:
            out.update(docxchart.fill(template.members, part, data))
        except ValueError as exc:
            raise RenderError(f"chart '{descr}': {exc}", template=template.name, lang="") from exc
    return out


def _chart_part(template: Prepared, rendered: Mapping[str, bytes], descr: str) -> str:
    """Return the chart part that the drawing described as ``descr`` shows."""
    document = rendered.get(package.DOCUMENT, template.members[package.DOCUMENT]).decode("utf-8")
    rels = package.relationships(template.members, package.DOCUMENT)
    found = re.search(rf'<wp:docPr [^>]*descr="{re.escape(descr)}".*?</wp:(?:inline|anchor)>', document, re.S)
    ref = re.search(r'r:id="([^"]+)"', found[0]) if found else None
    if ref is None or ref[1] not in rels:
        hint = ""
        if found and "r:embed=" in found[0]:  # a template made before charts were native
            hint = " (it is a picture: copy the chart from the built-in template, see `spdocs templates export`)"
        raise RenderError(f"no chart described as '{descr}' to replace{hint}", template=template.name, lang="")
    return rels[ref[1]].target


def _template_line(exc: BaseException) -> int | None:
    """Return the line of the compiled part where rendering failed (Jinja keeps it in the traceback)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _near(xml: str, lineno: int | None) -> str:
    if not lineno:
        return ""
    lines = xml.splitlines()
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1] if 0 < lineno <= len(lines) else "")
    return text.strip()[:80]
