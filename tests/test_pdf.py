"""spdocs.pdf: packets with bookmarks, metadata and a draft mark; LibreOffice's clock removed; PDF/A."""

from __future__ import annotations

import io
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from conftest import rendered, requires_soffice
from spdocs.convert import Converter, docx_to_pdf
from spdocs.errors import AssemblyError
from spdocs.pdf import assemble, normalize, pdfa_part

A4 = (595.28, 841.89)


def blank_pdf(pages: int, size: tuple[float, float] = A4) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*size)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def test_pages_bookmarks_and_metadata() -> None:
    packet = read(assemble([("Келісім", blank_pdf(2)), ("Бұйрық", blank_pdf(1))], title="Пакет"))

    assert len(packet.pages) == 3
    bookmarks = [item for item in packet.outline if not isinstance(item, list)]
    assert len(bookmarks) == len(packet.outline)  # all top level
    assert [item.title for item in bookmarks] == ["Келісім", "Бұйрық"]
    assert [packet.get_destination_page_number(item) for item in bookmarks] == [0, 2]
    assert packet.metadata is not None
    assert packet.metadata.title == "Пакет"
    assert packet.metadata.producer == "spdocs"
    assert "/CreationDate" not in packet.metadata


@pytest.mark.parametrize("mark", ["ЖОБА", "ПРОЕКТ", "DRAFT"], ids=["kk", "ru", "en"])
def test_draft_mark_on_every_page(mark: str) -> None:
    landscape = (A4[1], A4[0])
    parts = [("one", blank_pdf(2)), ("two", blank_pdf(1, landscape))]
    packet = read(assemble(parts, title="t", draft_mark=mark))

    assert [page.extract_text().strip() for page in packet.pages] == [mark] * 3
    assert [float(page.mediabox.width) for page in packet.pages] == [A4[0], A4[0], A4[1]]


def test_same_input_same_bytes() -> None:
    parts = [("Келісім", blank_pdf(1)), ("Есеп", blank_pdf(2))]
    first = assemble(parts, title="Пакет", draft_mark="ЖОБА")
    assert assemble(parts, title="Пакет", draft_mark="ЖОБА") == first
    assert b"/ID" not in first


@pytest.mark.parametrize("bad", [b"", b"not a pdf", blank_pdf(1)[:200]], ids=["empty", "garbage", "truncated"])
def test_unreadable_part_is_named(bad: bytes) -> None:
    with pytest.raises(AssemblyError, match="Бұйрық"):
        assemble([("Келісім", blank_pdf(1)), ("Бұйрық", bad)], title="Пакет")


def test_no_parts() -> None:
    with pytest.raises(AssemblyError, match="no parts"):
        assemble([], title="Пакет")


@requires_soffice
def test_converted_parts_keep_kazakh_text_and_lose_the_clock(tmp_path: Path) -> None:
    texts = {"Келісім": "Келісім: Ә Ғ Қ Ң Ө Ұ Ү Һ І", "Бұйрық": "Бұйрық: ә ғ қ ң ө ұ ү һ і"}
    pairs = []
    for n, text in enumerate(texts.values()):
        document = docx.Document()
        document.styles["Normal"].font.name = "Times New Roman"
        document.add_paragraph(text)
        document.save(str(tmp_path / f"{n}.docx"))
        pairs.append((tmp_path / f"{n}.docx", tmp_path / f"{n}.pdf"))
    with Converter(jobs=1) as converter:
        assert converter.convert(pairs) == []
    pdfs = [pdf.read_bytes() for _, pdf in pairs]
    assert b"/CreationDate" in pdfs[0]  # LibreOffice stamps the clock time ...

    packet = read(assemble(list(zip(texts, pdfs, strict=True)), title="Пакет"))

    assert packet.metadata is not None and "/CreationDate" not in packet.metadata  # ... we do not
    assert [page.extract_text().strip() for page in packet.pages] == list(texts.values())


def xmp(reader: PdfReader) -> ET.Element:
    """Return the document's XMP metadata, parsed."""
    return ET.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())


PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


@requires_soffice
def test_pdf_a_is_declared_tagged_and_survives_normalizing() -> None:
    """--pdf-a: LibreOffice writes PDF/A-2b, tagged; dropping the clock keeps all of it."""
    report = rendered("taraz-mendeleev", "report", "kk", "2026")
    first = docx_to_pdf(report, pdf_a=True)
    time.sleep(1.1)  # LibreOffice's dates are in seconds: a second conversion gets other ones
    second = docx_to_pdf(report, pdf_a=True)
    assert first != second
    assert normalize(first) == normalize(second)

    pdf = PdfReader(io.BytesIO(normalize(first)), strict=True)  # strict: the moved offsets must be right
    meta = xmp(pdf)
    assert meta.findtext(f".//{PDFAID}part") == "2"
    assert meta.findtext(f".//{PDFAID}conformance") == "B"
    assert pdfa_part(normalize(first)) == "2B"
    root = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root  # tagged
    assert "/OutputIntents" in root  # PDF/A's colour space
    assert len(pdf.trailer["/ID"]) == 2  # PDF/A requires a file identifier: kept, made from the content
    assert "/CreationDate" not in (pdf.metadata or {})
    assert b"CreateDate" not in ET.tostring(meta)
    assert "Нысаналы индикаторлардың орындалуы" in " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)


@requires_soffice
def test_plain_pdf_is_not_pdf_a_and_normalizing_keeps_its_pages() -> None:
    data = docx_to_pdf(rendered("taraz-mendeleev", "order", "ru"))
    assert pdfa_part(data) is None
    normalized = normalize(data)
    assert len(normalized) == len(data)  # patched in place: the cross-reference table stays valid
    assert [p.extract_text() for p in read(normalized).pages] == [p.extract_text() for p in read(data).pages]


def test_normalize_rejects_what_is_not_a_pdf() -> None:
    with pytest.raises(AssemblyError, match="not a readable PDF"):
        normalize(b"not a pdf")
