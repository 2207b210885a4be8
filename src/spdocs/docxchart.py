"""Native Word charts: a template's chart part and embedded workbook filled with data (pure).

A template holds a real chart (``word/charts/chartN.xml``, a DrawingML ``c:chartSpace``)
made in Word or by a script, with the workbook behind it embedded as an ``.xlsx`` package
(``c:externalData``), as Word itself stores a chart: that embedded workbook is what makes
Word's "Edit data" work. The template decides how the chart looks — its type, colours,
fonts, axes, legend; :func:`fill` puts the data in:

- the category axis labels and, per series in the template's order, the series name, the
  values (None leaves a gap: no bar, never 0) and custom data labels per point;
- the title, the value axis title and the value axis maximum;
- the same table in the embedded workbook's first sheet (categories in column A, one
  column per series, names in row 1), and the chart's references (``c:f``) to it.

The cached values in the chart part are what Word and LibreOffice draw; Word refreshes them
from the workbook only when a user edits the data. :func:`read` reads both back.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from lxml import etree

from spdocs import package

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS = {"c": C, "a": A, "r": R, "s": S}
PACKAGE_REL = package.REL + "package"
# Series children that come after c:dLbls in CT_BarSer/CT_LineSer: a new c:dLbls goes before them.
_AFTER_DLBLS = ("trendline", "errBars", "cat", "val", "xVal", "yVal", "smooth", "shape", "extLst")


@dataclass(frozen=True)
class Series:
    """One series: its name, a value per category (None: no value) and a data label per point."""

    name: str
    values: tuple[Decimal | None, ...]
    labels: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class ChartData:
    """What a chart shows: categories, series in the template's order, titles and the axis maximum."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    title: str | None = None
    axis_title: str | None = None
    axis_max: Decimal | None = None


def fill(members: Mapping[str, bytes], part: str, data: ChartData) -> dict[str, bytes]:
    """Return the chart ``part`` of a package, and its embedded workbook, filled with ``data``.

    :param members: the package's members (the chart part, its relationships, the workbook).
    :raises ValueError: the part is not a chart, or has fewer series than ``data``.
    """
    root = etree.fromstring(members[part])
    if root.tag != f"{{{C}}}chartSpace":
        raise ValueError(f"{part} is not a chart part")
    plot = root.find("c:chart/c:plotArea", _NS)
    series = plot.findall("*/c:ser", _NS) if plot is not None else []
    if len(series) < len(data.series):
        raise ValueError(f"{part} has {len(series)} series; {len(data.series)} are needed")
    for extra in series[len(data.series) :]:
        extra.getparent().remove(extra)
    sheet = _sheet_name(series[0]) if series else "Sheet1"
    n = len(data.categories)
    for i, (ser, given) in enumerate(zip(series, data.series)):
        if len(given.values) != n:
            raise ValueError(f"series '{given.name}' has {len(given.values)} values for {n} categories")
        col = _column(i + 1)
        _replace(ser, "tx", _str_ref("tx", f"{sheet}!${col}$1", [given.name]))
        _replace(ser, "cat", _str_ref("cat", f"{sheet}!$A$2:$A${n + 1}", list(data.categories)))
        _replace(ser, "val", _num_ref(f"{sheet}!${col}$2:${col}${n + 1}", given.values))
        for point in ser.findall("c:dPt", _NS):  # the template's sample points
            ser.remove(point)
        _labels(ser, given.labels)
    if data.title is not None:
        _set_title(root.find("c:chart", _NS), data.title)
    axis = plot.find("c:valAx", _NS) if plot is not None else None
    if axis is not None and data.axis_title is not None:
        _set_title(axis, data.axis_title)
    if axis is not None and data.axis_max is not None:
        _set_max(axis, data.axis_max)
    out = {part: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)}
    workbook = _workbook_part(members, part, root)
    if workbook is not None:
        out[workbook] = _fill_workbook(members[workbook], data)
    return out


def read(members: Mapping[str, bytes], part: str) -> tuple[ChartData, list[list[str | Decimal | None]]]:
    """Return what the chart ``part`` shows (from its caches) and its embedded workbook's first sheet as rows."""
    root = etree.fromstring(members[part])
    series = root.findall("c:chart/c:plotArea/*/c:ser", _NS)
    categories: tuple[str, ...] = ()
    out = []
    for ser in series:
        cats = _cache(ser.find("c:cat", _NS))
        categories = tuple(str(c) for c in cats) if cats else categories
        values = _cache(ser.find("c:val", _NS))
        labels = {
            int(_attr(d.find("c:idx", _NS)) or 0): "".join(d.itertext(f"{{{A}}}t"))
            for d in ser.findall("c:dLbls/c:dLbl", _NS)
        }
        name = _cache(ser.find("c:tx", _NS))
        out.append(
            Series(
                name=str(name[0]) if name else "",
                values=tuple(Decimal(v) if v is not None else None for v in values),
                labels=tuple(labels.get(k) for k in range(len(values))),
            )
        )
    title = root.find("c:chart/c:title", _NS)
    axis = root.find("c:chart/c:plotArea/c:valAx", _NS)
    top = _attr(axis.find("c:scaling/c:max", _NS)) if axis is not None else None
    axis_title = axis.find("c:title", _NS) if axis is not None else None
    chart = ChartData(
        categories=categories,
        series=tuple(out),
        title="".join(title.itertext(f"{{{A}}}t")) if title is not None else None,
        axis_title="".join(axis_title.itertext(f"{{{A}}}t")) if axis_title is not None else None,
        axis_max=Decimal(top) if top is not None else None,
    )
    workbook = _workbook_part(members, part, root)
    return chart, (_sheet_rows(members[workbook]) if workbook is not None else [])


