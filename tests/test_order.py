"""The order creating the working group: header, points, signature and the appendix table, per language."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from conftest import EXAMPLES, example, have_soffice, rendered
from spdocs import documents, docxtext, formatting, kinds, terms
from spdocs.convert import Converter
from spdocs.model import LANGS, Partnership, Text

NAMES = [path.stem for path in EXAMPLES]
ROLE_ORDER = ("chair", "deputy_chair", "secretary", "member")
HEADING = {"kk": "БҰЙРЫҚ", "ru": "ПРИКАЗ", "en": "ORDER"}
# An acting head's position carries the acting wording in the data (with the case endings it needs).
ACTING = {"kk": "міндетін атқарушы", "ru": "Исполняющий обязанности", "en": "Acting"}
MOH_ORDER = "ҚР ДСМ-263/2020"


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def by_regime(regime: str) -> list[str]:
    return [name for name in NAMES if example(name).regime == regime]


def issued(names: list[str]) -> list[tuple[str, str]]:
    """Return (example, language) for each language the example issues its order in."""
    return [(name, lang) for name in names for lang in kinds.kind("order").languages(example(name))]


ACTING_POSITION = Text(
    kk="Басқарма төрағасы – ректордың міндетін атқарушы",
    ru="исполняющий обязанности Председателя Правления – Ректора",
    en="Acting Chairman of the Management Board – Rector",
)


def variant(name: str = "taraz-mendeleev") -> Partnership:
    """Return an example turned medical, signed by an acting head, with no responsible person,
    no controller, no reporting periods and no legal form: every branch the template has."""
    p = example(name)
    wg = p.working_group
    assert wg is not None
    kz = p.parties.kazakhstani.model_copy(update={"legal_form": None})
    return p.model_copy(
        update={
            "regime": "medical",
            "model": None,
            "periods": [],
            "parties": p.parties.model_copy(update={"kazakhstani": kz}),
            "working_group": wg.model_copy(
                update={
                    "first_head": wg.first_head.model_copy(update={"acting": True, "position": ACTING_POSITION}),
                    "responsible": None,
                    "control": None,
                }
            ),
        }
    )


def members_table(data: bytes) -> list[list[str]]:
    """Return the appendix table's rows (cell texts), reopened with python-docx."""
    tables = docx.Document(io.BytesIO(data)).tables
    table = tables[-1]
    assert len(table.columns) == 4
    return [[cell.text.strip() for cell in row.cells] for row in table.rows]


def appendix_heading(blocks: list[docxtext.Block], head: str) -> str:
    """Return the paragraphs between the table before the appendix and the members table (the last one).

    The table before is the signature (the row ending in ``head``), the approval sheet or the
    acknowledgement list.
    """
    assert any(b.cells and b.cells[-1] == head for b in blocks)
    start = max(i for i, b in enumerate(blocks) if b.cells)
    while blocks[start - 1].cells:
        start -= 1
    before = max(i for i, b in enumerate(blocks[:start]) if b.cells)
    return "\n".join(b.text for b in blocks[before + 1 : start])


@pytest.mark.parametrize(("name", "lang"), issued(NAMES))
def test_appendix_lists_every_member_once_in_role_order(name, lang):
    p = example(name)
    assert p.working_group is not None
    rows = members_table(rendered(name, "order", lang))
    members = p.working_group.members
    assert len(rows) == 1 + len(members)
    expected = sorted(members, key=lambda m: ROLE_ORDER.index(m.role))  # stable within a role
    roles = terms.terms(lang).as_context()["roles"]
    assert [row[0] for row in rows[1:]] == [str(i) for i in range(1, len(members) + 1)]
    assert [row[1] for row in rows[1:]] == [m.name.get(lang) for m in expected]
    assert [row[2] for row in rows[1:]] == [m.position.get(lang) for m in expected]
    assert [row[3] for row in rows[1:]] == [roles[m.role] for m in expected]


