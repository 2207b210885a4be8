"""Parallel documents: one DOCX with the same clause in each language side by side (kk | ru | en).

Built from the single-language renders of the same templates (one source of wording): each
render's body is read as a sequence of blocks — paragraphs with their Word clause numbers
(`spdocs.docxtext`), tables, page breaks — and the sequences are aligned by position (the
parity tests keep them identical; a difference is a `RenderError` naming the block). Then:

- a paragraph becomes a row of a borderless column table, one cell per language, so that
  each clause starts at the same height in every language; its list number is written as
  text (Word list numbering does not continue across table cells);
- a data table (annexes, the financing plan, the working group's members; a table with a
  table style) becomes ONE table whose rows are the items and whose cells hold the text in
  each language, one under the other, written once where it reads the same (numbers,
  codes, amounts). A lawyer checks an annex item by item: one row per item keeps every
  figure once and every row aligned, and the table keeps the page's full width, where two
  or three narrow copies of a seven-column table would not be readable;
- a layout table (no borders: the date and number line, signature blocks) gives one column
  row per cell: each party's signature block in each language side by side; a position and
  a name each on their own line, since a column is too narrow for both.

The package (styles, numbering, fonts, footer with page numbers) is the first language's; a
document without a footer gets one with the page number. Three columns are set on landscape
pages, where each column keeps the width of two-column portrait pages.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from spdocs import parallel_xml as px
from spdocs.documents import Rendered, Target
from spdocs.docxtext import Numberer
from spdocs.errors import RenderError
from spdocs.languages import LANGS, Lang
from spdocs.package import read as read_package
from spdocs.parallel_xml import W14_NS, W_NS, W


@dataclass(frozen=True)
class Item:
    """One block of a document's body: a paragraph (``p``), a table (``tbl``) or a page break (``break``)."""

    kind: str
    element: etree._Element | None = None
    number: str = ""
    text: str = ""


@dataclass
class _Source:
    """One language's render: its package members, body blocks and numbering indents."""

    lang: Lang
    members: dict[str, bytes]
    items: list[Item]
    root: etree._Element
    indents: dict[tuple[str, int], etree._Element]


def langs_of(langs: Sequence[Lang]) -> tuple[Lang, ...]:
    """Return ``langs`` in column order (the registry's: Kazakh on the left, as Adilet shows acts)."""
    return tuple(sorted(dict.fromkeys(langs), key=LANGS.index))


