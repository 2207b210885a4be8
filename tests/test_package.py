"""spdocs.package: reading and deterministic writing of zip packages, relationships, content types."""

from __future__ import annotations

import io
import zipfile

import pytest

from conftest import ROOT, rendered
from spdocs import engine, package

REPORT = ROOT / "templates" / "ru" / "report.docx"


def test_write_is_a_valid_zip_with_fixed_times_and_same_members():
    members = package.read(REPORT)
    members["word/ünicode-name.xml"] = b"<x/>"
    data = package.write(members.items())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in zf.infolist()} == {0o100644}
        assert zf.namelist() == list(members)
    assert package.read(data) == members
    assert package.write(members.items()) == data  # same members, same bytes


def test_entries_are_copied_without_recompression():
    members = package.read(REPORT)
    once = [package.entry(name, data) for name, data in members.items()]
    packed = package.write(once)
    assert package.read(packed) == members
    # Copying a package's entries gives the same bytes: nothing was recompressed on the way.
    assert package.write(package.entries(packed)) == packed
    # zipfile's own output (clock timestamps, another compressor state) becomes deterministic.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("a.xml", b"<a/>" * 100)
    assert package.read(package.rewrite(buf.getvalue())) == {"a.xml": b"<a/>" * 100}


def test_read_selected_members_only():
    assert list(package.read(REPORT, [package.DOCUMENT, "no/such.xml"])) == [package.DOCUMENT]


def test_unchanged_members_of_a_rendered_document_are_the_templates():
    template = package.read(REPORT)
    document = package.read(rendered("taraz-mendeleev", "report", "ru", "2026"))  # (the template shows 2025)
    assert list(document) == list(template)
    changed = {name for name in template if template[name] != document[name]}
    assert changed == {
        package.DOCUMENT,
        "word/charts/chart1.xml",
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
    }


def test_draft_stamp_changes_the_body_only():
    docx = rendered("taraz-mendeleev", "agreement", "en")
    stamped = engine.stamp_draft(docx, "DRAFT")
    before, after = package.read(docx), package.read(stamped)
    assert [n for n in before if before[n] != after[n]] == [package.DOCUMENT]
    assert b">DRAFT</w:t>" in after[package.DOCUMENT]


def test_template_parts_are_one_pattern():
    names = ["word/document.xml", "word/header2.xml", "word/footer1.xml", "word/footnotes.xml", "word/endnotes.xml"]
    assert all(package.TEMPLATE_PARTS.match(n) for n in [*names, "docProps/core.xml"])
    assert not any(package.TEMPLATE_PARTS.match(n) for n in ["word/styles.xml", "word/charts/chart1.xml"])


def test_relationships_resolve_to_part_names():
    members = package.read(REPORT)
    rels = package.relationships(members, package.DOCUMENT)
    targets = {r.type.rsplit("/", 1)[-1]: r.target for r in rels.values()}
    assert targets["styles"] == "word/styles.xml"
    assert targets["customXml"] == "customXml/item1.xml"  # "../customXml/item1.xml" from word/
    assert targets["chart"] == "word/charts/chart1.xml"
    chart_rels = package.relationships(members, "word/charts/chart1.xml")
    assert [r.target for r in chart_rels.values()] == ["word/embeddings/Microsoft_Excel_Worksheet.xlsx"]
    assert package.rels_name("word/charts/chart1.xml") == "word/charts/_rels/chart1.xml.rels"
    assert package.resolve("word/document.xml", "/word/media/a.png") == "word/media/a.png"


def test_add_and_remove_relationship():
    rels = package.read(REPORT)[package.rels_name(package.DOCUMENT)]
    added, rid = package.add_relationship(rels, type=package.REL + "image", target="media/x&y.png")
    assert rid not in rels.decode()
    found = package.relationships({"word/_rels/document.xml.rels": added}, package.DOCUMENT)[rid]
    assert found.target == "word/media/x&y.png"
    assert package.remove_relationship(added, rid) == rels
    fresh, first = package.add_relationship(b"", type=package.REL + "image", target="a.png")
    assert first == "rId1" and b"<Relationships" in fresh


def test_content_types():
    members = package.read(REPORT)
    types = members[package.CONTENT_TYPES]
    assert package.content_type(members, "word/document.xml").endswith("document.main+xml")
    assert package.content_type(members, "word/embeddings/x.xlsx").endswith("spreadsheetml.sheet")
    assert package.content_type(members, "x.unknown") is None
    changed = package.set_override(types, "word/x.xml", "application/x-test")
    assert package.content_type({package.CONTENT_TYPES: changed}, "word/x.xml") == "application/x-test"
    assert package.set_override(changed, "word/x.xml", None) == types
    with_bin = package.set_default(types, "bin", "application/octet-stream")
    assert package.content_type({package.CONTENT_TYPES: with_bin}, "a/b.bin") == "application/octet-stream"
    assert package.set_default(with_bin, "bin", "other") == with_bin


def test_not_a_zip():
    with pytest.raises(zipfile.BadZipFile):
        package.read(b"not a zip")
