"""PDF packets: PDFs joined into one, a bookmark per part, metadata, a draft mark.

The packet is deterministic: it carries the given /Title and /Producer ``spdocs`` and
nothing from the clock (no /CreationDate, no /ID), and the parts' own document info --
LibreOffice's clock-time /CreationDate among it -- is left behind. Each part's own
bookmarks (LibreOffice exports headings as bookmarks) are nested under the part's one.

The draft mark: pypdf places pages but cannot set text, and the marks are Cyrillic
("ЖОБА", "ПРОЕКТ"), which the 14 standard PDF fonts cannot show. So the mark is drawn
by matplotlib (already a dependency of spdocs), which embeds a subset of the DejaVu Sans
it bundles -- Kazakh, Russian and Latin glyphs, no system font, no LibreOffice, same
bytes every time. It is drawn once per page size, along the page's diagonal in
translucent grey, and laid over each page so the text below stays legible.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import struct
import zlib
from collections.abc import Callable

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from spdocs.errors import AssemblyError

__all__ = ["assemble", "normalize", "pdfa_part"]


def assemble(parts: list[tuple[str, bytes]], *, title: str, draft_mark: str | None = None) -> bytes:
    """Return one PDF made of ``parts`` in order, with a top-level bookmark per part.

    :param parts: ``(bookmark title, PDF bytes)`` pairs.
    :param title: the packet's /Title.
    :param draft_mark: a word such as ``"ЖОБА"`` laid diagonally over every page, or None.
    :raises AssemblyError: no parts, or a part that is not a readable PDF (named).
    """
    if not parts:
        raise AssemblyError("no parts to assemble")
    writer = PdfWriter()
    for name, data in parts:
        # pypdf parses lazily and raises many exception types on broken input.
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise AssemblyError(f"part {name!r} is encrypted")
            if not reader.pages:
                raise AssemblyError(f"part {name!r} has no pages")
            writer.append(reader, outline_item=name)
        except AssemblyError:
            raise
        except Exception as exc:
            raise AssemblyError(f"part {name!r} is not a readable PDF: {exc}") from exc
    if draft_mark:
        _mark(writer, draft_mark)
    writer.add_metadata({"/Title": title, "/Producer": "spdocs"})
    writer.page_mode = "/UseOutlines"  # open with the bookmarks shown
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _mark(writer: PdfWriter, text: str) -> None:
    """Lay ``text`` over every page of ``writer``."""
    stamps: dict[tuple[float, float], PageObject] = {}
    for page in writer.pages:
        if page.rotation:
            page.transfer_rotation_to_content()  # so the mark runs along the visible diagonal
        box = page.mediabox
        size = (round(float(box.width), 2), round(float(box.height), 2))
        if size not in stamps:
            stamps[size] = _stamp(text, *size)
        page.merge_transformed_page(stamps[size], Transformation().translate(float(box.left), float(box.bottom)))
        page.compress_content_streams()  # merging leaves the page's content uncompressed


def _stamp(text: str, width: float, height: float) -> PageObject:
    """Return a transparent ``width`` x ``height`` pt page with ``text`` on its diagonal."""
    import matplotlib  # here, not at the top: it is slow to import and only drafts need it
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width / 72, height / 72))
    fig.patch.set_visible(False)
    diagonal = math.hypot(width, height)
    # Bold DejaVu capitals are ~0.75 em wide: keep the word within 80 % of the diagonal.
    fontsize = min(min(width, height) / 4, 0.8 * diagonal / (0.75 * max(len(text), 1)))
    fig.text(
        0.5,
        0.5,
        text,
        rotation=math.degrees(math.atan2(height, width)),
        rotation_mode="anchor",
        ha="center",
        va="center",
        fontsize=fontsize,
        family="DejaVu Sans",
        weight="bold",
        color="0.5",
        alpha=0.3,
    )
    buf = io.BytesIO()
    # Type 42 embeds a TrueType subset (crisper than Type 3); no dates: same bytes each time.
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig.savefig(buf, format="pdf", metadata={"Creator": None, "Producer": None, "CreationDate": None})
    return PdfReader(buf).pages[0]


def normalize(data: bytes) -> bytes:
    """Return ``data`` without the clock: LibreOffice's dates dropped, its /ID made from the content.

    Same DOCX in, same PDF bytes out, as for DOCX. The bytes are patched in place, each
    change the same length as what it replaces, so the cross-reference table stays valid
    and everything else is kept as LibreOffice wrote it: pages, fonts, bookmarks, tags and,
    for PDF/A, the XMP metadata (the file identifier PDF/A requires is kept, as a hash of
    the rest of the file). PDF/A's colour profile, which LibreOffice makes at export time
    with the clock in its header, gets a fixed date; that changes the length of its stream,
    so the cross-reference offsets after it are moved accordingly. A PDF whose objects are
    compressed into object streams (not LibreOffice's way) is rewritten with pypdf instead,
    without /ID.
    """
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise AssemblyError("not a readable PDF: no PDF header or end marker")
    if b"/ObjStm" in data:
        return _rewrite(data)
    out = _INFO_DATE.sub(_blank, data)
    out = _XMP_DATE.sub(_blank, out)
    out = _fix_icc_date(out)
    digest = hashlib.md5(_ID.sub(b"", _CHECKSUM.sub(b"", out)), usedforsecurity=False).hexdigest().upper()
    # Each 32-digit hex string in the /ID and /DocChecksum entries becomes the digest: same length.
    return _CHECKSUM.sub(_rehash(digest), _ID.sub(_rehash(digest), out))


def pdfa_part(data: bytes) -> str | None:
    """Return the PDF/A part and conformance the PDF's XMP metadata declares (``"2B"``), or None."""
    part = re.search(rb"<pdfaid:part>\s*(\d)\s*</pdfaid:part>|pdfaid:part=[\"'](\d)[\"']", data)
    level = re.search(rb"<pdfaid:conformance>\s*([ABU])\s*</pdfaid:conformance>|pdfaid:conformance=[\"']([ABU])", data)
    if part is None:
        return None
    return (part[1] or part[2]).decode() + ((level[1] or level[2]).decode() if level else "")


# The clock in LibreOffice's output: the document info's dates, the XMP dates, and the
# file identifier and checksum computed from them.
_INFO_DATE = re.compile(rb"/(?:CreationDate|ModDate)\s*(?:\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>)")
_XMP_DATE = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\1>")
_ID = re.compile(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})")
_HEX = re.compile(rb"[0-9A-Fa-f]{32}")
#: The date written into ICC profile headers (2000-01-01 00:00:00): a profile made at export time has the clock.
_ICC_DATE = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)


