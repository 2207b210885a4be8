"""The documents that cite the agreement name it by its kind (agreement.type), checked on the rendered
text: a Соглашение / Келісім (yessenov-tu-berlin), a Договор / Шарт (taraz-mendeleev) and a Меморандум
(ektu-luban), in the order, plan, report, letter and supplementary agreement, in kk, ru and en."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, example, rendered
from spdocs import documents, docxtext
from spdocs.amendment import write_amendment
from spdocs.model import Partnership

NAMES = ("yessenov-tu-berlin", "taraz-mendeleev", "ektu-luban")

# What each document must say, per example and language: the full name in the case the sentence
# needs, then the short name (Russian: Соглашение is neuter, Договор and Меморандум masculine;
# Kazakh: «өзара түсіністік Меморандумы» takes the possessive's endings: Меморандумын, Меморандумына).
EXPECTED: dict[str, dict[str, dict[str, list[str]]]] = {
    "yessenov-tu-berlin": {
        "ru": {
            "order": [
                "в целях реализации Соглашения о сотрудничестве в рамках стратегического партнерства от 18 декабря "
                "2024 года № 07/2024 (далее – Соглашение)",
                "установленных приложением 1 к Соглашению,",
                "предусмотренного Соглашением, в установленные им сроки",
            ],
            "plan": ["во исполнение Соглашения о сотрудничестве в рамках стратегического партнерства от 18 декабря"],
            "report": [
                "| Соглашение: | Соглашение о сотрудничестве в рамках стратегического партнерства от 18 декабря",
                "Плановые (по Соглашению) и фактические",
            ],
            "letter": ["В соответствии с Соглашением о сотрудничестве в рамках стратегического партнерства от 18"],
            "amendment": [
                "к Соглашению о сотрудничестве в рамках стратегического партнерства от 18 декабря 2024 года № 07/2024",
                "заключили настоящее Дополнительное соглашение к Соглашению о сотрудничестве в рамках стратегического "
                "партнерства от 18 декабря 2024 года № 07/2024 (далее – Соглашение) о нижеследующем:",
                "1. Внести в Соглашение следующие изменения:",
                "1) пункт 18.1 Соглашения изложить в следующей редакции:",
                "является неотъемлемой частью Соглашения",
                "Условия Соглашения, не затронутые",
            ],
        },
        "kk": {
            "order": [
                "2024 жылғы 18 желтоқсандағы № 07/2024 стратегиялық әріптестік шеңберіндегі ынтымақтастық туралы "
                "Келісімді (бұдан әрі – Келісім) іске асыру мақсатында",
                "Келісімнің 1-қосымшасында белгіленген",
                "Келісімде көзделген",
            ],
            "plan": ["стратегиялық әріптестік шеңберіндегі ынтымақтастық туралы Келісімді орындау үшін"],
            "report": [
                "| Келісім: | 2024 жылғы 18 желтоқсандағы № 07/2024 стратегиялық әріптестік шеңберіндегі "
                "ынтымақтастық туралы Келісім |",
                "жоспарлы (Келісім бойынша)",
            ],
            "letter": ["стратегиялық әріптестік шеңберіндегі ынтымақтастық туралы Келісімге сәйкес"],
            "amendment": [
                "2024 жылғы 18 желтоқсандағы № 07/2024 стратегиялық әріптестік шеңберіндегі ынтымақтастық туралы "
                "Келісімге (бұдан әрі – Келісім) осы Қосымша келісімді",
                "1. Келісімге мынадай өзгерістер енгізілсін:",
                "1) Келісімнің 18.1-тармағы мынадай редакцияда жазылсын:",
                "Осы Қосымша келісім Келісімнің ажырамас бөлігі",
            ],
        },
        "en": {
            "order": [
                "in order to implement the Cooperation Agreement on Strategic Partnership dated 18 December 2024 "
                "No. 07/2024 (the “Agreement”)",
                "Annex 1 to the Agreement",
            ],
            "plan": ["to implement the Cooperation Agreement on Strategic Partnership dated 18 December 2024"],
            "report": ["| Agreement: | Cooperation Agreement on Strategic Partnership No."],
            "letter": ["In accordance with the Cooperation Agreement on Strategic Partnership dated 18 December 2024"],
            "amendment": [
                "to the Cooperation Agreement on Strategic Partnership No. 07/2024 dated 18 December 2024",
                "1. The Agreement is amended as follows:",
                "1) clause 18.1 of the Agreement shall read as follows:",
            ],
        },
    },
    "taraz-mendeleev": {
        "ru": {
            "order": [
                "в целях реализации Договора о стратегическом партнерстве от 14 марта 2025 года "
                "№ 01-СП/2025 (далее – Договор)",
                "установленных приложением 1 к Договору,",
                "предусмотренного Договором, в установленные им сроки",
            ],
            "plan": ["во исполнение Договора о стратегическом партнерстве от 14 марта 2025 года"],
            "report": ["| Договор: | Договор о стратегическом партнерстве от 14 марта 2025 года", "(по Договору)"],
            "letter": ["В соответствии с Договором о стратегическом партнерстве от 14 марта 2025 года"],
            "amendment": [
                "к Договору о стратегическом партнерстве от 14 марта 2025 года № 01-СП/2025 (далее – Договор)",
                "1. Внести в Договор следующие изменения:",
                "является неотъемлемой частью Договора",
            ],
        },
        "kk": {
            "order": [
                "2025 жылғы 14 наурыздағы № 01-СП/2025 стратегиялық әріптестік туралы Шартты (бұдан әрі – Шарт) "
                "іске асыру мақсатында",
                "Шарттың 1-қосымшасында белгіленген",
                "Шартта көзделген",
            ],
            "plan": ["стратегиялық әріптестік туралы Шартты орындау үшін"],
            "report": ["| Шарт: |", "стратегиялық әріптестік туралы Шарт |", "(Шарт бойынша)"],
            "letter": ["стратегиялық әріптестік туралы Шартқа сәйкес"],
            "amendment": [
                "стратегиялық әріптестік туралы Шартқа (бұдан әрі – Шарт) осы Қосымша келісімді",
                "1. Шартқа мынадай өзгерістер енгізілсін:",
                "Осы Қосымша келісім Шарттың ажырамас бөлігі",
            ],
        },
        "en": {
            "order": [
                "in order to implement the Agreement on Strategic Partnership dated 14 March 2025",
                "(the “Agreement”)",
            ],
            "plan": ["to implement the Agreement on Strategic Partnership dated 14 March 2025"],
            "report": ["| Agreement: | Agreement on Strategic Partnership No."],
            "letter": ["In accordance with the Agreement on Strategic Partnership dated 14 March 2025"],
            "amendment": [
                "to the Agreement on Strategic Partnership No. 01-СП/2025 dated 14 March 2025 (the “Agreement”)",
                "1. The Agreement is amended as follows:",
            ],
        },
    },
    "ektu-luban": {
        "ru": {
            "order": [
                "в целях реализации Меморандума о взаимопонимании в области стратегического партнерства от 26 ноября "
                "2024 года № 11/2024 (далее – Меморандум)",
                "установленных приложением 1 к Меморандуму,",
                "предусмотренного Меморандумом, в установленные им сроки",
            ],
            "plan": ["во исполнение Меморандума о взаимопонимании в области стратегического партнерства от 26 ноября"],
            "report": [
                "| Меморандум: | Меморандум о взаимопонимании в области стратегического партнерства от 26 ноября",
                "(по Меморандуму)",
            ],
            "letter": ["В соответствии с Меморандумом о взаимопонимании в области стратегического партнерства от 26"],
            "amendment": [
                "к Меморандуму о взаимопонимании в области стратегического партнерства от 26 ноября 2024 года "
                "№ 11/2024 (далее – Меморандум) о нижеследующем:",
                "1. Внести в Меморандум следующие изменения:",
                "является неотъемлемой частью Меморандума",
                "Условия Меморандума, не затронутые",
            ],
        },
        "kk": {
            "order": [
                "2024 жылғы 26 қарашадағы № 11/2024 стратегиялық әріптестік туралы өзара түсіністік Меморандумын "
                "(бұдан әрі – Меморандум) іске асыру мақсатында",
                "Меморандумның 1-қосымшасында белгіленген",
                "Меморандумда көзделген",
            ],
            "plan": ["стратегиялық әріптестік туралы өзара түсіністік Меморандумын орындау үшін"],
            "report": [
                "| Меморандум: |",
                "стратегиялық әріптестік туралы өзара түсіністік Меморандумы |",
                "(Меморандум бойынша)",
            ],
            "letter": ["стратегиялық әріптестік туралы өзара түсіністік Меморандумына сәйкес"],
            "amendment": [
                "стратегиялық әріптестік туралы өзара түсіністік Меморандумына (бұдан әрі – Меморандум) осы Қосымша",
                "1. Меморандумға мынадай өзгерістер енгізілсін:",
                "Осы Қосымша келісім Меморандумның ажырамас бөлігі",
            ],
        },
        "en": {
            "order": [
                "in order to implement the Memorandum of Understanding on Strategic Partnership dated ",
                "(the “Memorandum”)",
                "Annex 1 to the Memorandum",
                "set out in the Memorandum is carried out",
            ],
            "plan": ["to implement the Memorandum of Understanding on Strategic Partnership dated "],
            "report": [
                "| Memorandum: | Memorandum of Understanding on Strategic Partnership No.",
                "(under the Memorandum)",
            ],
            "letter": ["In accordance with the Memorandum of Understanding on Strategic Partnership dated "],
            "amendment": [
                "to the Memorandum of Understanding on Strategic Partnership No.",
                "(the “Memorandum”) as follows:",
                "1. The Memorandum is amended as follows:",
                "forms an integral part of the Memorandum",
            ],
        },
    },
}

# Words of another kind of agreement that must not appear. The report is left out: its indicators
# and results are the data's own texts, which may speak of other contracts («договор на испытания»).
WRONG = {
    "cooperation": {
        "ru": r"\b[Дд]оговор[а-я]*\b|\b[Мм]еморандум",
        "kk": r"\b[Шш]арт(?!тар)[а-яәғқңөұүһі]*\b|[Мм]еморандум",
        "en": r"Memorandum",
    },
    "memorandum": {
        "ru": r"\b[Дд]оговор[а-я]*\b|\bСоглашени",
        "kk": r"\b[Шш]арт(?!тар)[а-яәғқңөұүһі]*\b|\bКелісім",
        "en": r"(?<!Supplementary )\bAgreement\b|AGREEMENT(?! No)",
    },
    "agreement": {
        "ru": r"\bСоглашени|[Мм]еморандум",
        "kk": r"\bКелісім|[Мм]еморандум",
        "en": r"Memorandum|Cooperation Agreement",
    },
}
TYPES = {"yessenov-tu-berlin": "cooperation", "taraz-mendeleev": "agreement", "ektu-luban": "memorandum"}
PERIOD = {"report": "2025", "letter": "2025"}


@pytest.fixture(scope="module")
def amendments(tmp_path_factory) -> dict[str, Path]:
    """Return each example's folder of supplementary agreements: its term lengthened by a year."""
    folders = {}
    for name in NAMES:
        source = ROOT / "examples" / f"{name}.yaml"
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data["agreement"]["term_years"] = (data["agreement"].get("term_years") or 5) + 1
        data["agreement"].pop("end", None)
        data["amendments"] = [{"number": "1", "date": "2026-03-02", "place": data["agreement"]["place"]}]
        folder = tmp_path_factory.mktemp(name)
        new = folder / f"{name}.yaml"
        new.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        write_amendment(source, new, out=folder / "out")
        folders[name] = folder / "out" / name
    return folders


