"""spdocs.engine: a template prepared once, rendered many times; special characters; errors."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
import pytest

from spdocs import engine, package
from spdocs.errors import RenderError


def template(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "t.docx"
    document.save(str(path))
    return path


def body(data: bytes) -> str:
    return package.read(data, [package.DOCUMENT])[package.DOCUMENT].decode("utf-8")


def test_line_breaks_and_tabs_in_values_become_word_markup(tmp_path):
    prepared = engine.prepare(template(tmp_path, "{{ a }}", "plain {{ b }}"), lang="en")
    xml = body(engine.render_docx(prepared, {"a": "one\ntwo\tthree", "b": "text"}, lang="en"))
    assert "one</w:t><w:br/>" in xml and "<w:tab/>" in xml and "three" in xml
    assert "plain text" in xml and "\n<w:p" not in xml
    plain = body(engine.render_docx(prepared, {"a": "one", "b": "text"}, lang="en"))
    assert "<w:br/>" not in plain and "<w:tab/>" not in plain


def test_escaping_and_same_bytes_every_time(tmp_path):
    prepared = engine.prepare(template(tmp_path, "{{ a }}"), lang="kk")
    first = engine.render_docx(prepared, {"a": "A & <B> «Қ»"}, lang="kk")
    assert "A &amp; &lt;B&gt; «Қ»" in body(first)
    assert engine.render_docx(prepared, {"a": "A & <B> «Қ»"}, lang="kk") == first


def test_prepared_once_while_the_file_is_unchanged(tmp_path):
    path = template(tmp_path, "{{ a }}")
    first = engine.prepare(path, lang="ru")
    assert engine.prepare(path, lang="ru") is first
    template(tmp_path, "{{ a }} and {{ b }}")  # the file is edited
    again = engine.prepare(path, lang="ru")
    assert again is not first and "and" in body(engine.render_docx(again, {"a": 1, "b": 2}, lang="ru"))


def test_errors_name_the_template_and_the_text(tmp_path):
    with pytest.raises(RenderError, match=r"template syntax error"):
        engine.prepare(template(tmp_path, "{% if %}"), lang="en")
    prepared = engine.prepare(template(tmp_path, "Dear {{ person.name }}"), lang="en")
    with pytest.raises(RenderError, match=r"lacks a value .*'person' is undefined, in «Dear \{\{ person.name \}\}»"):
        engine.render_docx(prepared, {}, lang="en")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(RenderError, match="not a readable DOCX"):
        engine.prepare(bad, lang="en")
    with pytest.raises(RenderError, match="no chart described as 'chart'"):
        engine.render_docx(prepared, {"person": {"name": "X"}}, lang="en", charts={"chart": None})  # type: ignore[dict-item]


def test_a_picture_where_a_chart_is_expected_says_so(tmp_path):
    """A report template customized before charts were native still has the placeholder picture."""
    document = docx.Document()
    document.add_paragraph("{{ a }}")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")
    path = tmp_path / "pixel.png"
    path.write_bytes(png)
    document.add_picture(str(path))
    document.inline_shapes[0]._inline.docPr.set("descr", "chart")
    document.save(str(tmp_path / "old.docx"))
    prepared = engine.prepare(tmp_path / "old.docx", lang="en")
    with pytest.raises(RenderError, match=r"no chart described as 'chart' to replace \(it is a picture"):
        engine.render_docx(prepared, {"a": 1}, lang="en", charts={"chart": None})  # type: ignore[dict-item]
