"""The cooperation agreement: model-specific sections, citations, annexes, amounts, numbering, escaping, PDF."""

from __future__ import annotations

import io
import os
import re

import docx
import pytest
from pypdf import PdfReader

from conftest import EXAMPLES, example, have_soffice, rendered
from spdocs import documents, docxtext, formatting
from spdocs.convert import docx_to_pdf
from spdocs.environment import upfirst
from spdocs.model import LANGS, Partnership, Text

NAMES = [path.stem for path in EXAMPLES]
CASES = [(name, lang) for name in NAMES for lang in LANGS]
IDS = [f"{name}-{lang}" for name, lang in CASES]

TITLE = {
    "kk": "СТРАТЕГИЯЛЫҚ ӘРІПТЕСТІК ТУРАЛЫ ШАРТ",
    "ru": "ДОГОВОР О СТРАТЕГИЧЕСКОМ ПАРТНЕРСТВЕ",
    "en": "AGREEMENT ON STRATEGIC PARTNERSHIP",
}
MEMORANDUM = {
    "kk": "СТРАТЕГИЯЛЫҚ ӘРІПТЕСТІК ТУРАЛЫ ӨЗАРА ТҮСІНІСТІК МЕМОРАНДУМЫ",
    "ru": "МЕМОРАНДУМ О ВЗАИМОПОНИМАНИИ В ОБЛАСТИ СТРАТЕГИЧЕСКОГО ПАРТНЕРСТВА",
    "en": "MEMORANDUM OF UNDERSTANDING ON STRATEGIC PARTNERSHIP",
}
COOPERATION = {
    "kk": "СТРАТЕГИЯЛЫҚ ӘРІПТЕСТІК ШЕҢБЕРІНДЕГІ ЫНТЫМАҚТАСТЫҚ ТУРАЛЫ КЕЛІСІМ",
    "ru": "СОГЛАШЕНИЕ О СОТРУДНИЧЕСТВЕ В РАМКАХ СТРАТЕГИЧЕСКОГО ПАРТНЕРСТВА",
    "en": "COOPERATION AGREEMENT ON STRATEGIC PARTNERSHIP",
}
# The heading of each model's own section: it must appear for that model only.
MODEL_SECTION = {
    "branch": {"kk": "Филиал", "ru": "Филиал", "en": "The Branch"},
    "consortium_branch": {
        "kk": "Консорциум және Филиал",
        "ru": "Консорциум и Филиал",
        "en": "The Consortium and the Branch",
    },
    "joint_programs": {
        "kk": "Бірлескен білім беру бағдарламалары",
        "ru": "Совместные образовательные программы",
        "en": "Joint Educational Programmes",
    },
    "certification_center": {
        "kk": "Сертификаттау орталығы",
        "ru": "Сертификационный центр",
        "en": "Certification Centre",
    },
    "franchise": {"kk": "Франчайзинг", "ru": "Франчайзинг", "en": "Franchise"},
    "joint_venture": {"kk": "Бірлескен кәсіпорын", "ru": "Совместное предприятие", "en": "Joint Venture"},
    "medical": {
        "kk": "Стратегиялық әріптестікті жүзеге асыру тәртібі",
        "ru": "Порядок осуществления стратегического партнерства",
        "en": "Procedure for Implementing the Strategic Partnership",
    },
}
AIFC = {
    "kk": "халықаралық қаржы орталығы",
    "ru": "Международного финансового центра",
    "en": "International Financial Centre",
}
AIFC_PARTICIPANT = {"kk": "АХҚО қатысушысы", "ru": "участника МФЦА", "en": "AIFC participant"}
BRANCH_REGISTRATION = {"kk": "№\xa02198", "ru": "№\xa02198", "en": "No.\xa02198"}
CONSORTIUM_TABLE = {"kk": "Консорциумдағы рөлі", "ru": "Роль в Консорциуме", "en": "Role in the Consortium"}
MOH_ORDER = {"kk": "№\xa0ҚР ДСМ-263/2020", "ru": "№\xa0ҚР ДСМ-263/2020", "en": "No.\xa0ҚР ДСМ-263/2020"}
MOSHE = {
    "kk": "(бұдан әрі – Әдістемелік ұсынымдар) ескере отырып",
    "ru": "с учетом проекта Методических рекомендаций",
    "en": "having regard to the draft Methodological Recommendations",
}
ANNEX_HEAD = {
    "kk": r"(?:Шартқа|Келісімге|Меморандумына) (\d+)-қосымша",
    "ru": r"Приложение (\d+)",
    "en": r"Annex (\d+)",
}
ANNEX_REF = {"kk": "{}-қосымша", "ru": "Приложении {}", "en": "Annex {}"}
SEAL = {"kk": "М.О.", "ru": "М.П.", "en": "L.S."}