def _fix_icc_date(data: bytes) -> bytes:
    """Return ``data`` with the output intent's ICC profile dated `_ICC_DATE` (unchanged if there is none)."""
    intent = re.search(rb"/DestOutputProfile\s+(\d+)\s+(\d+)\s+R", data)
    if intent is None:
        return data
    obj = re.search(rb"(?:^|[\r\n])%s\s+%s\s+obj\s*<<(.*?)>>\s*stream\r?\n" % (intent[1], intent[2]), data, re.S)
    if obj is None or not re.search(rb"/Filter\s*/FlateDecode\s*[/>]", obj[1] + b">"):
        return data
    length = re.search(rb"/Length\s+(\d+)(?:\s+(\d+)\s+R)?", obj[1])
    if length is None:
        return data
    if length[2] is None:  # a direct length, in the dictionary
        size = int(length[1])
        start = obj.start(1) + length.start(1)
        edits_length = (start, start + len(length[1]))
    else:  # an indirect one: the number in another object
        held = re.search(rb"(?:^|[\r\n])%s\s+%s\s+obj\s*(\d+)\s*endobj" % (length[1], length[2]), data)
        if held is None:
            return data
        size = int(held[1])
        edits_length = (held.start(1), held.end(1))
    begin = obj.end()
    try:
        profile = bytearray(zlib.decompress(data[begin : begin + size]))
    except zlib.error:
        return data
    if len(profile) < 128 or profile[36:40] != b"acsp" or profile[24:36] == _ICC_DATE:
        return data
    profile[24:36] = _ICC_DATE
    if any(profile[84:100]):  # a profile ID: the MD5 of the profile with flags, intent and ID zeroed
        blank = bytearray(profile)
        blank[44:48] = blank[64:68] = bytes(4)
        blank[84:100] = bytes(16)
        profile[84:100] = hashlib.md5(blank, usedforsecurity=False).digest()
    stream = zlib.compress(bytes(profile), 9)
    edits = sorted([(begin, begin + size, stream), (*edits_length, str(len(stream)).encode())])
    return _splice(data, edits)


def _splice(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Return ``data`` with byte ranges replaced and the cross-reference table's offsets moved to match.

    Returns ``data`` unchanged if its cross-reference table is not one classic table (an
    xref stream, or an incremental update), or if a moved offset would not land on its object.
    """
    start = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if start is None or b"/Prev" in data[int(start[1]) :] or not data.startswith(b"xref", int(start[1])):
        return data

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (end - begin) for begin, end, new in edits if end <= offset)

    pieces, last = [], 0
    for begin, end, new in edits:
        pieces += [data[last:begin], new]
        last = end
    out = bytearray(b"".join([*pieces, data[last:]]))
    table = moved(int(start[1]))
    trailer = out.find(b"trailer", table)
    for entry in re.finditer(rb"(\d{10}) (\d{5}) n", bytes(out[table:trailer])):
        position = table + entry.start(1)
        offset = moved(int(entry[1]))
        if not re.match(rb"\d+\s+\d+\s+obj", bytes(out[offset : offset + 32])):
            return data
        out[position : position + 10] = b"%010d" % offset
    tail = out.rfind(b"startxref")
    return bytes(out[:tail]) + b"startxref\n%d\n%%%%EOF\n" % table


def _rehash(digest: str) -> Callable[[re.Match[bytes]], bytes]:
    return lambda match: _HEX.sub(digest.encode(), match[0])


def _blank(match: re.Match[bytes]) -> bytes:
    """Return spaces as long as the match: PDF and XML both read them as nothing."""
    return b" " * len(match[0])


def _rewrite(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()  # a new writer has no /ID; pages and bookmarks are copied over
        writer.append(reader)
    except Exception as exc:  # pypdf raises many types on broken input
        raise AssemblyError(f"not a readable PDF: {exc}") from exc
    writer.metadata = {k: v for k, v in (reader.metadata or {}).items() if k not in ("/CreationDate", "/ModDate")}
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
