"""Values a document cannot hold are refused when the file loads, with file, line and field."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from conftest import ROOT
from spdocs import documents
from spdocs.checks import check
from spdocs.errors import InputError
from spdocs.loader import loads, loads_with_lines

TARAZ = (ROOT / "examples" / "taraz-mendeleev.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def problem(old: str, new: str) -> str:
    assert old in TARAZ
    text = TARAZ.replace(old, new, 1)
    with pytest.raises(InputError) as info:
        loads(text, name="t.yaml")
    [found] = info.value.problems
    return str(found)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("en: Taraz}", 'en: "Taraz\\x01"}', "agreement.place.en: contains the invisible control character U+0001"),
        ("en: Taraz}", 'en: "Taraz\\x07"}', "agreement.place.en: contains the invisible control character U+0007"),
        ("en: Taraz}", 'en: "Taraz\\uFFFE"}', "agreement.place.en: contains the invisible control character U+FFFE"),
        (
            "number: 01-СП/2025",
            'number: "01\\x1b"',
            "agreement.number: contains the invisible control character U+001B",
        ),
        ("currency: KZT", "currency: ABC", "amount.currency: 'ABC' is not an ISO 4217 currency code"),
        ("96500000.50", "96500000.505", "amount.amount: 96500000.505 KZT: amounts in KZT have at most 2 decimals"),
        (
            "{amount: 150000000, currency: KZT}",
            "{amount: 1.5, currency: JPY}",
            "amounts in JPY have at most 0 decimals",
        ),
        (
            "{amount: 150000000, currency: KZT}",
            "{amount: 1.5, currency: GBP}",
            "amounts with a fraction can be written out in words only in KZT, USD, EUR, RUB; "
            "give a whole amount of GBP",
        ),
        ("96500000.50", "1e25", "amount.amount: 1E+25 is too large for a document (at most 999 999 999 999 999)"),
        ("  term_years: 7", "  end: 9999-12-31", "agreement.end: 9999-12-31 is outside the years 1900–2200"),
        ("  date: 2025-03-14", "  date: 1025-03-14", "agreement.date: 1025-03-14 is outside the years 1900–2200"),
        ("id: taraz-mendeleev", "id: con", "id: 'con' cannot be a folder name on Windows"),
        ("id: taraz-mendeleev", "id: nul.backup", "id: 'nul.backup' cannot be a folder name on Windows"),
        ("id: taraz-mendeleev", "id: com1", "id: 'com1' cannot be a folder name on Windows"),
        ("id: taraz-mendeleev", "id: taraz.", "id: 'taraz.' cannot be a folder name on Windows (it ends with a dot)"),
        ("2025: 50", "2025: 1e20", "indicators[0].targets.2025: 1E+20 is too large for a document"),
        ("2025: 50", "2025: 0.0000001", "indicators[0].targets.2025: 1E-7 has more than 6 decimals"),
    ],
    ids=[
        "soh",
        "bell",
        "fffe",
        "escape-in-code",
        "currency",
        "kzt-decimals",
        "jpy-decimals",
        "gbp-fraction",
        "huge-amount",
        "end-of-calendar",
        "year-1025",
        "con",
        "nul-ext",
        "com1",
        "trailing-dot",
        "huge-target",
        "tiny-target",
    ],
)
def test_values_no_document_can_hold_are_refused_with_their_line(old, new, expected):
    message = problem(old, new)
    assert expected in message
    assert message.startswith(f"t.yaml:{line_of(TARAZ.replace(old, new, 1), new.split(chr(10))[-1].strip())}:")


def test_the_largest_values_allowed_render(tmp_path):
    text = TARAZ.replace("96500000.50", "999999999999999.99", 1).replace("  term_years: 7", "  end: 2200-12-31", 1)
    p = loads(text)
    for lang in ("kk", "ru", "en"):
        docx = documents.render_document(p, "agreement", lang=lang)
        _strict_xml(docx)


def test_vertical_tab_from_word_is_a_line_break():
    p = loads(TARAZ.replace("en: Taraz}", 'en: "Taraz\\vcity"}', 1))
    assert p.agreement.place.en == "Taraz\ncity"
    xml = _strict_xml(documents.render_document(p, "agreement", lang="en"))
    assert b'>Taraz</w:t><w:br/><w:t xml:space="preserve">city<' in xml


def test_bidi_override_is_a_warning_with_its_line():
    text = TARAZ.replace("  number: 01-СП/2025", '  number: "01-\\u202eСП/2025"', 1)
    p, lines = loads_with_lines(text, name="t.yaml")
    [finding] = [f for f in check(p, lines=lines, path="t.yaml") if f.rule == "GEN-BIDI"]
    assert finding.severity == "warning" and finding.field == "agreement.number"
    assert finding.line == line_of(text, 'number: "01-')
    assert "U+202E" in finding.message


def _strict_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        xml = zf.read("word/document.xml")
    etree.fromstring(xml, etree.XMLParser(recover=False))
    return xml


def test_a_lone_surrogate_from_json_is_refused(tmp_path):
    import json

    import yaml

    from spdocs.loader import load

    data = yaml.safe_load(TARAZ)
    data["agreement"]["place"]["en"] = "Taraz\ud800"
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")  # ASCII: the escape survives
    with pytest.raises(InputError) as info:
        load(path)
    [found] = info.value.problems
    assert found.field == "agreement.place.en" and "U+D800" in found.message and found.line
