"""The procedure's other documents: the activity plan, the partner's selection and the cover letter."""

from __future__ import annotations

import io

import pytest

from conftest import example, rendered
from spdocs import documents, docxtext
from spdocs.errors import OptionError
from spdocs.languages import LANGS
from spdocs.model import Partnership


def text(name: str, kind: str, lang: str, period: str | None = None) -> str:
    return docxtext.text(rendered(name, kind, lang, period))


@pytest.mark.parametrize(
    ("lang", "approve", "blank"),
    [
        ("kk", "БЕКІТЕМІН", "20__ жылғы «___» __________"),
        ("ru", "УТВЕРЖДАЮ", "«___» __________ 20__ г."),
        ("en", "APPROVED", "Date: ____________"),
    ],
)
def test_plan_approval_block(lang, approve, blank):
    lines = text("kaznmu-duke", "plan", lang).splitlines()
    assert lines[0] == approve
    assert lines[3].endswith({"kk": "Д.Е. Сұлтанғазиев", "ru": "Д.Е. Султангазиев", "en": "D.Ye. Sultangaziyev"}[lang])
    assert lines[4] == {"kk": "2025 жылғы «20» қаңтар", "ru": "«20» января 2025 г.", "en": "20 January 2025"}[lang]
    # no approval date in the data: the block is left to be dated by hand
    assert text("zkmu-poznan", "plan", lang).splitlines()[4] == blank


def test_plan_has_a_table_per_area_with_every_column():
    lines = text("kaznmu-duke", "plan", "ru").splitlines()
    areas = [line for line in lines if line[:2] in ("1.", "2.", "3.") and "|" not in line]
    assert areas == [
        "1. Подготовка и повышение квалификации кадров здравоохранения",
        "2. Развитие научного потенциала",
        "3. Совершенствование оказания медицинских услуг",
    ]
    header = (
        "| № | Мероприятие | Срок исполнения | Ответственные | Ожидаемый результат и показатель "
        "| Источник финансирования |"
    )
    assert lines.count(header) == 3
    assert (
        "| 1.1 | Пересмотр программ резидентуры «Внутренние болезни» и «Общая хирургия» совместно с экспертами "
        "Партнера | 31.08.2025 | Проректор по академическим вопросам | обновленные программы утверждены; "
        "Программы резидентуры, обновленные с участием Партнера: 3 ед. (план на 01.01.2026–31.12.2026) | "
        "Собственные средства казахстанской стороны |"
    ) in lines
    assert "В соответствии с пунктом 10 Правил" not in lines and any("пунктом 10 Правил" in line for line in lines)


def test_plan_for_one_period_keeps_its_activities_and_targets():
    whole = text("kaznmu-duke", "plan", "en")
    year = text("kaznmu-duke", "plan", "en", "2025")
    assert "for 2025–2029" in whole and "for the reporting period 01.01.2025–31.12.2025" in year
    assert "30.06.2026" in whole and "30.06.2026" not in year  # due in 2026: not in the 2025 plan
    assert "20 persons (target for 01.01.2025–31.12.2025)" in year
    assert documents.targets(example("kaznmu-duke"), kinds_=["plan"], langs=["en"], period="2025") == [
        documents.Target("plan", "en", "2025")
    ]


def test_he_plan_cites_the_draft_recommendations_not_the_moh_rules():
    ru = text("taraz-mendeleev", "plan", "ru")
    assert "с учетом проекта Методических рекомендаций" in ru and "Министра здравоохранения" not in ru
    assert "| 3.2 | Обучение студентов в течение семестра у Партнера (академическая мобильность) | 15.12.2026 |" in ru


