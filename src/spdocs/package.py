"""OOXML packages (DOCX, XLSX): members, part names, relationships, content types, deterministic zips.

The one place that knows the package format; the engine, the parity checks, the text dump,
the chart and the summary read and write packages through here.

Writing is deterministic and cheap in a batch. Every member gets the same fixed timestamp
and permissions, so the bytes depend only on the members. A member that is the same in
every document made from one template (styles, theme, fonts: most of a DOCX's bytes) is
compressed once, as an :class:`Entry`, and its compressed bytes are copied into each
document; only the parts that change are compressed per document, at `LEVEL`. zipfile
cannot copy compressed bytes from one archive to another, so :func:`write` writes the zip
structure itself (local headers, central directory; no ZIP64: packages stay far below 4 GB).

Levels, measured. A rendered agreement's ``word/document.xml`` (90 kB): deflate level 1
takes 0.26 ms and gives 15.3 kB, level 6 (zlib's default) 1.55 ms and 11.3 kB, level 9
3.3 ms and 11.0 kB; a document is ~50 kB either way, so changed parts use level 1. A
template's other members (0.9 MB, mostly styles): level 6 takes 27 ms and gives 51.8 kB,
level 9 57 ms and 49.1 kB; that is paid once per template and process, before the first
document, so level 6.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

#: The parts of a DOCX that may hold Jinja tags: rendered by the engine, compared by parity.
TEMPLATE_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml)$")
#: The main part of a Word document.
DOCUMENT = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
#: Deflate level of the parts compressed per document (see the module's docstring).
LEVEL = 1
#: Deflate level of members compressed once and reused.
LEVEL_ONCE = 6

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest a zip can say
_DOS_TIME = 0
_ATTRS = 0o100644 << 16  # a regular file, rw-r--r--
_MADE_BY = (3 << 8) | 20  # Unix, zip 2.0: so unzip honours the permissions


@dataclass(frozen=True)
class Entry:
    """A package member as deflated bytes, ready to be copied into many packages."""

    name: str
    size: int
    crc: int
    deflated: bytes


def entry(name: str, data: bytes, *, level: int = LEVEL_ONCE) -> Entry:
    """Return member ``name`` compressed once, for :func:`write` to copy as it is."""
    return Entry(name, len(data), zlib.crc32(data), _deflate(data, level))


def read(source: bytes | Path, names: Iterable[str] | None = None) -> dict[str, bytes]:
    """Return the members of a zip package by name, in the archive's order (only ``names``, if given).

    :raises zipfile.BadZipFile: not a zip file; OSError: the file cannot be read.
    """
    wanted = None if names is None else set(names)
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
        return {
            info.filename: zf.read(info)
            for info in zf.infolist()
            if not info.is_dir() and (wanted is None or info.filename in wanted)
        }


def entries(package: bytes) -> list[Entry]:
    """Return the members of a zip ``package`` as entries, deflated ones copied without recompressing."""
    out = []
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:  # stored, or encrypted
                out.append(entry(info.filename, zf.read(info)))
                continue
            # The local header's name and extra field may differ in length from the central one's.
            name_len, extra_len = struct.unpack("<2H", package[info.header_offset + 26 : info.header_offset + 30])
            start = info.header_offset + 30 + name_len + extra_len
            out.append(Entry(info.filename, info.file_size, info.CRC, package[start : start + info.compress_size]))
    return out


def write(members: Iterable[Entry | tuple[str, bytes]], *, level: int = LEVEL) -> bytes:
    """Return a zip package of ``members`` in order, with fixed timestamps.

    An :class:`Entry` is copied with its compressed bytes; a ``(name, data)`` pair is
    deflated at ``level``.
    """
    out = io.BytesIO()
    central = []
    for member in members:
        if isinstance(member, Entry):
            name, size, crc, deflated = member.name, member.size, member.crc, member.deflated
        else:
            name, data = member
            size, crc, deflated = len(data), zlib.crc32(data), _deflate(data, level)
        raw = name.encode("utf-8")
        flags = 0 if raw.isascii() else 0x800  # bit 11: the name is UTF-8
        fields = (flags, 8, _DOS_TIME, _DOS_DATE, crc, len(deflated), size, len(raw))
        central.append((raw, fields, out.tell()))
        out.write(struct.pack("<IH4H3I2H", 0x04034B50, 20, *fields, 0))
        out.write(raw)
        out.write(deflated)
    start = out.tell()
    for raw, fields, offset in central:
        out.write(struct.pack("<I2H4H3I5H2I", 0x02014B50, _MADE_BY, 20, *fields, 0, 0, 0, 0, _ATTRS, offset))
        out.write(raw)
    end = out.tell()
    out.write(struct.pack("<I4H2IH", 0x06054B50, 0, 0, len(central), len(central), end - start, start, 0))
    return out.getvalue()


def rewrite(package: bytes) -> bytes:
    """Return ``package`` with the same members written deterministically (fixed timestamps, no recompression)."""
    return write(entries(package))


# Relationships -------------------------------------------------------------------------


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: its id, type URI and target (a part name once resolved)."""

    id: str
    type: str
    target: str
    external: bool = False


