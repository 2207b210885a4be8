"""spdocs.docxchart: a template's chart part and embedded workbook filled with data and read back."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from lxml import etree

from conftest import ROOT
from spdocs import docxchart, package
from spdocs.docxchart import ChartData, Series

PART = "word/charts/chart1.xml"
WORKBOOK = "word/embeddings/Microsoft_Excel_Worksheet.xlsx"


@pytest.fixture(scope="module")
def members() -> dict[str, bytes]:
    return package.read(ROOT / "templates" / "en" / "report.docx")


def sample(n_series: int = 4) -> ChartData:
    return ChartData(
        categories=("1.1 Students & <staff>", "1.2 «Публикации»", "2.1 No value"),
        series=tuple(
            Series(f"S{i}", (D("12.5") * i, None, D(0)) if i else (D(100), D(100), None), ("a", None, None))
            for i in range(n_series)
        ),
        title="Title",
        axis_title="Axis",
        axis_max=D(140),
    )


def test_fill_then_read_gives_the_data_back(members):
    data = sample()
    filled = docxchart.fill(members, PART, data)
    assert set(filled) == {PART, WORKBOOK}
    shown, sheet = docxchart.read({**members, **filled}, PART)
    assert shown == data
    assert sheet == [
        [None, "S0", "S1", "S2", "S3"],
        ["1.1 Students & <staff>", D(100), D("12.5"), D(25), D("37.5")],
        ["1.2 «Публикации»", D(100)],  # missing values are empty cells, never 0
        ["2.1 No value", None, D(0), D(0), D(0)],
    ]


def test_a_missing_value_is_a_gap_and_labels_go_only_where_given(members):
    part = etree.fromstring(docxchart.fill(members, PART, sample())[PART])
    ns = {"c": docxchart.C}
    first = part.find(".//c:ser", ns)
    points = [pt.get("idx") for pt in first.findall("c:val//c:pt", ns)]
    assert points == ["0", "1"]  # the third category has no point at all
    assert [d.find("c:idx", ns).get("val") for d in first.findall("c:dLbls/c:dLbl", ns)] == ["0"]
    assert part.find(".//c:valAx/c:scaling/c:max", ns).get("val") == "140"
    formulas = [f.text for f in first.iter(f"{{{docxchart.C}}}f")]
    assert formulas == ["Sheet1!$B$1", "Sheet1!$A$2:$A$4", "Sheet1!$B$2:$B$4"]


def test_fewer_series_than_the_template_drops_the_rest(members):
    filled = docxchart.fill(members, PART, sample(2))
    shown, sheet = docxchart.read({**members, **filled}, PART)
    assert [s.name for s in shown.series] == ["S0", "S1"]
    assert sheet[0] == [None, "S0", "S1"]


def test_errors(members):
    with pytest.raises(ValueError, match="4 series; 5 are needed"):
        docxchart.fill(members, PART, sample(5))
    with pytest.raises(ValueError, match="not a chart part"):
        docxchart.fill(members, package.DOCUMENT, sample())
    bad = ChartData(categories=("a",), series=(Series("S", (D(1), D(2))),))
    with pytest.raises(ValueError, match="2 values for 1 categories"):
        docxchart.fill(members, PART, bad)


def test_output_is_deterministic(members):
    assert docxchart.fill(members, PART, sample()) == docxchart.fill(members, PART, sample())