def test_medical_selection_sets_every_candidate_against_each_criterion():
    ru = text("kaznmu-duke", "selection", "ru")
    for criterion in (
        "вхождение в признанные международные рейтинги",
        "наличие достижений",
        "квалифицированных кадров",
    ):
        assert criterion in ru
    rows = [line for line in ru.splitlines() if line.startswith("| 2 |") or line.startswith("| 3 |")]
    assert rows[0].startswith("| 2 | Университет Питтсбурга (University of Pittsburgh) (Соединенные Штаты) | ")
    assert "QS World University Rankings, 2025 год, общий рейтинг: 157 место (источник: https://" in rows[0]
    assert rows[0].endswith(
        "| не выбран: задействован в другом проекте в Казахстане в качестве партнера медицинской школы |"
    )
    assert rows[1].split(" | ")[4] == "—"  # no personnel given for Lund: a dash, never blank
    assert "и в наибольшей мере отвечает им в совокупности среди рассмотренных организаций" in ru


def test_he_selection_checks_the_top_500_overall_or_by_subject():
    taraz = text("taraz-mendeleev", "selection", "en")
    assert "subject ranking Chemical Engineering: place 451–500" in taraz
    assert "| 3 | Kazan National Research Technological University (Russia) | not ranked | no | not selected" in taraz
    assert "is in the TOP-500 of international rankings" in taraz
    franchise = text("almaty-dmu-franchise", "selection", "en")
    assert "overall ranking: place 601–800" in franchise
    assert "De Montfort University is not in the TOP-500" in franchise
    assert "Comparison of the organizations considered" not in franchise  # one candidate: no table


def test_selection_without_ranking_states_the_other_grounds():
    ru = text("ektu-luban", "selection", "ru")
    assert "Международные рейтинги: в рейтингах не участвует. Партнер не участвует в рейтингах QS" in ru
    assert "выбор партнера обоснован иными основаниями, указанными в разделе 2" in ru


@pytest.mark.parametrize("lang", LANGS)
def test_letter_with_number_date_and_page_counts(lang):
    lines = text("kaznmu-duke", "letter", lang, "2025").splitlines()
    head = {
        "kk": "| Шығыс № 03-12/418 / 2026 жылғы 12 ақпан | Қазақстан Республикасы Денсаулық сақтау министрлігі |",
        "ru": "| Исх. № 03-12/418 / 12 февраля 2026 года | Министерство здравоохранения Республики Казахстан |",
        "en": "| Ref. No. 03-12/418 / 12 February 2026 | Ministry of Healthcare of the Republic of Kazakhstan |",
    }[lang]
    assert head in lines
    attachments = {
        "kk": [
            "1. Стратегиялық әріптестікті іске асыру туралы есеп (01.01.2025–31.12.2025), 14 парақ;",
            "2. Көрсеткіштердің жиынтық кестесі (жоспар, нақты, ауытқу) (01.01.2025–31.12.2025), 2 парақ.",
        ],
        "ru": [
            "1. Отчет о реализации стратегического партнерства за период 01.01.2025–31.12.2025 на 14 л.;",
            "2. Сводная таблица показателей (план, факт, отклонение) за период 01.01.2025–31.12.2025 на 2 л.",
        ],
        "en": [
            "1. Report on the implementation of the strategic partnership, 01.01.2025–31.12.2025, 14 pages;",
            "2. Summary table of indicators (plan, actual, deviation), 01.01.2025–31.12.2025, 2 pages.",
        ],
    }[lang]
    i = lines.index(attachments[0])
    assert lines[i : i + 2] == attachments
    assert lines[-1].endswith("+7 727 000 00 27")


def test_letter_without_outgoing_details_leaves_blanks_and_names_the_he_ministry():
    ru = text("taraz-mendeleev", "letter", "ru", "2026")
    assert (
        "| Исх. № ____________ / от «___» __________ 20__ г. "
        "| Министерство науки и высшего образования Республики Казахстан |" in ru
    )
    assert "1. Отчет о реализации стратегического партнерства за период 01.01.2026–31.12.2026 на ___ л." in ru
    assert "Исх. № 12-04/211 / 8 апреля 2026 года" in text("taraz-mendeleev", "letter", "ru", "2025")


