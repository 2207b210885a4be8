"""A redline: the new version of a DOCX with Word tracked changes (w:ins, w:del) against the old one.

The bodies of the two documents are aligned paragraph by paragraph and table by table, by
their text. What is equal is the new document's own XML; a paragraph reworded shows its
words deleted and inserted; a paragraph, table row or table added or removed is shown as
inserted or deleted as a whole (its paragraph mark too, so that accepting every change in
Word gives exactly the new document's text). Pure: bytes in, bytes out; the revisions carry
a fixed author and date, so the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import difflib
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree  # python-docx's XML library (no type stubs: see pyproject's mypy overrides)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.U)


class _Revisions:
    """Makes w:ins / w:del elements with unique ids, one author and one date."""

    def __init__(self, author: str, date: str) -> None:
        self.author, self.date, self.next_id = author, date, 1

    def mark(self, tag: str) -> Any:
        el = etree.Element(f"{W}{tag}")
        el.set(f"{W}id", str(self.next_id))
        el.set(f"{W}author", self.author)
        el.set(f"{W}date", self.date)
        self.next_id += 1
        return el


def redline(old: bytes, new: bytes, *, author: str = "spdocs", date: str = "2000-01-01T00:00:00Z") -> bytes:
    """Return ``new`` with tracked changes that turn ``old`` into it."""
    old_body = _body(old)
    with zipfile.ZipFile(io.BytesIO(new)) as zf:
        members = [(info, zf.read(info.filename)) for info in zf.infolist()]
    document = next(data for info, data in members if info.filename == "word/document.xml")
    root = etree.fromstring(document)
    body = root.find(f"{W}body")
    assert body is not None
    revisions = _Revisions(author, date)
    _merge(body, [c for c in old_body if c.tag != f"{W}sectPr"], revisions)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info, xml if info.filename == "word/document.xml" else data)
    return out.getvalue()


def revisions(docx: bytes) -> tuple[list[str], list[str]]:
    """Return the texts inserted and deleted by the tracked changes of ``docx`` (one item per mark)."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    inserted = ["".join(t.text or "" for t in el.iter(f"{W}t")) for el in root.iter(f"{W}ins")]
    deleted = ["".join(t.text or "" for t in el.iter(f"{W}delText")) for el in root.iter(f"{W}del")]
    return [t for t in inserted if t], [t for t in deleted if t]


def _body(docx: bytes) -> Any:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    return root.find(f"{W}body")


def _text(el: Any) -> str:
    if el.tag == f"{W}tbl":
        return "\n".join(_text(row) for row in el.iter(f"{W}tr"))
    if el.tag == f"{W}tr":
        return " | ".join("".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in el.iter(f"{W}tc"))
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _merge(body: Any, old: list[Any], rev: _Revisions) -> None:
    new = [c for c in body if c.tag != f"{W}sectPr"]
    matcher = difflib.SequenceMatcher(a=[_key(c) for c in old], b=[_key(c) for c in new], autojunk=False)
    for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):  # from the end: indices stay valid
        if op == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        anchor = news[0] if news else (new[j1] if j1 < len(new) else None)
        pairs = list(zip(olds, news)) if op == "replace" else []
        for o, n in pairs:
            if o.tag == n.tag == f"{W}p":
                _reword(n, o, rev)
            elif o.tag == n.tag == f"{W}tbl":
                _merge_rows(n, o, rev)
            else:
                _deleted_before(n, o, rev)
                _mark_inserted(n, rev)
        after = news[-1] if news else None  # deleted elements go after the new ones they stood with
        for o in olds[len(pairs) :]:
            copy_ = copy.deepcopy(o)
            _mark_deleted(copy_, rev)
            if after is not None:
                after.addnext(copy_)
                after = copy_
            elif anchor is not None:
                anchor.addprevious(copy_)
            else:
                _append(body, copy_)
        for n in news[len(pairs) :]:
            _mark_inserted(n, rev)


def _append(body: Any, el: Any) -> None:
    sect = body.find(f"{W}sectPr")
    if sect is not None:
        sect.addprevious(el)
    else:
        body.append(el)


