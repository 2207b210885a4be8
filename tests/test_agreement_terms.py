"""The agreement says what the partnership really is (issue 10), checked on the rendered text:
arbitration terms, legal basis, the model's sub-item, facts at signing, JV governance and
capital, the other Party/Parties, and data files of the first version."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, example, rendered
from spdocs import documents, docxtext
from spdocs.loader import load
from spdocs.model import LANGS, Partnership
from spdocs.regimes import profile_of

NAMES = [path.stem for path in EXAMPLES]
V1 = sorted((ROOT / "tests" / "data" / "v1").glob("*.yaml"))


def text(name: str, lang: str) -> str:
    return "\n".join(str(b) for b in docxtext.blocks(rendered(name, "agreement", lang)))


def render_text(p: Partnership, lang: str) -> str:
    return "\n".join(str(b) for b in docxtext.blocks(documents.render_document(p, "agreement", lang=lang)))


def changed(p: Partnership, **sections: dict[str, object]) -> Partnership:
    """Return ``p`` with fields of some sections replaced (validated again)."""
    data = p.model_dump()
    for section, fields in sections.items():
        data[section] = {**data[section], **fields}
    return Partnership.model_validate(data)


ARBITRATION = [n for n in NAMES if example(n).agreement.disputes == "arbitration"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ARBITRATION)
def test_arbitration_clause_names_institution_rules_seat_language_and_arbitrators(name, lang):
    body = text(name, lang)
    arb = example(name).agreement.arbitration
    assert arb is not None and arb.institution is not None
    for value in (arb.institution, arb.rules, arb.seat):
        assert value.get(lang) in body
    words = {
        1: {"kk": "1 (бір)", "ru": "1 (один)", "en": "1 (one)"},
        3: {"kk": "3 (үш)", "ru": "3 (три)", "en": "3 (three)"},
    }
    assert words[arb.arbitrators][lang] in body
    assert "действующем на территории Республики Казахстан" not in body
    assert "аумағында жұмыс істейтін арбитражда" not in body


def test_examples_use_arbitration_with_an_institution():
    assert len(ARBITRATION) >= 2


SUB_ITEM = {
    "kk": "Әдістемелік ұсынымдардың 5-тармағының {}) тармақшасында көзделген",
    "ru": "предусмотренной подпунктом {}) пункта 5 Методических рекомендаций",
    "en": "provided for by sub-item {}) of item 5 of the Methodological Recommendations",
}
DRAFT_AS_BASIS = {
    "kk": "әдістемелік ұсынымдарды (Қазақстан Республикасы",
    "ru": "руководствуясь Законом Республики Казахстан «Об образовании», Методическими",
    "en": "“On Education” and the Methodological Recommendations",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", [n for n in NAMES if example(n).regime == "higher_education"])
def test_model_cited_by_sub_item_and_draft_not_the_basis(name, lang):
    body = text(name, lang)
    assert SUB_ITEM[lang].format(profile_of(example(name)).item) in body
    assert DRAFT_AS_BASIS[lang] not in body
    preamble = body.split("\n1. ", 1)[0]
    basis = {
        "kk": "Тараптардың құрылтай құжаттарын",
        "ru": "учредительными документами Сторон",
        "en": "the constituent documents of the Parties",
    }
    assert basis[lang] in preamble


@pytest.mark.parametrize("lang", LANGS)
def test_legal_basis_acts_are_rendered_in_the_preamble(lang):
    acts = [a for n in NAMES for a in example(n).agreement.legal_basis]
    assert acts, "some example states its legal basis as data"
    for name in NAMES:
        preamble = text(name, lang).split("\n1. ", 1)[0]
        for act in example(name).agreement.legal_basis:
            assert act.title.get(lang) in preamble


OTHERS = {
    "kk": ("басқа Тараптардан", "басқа Тараптарды", "басқа Тараптарға", "басқа Тараптардың"),
    "ru": ("других Сторон", "другие Стороны"),
    "en": ("the other Parties",),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_other_party_or_parties_by_count(name, lang):
    body = text(name, lang)
    p = example(name)
    count = 2 + sum(o.signatory is not None for o in p.parties.others)
    plural = any(word in body for word in OTHERS[lang])
    assert plural == (count > 2), (name, count)


@pytest.mark.parametrize("lang", LANGS)
def test_joint_venture_capital_governance_and_registration(lang):
    body = text("astana-jv", lang)
    forbidden = {
        "kk": ("жарғылық капитал", "қатысу үлестері"),
        "ru": ("уставн", "Доли участия", "долевым"),
        "en": ("equity shares",),
    }
    for word in forbidden[lang]:
        assert word not in body
    capital = {"kk": "акционерлік капитал", "ru": "акционерного капитала", "en": "share capital"}
    assert capital[lang] in body
    # registered after signing: an obligation with a deadline, not "has the status"
    deadline = {
        "kk": "2025 жылғы 30 маусымнан кешіктірмей тіркеуді",
        "ru": "МФЦА не позднее 30 июня 2025 года",
        "en": "participant no later than 30 June 2025",
    }
    assert deadline[lang] in body
    assert "250540900123" not in body
    # the partnership's own committee, with a seat for the Holding; the JV's bodies left to its articles
    seats = {
        "kk": "Университет – 2, Серіктес – 2, Холдинг – 1",
        "ru": "Университет – 2, Партнер – 2, Холдинг – 1",
        "en": "the University – 2, the Partner – 2, the Holding – 1",
    }
    assert seats[lang] in body
    assert "Board of Directors" not in body and "Совет директоров" not in body
    parity = {
        "kk": "паритеттік негізде жасақталады",
        "ru": "на паритетной основе; решения",
        "en": "formed on a parity basis",
    }
    assert parity[lang] not in body  # 2 + 2 + 1 seats are not parity


@pytest.mark.parametrize("lang", LANGS)
def test_joint_venture_registered_before_signing_is_stated_as_a_fact(lang):
    p = example("astana-jv")
    done = changed(p, joint_venture={"status": "registered", "aifc_registered_on": dt.date(2025, 3, 1)})
    body = render_text(done, lang)
    fact = {
        "kk": "2025 жылғы 1 наурызда АХҚО қатысушысы ретінде тіркелген",
        "ru": "зарегистрировано в качестве участника МФЦА 1 марта 2025 года",
        "en": "was registered as an AIFC participant 1 March 2025",
    }
    assert fact[lang] in body and "250540900123" in body


@pytest.mark.parametrize("lang", LANGS)
def test_undated_registration_of_a_planned_branch_is_an_obligation(lang):
    p = example("taraz-mendeleev")
    assert p.branch is not None
    planned = changed(p, branch={"status": "planned", "registered_on": None, "license_date": None})
    body = render_text(planned, lang)
    assert p.branch.bin not in body and p.branch.license_number not in body


def test_kazakh_by_agreement_is_kelisu_boiynsha():
    for name in NAMES:
        assert "келісім бойынша" not in text(name, "kk")


def test_polish_university_acts_under_its_statute():
    assert "на основании Статута представляет ректор" in text("zkmu-poznan", "ru")
    assert "Статут негізінде" in text("zkmu-poznan", "kk")
    assert "acting on the basis of the Statute" in text("zkmu-poznan", "en")


@pytest.mark.parametrize("path", V1, ids=[p.stem for p in V1])
def test_data_files_of_the_first_version_load_and_render(path: Path):
    p = load(path)
    for lang in LANGS:
        assert render_text(p, lang)


def signature_cells(name: str, lang: str) -> str:
    return "\n".join(" / ".join(b.cells) for b in docxtext.blocks(rendered(name, "agreement", lang)) if b.cells)


def test_requisites_follow_the_country():
    russian = signature_cells("taraz-mendeleev", "ru").split("ПАРТНЕР", 1)[1]
    for label in ("ИНН: 7700000000", "КПП: 770001001", "ОГРН: 1027700000000", "Р/с: ", "К/с: ", "БИК: 044525999"):
        assert label in russian
    assert "IBAN" not in russian
    kazakhstani = signature_cells("taraz-mendeleev", "ru").split("ПАРТНЕР", 1)[0]
    for label in ("БИН: ", "ИИК: ", "БИК: ", "Кбе: "):
        assert label in kazakhstani
    american = signature_cells("kaznmu-duke", "en").split("THE PARTNER", 1)[1]
    for label in ("Account: 000123456789", "SWIFT: PIEXUS33", "ABA routing number: 053000999", "Correspondent bank: "):
        assert label in american
    polish = signature_cells("zkmu-poznan", "kk").split("СЕРІКТЕС", 1)[1]
    assert "IBAN: PL" in polish and "БСН" not in polish


def test_acting_signatory_signs_under_the_order_that_empowers_them():
    body = text("nku-arizona", "ru")
    assert (
        "на основании приказа от 26 мая 2025 года №\xa0215-ж представляет исполняющий обязанности "
        "Председателя Правления – Ректора Ш.А. Тлеубаева" in body
    )
    assert "Acting Chairman of the Management Board – Rector Sh.A. Tleubayeva" in text("nku-arizona", "en")
    assert "Басқарма төрағасы – ректордың міндетін атқарушы Ш.Ә. Тілеубаева атынан" in text("nku-arizona", "kk")


@pytest.mark.parametrize("name", NAMES)
def test_annex_names_periods_never_their_ids(name):
    p = example(name)
    for lang in LANGS:
        body = text(name, lang)
        for period in p.periods:
            # a calendar year is named by its number; any other id is a code and never printed
            if not period.id.isdigit():
                assert period.id not in body
    labels = {"kk": "2025 жылғы II жартыжылдық: 6", "ru": "II полугодие 2025 г.: 6", "en": "second half of 2025: 6"}
    if name == "zkmu-poznan":
        for lang in LANGS:
            assert labels[lang] in text(name, lang)


@pytest.mark.parametrize(
    ("id_", "span", "lang", "expected"),
    [
        ("2025", (dt.date(2025, 1, 1), dt.date(2025, 12, 31)), "ru", "2025 г."),
        ("x", (dt.date(2026, 4, 1), dt.date(2026, 6, 30)), "kk", "2026 жылғы II тоқсан"),
        ("2027-H1", None, "en", "first half of 2027"),
        ("2027", None, "kk", "2027 жыл"),
        ("y", (dt.date(2025, 2, 1), dt.date(2025, 8, 31)), "ru", "01.02.2025–31.08.2025"),
    ],
)
def test_period_label(id_, span, lang, expected):
    from spdocs.clauses import period_label
    from spdocs.terms import terms

    assert period_label(id_, span, terms(lang).agreement.periods, lang) == expected


def test_no_programme_is_called_dual_and_joint_at_once():
    for name in NAMES:
        assert "двудипломные (совместные)" not in text(name, "ru")
        assert "қос дипломды (бірлескен)" not in text(name, "kk")
        assert "dual-degree (joint)" not in text(name, "en")


def test_entry_into_force_and_term_are_both_stated_when_the_term_starts_later():
    assert example("zkmu-poznan").agreement.start > example("zkmu-poznan").agreement.date
    assert (
        "вступает в силу со дня его подписания Сторонами и действует до 30 июня 2030 года включительно. "
        "Срок сотрудничества Сторон по Договору – 5 (пять) лет: с 1 июля 2025 года до 30 июня 2030 года"
        in text("zkmu-poznan", "ru")
    )


def test_term_is_the_exact_period_when_end_is_no_anniversary():
    body = text("nku-arizona", "ru")
    assert "Срок действия Договора – со 2 июня 2025 года до 31 августа 2031 года включительно." in body
    assert "6 (шесть) лет" not in body
    assert "Its term is from 2 June 2025 until 31 August 2031 inclusive." in text("nku-arizona", "en")


def test_commitments_replace_the_standard_obligations():
    body = text("ektu-luban", "ru")
    partner = body.split("Партнер обязуется:", 1)[1].split("Стороны совместно:", 1)[0]
    assert "поставлять оборудование (учебные стенды" in partner
    assert "предоставлять академический персонал" not in partner
    assert "проводить совместные научные исследования" not in partner
    # a certification centre teaches no degree programmes: no academic-policy procedures
    assert "перевод с курса на курс" not in body
    # without commitments, the standard lists stay (data files of the first version)
    assert "предоставлять академический персонал (ППС)" in text("nku-arizona", "ru")


LIABILITY = {"kk": "Тараптардың жауапкершілігі", "ru": "Ответственность Сторон", "en": "Liability"}
# The document's own name, and the names of the other kinds, which its headings must not use.
NAME = {
    "agreement": {"kk": ("Шарт", "Меморандум", "Келісім"), "ru": ("Договор", "Меморандум", "Соглашени")},
    "cooperation": {"kk": ("Келісім", "Шарт", "Меморандум"), "ru": ("Соглашени", "Договор", "Меморандум")},
    "memorandum": {"kk": ("Меморандум", "Шарт", "Келісім"), "ru": ("Меморандум", "Договор", "Соглашени")},
}
NAME["agreement"]["en"] = ("Agreement", "Memorandum")
NAME["cooperation"]["en"] = ("Agreement", "Memorandum")
NAME["memorandum"]["en"] = ("Memorandum", "Agreement")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_document_type_names_the_document_and_chooses_its_clauses(name, lang):
    p = example(name)
    body = text(name, lang)
    own, *others = NAME[p.agreement.type][lang]
    headings = [str(b) for b in docxtext.blocks(rendered(name, "agreement", lang)) if b.style == "Section"]
    assert any(own in h for h in headings)
    assert not any(other in h for h in headings for other in others)
    memorandum = p.agreement.type == "memorandum"
    assert any(h.endswith(LIABILITY[lang]) for h in headings) != memorandum
    if memorandum:  # disputes by negotiation only: no court, no arbitration
        disputes = body.split("\n" + headings[-3], 1)[1].split("\n" + headings[-2], 1)[0].lower()
        assert "переговор" in disputes or "келіссөз" in disputes or "negotiation" in disputes
        for word in ("арбитраж", " суд", "arbitrat", "court"):
            assert word not in disputes


def test_examples_include_each_kind_of_document():
    assert {example(n).agreement.type for n in NAMES} == {"agreement", "cooperation", "memorandum"}


# What agrees with the document's name in Russian: Договор and Меморандум are masculine,
# Соглашение is neuter («настоящее Соглашение … составлено … может быть досрочно расторгнуто»).
AGREEING = {
    "agreement": (
        "заключили настоящий Договор (далее – Договор)",
        "Договор составлен в ",
        "Договор может быть досрочно расторгнут:",
    ),
    "cooperation": (
        "заключили настоящее Соглашение (далее – Соглашение)",
        "Соглашение составлено в ",
        "Соглашение может быть досрочно расторгнуто:",
    ),
    "memorandum": (
        "заключили настоящий Меморандум (далее – Меморандум)",
        "Меморандум составлен в ",
        "Меморандум может быть досрочно расторгнут:",
    ),
}
TITLE = {
    "agreement": (
        "ДОГОВОР О СТРАТЕГИЧЕСКОМ ПАРТНЕРСТВЕ",
        "СТРАТЕГИЯЛЫҚ ӘРІПТЕСТІК ТУРАЛЫ ШАРТ",
        "AGREEMENT ON STRATEGIC PARTNERSHIP",
    ),
    "cooperation": (
        "СОГЛАШЕНИЕ О СОТРУДНИЧЕСТВЕ В РАМКАХ СТРАТЕГИЧЕСКОГО ПАРТНЕРСТВА",
        "СТРАТЕГИЯЛЫҚ ӘРІПТЕСТІК ШЕҢБЕРІНДЕГІ ЫНТЫМАҚТАСТЫҚ ТУРАЛЫ КЕЛІСІМ",
        "COOPERATION AGREEMENT ON STRATEGIC PARTNERSHIP",
    ),
    "memorandum": (
        "МЕМОРАНДУМ О ВЗАИМОПОНИМАНИИ В ОБЛАСТИ СТРАТЕГИЧЕСКОГО ПАРТНЕРСТВА",
        "СТРАТЕГИЯЛЫҚ ӘРІПТЕСТІК ТУРАЛЫ ӨЗАРА ТҮСІНІСТІК МЕМОРАНДУМЫ",
        "MEMORANDUM OF UNDERSTANDING ON STRATEGIC PARTNERSHIP",
    ),
}


@pytest.mark.parametrize("kind", sorted(AGREEING))
def test_each_kind_of_document_has_its_title_and_agreeing_words(kind):
    p = changed(example("taraz-mendeleev"), agreement={"type": kind})
    ru, kk, en = (render_text(p, lang) for lang in ("ru", "kk", "en"))
    assert ru.startswith(TITLE[kind][0]) and kk.startswith(TITLE[kind][1]) and en.startswith(TITLE[kind][2])
    for phrase in AGREEING[kind]:
        assert phrase in ru
    wrong = ("настоящий Соглашение", "Соглашение составлен ", "Соглашение может быть досрочно расторгнут:")
    assert not any(w in ru for w in wrong)
    annex = {
        "agreement": "Договору о стратегическом партнерстве",
        "cooperation": "Соглашению о сотрудничестве в рамках стратегического партнерства",
        "memorandum": "Меморандуму о взаимопонимании в области стратегического партнерства",
    }
    assert f"к {annex[kind]}" in ru
    # a binding document (договор, соглашение) keeps liability and disputes; a memorandum has neither
    assert ("Ответственность Сторон" in ru) == (kind != "memorandum")
    assert ("подлежит разрешению в суде" in ru) == (kind != "memorandum")
    assert ("Тараптардың жауапкершілігі" in kk) == bool(re.search(r"\n\d+\. Liability\n", en)) == (kind != "memorandum")


@pytest.mark.parametrize("name", [n for n in NAMES if example(n).regime == "medical"])
def test_medical_agreement_has_no_academic_policy_section(name):
    headings = [b.text for b in docxtext.blocks(rendered(name, "agreement", "ru")) if b.style == "Section"]
    assert "Академическая политика" not in headings