def test_members_are_ordered_chair_deputy_secretary_members():
    # taraz-mendeleev lists the secretary last in the data; the appendix puts it third
    p = example("taraz-mendeleev")
    assert p.working_group is not None
    assert [m.role for m in p.working_group.members][-1] == "secretary"
    for lang in LANGS:
        roles = {label: code for code, label in terms.terms(lang).as_context()["roles"].items()}
        got = [roles[row[3]] for row in members_table(rendered("taraz-mendeleev", "order", lang))[1:]]
        assert got == ["chair", "deputy_chair", "secretary", "member", "member"]


@pytest.mark.parametrize(("name", "lang"), issued(NAMES))
def test_number_and_date_agree_in_header_and_appendix(name, lang):
    p = example(name)
    assert p.working_group is not None
    order = p.working_group.order
    date = formatting.date_forms(order.date, lang=lang)
    blocks = docxtext.blocks(rendered(name, "order", lang))
    assert blocks[1].text == HEADING[lang]
    header = blocks[2].cells  # the date line: date left, number right
    assert header[0] == date["long"]
    assert header[1].endswith("\xa0" + order.number)
    heading = appendix_heading(blocks, p.working_group.first_head.name.get(lang))
    assert date["attr"] in heading
    assert re.search(r"(№|No\.)\xa0" + re.escape(order.number) + r"\b", heading)
    assert order.place.get(lang) == blocks[3].text


@pytest.mark.parametrize(("name", "lang"), issued(by_regime("medical")))
def test_medical_orders_cite_the_moh_rules(name, lang):
    text = docxtext.text(rendered(name, "order", lang))
    assert MOH_ORDER in text
    assert "21811" in text


@pytest.mark.parametrize(("name", "lang"), issued(by_regime("higher_education")))
def test_higher_education_orders_rest_on_the_law_and_only_regard_the_moshe_draft(name, lang):
    """The basis is the Law «Об образовании», the charter and the agreement; the MoSHE draft is only regarded."""
    text = docxtext.text(rendered(name, "order", lang))
    assert MOH_ORDER not in text
    law = {
        "kk": "№\xa0319-III «Білім туралы» Заңына",
        "ru": "№\xa0319-III «Об образовании»",
        "en": "No.\xa0319-III of 27 July 2007 On Education",
    }
    assert law[lang] in text
    charter = {"kk": " Жарғысына сәйкес", "ru": "Уставом ", "en": "the Charter of "}
    assert charter[lang] in text
    regard = {
        "kk": "әдістемелік ұсынымдардың жобасын (2024 жыл) ескере отырып",
        "ru": "с учетом проекта Методических рекомендаций",
        "en": "having regard to the draft Methodological Recommendations",
    }
    assert regard[lang] in text
    assert {"kk": "басшылыққа ала отырып", "ru": "Руководствуясь", "en": "Guided by"}[lang] not in text
    agreement = example(name).agreement
    assert f"{formatting.date_forms(agreement.date, lang=lang)['attr']} " in text
    assert agreement.number in text


@pytest.mark.parametrize(("name", "lang"), issued(NAMES))
def test_signature_gives_the_heads_position_and_name(name, lang):
    p = example(name)
    assert p.working_group is not None
    head = p.working_group.first_head
    blocks = docxtext.blocks(rendered(name, "order", lang))
    signature = next(b for b in blocks if b.cells and b.cells[-1] == head.name.get(lang))
    assert signature.cells == (upper_first(head.position.get(lang)), head.name.get(lang))


@pytest.mark.skipif("zkmu-poznan" not in NAMES, reason="the zkmu-poznan example is not there yet")
@pytest.mark.parametrize("lang", LANGS)
def test_zkmu_poznan_is_signed_by_the_acting_head(lang):
    wg = example("zkmu-poznan").working_group
    assert wg is not None and wg.first_head.acting
    blocks = docxtext.blocks(rendered("zkmu-poznan", "order", lang))
    signature = next(b for b in blocks if b.cells and b.cells[-1] == wg.first_head.name.get(lang))
    assert ACTING[lang] in signature.cells[0]


