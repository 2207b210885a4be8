"""The WordprocessingML pieces of a parallel document (`spdocs.parallel`): tables, paragraph
properties, page set-up, and the package that gathers the parts the languages' blocks refer to."""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from spdocs import package
from spdocs.languages import LANGS

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W = f"{{{W_NS}}}"
FOOTER = "word/footer-parallel.xml"
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
GAP = 142  # twips of white space on each side of the line between two columns (2.5 mm)
# The children of w:pPr in schema order: Word rejects a document whose properties are out of order.
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()


def column_table(n: int, column: int) -> etree._Element:
    """Return an empty borderless table of ``n`` equal columns with a thin line between them."""
    grid = "".join(f'<w:gridCol w:w="{column}"/>' for _ in range(n))
    none = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH"))
    xml = (
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{column * n}" w:type="dxa"/>'
        f'<w:tblBorders>{none}<w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/></w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{GAP}" w:type="dxa"/>'
        f'<w:right w:w="{GAP}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>'
    )
    return etree.fromstring(xml)


def shrink_pictures(el: etree._Element, width: int) -> None:
    """Scale the pictures in ``el`` wider than ``width`` (twips) down to it, keeping their proportions."""
    emu = width * 635
    a_ext = "{http://schemas.openxmlformats.org/drawingml/2006/main}ext"
    for extent in el.iter(f"{{{WP_NS}}}extent"):
        cx, cy = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
        if cx <= emu:
            continue
        size = {"cx": str(emu), "cy": str(cy * emu // cx)}
        drawing = extent.getparent()
        for node in [extent, *drawing.iter(a_ext)]:
            if node.get("cx") == str(cx):
                node.attrib.update(size)


def page_break() -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:r><w:br w:type="page"/></w:r></w:p>')


def separator(p: etree._Element) -> None:
    """Give ``p`` a dotted line above: where one language's text in a table cell ends and the next begins."""
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        ppr = etree.Element(f"{W}pPr")
        p.insert(0, ppr)
    border = f'<w:pBdr xmlns:w="{W_NS}"><w:top w:val="dotted" w:sz="4" w:space="1" w:color="808080"/></w:pBdr>'
    set(ppr, "pBdr", etree.fromstring(border))


def set(ppr: etree._Element, name: str, el: etree._Element) -> None:
    """Put ``el`` into ``ppr`` in its schema place, replacing one of the same name."""
    for old in ppr.findall(f"{W}{name}"):
        ppr.remove(old)
    rank = PPR_ORDER.index(name)
    for i, child in enumerate(ppr):
        local = etree.QName(child).localname
        if local in PPR_ORDER and PPR_ORDER.index(local) > rank:
            ppr.insert(i, el)
            return
    ppr.append(el)


def on(el: etree._Element | None) -> bool:
    return el is not None and el.get(f"{W}val", "true") not in ("0", "false", "off")


def text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return re.sub(r"\s+", " ", "".join(t.text or "" for t in el.iter(f"{W}t"))).strip()


def cells(table: etree._Element | None) -> list[list[etree._Element]]:
    """Return the table's rows (its own, not those of nested tables), each as its cells."""
    assert table is not None
    return [tr.findall(f"{W}tc") for tr in table.findall(f"{W}tr")]


def is_data_table(table: etree._Element | None) -> bool:
    """Return whether a table is a data table (with a table style or borders) rather than page layout."""
    assert table is not None
    return table.find(f"{W}tblPr/{W}tblStyle") is not None or table.find(f"{W}tblPr/{W}tblBorders") is not None


def table_width(table: etree._Element | None, default: int) -> int:
    assert table is not None
    total = sum(int(g.get(f"{W}w", "0")) for g in table.iter(f"{W}gridCol"))
    return total or default


def scale(table: etree._Element, factor: float) -> None:
    """Widen a table's columns by ``factor`` (a portrait table on a landscape page)."""
    if abs(factor - 1) < 0.01 or factor < 1:
        return
    for el in table.iter(f"{W}gridCol", f"{W}tcW", f"{W}tblW"):
        if el.tag == f"{W}gridCol" or el.get(f"{W}type") == "dxa":
            el.set(f"{W}w", str(int(int(el.get(f"{W}w", "0")) * factor)))


def indents(xml: bytes | None) -> dict[tuple[str, int], etree._Element]:
    """Return the indents of each list level, by (numId, level): a clause keeps its indent without the list."""
    out: dict[tuple[str, int], etree._Element] = {}
    if not xml:
        return out
    root = etree.fromstring(xml)
    levels: dict[str, dict[int, etree._Element]] = {}
    for absn in root.iter(f"{W}abstractNum"):
        levels[absn.get(f"{W}abstractNumId", "")] = {
            int(lvl.get(f"{W}ilvl", "0")): ind
            for lvl in absn.findall(f"{W}lvl")
            if (ind := lvl.find(f"{W}pPr/{W}ind")) is not None
        }
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            for ilvl, ind in levels.get(ref.get(f"{W}val", ""), {}).items():
                out[(num.get(f"{W}numId", ""), ilvl)] = ind
    return out


def page(sect: etree._Element | None, columns: int) -> tuple[int, bool]:
    """Return the text width of the parallel pages and whether they are landscape (three or more columns)."""
    assert sect is not None
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    width = int(size.get(f"{W}w", "11906")) if size is not None else 11906
    height = int(size.get(f"{W}h", "16838")) if size is not None else 16838
    left = int(margins.get(f"{W}left", "1701")) if margins is not None else 1701
    right = int(margins.get(f"{W}right", "850")) if margins is not None else 850
    landscape = columns >= 3 and height > width
    page = height if landscape else width
    return page - left - right, landscape


def landscape(sect: etree._Element) -> None:
    size = sect.find(f"{W}pgSz")
    if size is None:
        return
    width, height = size.get(f"{W}w", "11906"), size.get(f"{W}h", "16838")
    size.set(f"{W}w", height)
    size.set(f"{W}h", width)
    size.set(f"{W}orient", "landscape")


class Package:
    """The output package: the first language's parts, plus those the other languages' blocks refer to."""

    def __init__(self, members: dict[str, bytes]) -> None:
        self.members = members
        self.rels = etree.fromstring(members["word/_rels/document.xml.rels"])
        self.types = etree.fromstring(members["[Content_Types].xml"])
        self.imported: dict[tuple[str, str], str] = {}

    def import_refs(self, el: etree._Element, lang: str, members: dict[str, bytes]) -> None:
        """Point the relationship ids in ``el`` (pictures, links) at copies of the parts of ``lang``'s package."""
        rels = etree.fromstring(members["word/_rels/document.xml.rels"])
        by_id = {rel.get("Id"): rel for rel in rels}
        for node in el.iter():
            for attr, value in list(node.attrib.items()):
                if attr.startswith(f"{{{R_NS}}}") and value in by_id:
                    node.set(attr, self._import(by_id[value], lang, members))
            if node.tag == f"{{{WP_NS}}}docPr":
                node.set("id", str(int(node.get("id", "0")) + 1000 * (LANGS.index(lang) + 1)))

    def _import(self, rel: etree._Element, lang: str, members: dict[str, bytes]) -> str:
        key = (lang, rel.get("Id", ""))
        if key in self.imported:
            return self.imported[key]
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            new = self._copy_part(posixpath.normpath(posixpath.join("word", target)), lang, members)
            target = posixpath.relpath(new, "word")
        rid = f"rIdPar{len(self.imported) + 1}"
        attrs = {"Id": rid, "Type": rel.get("Type", ""), "Target": target}
        if rel.get("TargetMode"):
            attrs["TargetMode"] = rel.get("TargetMode", "")
        etree.SubElement(self.rels, f"{{{PKG_NS}}}Relationship", attrs)
        self.imported[key] = rid
        return rid

    def _copy_part(self, part: str, lang: str, members: dict[str, bytes]) -> str:
        """Copy a part of ``lang``'s package as ``<lang>-<name>``, with the parts it refers to (a chart's
        workbook), and return the copy's name."""
        folder, name = posixpath.split(part)
        new = posixpath.join(folder, f"{lang}-{name}")
        if new in self.members:
            return new
        self.members[new] = members[part]
        own_rels = posixpath.join(folder, "_rels", name + ".rels")
        if own_rels in members:
            rels = etree.fromstring(members[own_rels])
            for sub in rels:
                if sub.get("TargetMode") != "External":
                    copied = self._copy_part(
                        posixpath.normpath(posixpath.join(folder, sub.get("Target", ""))), lang, members
                    )
                    sub.set("Target", posixpath.relpath(copied, folder))
            self.members[posixpath.join(folder, "_rels", f"{lang}-{name}.rels")] = etree.tostring(
                rels, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        for override in self.types.findall(f"{{{CT_NS}}}Override"):
            if override.get("PartName") == "/" + part:
                etree.SubElement(
                    self.types, f"{{{CT_NS}}}Override", PartName="/" + new, ContentType=override.get("ContentType", "")
                )
        return new

    def add_footer(self, sect: etree._Element) -> None:
        """Add a footer with the page number, centred, to a document that has none."""
        self.members[FOOTER] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr>'
            '<w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
            '<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
            '</w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>'
        ).encode()
        etree.SubElement(
            self.rels,
            f"{{{PKG_NS}}}Relationship",
            Id="rIdParFooter",
            Type=FOOTER_REL,
            Target=posixpath.basename(FOOTER),
        )
        etree.SubElement(self.types, f"{{{CT_NS}}}Override", PartName="/" + FOOTER, ContentType=FOOTER_TYPE)
        ref = etree.Element(f"{W}footerReference", {f"{W}type": "default", f"{{{R_NS}}}id": "rIdParFooter"})
        sect.insert(0, ref)

    def zip(self) -> bytes:
        self.members["word/_rels/document.xml.rels"] = etree.tostring(
            self.rels, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        self.members["[Content_Types].xml"] = etree.tostring(
            self.types, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        names = sorted(self.members, key=lambda n: (n != "[Content_Types].xml", n))
        return package.write((name, self.members[name]) for name in names)