def build(docs: Sequence[tuple[Lang, bytes]], *, name: str) -> bytes:
    """Return the parallel DOCX of one document rendered in each language of ``docs`` (two or three).

    :param name: what the document is (``agreement``, ``report-2025``), for error messages.
    """
    if len(docs) < 2:
        raise RenderError("a parallel document needs two or more languages", template=name, lang="")
    sources = [_read(lang, data) for lang, data in docs]
    label = "-".join(s.lang for s in sources)
    _check_aligned(sources, name, label)
    base = sources[0]
    package = px.Package(dict(base.members))
    sect = copy.deepcopy(base.root.find(f"{W}body/{W}sectPr"))
    width, landscape = px.page(sect, len(sources))
    column = width // len(sources)
    out = _Body(package, sources, width, column, px.page(sect, 1)[0])
    for row in zip(*(s.items for s in sources), strict=True):
        out.add(list(row))
    body = base.root.find(f"{W}body")
    assert body is not None and sect is not None
    for child in list(body):
        body.remove(child)
    for el in out.finish():
        body.append(el)
    if landscape:
        px.landscape(sect)
    if sect.find(f"{W}footerReference") is None:
        package.add_footer(sect)
    body.append(sect)
    package.members["word/document.xml"] = etree.tostring(
        base.root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    return package.zip()


def _read(lang: Lang, data: bytes) -> _Source:
    members = read_package(data)
    numberer = Numberer(members)
    root = etree.fromstring(members["word/document.xml"])
    body = root.find(f"{W}body")
    assert body is not None
    items: list[Item] = []
    for el in body:
        if el.tag == f"{W}p":
            ppr = el.find(f"{W}pPr")
            if ppr is not None and px.on(ppr.find(f"{W}pageBreakBefore")):
                items.append(Item("break"))
            block = numberer(el)
            if block.text or block.number or el.find(f".//{W}drawing") is not None:
                items.append(Item("p", el, block.number, block.text))
            if el.find(f".//{W}br[@{W}type='page']") is not None:
                items.append(Item("break"))
        elif el.tag == f"{W}tbl":
            items.append(Item("tbl", el, text=px.text(el)))
    # Breaks at the start, the end or twice in a row make no page of their own.
    tidy: list[Item] = []
    for item in items:
        if item.kind == "break" and (not tidy or tidy[-1].kind == "break"):
            continue
        tidy.append(item)
    while tidy and tidy[-1].kind == "break":
        tidy.pop()
    return _Source(lang, members, tidy, root, px.indents(members.get("word/numbering.xml")))


def _check_aligned(sources: list[_Source], name: str, label: str) -> None:
    """Raise `RenderError` at the first block where the languages' documents differ in structure."""
    base = sources[0]
    for other in sources[1:]:
        for i, (a, b) in enumerate(zip(base.items, other.items)):
            if a.kind != b.kind or a.number != b.number:
                raise RenderError(
                    f"the {base.lang} and {other.lang} texts differ in structure at block {i + 1}: "
                    f"{_describe(a)} against {_describe(b)}; the templates must keep the same clauses",
                    template=name,
                    lang=label,
                )
        if len(base.items) != len(other.items):
            longer = base if len(base.items) > len(other.items) else other
            extra = longer.items[min(len(base.items), len(other.items))]
            raise RenderError(
                f"the {longer.lang} text has more blocks than the other, from {_describe(extra)}",
                template=name,
                lang=label,
            )


def _describe(item: Item) -> str:
    if item.kind == "break":
        return "a page break"
    if item.kind == "tbl":
        return f"a table («{item.text[:40]}»)"
    return f"«{(item.number + ' ' + item.text).strip()[:60]}»"


class _Body:
    """The parallel body being built: column tables, full-width tables and page breaks, in order."""

    def __init__(self, package: px.Package, sources: list[_Source], width: int, column: int, single: int) -> None:
        self.package, self.sources, self.width, self.column = package, sources, width, column
        self.single = single  # the text width of the single-language pages
        self.out: list[etree._Element] = []
        self.table: etree._Element | None = None

    def add(self, row: list[Item]) -> None:
        kind = row[0].kind
        if kind == "break":
            self._close()
            self.out.append(px.page_break())
        elif kind == "p":
            self._row([[self._paragraph(item, i)] for i, item in enumerate(row)])
        elif px.is_data_table(row[0].element):
            self._close()
            self._append(self._merged([item.element for item in row]))
        else:
            self._layout([item.element for item in row])

    def finish(self) -> list[etree._Element]:
        self._close()
        return self.out

    # Column rows

    def _row(self, cells: list[list[etree._Element]], *, whole: bool = False) -> None:
        """Add a row of one cell per language; ``whole``: never split across pages (a signature)."""
        if self.table is None:
            self.table = px.column_table(len(self.sources), self.column)
        tr = etree.SubElement(self.table, f"{W}tr")
        if whole:
            etree.SubElement(etree.SubElement(tr, f"{W}trPr"), f"{W}cantSplit")
        for content in cells:
            tc = etree.SubElement(tr, f"{W}tc")
            tcpr = etree.SubElement(tc, f"{W}tcPr")
            etree.SubElement(tcpr, f"{W}tcW", {f"{W}w": str(self.column), f"{W}type": "dxa"})
            for el in content:
                tc.append(el)
            if not len(content) or content[-1].tag != f"{W}p":
                etree.SubElement(tc, f"{W}p")  # a cell ends with a paragraph

    def _close(self) -> None:
        if self.table is not None:
            self._append(self.table)
            self.table = None

    def _append(self, el: etree._Element) -> None:
        if el.tag == f"{W}tbl" and self.out and self.out[-1].tag == f"{W}tbl":
            self.out.append(etree.Element(f"{W}p"))  # two tables in a row would merge into one
        self.out.append(el)

    def _paragraph(self, item: Item, i: int) -> etree._Element:
        """Return a copy of a paragraph for a column: its clause number as text, tabs within the column."""
        assert item.element is not None
        source = self.sources[i]
        p = self._copy(item.element, i)
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            ppr = etree.Element(f"{W}pPr")
            p.insert(0, ppr)
        for tag in ("pageBreakBefore", "sectPr"):
            for el in ppr.findall(f"{W}{tag}"):
                ppr.remove(el)
        numpr = ppr.find(f"{W}numPr")
        level = _level_of(numpr, ppr, source)
        if item.number:
            # numId 0 switches off the list of the paragraph or of its style; the level's indents stay.
            px.set(
                ppr,
                "numPr",
                etree.fromstring(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'),
            )
            indent = source.indents.get(level) if level else None
            if indent is not None and ppr.find(f"{W}ind") is None:
                px.set(ppr, "ind", copy.deepcopy(indent))
            run = etree.Element(f"{W}r")
            mark = ppr.find(f"{W}rPr")
            if mark is not None:
                run.append(copy.deepcopy(mark))
            t = etree.SubElement(run, f"{W}t")
            t.text = item.number + " "
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            p.insert(list(p).index(ppr) + 1, run)
        limit = self.column - 2 * px.GAP
        for ind in ppr.findall(f"{W}ind"):
            # Side indents shrink with the column; a block set to the right of the page (an annex's
            # reference) keeps two thirds of its column.
            for side in ("left", "start", "right", "end"):
                value = int(ind.get(f"{W}{side}", "0"))
                if value > 0:
                    ind.set(f"{W}{side}", str(min(value * self.column // self.single, limit // 3)))
        for tab in ppr.findall(f"{W}tabs/{W}tab"):
            if int(tab.get(f"{W}pos", "0")) > limit:
                tab.set(f"{W}pos", str(limit))
        px.shrink_pictures(p, limit)
        return p

    # Tables

    def _merged(self, tables: list[etree._Element | None]) -> etree._Element:
        """Return the first language's table with each cell holding every language's text (once if alike)."""
        base = self._copy(tables[0], 0)
        grids = [px.cells(t) for t in tables]
        shape = [len(r) for r in grids[0]]
        for lang_index, grid in enumerate(grids[1:], start=1):
            if [len(r) for r in grid] != shape:
                raise RenderError(
                    f"the table «{px.text(tables[0])[:40]}» has other rows or cells in {self.sources[lang_index].lang}",
                    template="parallel",
                    lang="-".join(s.lang for s in self.sources),
                )
        for r, row in enumerate(px.cells(base)):
            for c, tc in enumerate(row):
                texts = [px.text(grid[r][c]) for grid in grids]
                if len(set(texts)) == 1:
                    continue
                for lang_index, grid in enumerate(grids[1:], start=1):
                    if not texts[lang_index]:
                        continue
                    added = [
                        self._copy(el, lang_index)
                        for el in grid[r][c]
                        if el.tag in (f"{W}p", f"{W}tbl") and px.text(el)
                    ]
                    if added and added[0].tag == f"{W}p":
                        px.separator(added[0])
                    for el in added:
                        tc.append(el)
        px.scale(base, self.width / px.table_width(tables[0], self.width))
        return base

    def _layout(self, tables: list[etree._Element | None]) -> None:
        """A borderless table (date line, signature blocks): one column row per cell, in each language."""
        grids = [px.cells(t) for t in tables]
        for r, row in enumerate(grids[0]):
            for c in range(len(row)):
                cells = []
                for i, grid in enumerate(grids):
                    if r >= len(grid) or c >= len(grid[r]):
                        raise RenderError(
                            f"the table «{px.text(tables[0])[:40]}» has other rows or cells in {self.sources[i].lang}",
                            template="parallel",
                            lang="-".join(s.lang for s in self.sources),
                        )
                    cells.append([self._copy(el, i) for el in grid[r][c] if el.tag in (f"{W}p", f"{W}tbl")])
                if any(px.text(el) for content in cells for el in content):
                    self._row(cells, whole=True)

    def _copy(self, el: etree._Element | None, lang_index: int) -> etree._Element:
        """Return a deep copy of ``el`` that refers only to parts of the output package."""
        assert el is not None
        out = copy.deepcopy(el)
        for mark in out.xpath(".//w:bookmarkStart|.//w:bookmarkEnd", namespaces={"w": W_NS}):
            mark.getparent().remove(mark)
        for node in out.iter():
            for attr in (f"{{{W14_NS}}}paraId", f"{{{W14_NS}}}textId"):
                node.attrib.pop(attr, None)
        if lang_index:
            self.package.import_refs(out, self.sources[lang_index].lang, self.sources[lang_index].members)
        return out


def _level_of(numpr: etree._Element | None, ppr: etree._Element, source: _Source) -> tuple[str, int] | None:
    """Return the (numId, level) of a paragraph's list, from its own properties or its style's."""
    if numpr is not None and (num := numpr.find(f"{W}numId")) is not None:
        ilvl = numpr.find(f"{W}ilvl")
        return (num.get(f"{W}val", "0"), int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0)
    style = ppr.find(f"{W}pStyle")
    styles = source.members.get("word/styles.xml")
    if style is None or not styles:
        return None
    root = etree.fromstring(styles)
    found = root.find(f"{W}style[@{W}styleId='{style.get(f'{W}val', '')}']/{W}pPr/{W}numPr")
    if found is None or (num := found.find(f"{W}numId")) is None:
        return None
    ilvl = found.find(f"{W}ilvl")
    return (num.get(f"{W}val", "0"), int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0)


LAYOUTS = ("separate", "parallel")


def combine(records: Sequence[Rendered]) -> list[Rendered]:
    """Return one parallel record for each document (kind and period) of ``records`` made in two or more languages.

    Its target's language is the languages joined, in column order: ``agreement.kk-ru.docx``.
    """
    groups: dict[tuple[str, str | None], list[Rendered]] = {}
    for record in records:
        groups.setdefault((record.target.kind, record.target.period), []).append(record)
    out = []
    for (kind, period), group in groups.items():
        if len(group) < 2:
            continue
        group = sorted(group, key=lambda r: LANGS.index(r.target.lang))
        name = f"{kind}-{period}" if period else kind
        data = build([(r.target.lang, r.data) for r in group], name=name)
        out.append(Rendered(Target(kind, joined(r.target.lang for r in group), period), data))
    return out


def joined(langs: Iterable[Lang]) -> str:
    """Return the name of a set of languages in files: ``kk-ru``."""
    return "-".join(langs_of(tuple(langs)))


def split(name: str) -> tuple[Lang, ...]:
    """Return the languages of a file's language part: ``split("kk-ru") == ("kk", "ru")``."""
    return tuple(name.split("-"))