def test_letter_needs_a_period():
    with pytest.raises(OptionError, match="per reporting period"):
        documents.render_document(example("kaznmu-duke"), "letter", lang="ru")


@pytest.mark.parametrize("lang", LANGS)
def test_plan_pages_are_landscape_so_its_six_columns_read(lang):
    import docx
    from docx.enum.section import WD_ORIENT

    section = docx.Document(io.BytesIO(documents.render_document(example("kaznmu-duke"), "plan", lang=lang))).sections[
        0
    ]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height


# --- a partner that signs as a unit of its parent organization -----------------------------------

PARENT = {"kk": "Менделеев атындағы университет", "ru": "Университет имени Менделеева", "en": "Mendeleev University"}


def unit_selection(name: str, parent_rank: int, lang: str) -> str:
    """Return the selection of ``name`` whose foreign party is a faculty of a parent ranked ``parent_rank``."""
    data = example(name).model_dump()
    foreign = data["parties"]["foreign"]
    foreign["parent"] = {"name": PARENT, "rankings": [{"system": "QS", "year": 2025, "rank": parent_rank}]}
    foreign["rankings"] = [{"system": "THE", "year": 2024, "rank": 777}]  # the unit's own: not the one that counts
    p = Partnership.model_validate(data)
    return docxtext.text(documents.render_document(p, "selection", lang=lang))


UNIT_TEXT = {
    "ru": (
        "Международные рейтинги организации, в состав которой входит партнер (Университет имени Менделеева): "
        "QS World University Rankings, 2025 год, общий рейтинг: 120 место.",
        "входит в состав организации (Университет имени Менделеева), включенной в ТОП-500 международных рейтингов, "
        "и соответствует подпункту 1)",
        "входит в состав организации (Университет имени Менделеева), не включенной в ТОП-500 международных рейтингов",
        "QS World University Rankings, 2025 год, общий рейтинг: 900 место",
    ),
    "kk": (
        "Құрамына серіктес кіретін ұйымның (Менделеев атындағы университет) халықаралық рейтингтері: "
        "QS World University Rankings, 2025 жыл, жалпы рейтинг: 120 орын.",
        "халықаралық рейтингтердің ТОП-500 тізіміне енетін ұйымның (Менделеев атындағы университет) құрамына кіреді",
        "халықаралық рейтингтердің ТОП-500 тізіміне енбейтін ұйымның (Менделеев атындағы университет) құрамына кіреді",
        "QS World University Rankings, 2025 жыл, жалпы рейтинг: 900 орын",
    ),
    "en": (
        "International rankings of the organization the partner belongs to (Mendeleev University): "
        "QS World University Rankings, 2025, overall ranking: place 120.",
        "belongs to an organization (Mendeleev University) in the TOP-500 of international rankings and meets",
        "belongs to an organization (Mendeleev University) that is not in the TOP-500 of international rankings",
        "QS World University Rankings, 2025, overall ranking: place 900",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_selection_of_a_unit_gives_its_parents_rankings_and_says_whose(lang):
    top, in_top, not_in_top, low = UNIT_TEXT[lang]
    ranked = unit_selection("taraz-mendeleev", 120, lang)
    assert top in ranked and in_top in ranked
    assert "777" not in ranked  # the unit's own ranking is not the one the selection rests on
    # the comparison table: the chosen partner's row names the parent before its rankings
    assert f"| {PARENT[lang]} (" in ranked
    unranked = unit_selection("taraz-mendeleev", 900, lang)
    assert low in unranked and not_in_top in unranked and in_top not in unranked


def test_medical_selection_of_a_unit_gives_its_parents_rankings():
    ru = unit_selection("kaznmu-duke", 120, "ru")
    assert "Международные рейтинги организации, в состав которой входит партнер (Университет имени Менделеева)" in ru
    assert "| Университет имени Менделеева (рейтинги организации, в состав которой входит партнер): QS" in ru
    assert "777" not in ru