def blocks(name: str, lang: str) -> list[docxtext.Block]:
    return docxtext.blocks(rendered(name, "agreement", lang))


def text(name: str, lang: str) -> str:
    return "\n".join(str(b) for b in blocks(name, lang))


def sections(bs: list[docxtext.Block]) -> list[str]:
    return [b.text for b in bs if b.style == "Section"]


def signature_section(bs: list[docxtext.Block]) -> docxtext.Block:
    """Return the last section heading: addresses, details and signatures."""
    return [b for b in bs if b.style == "Section"][-1]


def render(p: Partnership, lang: str, **kw: object) -> bytes:
    return documents.render_document(p, "agreement", lang=lang, **kw)


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_title_and_place_date(name, lang):
    p = example(name)
    bs = blocks(name, lang)
    if p.agreement.type == "agreement":
        assert TITLE[lang] in bs[0].text
    else:
        assert {"memorandum": MEMORANDUM, "cooperation": COOPERATION}[p.agreement.type][lang] == bs[0].text
    assert bs[1].text.endswith(p.agreement.number)
    dated = formatting.date_forms(p.agreement.date, lang=lang)["quoted"]
    assert bs[2].text == f"{p.agreement.place.get(lang)} {dated}"


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_model_sections_only_for_their_model(name, lang):
    p = example(name)
    own = p.model or "medical"
    heads = sections(blocks(name, lang))
    for model, title in MODEL_SECTION.items():
        assert (title[lang] in heads) == (model == own), (model, heads)


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_model_specific_clauses(name, lang):
    p = example(name)
    body = text(name, lang)
    aifc = p.model == "joint_venture" or p.agreement.disputes in ("aifc_court", "aifc_iac")
    assert (AIFC[lang] in body) == aifc
    assert (BRANCH_REGISTRATION[lang] in body) == (p.model in ("branch", "consortium_branch"))
    assert (CONSORTIUM_TABLE[lang] in body) == (p.model == "consortium_branch")
    assert (MOH_ORDER[lang] in body) == (p.regime == "medical")
    assert (MOSHE[lang] in body) == (p.regime == "higher_education")


@pytest.mark.parametrize("lang", LANGS)
def test_examples_cover_every_model_and_aifc_status_only_in_the_joint_venture(lang):
    models = {example(n).model or "medical" for n in NAMES}
    assert models == set(MODEL_SECTION)
    with_aifc = {n for n in NAMES if AIFC_PARTICIPANT[lang] in text(n, lang)}
    assert with_aifc == {n for n in NAMES if example(n).model == "joint_venture"}


