"""Parallel documents: each row holds the same clause in every language, as the single-language files say it."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import docx
import pytest
from lxml import etree

from conftest import EXAMPLES, ROOT, example, rendered, requires_soffice
from spdocs import documents, package, parallel
from spdocs.cli import cli
from spdocs.docxtext import Numberer
from spdocs.errors import RenderError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = [p.stem for p in EXAMPLES]
CASES = [(n, "agreement", ("kk", "ru")) for n in NAMES]
CASES += [(n, "order", ("kk", "ru")) for n in NAMES if example(n).working_group]
CASES += [(n, "agreement", ("kk", "ru", "en")) for n in NAMES]
CLAUSE = re.compile(r"^(\d+(?:\.\d+)*\.|\d+\))\s")


def _parallel(name: str, kind: str, langs: tuple[str, ...]) -> bytes:
    return parallel.build([(lang, rendered(name, kind, lang)) for lang in langs], name=kind)


def _text(el: etree._Element) -> str:
    """Return the text as `spdocs.docxtext` reads it (tabs and runs of spaces as one space, breaks kept)."""
    parts = [
        (x.text or "") if x.tag == f"{W}t" else "\t" if x.tag == f"{W}tab" else "\n"
        for x in el.iter(f"{W}t", f"{W}tab", f"{W}br")
    ]
    return re.sub(r"[ \t]+", " ", "".join(parts)).strip()


def _body(data: bytes) -> tuple[etree._Element, zipfile.ZipFile]:
    zf = zipfile.ZipFile(io.BytesIO(data))
    body = etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    return body, zf


def _is_data(tbl: etree._Element) -> bool:
    return tbl.find(f"{W}tblPr/{W}tblStyle") is not None or tbl.find(f"{W}tblPr/{W}tblBorders") is not None


def _is_columns(tbl: etree._Element) -> bool:
    """Return whether a table is one of parallel's column tables: no outer border, a line between columns."""
    borders = tbl.find(f"{W}tblPr/{W}tblBorders")
    if tbl.find(f"{W}tblPr/{W}tblStyle") is not None or borders is None:
        return False
    top = borders.find(f"{W}top")
    return borders.find(f"{W}insideV") is not None and top is not None and top.get(f"{W}val") == "nil"