def _key(el: Any) -> str:
    return f"{el.tag}:{_text(el)}"


def _deleted_before(n: Any, o: Any, rev: _Revisions) -> None:
    copy_ = copy.deepcopy(o)
    _mark_deleted(copy_, rev)
    n.addprevious(copy_)


def _merge_rows(table: Any, old_table: Any, rev: _Revisions) -> None:
    rows = table.findall(f"{W}tr")
    old_rows = old_table.findall(f"{W}tr")
    matcher = difflib.SequenceMatcher(a=[_text(r) for r in old_rows], b=[_text(r) for r in rows], autojunk=False)
    for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if op == "equal":
            continue
        for n in rows[j1:j2]:
            _mark_inserted(n, rev)
        for o in reversed(old_rows[i1:i2]):
            copy_ = copy.deepcopy(o)
            _mark_deleted(copy_, rev)
            if j1 < len(rows):
                rows[j1].addprevious(copy_)
            else:
                table.append(copy_)


def _runs(el: Any) -> Iterator[Any]:
    yield from [r for r in el.iter(f"{W}r") if r.getparent().tag not in (f"{W}ins", f"{W}del")]


def _mark_inserted(el: Any, rev: _Revisions) -> None:
    for run in list(_runs(el)):
        wrapper = rev.mark("ins")
        run.addprevious(wrapper)
        wrapper.append(run)
    _mark_ends(el, "ins", rev)


def _mark_deleted(el: Any, rev: _Revisions) -> None:
    for run in list(_runs(el)):
        for t in run.findall(f"{W}t"):
            t.tag = f"{W}delText"
        wrapper = rev.mark("del")
        run.addprevious(wrapper)
        wrapper.append(run)
    _mark_ends(el, "del", rev)


def _mark_ends(el: Any, tag: str, rev: _Revisions) -> None:
    """Mark paragraph marks (w:pPr/w:rPr) and table rows (w:trPr) as inserted or deleted too."""
    paragraphs = [el] if el.tag == f"{W}p" else list(el.iter(f"{W}p"))
    for p in paragraphs:
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            ppr = etree.Element(f"{W}pPr")
            p.insert(0, ppr)
        rpr = ppr.find(f"{W}rPr")
        if rpr is None:
            rpr = etree.SubElement(ppr, f"{W}rPr")
        rpr.append(rev.mark(tag))
    rows = [el] if el.tag == f"{W}tr" else list(el.iter(f"{W}tr"))
    for row in rows:
        trpr = row.find(f"{W}trPr")
        if trpr is None:
            trpr = etree.Element(f"{W}trPr")
            tblpr = row.find(f"{W}tblPrEx")
            if tblpr is not None:
                tblpr.addnext(trpr)
            else:
                row.insert(0, trpr)
        trpr.append(rev.mark(tag))


def _reword(p: Any, old: Any, rev: _Revisions) -> None:
    """Rewrite paragraph ``p``'s runs as a word-level diff against ``old``."""
    new_rpr = _first_rpr(p)
    old_rpr = _first_rpr(old)
    a, b = _TOKENS.findall(_text(old)), _TOKENS.findall(_text(p))
    for child in list(p):
        if child.tag != f"{W}pPr":
            p.remove(child)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            wrapper = rev.mark("del")
            wrapper.append(_run("".join(a[i1:i2]), old_rpr, deleted=True))
            p.append(wrapper)
        if op in ("replace", "insert"):
            wrapper = rev.mark("ins")
            wrapper.append(_run("".join(b[j1:j2]), new_rpr))
            p.append(wrapper)
        if op == "equal":
            p.append(_run("".join(b[j1:j2]), new_rpr))


def _first_rpr(p: Any) -> Any:
    run = p.find(f".//{W}r")
    rpr = run.find(f"{W}rPr") if run is not None else None
    return copy.deepcopy(rpr) if rpr is not None else None


def _run(text: str, rpr: Any, *, deleted: bool = False) -> Any:
    run = etree.Element(f"{W}r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, f"{W}delText" if deleted else f"{W}t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run