@pytest.mark.parametrize(
    ("name", "lang"),
    [(n, lang) for n, lang in CASES if example(n).regime == "medical"],
    ids=[i for (n, _), i in zip(CASES, IDS) if example(n).regime == "medical"],
)
def test_medical_agreement_follows_the_moh_rules(name, lang):
    p = example(name)
    body = text(name, lang)
    assert MOH_ORDER[lang] in body and "21811" in body
    for point in ("8", "9", "10", "11"):  # working group, indicators, plan, reports
        assert {
            "kk": f"Қағидалардың {point}-тармағы",
            "ru": f"пункт {point} Правил",
            "en": f"paragraph {point} of the Rules",
        }[lang] in body
    for area in p.agreement.areas:
        assert area.name.get(lang) in body
    if p.plan:
        assert all(item.activity.get(lang) in body for item in p.plan)


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_annexes_are_numbered_continuously_and_referred_to(name, lang):
    p = example(name)
    ctx = documents.build_context(p, "agreement", lang=lang)
    numbers = sorted(n for n in ctx["annex"].values() if n)
    bs = blocks(name, lang)
    heads = [int(m[1]) for b in bs if b.style == "AnnexHead" for m in [re.search(ANNEX_HEAD[lang], b.text)] if m]
    assert heads == list(range(1, len(numbers) + 1)) == numbers
    body = text(name, lang)
    for n in numbers:
        assert ANNEX_REF[lang].format(n) in body


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_clause_numbering_is_continuous(name, lang):
    numbers = [b.number for b in blocks(name, lang) if b.number]
    section, clause = 0, 0
    for number in numbers:
        if re.fullmatch(r"\d+\.", number):
            section, clause = section + 1, 0
            assert number == f"{section}."
        elif re.fullmatch(r"\d+\.\d+\.", number):
            clause += 1
            assert number == f"{section}.{clause}."
    assert section >= 12


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_headings_and_clauses_start_with_a_capital(name, lang):
    # catches an alias such as "the University" placed at the start of an English sentence
    for b in blocks(name, lang):
        if b.style in ("Section", "Clause"):
            first = b.text.lstrip('«“"(')[:1]
            assert first.isupper() or first.isdigit(), f"{b.number} {b.text[:60]}"


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_budget_amounts_in_words(name, lang):
    p = example(name)
    if not (p.funding and p.funding.budget):
        pytest.skip("no budget")
    body = text(name, lang)
    for item in p.funding.budget:
        money = formatting.money_forms(item.amount.amount, item.amount.currency, lang=lang)
        assert money["full"] in body
        assert f"({money['words']}" in body


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_every_signing_party_in_preamble_and_signature_block(name, lang):
    p = example(name)
    signing = [p.parties.kazakhstani, p.parties.foreign] + [o for o in p.parties.others if o.signatory]
    bs = blocks(name, lang)
    body = text(name, lang)
    preamble = [b.text for b in bs[3 : 3 + len(signing)]]
    for party, para in zip(signing, preamble):
        assert party.name.get(lang) in para
        assert f"{party.signatory.position.get(lang)} {party.signatory.name.get(lang)}" in para
        assert party.alias.get(lang) in para
    # the signature table: a row of details, then a row of signatures, for each two parties
    start = bs.index(signature_section(bs))
    rows = [b.cells for b in bs[start:] if b.cells][: 2 * ((len(signing) + 1) // 2)]
    details = [c for r in rows[0::2] for c in r]
    signatures = [c for r in rows[1::2] for c in r]
    assert len(details) == len(signatures) == len(signing)
    for party, detail, signature in zip(signing, details, signatures):
        assert detail.startswith(party.alias.get(lang).upper()) and party.name.get(lang) in detail
        assert signature.startswith(upfirst(party.signatory.position.get(lang)))
        assert signature.endswith(f"{party.signatory.name.get(lang)} / {SEAL[lang]}")
    for other in p.parties.others:
        assert other.name.get(lang) in body


@pytest.mark.parametrize(("name", "lang"), CASES, ids=IDS)
def test_language_clause(name, lang):
    p = example(name)
    body = text(name, lang)
    copies = {"kk": "данада", "ru": "экземпляр", "en": "original"}[lang]
    assert re.search(rf"{p.agreement.copies} \(\w+\) {copies}", body)
    prevailing = {"kk": "тіліндегі мәтінге жүгінеді", "ru": "руководствуются текстом на", "en": "text shall prevail"}[
        lang
    ]
    assert (prevailing in body) == (p.agreement.prevailing is not None)


@pytest.mark.parametrize(
    ("years", "lang", "expected"),
    [
        (1, "ru", "1 (один) год"),
        (3, "ru", "3 (три) года"),
        (7, "ru", "7 (семь) лет"),
        (21, "ru", "21 (двадцать один) год"),
        (12, "ru", "12 (двенадцать) лет"),
        (1, "en", "1 (one) year"),
        (21, "en", "21 (twenty-one) years"),
        (3, "kk", "3 (үш) жыл"),
    ],
    ids=lambda v: str(v),
)
def test_term_in_years_agrees_with_the_number(years, lang, expected):
    p = example("taraz-mendeleev")
    p = p.model_copy(update={"agreement": p.agreement.model_copy(update={"term_years": years, "end": None})})
    assert expected in docxtext.text(render(p, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_draft_mark(lang):
    first = docxtext.blocks(render(example("taraz-mendeleev"), lang, draft=True))[0].text
    assert first == {"kk": "ЖОБА", "ru": "ПРОЕКТ", "en": "DRAFT"}[lang]


NASTY = 'Tom & Jerry <LLP> "Ω" {{ x }}'


@pytest.mark.parametrize("lang", LANGS)
def test_party_name_with_markup_renders_literally(lang):
    p = example("astana-jv")
    foreign = p.parties.foreign.model_copy(update={"name": Text(kk=NASTY, ru=NASTY, en=NASTY)})
    p = p.model_copy(update={"parties": p.parties.model_copy(update={"foreign": foreign})})
    data = render(p, lang)
    reopened = docx.Document(io.BytesIO(data))
    paragraphs = [para.text for para in reopened.paragraphs]
    cells = [cell.text for table in reopened.tables for row in table.rows for cell in row.cells]
    assert any(NASTY in t for t in paragraphs)  # preamble
    assert any(NASTY in t for t in cells)  # signature block
    assert NASTY in docxtext.text(data)


@pytest.fixture(scope="module")
def pdfs() -> dict[str, str]:
    if not have_soffice() and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed")
    out = {}
    for lang in LANGS:
        pdf = docx_to_pdf(rendered("taraz-mendeleev", "agreement", lang))
        out[lang] = " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_has_title_parties_and_annexes(pdfs, lang):
    p = example("taraz-mendeleev")
    pdf = pdfs[lang]
    assert TITLE[lang] in pdf
    assert p.parties.kazakhstani.signatory.name.get(lang) in pdf
    assert {"kk": "2-қосымша", "ru": "Приложение 2", "en": "Annex 2"}[lang] in pdf
    if lang == "kk":
        assert "Қазақстан Республикасы" in pdf  # Kazakh letters survive the font substitution


def _set(obj, **changes):
    return obj.model_copy(update=changes)


def variants() -> dict[str, Partnership]:
    """Return examples bent to take the template's other branches (every condition either way)."""
    import datetime as dt

    from spdocs.model import Authority

    taraz = example("taraz-mendeleev")
    poa = Authority(basis="power_of_attorney", number="7-д", date=dt.date(2025, 2, 3))
    kz = _set(taraz.parties.kazakhstani, signatory=_set(taraz.parties.kazakhstani.signatory, authority=poa))
    enterprise = taraz.parties.others[0]
    others = [
        _set(enterprise, signatory=taraz.parties.foreign.signatory, contribution=None),
        _set(enterprise, contribution=None),
    ]
    planned = _set(
        taraz,
        parties=_set(taraz.parties, kazakhstani=kz, others=others),
        agreement=_set(
            taraz.agreement,
            prevailing=None,
            auto_renewal=True,
            disputes="arbitration",
            governing_law="english",
            copies=1,
            ministry=None,
        ),
        branch=_set(
            taraz.branch,
            status="planned",
            bin=None,
            registered_on=None,
            license_number=None,
            license_date=None,
            structure=None,
        ),
        governance=_set(taraz.governance, members_foreign=2),
        committees=[],
        quality_assurance=None,
        research_groups=[],
        third_mission=[],
        staffing=None,
        professional_development=[],
        funding=None,
        plan=[],
        periods=[],
        indicators=[],
    )
    yessenov = example("yessenov-tu-berlin")
    no_lead = _set(
        yessenov,
        consortium=_set(yessenov.consortium, members=[_set(m, lead=False) for m in yessenov.consortium.members]),
    )
    jv = example("astana-jv")
    jv = _set(
        jv,
        joint_venture=_set(jv.joint_venture, aifc_participant=False, aifc_registration=None, english_law=False),
        agreement=_set(jv.agreement, disputes="aifc_iac"),
    )
    franchise = example("almaty-dmu-franchise")
    franchise = _set(
        franchise,
        franchise=_set(
            franchise.franchise, programs=False, teaching_methods=False, quality_standards=False, royalty=None
        ),
    )
    medical = example("kaznmu-duke")
    program = _set(example("nku-arizona").programs[0], dual_degree=False, accreditation=None)
    indicator = _set(medical.indicators[0], baseline=None)
    medical = _set(
        medical,
        selection=_set(medical.selection, rankings=None, achievements=[]),
        plan=[_set(item, due=None, responsible=None) for item in medical.plan],
        programs=[program],
        indicators=[indicator],
    )
    return {
        "planned-branch": planned,
        "consortium-no-lead": no_lead,
        "jv-outside-aifc": jv,
        "bare-franchise": franchise,
        "medical-with-programs": medical,
    }


VARIANTS = variants()


@pytest.mark.parametrize(
    ("variant", "lang"),
    [(v, lang) for v in VARIANTS for lang in LANGS],
    ids=[f"{v}-{lang}" for v in VARIANTS for lang in LANGS],
)
def test_every_branch_renders_cleanly(variant, lang):
    data = render(VARIANTS[variant], lang)
    docx.Document(io.BytesIO(data))
    bs = docxtext.blocks(data)
    body = "\n".join(str(b) for b in bs)
    for residue in ("{{", "}}", "{%", "%}", "None", "[]", "{'", "..", ";."):
        assert residue not in body.replace("...", ""), residue
    assert not re.search(r"\S  +\S| [,.;:]\s", body.replace("\n", " "))
    assert [b.number for b in bs if b.number and not b.text] == []
    for b in bs:
        if b.style in ("Section", "Clause"):
            assert b.text.lstrip('«“"(')[:1].isupper(), b.text[:60]


@pytest.mark.parametrize("lang", LANGS)
def test_franchise_programmes_are_not_called_dual_degree(lang):
    """A franchise's programmes award the franchisor's degree only: no two-diploma clauses."""
    franchise = docxtext.text(rendered("almaty-dmu-franchise", "agreement", lang))
    dual = docxtext.text(rendered("taraz-mendeleev", "agreement", lang))
    marker = {"kk": "қос диплом", "ru": "двудипломн", "en": "dual-degree"}[lang]
    assert marker not in franchise.lower()
    assert marker in dual.lower()


def test_branch_registration_is_stated_only_if_done_by_signing():
    """The agreement speaks as of its signing: a branch registered later is an obligation, not a fact."""
    p = example("taraz-mendeleev")
    assert p.branch is not None and p.branch.registered_on is not None
    assert p.branch.registered_on > p.agreement.date
    later = docxtext.text(documents.render_document(p, "agreement", lang="en"))
    assert "shall have the Branch registered" in later and "250341009876" not in later
    assert "KZ00LAA00012345" not in later  # licensed after signing, too
    early = p.model_copy(
        update={
            "branch": p.branch.model_copy(update={"registered_on": p.agreement.date, "license_date": p.agreement.date})
        }
    )
    before = docxtext.text(documents.render_document(early, "agreement", lang="en"))
    assert (
        "The Branch was registered on 14 March 2025; its business identification number (BIN) is 250341009876."
        in before
    )
    assert "The Branch holds educational licence No.\xa0KZ00LAA00012345 dated 14 March 2025." in before