def _single(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """Return a single-language document's lines as a reader meets them (clause numbers written out,
    a layout table's cells one after another) and its data tables as rows of cells (paragraph texts)."""
    body, _zf = _body(data)
    number = Numberer(package.read(data))
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    for el in body:
        if el.tag == f"{W}p":
            block = number(el)
            if block.text or block.number:
                lines.append(str(block))
        elif el.tag == f"{W}tbl" and _is_data(el):
            tables.append([[_text(tc) for tc in tr.findall(f"{W}tc")] for tr in el.findall(f"{W}tr")])
        elif el.tag == f"{W}tbl":
            for tr in el.findall(f"{W}tr"):
                for tc in tr.findall(f"{W}tc"):
                    lines += [_text(p) for p in tc.findall(f"{W}p") if _text(p)]
    return lines, tables


@pytest.mark.parametrize(("name", "kind", "langs"), CASES, ids=[f"{n}/{k}.{'-'.join(x)}" for n, k, x in CASES])
def test_each_row_holds_the_same_clause_in_every_language(name, kind, langs):
    data = _parallel(name, kind, langs)
    singles = {lang: _single(rendered(name, kind, lang)) for lang in langs}
    body, _ = _body(data)
    columns: dict[str, list[str]] = {lang: [] for lang in langs}
    merged: list[etree._Element] = []
    rows = 0
    for tbl in body.iter(f"{W}tbl"):
        if tbl.getparent() is not body:
            continue
        if not _is_columns(tbl):
            merged.append(tbl)
            continue
        for tr in tbl.findall(f"{W}tr"):
            cells = tr.findall(f"{W}tc")
            assert len(cells) == len(langs)
            texts = [[_text(p) for p in tc.findall(f"{W}p") if _text(p)] for tc in cells]
            numbers = {(CLAUSE.match(t[0])[1] if t and CLAUSE.match(t[0]) else "") for t in texts}
            assert len(numbers) == 1, f"clause numbers differ in one row: {texts}"
            for lang, lines in zip(langs, texts):
                columns[lang] += lines
            rows += 1
    assert rows > 20
    for lang in langs:
        assert columns[lang] == singles[lang][0], f"the {lang} column is not the {lang} document"
    # Data tables: one table, every language's text of each cell in its cell (once where alike).
    assert len(merged) == len(singles[langs[0]][1])
    for i, tbl in enumerate(merged):
        cells = [[tc for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]
        for lang in langs:
            table = singles[lang][1][i]
            assert [len(r) for r in cells] == [len(r) for r in table]
            for r, row in enumerate(table):
                for c, text in enumerate(row):
                    assert text in _text(cells[r][c]) or text.replace(" ", "") in _text(cells[r][c]).replace(" ", "")


def test_three_languages_on_landscape_pages_two_on_portrait():
    three, _ = _body(_parallel("taraz-mendeleev", "agreement", ("kk", "ru", "en")))
    two, _ = _body(_parallel("taraz-mendeleev", "agreement", ("kk", "ru")))
    assert three.find(f"{W}sectPr/{W}pgSz").get(f"{W}orient") == "landscape"
    assert two.find(f"{W}sectPr/{W}pgSz").get(f"{W}orient") is None


def test_opens_in_word_terms_with_page_numbers_and_unique_picture_ids():
    data = _parallel("taraz-mendeleev", "order", ("kk", "ru"))
    document = docx.Document(io.BytesIO(data))  # a package Word's reader accepts
    footer = document.sections[0].footer
    assert any("PAGE" in el.text for el in footer._element.iter(f"{W}instrText"))
    report = documents.render_all(
        example("kaznmu-duke"),
        [documents.Target("report", lang, "2025") for lang in ("kk", "ru")],
    )
    (both,) = parallel.combine(list(report))
    assert both.target.filename() == "report-2025.kk-ru.docx"
    body, zf = _body(both.data)
    ids = [
        el.get("id")
        for el in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    ]
    assert len(ids) == 2 and len(set(ids)) == 2  # each language's chart, each its own drawing
    parts = {n for n in zf.namelist() if n.startswith(("word/charts/chart", "word/charts/ru-", "word/embeddings/"))}
    assert parts == {
        "word/charts/chart1.xml",
        "word/charts/ru-chart1.xml",
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
        "word/embeddings/ru-Microsoft_Excel_Worksheet.xlsx",  # each chart edits its own data in Word
    }
    ru_rels = zf.read("word/charts/_rels/ru-chart1.xml.rels").decode()
    assert "ru-Microsoft_Excel_Worksheet.xlsx" in ru_rels


def test_different_structure_is_an_error_naming_the_block():
    with pytest.raises(RenderError, match=r"agreement \[kk-ru\]: the kk and ru texts differ in structure at block \d+"):
        parallel.build(
            [
                ("kk", rendered("taraz-mendeleev", "agreement", "kk")),
                ("ru", rendered("taraz-mendeleev", "order", "ru")),
            ],
            name="agreement",
        )


def test_draft_mark_heads_every_column():
    p = example("taraz-mendeleev")
    records = list(documents.render_all(p, [documents.Target("order", lang) for lang in ("kk", "ru")], draft=True))
    (both,) = parallel.combine(records)
    body, _ = _body(both.data)
    first = body.find(f"{W}tbl/{W}tr")
    assert [_text(tc) for tc in first.findall(f"{W}tc")] == ["ЖОБА", "ПРОЕКТ"]


def test_cli_parallel_only_writes_the_parallel_files(runner, tmp_path):
    taraz = ROOT / "examples" / "taraz-mendeleev.yaml"
    result = runner.invoke(
        cli,
        [
            "render",
            str(taraz),
            "--kind",
            "order",
            "--lang",
            "ru,kk",
            "--layout",
            "parallel",
            "--out",
            str(tmp_path),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "taraz-mendeleev").glob("*.docx")) == ["order.kk-ru.docx"]


def test_cli_parallel_needs_two_languages(runner, tmp_path):
    taraz = ROOT / "examples" / "taraz-mendeleev.yaml"
    result = runner.invoke(cli, ["render", str(taraz), "--lang", "kk", "--layout", "parallel", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "two or three languages" in result.output
    assert not tmp_path.joinpath("taraz-mendeleev").exists()


@requires_soffice
def test_pdf_and_packet_of_the_parallel_order(runner, tmp_path):
    taraz = ROOT / "examples" / "taraz-mendeleev.yaml"
    args = ["render", str(taraz), "--kind", "order", "--lang", "kk,ru", "--layout", "separate,parallel"]
    result = runner.invoke(cli, [*args, "--format", "pdf", "--packet", "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "taraz-mendeleev"
    assert sorted(p.name for p in folder.iterdir() if p.suffix != ".json") == [  # not the manifest
        "order.kk-ru.pdf",
        "order.kk.pdf",
        "order.ru.pdf",
        "packet.kk-ru.pdf",
        "packet.kk.pdf",
        "packet.ru.pdf",
    ]
    text = subprocess.run(
        ["pdftotext", "-layout", str(folder / "order.kk-ru.pdf"), "-"], capture_output=True, text=True
    ).stdout
    # Kazakh on the left, Russian on the right, on the same line: the columns start level.
    line = next(x for x in text.splitlines() if "БҰЙРЫҚ" in x)
    assert "ПРИКАЗ" in line and line.index("БҰЙРЫҚ") < line.index("ПРИКАЗ")
    assert re.search(r"1\. Осы бұйрыққа.*1\. Создать рабочую группу", text)
    packet = subprocess.run(["pdftotext", str(folder / "packet.kk-ru.pdf"), "-"], capture_output=True, text=True).stdout
    assert "ПРИКАЗЫВАЮ" in packet and "БҰЙЫРАМЫН" in packet


@requires_soffice
@pytest.mark.parametrize(("kind", "langs"), [("agreement", ("kk", "ru", "en")), ("order", ("kk", "ru"))])
def test_pdf_pages_keep_every_word_inside_the_margins(kind, langs, tmp_path):
    """No clipped text, no column running over: every word on every page lies within the page's margins."""
    from spdocs.convert import docx_to_pdf

    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(docx_to_pdf(_parallel("taraz-mendeleev", kind, langs)))
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S)
    assert len(pages) >= 3
    for width, height, page in pages:
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page)
        assert words
        for x0, y0, x1, y1 in (map(float, w) for w in words):
            # margins: 30 mm left, 15 mm right, 20 mm top and bottom (the footer's page number below)
            assert 80 < x0 and x1 < float(width) - 35 and 40 < y0 and y1 < float(height) - 20
    if len(langs) == 3:
        assert float(pages[0][0]) > float(pages[0][1])  # landscape