@functools.cache
def memorandum_in_english() -> Partnership:
    """Return yessenov-tu-berlin as a memorandum: ektu-luban's data has no English texts for its order,
    plan, report and letter (they are issued in kk and ru only)."""
    data = example("yessenov-tu-berlin").model_dump()
    data["agreement"]["type"] = "memorandum"
    return Partnership.model_validate(data)


def document_text(name: str, kind: str, lang: str, amendments: dict[str, Path]) -> str:
    """Return the document's text, no-break spaces as spaces (after № and No.)."""
    if kind == "amendment":
        docx = (amendments[name] / f"amendment.{lang}.docx").read_bytes()
    elif name == "ektu-luban" and lang == "en":
        docx = documents.render_document(memorandum_in_english(), kind, lang=lang, period=PERIOD.get(kind))
    else:
        docx = rendered(name, kind, lang, PERIOD.get(kind))
    return docxtext.text(docx).replace("\xa0", " ")


@pytest.mark.parametrize("kind", ["order", "plan", "report", "letter", "amendment"])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_documents_name_the_agreement_by_its_kind(name, lang, kind, amendments):
    text = document_text(name, kind, lang, amendments)
    for expected in EXPECTED[name][lang][kind]:
        assert expected in text
    wrong = [] if kind == "report" else re.findall(WRONG[TYPES[name]][lang], text)
    assert not wrong, f"{name} {kind}.{lang} names another kind of agreement: {wrong}"
