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

import io
import math

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from spdocs.errors import AssemblyError

__all__ = ["assemble", "normalize"]


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
    """Return ``data`` without the clock: LibreOffice's /CreationDate, /ModDate and /ID dropped.

    Same DOCX in, same PDF bytes out, as for DOCX. Everything else (pages, fonts, the
    bookmarks LibreOffice exports, /Title) is kept.
    """
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
