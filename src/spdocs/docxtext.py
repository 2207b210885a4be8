"""DOCX → plain text as a reader sees it, with Word's automatic clause numbers written out.

Clause numbers in the templates are Word list numbering (so a lawyer editing in Word keeps
them, and a clause left out by a condition renumbers the rest). They are not in the text
of the paragraphs, so this module computes them from ``numbering.xml`` as Word does for
the formats the templates use. The golden text dumps and the parity tests read documents
through here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from spdocs import package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Block:
    """A paragraph (with its clause number, if numbered) or a table row (its cells)."""

    number: str
    text: str
    style: str
    cells: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.cells:
            return "| " + " | ".join(self.cells) + " |"
        return f"{self.number} {self.text}" if self.number else self.text


class Numberer:
    """A document's paragraphs read in order as `Block`s, with Word's clause numbers computed.

    Call it on every body paragraph in reading order (empty ones too): list counters advance
    as Word advances them. Works on ElementTree and lxml elements alike.
    """

    def __init__(self, members: Mapping[str, bytes]) -> None:
        self.numbering = _Numbering(members.get("word/numbering.xml"))
        self.styles = _style_numbering(members.get("word/styles.xml"))

    def __call__(self, p: ET.Element) -> Block:
        return _paragraph(p, self.numbering, self.styles)


def blocks(docx: bytes) -> list[Block]:
    """Return the body's paragraphs and table rows in order, empty paragraphs left out."""
    members = package.read(docx, [package.DOCUMENT, "word/numbering.xml", "word/styles.xml"])
    body = ET.fromstring(members[package.DOCUMENT]).find(f"{W}body")
    numberer = Numberer(members)
    out: list[Block] = []
    assert body is not None
    for el in body:
        if el.tag == f"{W}p":
            block = numberer(el)
            if block.text or block.number:
                out.append(block)
        elif el.tag == f"{W}tbl":
            for row in el.iter(f"{W}tr"):
                cells = tuple(
                    " / ".join(_text(p) for p in tc.iter(f"{W}p") if _text(p)) for tc in row.findall(f"{W}tc")
                )
                out.append(Block("", "", "table", cells))
    return out


def text(docx: bytes) -> str:
    """Return the document as text, one paragraph or table row per line."""
    return "\n".join(str(b) for b in blocks(docx)) + "\n"


def _paragraph(p: ET.Element, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> Block:
    ppr = p.find(f"{W}pPr")
    style = ""
    num: tuple[str, int] | None = None
    if ppr is not None:
        pstyle = ppr.find(f"{W}pStyle")
        style = pstyle.get(f"{W}val", "") if pstyle is not None else ""
        numpr = ppr.find(f"{W}numPr")
        if numpr is not None:
            num_id = numpr.find(f"{W}numId")
            ilvl = numpr.find(f"{W}ilvl")
            if num_id is not None:
                num = (num_id.get(f"{W}val", "0"), int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0)
    if num is None and style in styles:
        num = styles[style]
    body = _text(p)
    number = numbering.next(*num) if num and num[0] != "0" else ""
    return Block(number, body, style)


def _text(p: ET.Element) -> str:
    parts = []
    for el in p.iter():
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append("\t")
        elif el.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return re.sub(r"[ \t]+", " ", "".join(parts)).strip()


def _style_numbering(xml: bytes | None) -> dict[str, tuple[str, int]]:
    """Return the list (numId, level) that each numbered paragraph style carries."""
    out: dict[str, tuple[str, int]] = {}
    if not xml:
        return out
    for style in ET.fromstring(xml).iter(f"{W}style"):
        numpr = style.find(f"{W}pPr/{W}numPr")
        if numpr is not None and (num_id := numpr.find(f"{W}numId")) is not None:
            ilvl = numpr.find(f"{W}ilvl")
            out[style.get(f"{W}styleId", "")] = (
                num_id.get(f"{W}val", "0"),
                int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0,
            )
    return out


class _Numbering:
    """Counters for Word lists, advanced paragraph by paragraph as Word numbers them."""

    def __init__(self, xml: bytes | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        if not xml:
            return
        root = ET.fromstring(xml)
        for absn in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in absn.findall(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                txt = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    txt.get(f"{W}val", "") if txt is not None else "",
                    int(start.get(f"{W}val", "1")) if start is not None else 1,
                )
            self.levels[absn.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.abstract_of[num.get(f"{W}numId", "")] = ref.get(f"{W}val", "")

    def next(self, num_id: str, ilvl: int) -> str:
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if ilvl not in levels:
            return ""
        # Lists sharing an abstract definition continue one another, as in Word.
        counters = self.counters.setdefault(abstract or "", [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, pattern, _ = levels[ilvl]
        if fmt == "bullet":
            return ""

        def label(m: re.Match[str]) -> str:
            level = int(m[1]) - 1
            lfmt, _, start = levels.get(level, ("decimal", "", 1))
            return _format(max(counters[level], 1) + start - 1, lfmt)

        return re.sub(r"%(\d)", label, pattern)


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + sym, n - value
    return out