def rels_name(part: str) -> str:
    """Return the name of the relationships part of ``part`` (``word/_rels/document.xml.rels``)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def relationships(members: Mapping[str, bytes], part: str) -> dict[str, Relationship]:
    """Return the relationships of ``part`` by id, internal targets resolved to part names."""
    xml = members.get(rels_name(part), b"").decode("utf-8")
    out = {}
    for attrs in re.findall(r"<Relationship\b([^>]*?)/?>", xml):
        a = dict(re.findall(r'([\w:]+)="([^"]*)"', attrs))
        external = a.get("TargetMode") == "External"
        target = _unescape(a.get("Target", ""))
        out[a["Id"]] = Relationship(a["Id"], a.get("Type", ""), target if external else resolve(part, target), external)
    return out


def resolve(source: str, target: str) -> str:
    """Return the part name that ``target`` (relative to ``source``'s folder, or absolute) names."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def add_relationship(rels: bytes, *, type: str, target: str) -> tuple[bytes, str]:
    """Return ``rels`` with a relationship of ``type`` to ``target`` added, and its new id."""
    xml = rels.decode("utf-8") if rels else f"{_DECLARATION}<Relationships xmlns={quoteattr(RELS_NS)}></Relationships>"
    taken = set(re.findall(r'\bId="([^"]+)"', xml))
    rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    element = f"<Relationship Id={quoteattr(rid)} Type={quoteattr(type)} Target={quoteattr(target)}/>"
    return xml.replace("</Relationships>", element + "</Relationships>").encode("utf-8"), rid


def remove_relationship(rels: bytes, rid: str) -> bytes:
    """Return ``rels`` without the relationship ``rid``."""
    return re.sub(rf'<Relationship\b[^>]*\bId="{re.escape(rid)}"[^>]*/>'.encode(), b"", rels)


# Content types -------------------------------------------------------------------------


def content_type(members: Mapping[str, bytes], part: str) -> str | None:
    """Return the content type of ``part``: its override, else its extension's default."""
    xml = members.get(CONTENT_TYPES, b"").decode("utf-8")
    for attrs in re.findall(r"<Override\b([^>]*?)/?>", xml):
        a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
        if a.get("PartName", "").lstrip("/") == part:
            return a.get("ContentType")
    ext = part.rsplit(".", 1)[-1].lower()
    for attrs in re.findall(r"<Default\b([^>]*?)/?>", xml):
        a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
        if a.get("Extension", "").lower() == ext:
            return a.get("ContentType")
    return None


def set_override(types: bytes, part: str, ctype: str | None) -> bytes:
    """Return ``[Content_Types].xml`` with ``part``'s override set to ``ctype`` (None removes it)."""
    name = "/" + part.lstrip("/")
    xml = re.sub(rf'<Override\b[^>]*PartName="{re.escape(name)}"[^>]*/>', "", types.decode("utf-8"))
    if ctype is not None:
        xml = xml.replace("</Types>", f"<Override PartName={quoteattr(name)} ContentType={quoteattr(ctype)}/></Types>")
    return xml.encode("utf-8")


def set_default(types: bytes, extension: str, ctype: str) -> bytes:
    """Return ``[Content_Types].xml`` with a default content type for ``extension`` (kept if present)."""
    xml = types.decode("utf-8")
    if re.search(rf'<Default\b[^>]*Extension="{re.escape(extension)}"', xml, re.I):
        return types
    element = f"<Default Extension={quoteattr(extension)} ContentType={quoteattr(ctype)}/>"
    return re.sub(r"(<Types\b[^>]*>)", lambda m: m[1] + element, xml, count=1).encode("utf-8")


def _deflate(data: bytes, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, as zip stores it
    return compressor.compress(data) + compressor.flush()


def _unescape(value: str) -> str:
    return html.unescape(value)  # (attribute values: the five XML entities and character references)