# The chart part ----------------------------------------------------------------------


def _el(tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    prefix, name = tag.split(":")
    # No nsmap: once in the tree, lxml writes the chart's own prefixes (c:, a:).
    el = etree.Element(f"{{{_NS[prefix]}}}{name}", attrs)
    el.text = text
    return el


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    prefix, name = tag.split(":")
    el = etree.SubElement(parent, f"{{{_NS[prefix]}}}{name}", attrs)
    el.text = text
    return el


def _str_ref(tag: str, formula: str, texts: list[str]) -> etree._Element:
    el = _el(f"c:{tag}")
    ref = _sub(el, "c:strRef")
    _sub(ref, "c:f", formula)
    cache = _sub(ref, "c:strCache")
    _sub(cache, "c:ptCount", val=str(len(texts)))
    for idx, text in enumerate(texts):
        _sub(_sub(cache, "c:pt", idx=str(idx)), "c:v", text)
    return el


def _num_ref(formula: str, values: tuple[Decimal | None, ...]) -> etree._Element:
    el = _el("c:val")
    ref = _sub(el, "c:numRef")
    _sub(ref, "c:f", formula)
    cache = _sub(ref, "c:numCache")
    _sub(cache, "c:formatCode", "General")
    _sub(cache, "c:ptCount", val=str(len(values)))
    for idx, value in enumerate(values):
        if value is not None:  # a missing point is left out of the cache: a gap, not 0
            _sub(_sub(cache, "c:pt", idx=str(idx)), "c:v", _number(value))
    return el


def _replace(ser: etree._Element, tag: str, new: etree._Element) -> None:
    """Put ``new`` in place of the series' ``c:<tag>`` (the template must have one: it fixes the order)."""
    old = ser.find(f"c:{tag}", _NS)
    if old is None:
        raise ValueError(f"a chart series has no c:{tag} to fill")
    ser.replace(old, new)


def _labels(ser: etree._Element, labels: tuple[str | None, ...]) -> None:
    """Give the series one custom data label per labelled point; the others show none."""
    dlbls = ser.find("c:dLbls", _NS)
    if dlbls is None:
        dlbls = _el("c:dLbls")
        following = next((ser.find(f"c:{t}", _NS) for t in _AFTER_DLBLS if ser.find(f"c:{t}", _NS) is not None), None)
        if following is not None:
            following.addprevious(dlbls)
        else:
            ser.append(dlbls)
        for flag in ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize"):
            _sub(dlbls, f"c:{flag}", val="0")
    for old in dlbls.findall("c:dLbl", _NS):
        dlbls.remove(old)
    # The series-wide settings' text properties and position are the template's style for labels.
    txpr = dlbls.find("c:txPr", _NS)
    position = _attr(dlbls.find("c:dLblPos", _NS))
    for idx in reversed(range(len(labels))):
        text = labels[idx]
        if text is None:
            continue
        label = _el("c:dLbl")
        _sub(label, "c:idx", val=str(idx))
        rich = _sub(_sub(label, "c:tx"), "c:rich")
        body = txpr.find("a:bodyPr", _NS) if txpr is not None else None
        rich.append(_copy(body) if body is not None else _el("a:bodyPr"))
        _sub(rich, "a:lstStyle")
        paragraph = _sub(rich, "a:p")
        run_props = txpr.find("a:p/a:pPr/a:defRPr", _NS) if txpr is not None else None
        run = _sub(paragraph, "a:r")
        if run_props is not None:
            props = _copy(run_props)
            props.tag = f"{{{A}}}rPr"
            run.append(props)
        _sub(run, "a:t", text)
        if position:
            _sub(label, "c:dLblPos", val=position)
        for flag, value in (("showLegendKey", "0"), ("showVal", "1"), ("showCatName", "0"), ("showSerName", "0")):
            _sub(label, f"c:{flag}", val=value)
        _sub(label, "c:showPercent", val="0")
        _sub(label, "c:showBubbleSize", val="0")
        dlbls.insert(0, label)


def _set_title(owner: etree._Element, text: str) -> None:
    """Set the text of the title of ``owner`` (the chart or an axis): its first run gets it all."""
    runs = owner.findall("c:title/c:tx/c:rich/a:p/a:r", _NS)
    if not runs:
        return  # the template has no such title, or one taken from a cell: leave it
    runs[0].find("a:t", _NS).text = text
    for run in runs[1:]:
        run.getparent().remove(run)
    for paragraph in owner.findall("c:title/c:tx/c:rich/a:p", _NS)[1:]:
        paragraph.getparent().remove(paragraph)


def _set_max(axis: etree._Element, top: Decimal) -> None:
    scaling = axis.find("c:scaling", _NS)
    if scaling is None:
        return
    found = scaling.find("c:max", _NS)
    if found is None:
        found = _el("c:max")
        after = scaling.find("c:orientation", _NS)
        if after is None:
            after = scaling.find("c:logBase", _NS)
        if after is not None:
            after.addnext(found)
        else:
            scaling.insert(0, found)
    found.set("val", _number(top))


def _cache(ref: etree._Element | None) -> list[str | None]:
    """Return the cached points of a c:tx, c:cat or c:val, None where a point is missing."""
    if ref is None:
        return []
    count = ref.find(".//c:ptCount", _NS)
    points = {int(pt.get("idx", "0")): pt.findtext("c:v", "", _NS) for pt in ref.iterfind(".//c:pt", _NS)}
    total = int(count.get("val", "0")) if count is not None else len(points)
    return [points.get(k) for k in range(total)]


def _sheet_name(ser: etree._Element) -> str:
    """Return the sheet that the template's references name (quoted if it has to be)."""
    formula = ser.findtext(".//c:f", "", _NS)
    return formula.rsplit("!", 1)[0] if "!" in formula else "Sheet1"


def _workbook_part(members: Mapping[str, bytes], part: str, root: etree._Element) -> str | None:
    external = root.find("c:externalData", _NS)
    rid = external.get(f"{{{R}}}id") if external is not None else None
    rel = package.relationships(members, part).get(rid or "")
    if rel is None or rel.external or rel.type != PACKAGE_REL or rel.target not in members:
        return None
    return rel.target


# The embedded workbook -----------------------------------------------------------------


def _fill_workbook(xlsx: bytes, data: ChartData) -> bytes:
    """Return the workbook ``xlsx`` with its first sheet holding the chart's table."""
    entries, sheet, xml = _workbook_template(xlsx)
    rows: list[list[str | Decimal | None]] = [["", *(s.name for s in data.series)]]
    rows += [[category, *(s.values[k] for s in data.series)] for k, category in enumerate(data.categories)]
    cells = "".join(
        f'<row r="{r}">'
        + "".join(_cell(f"{_column(c)}{r}", v) for c, v in enumerate(row) if v not in (None, ""))
        + "</row>"
        for r, row in enumerate(rows, 1)
    )
    last = f"{_column(len(data.series))}{len(rows)}"
    data_xml = f"<sheetData>{cells}</sheetData>"
    xml = re.sub(r"<sheetData\s*/>|<sheetData>.*?</sheetData>", lambda _: data_xml, xml, count=1, flags=re.S)
    xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:{last}"/>', xml, count=1)
    return package.write((sheet, xml.encode("utf-8")) if e.name == sheet else e for e in entries)


@functools.lru_cache(maxsize=16)
def _workbook_template(xlsx: bytes) -> tuple[tuple[package.Entry, ...], str, str]:
    """Return a template workbook's members compressed once, its first sheet's name and XML."""
    members = package.read(xlsx)
    sheet = _first_sheet(members)
    entries = tuple(package.entry(name, data) for name, data in members.items())
    return entries, sheet, members[sheet].decode("utf-8")


def _sheet_rows(xlsx: bytes) -> list[list[str | Decimal | None]]:
    members = package.read(xlsx)
    root = etree.fromstring(members[_first_sheet(members)])
    rows = []
    for row in root.iterfind("s:sheetData/s:row", _NS):
        values: dict[int, str | Decimal] = {}
        for cell in row.iterfind("s:c", _NS):
            col = _column_index(re.sub(r"\d", "", cell.get("r", "")))
            if cell.get("t") == "inlineStr":
                values[col] = "".join(cell.find("s:is", _NS).itertext())
            elif (v := cell.findtext("s:v", None, _NS)) is not None:
                values[col] = Decimal(v)
        rows.append([values.get(c) for c in range(max(values, default=-1) + 1)])
    return rows


def _first_sheet(members: Mapping[str, bytes]) -> str:
    book = next(r.target for r in package.relationships(members, "").values() if r.type.endswith("/officeDocument"))
    first = re.search(rb'<sheet\b[^>]*\br:id="([^"]+)"', members[book])
    rels = package.relationships(members, book)
    if first is None or first[1].decode() not in rels:
        raise ValueError("the chart's embedded workbook has no sheet")
    return rels[first[1].decode()].target


def _cell(ref: str, value: str | Decimal | None) -> str:
    if isinstance(value, Decimal):
        return f'<c r="{ref}"><v>{_number(value)}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


# Small helpers -------------------------------------------------------------------------


def _number(value: Decimal) -> str:
    """Return ``value`` as XML writes numbers: plain digits, a point, no exponent."""
    return format(value.normalize(), "f")


def _column(index: int) -> str:
    """Return the spreadsheet column letters of a 0-based index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


def _copy(el: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(el))


def _attr(el: etree._Element | None) -> str | None:
    return el.get("val") if el is not None else None