@pytest.mark.parametrize("lang", LANGS)
def test_variant_medical_acting_without_responsible_or_controller(lang):
    data = documents.render_document(variant(), "order", lang=lang)
    blocks = docxtext.blocks(data)
    text = docxtext.text(data)
    assert MOH_ORDER in text
    points = [b.number for b in blocks if re.fullmatch(r"\d+\.", b.number)]
    assert points == ["1.", "2.", "3.", "4."]  # the responsible person's point left out, no gap
    control = {"kk": "өзіме қалдырамын", "ru": "оставляю за собой", "en": "I shall retain control"}
    assert control[lang] in text
    wg = variant().working_group
    assert wg is not None
    signature = next(b for b in blocks if b.cells and b.cells[-1] == wg.first_head.name.get(lang))
    assert signature.cells[0] == upper_first(ACTING_POSITION.get(lang))  # «Исполняющий обязанности …»
    assert ACTING[lang] in signature.cells[0]
    assert len(members_table(data)) == 1 + len(wg.members)
    # without a legal form the appendix still names the organization, by its short name
    heading = appendix_heading(blocks, wg.first_head.name.get(lang))
    assert variant().parties.kazakhstani.short_name.get(lang) in heading


@pytest.mark.parametrize("lang", LANGS)
def test_full_order_has_five_points_and_names_the_responsible_person(lang):
    p = example("taraz-mendeleev")
    assert p.working_group is not None and p.working_group.responsible is not None
    blocks = docxtext.blocks(rendered("taraz-mendeleev", "order", lang))
    points = [b for b in blocks if re.fullmatch(r"\d+\.", b.number)]
    assert [b.number for b in points] == ["1.", "2.", "3.", "4.", "5."]
    responsible = p.working_group.responsible
    # «Назначить … Г.М. Ахметову»: the data's object form, in the case the sentence needs
    assert responsible.object_form is not None and responsible.object_form.get(lang) in points[1].text
    items = [b.text for b in blocks if b.text.startswith("– ")]  # the areas, then the reporting periods
    assert items[: len(p.agreement.areas)] == [f"– {area.name.get(lang)};" for area in p.agreement.areas]
    periods = items[len(p.agreement.areas) :]
    assert len(periods) == len(p.periods)
    for item, period in zip(periods, p.periods):
        assert formatting.date_forms(period.due, lang=lang)["by"] in item  # «не позднее …», «… кешіктірмей»
        assert {"kk": "2025 жыл үшін", "ru": "за 2025 год", "en": "for 2025:"}[lang] in periods[0]
    assert periods[-1].endswith(".")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, bytes]:
    """Return the taraz-mendeleev order as PDF per language (one LibreOffice run)."""
    if not have_soffice() and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed")
    tmp: Path = tmp_path_factory.mktemp("order-pdf")
    pairs = []
    for lang in LANGS:
        src = tmp / f"order.{lang}.docx"
        src.write_bytes(rendered("taraz-mendeleev", "order", lang))
        pairs.append((src, tmp / f"order.{lang}.pdf"))
    with Converter(jobs=1) as converter:
        assert converter.convert(pairs) == []
    return {lang: (tmp / f"order.{lang}.pdf").read_bytes() for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_has_heading_and_appendix_on_its_own_page(pdfs, lang):
    p = example("taraz-mendeleev")
    assert p.working_group is not None
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdfs[lang])).pages]
    assert HEADING[lang] in pages[0].split()
    title = {"kk": "жұмыс тобының құрамы", "ru": "Состав рабочей группы", "en": "Composition of the working group"}
    appendix = next(i for i, text in enumerate(pages) if title[lang] in text)
    assert appendix >= 1
    head = p.working_group.first_head.name.get(lang)
    assert any(head in pages[i] for i in range(appendix))  # signed before the appendix
    for member in p.working_group.members:
        assert member.name.get(lang) in pages[appendix]
