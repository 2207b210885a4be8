"""DOCX templates → DOCX bytes: the one adapter around docxtpl, with a compiled-template cache.

docxtpl's ``DocxTemplate.render`` re-reads the DOCX, re-patches its XML and recompiles it
with Jinja on every call; in a batch most of the time goes there. Here each template file
is prepared once per language — its parts patched with docxtpl's own ``patch_xml`` and
compiled — and every render only runs the compiled templates and zips the result.
Output bytes depend only on the template and the context (fixed zip timestamps).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from spdocs.environment import RenderLimitError, bounded, cpu_budget, make_env
from spdocs.errors import RenderError
from spdocs.model import Lang

# The parts of a DOCX package that may hold Jinja tags.
_PART = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml)$")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


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
    members: tuple[tuple[str, bytes], ...]
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
        with zipfile.ZipFile(path) as zf:
            members = tuple((info.filename, zf.read(info)) for info in zf.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise RenderError(f"not a readable DOCX file ({exc})", template=name, lang=lang) from exc
    env = make_env(lang)
    parts, sources = {}, {}
    for member, data in members:
        if _PART.match(member) and b"{" in data:
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
    return Prepared(name=name, members=members, parts=parts, sources=sources)


def render_docx(
    template: Prepared, context: Mapping[str, Any], *, lang: Lang, images: Mapping[str, bytes] | None = None
) -> bytes:
    """Return the DOCX bytes of ``template`` rendered with ``context``.

    :param images: PNG bytes by picture description: a picture whose alt text (description)
        is a key here gets those bytes instead of the template's placeholder picture.
    """
    rendered: dict[str, bytes] = {}
    with cpu_budget():
        for member, compiled in template.parts.items():
            rendered[member] = _render_part(template, member, compiled, context, lang=lang)
    if images:
        rendered.update(_replace_images(template, rendered, images))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in template.members:
            info = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, rendered.get(member, data))
    return buf.getvalue()


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
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = str(_DOCXTPL.resolve_listing(xml))
    return xml.encode("utf-8")


def stamp_draft(docx: bytes, mark: str) -> bytes:
    """Return ``docx`` with ``mark`` (ЖОБА / ПРОЕКТ / DRAFT) as a red first line of the body."""
    escaped = mark.replace("&", "&amp;").replace("<", "&lt;")
    para = (
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="C00000"/>'
        f'<w:sz w:val="32"/></w:rPr><w:t>{escaped}</w:t></w:r></w:p>'
    )
    src = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml" and not _starts_with(data, escaped):
                data = re.sub(rb"(<w:body[^>]*>)", lambda m: m[1] + para.encode("utf-8"), data, count=1)
            zf.writestr(info, data)
    return buf.getvalue()


def _starts_with(document: bytes, text: str) -> bool:
    """Return whether the body's first paragraph reads ``text`` (a template that prints the mark itself)."""
    first = re.search(rb"<w:body[^>]*>\s*(<w:p[ >].*?</w:p>)", document, re.S)
    return first is not None and re.sub(rb"<[^>]+>", b"", first[1]).strip() == text.encode("utf-8")


def _replace_images(template: Prepared, rendered: Mapping[str, bytes], images: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return the media members to overwrite, found through the pictures' descriptions."""
    members = dict(template.members)
    document = rendered.get("word/document.xml", members["word/document.xml"]).decode("utf-8")
    rels = members.get("word/_rels/document.xml.rels", b"").decode("utf-8")
    targets = dict(re.findall(r'<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets.update({rid: t for t, rid in re.findall(r'<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    out: dict[str, bytes] = {}
    for descr, png in images.items():
        found = re.search(rf'<wp:docPr [^>]*descr="{re.escape(descr)}".*?r:embed="([^"]+)"', document, re.S)
        if not found or found[1] not in targets:
            raise RenderError(f"no picture described as '{descr}' to replace", template=template.name, lang="")
        out["word/" + targets[found[1]].lstrip("/").removeprefix("word/")] = png
    return out


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
