"""Orders and reports as Kazakhstani office practice expects them (issue 11), on the rendered text."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from conftest import example, have_soffice, rendered
from spdocs import checks, documents, docxtext, financing, formatting, periods, workbook
from spdocs.convert import Converter
from spdocs.model import LANGS, Partnership, Spending, Text
from spdocs.terms import terms

MINUS = "\u2212"


def text_of(data: bytes) -> str:
    return docxtext.text(data)


def rows_of(data: bytes) -> list[tuple[str, ...]]:
    return [b.cells for b in docxtext.blocks(data) if b.cells]


# ------------------------------------------------------------------ the order

APPROVAL = {"kk": "КЕЛІСУ ПАРАҒЫ", "ru": "ЛИСТ СОГЛАСОВАНИЯ", "en": "APPROVAL SHEET"}
ACK = {"kk": "Бұйрықпен танысқандар:", "ru": "С приказом ознакомлены:", "en": "Acknowledged by:"}
EXECUTOR = {"kk": "Орынд.: ", "ru": "Исп.: ", "en": "Prepared by: "}
BLANK_DATE = {"kk": "20__ ж. «___» __________", "ru": "«___» __________ 20__ г.", "en": "___ __________ 20__"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["kaznmu-duke", "nku-arizona"])
def test_approval_sheet_lists_the_endorsers_after_the_order(name, lang):
    wg = example(name).working_group
    assert wg is not None and wg.order.endorsers
    data = rendered(name, "order", lang)
    blocks = docxtext.blocks(data)
    texts = [b.text for b in blocks]
    sheet = texts.index(APPROVAL[lang])
    signature = next(i for i, b in enumerate(blocks) if b.cells and b.cells[-1] == wg.first_head.name.get(lang))
    appendix = max(i for i, b in enumerate(blocks) if b.cells and b.cells[-1] == BLANK_DATE[lang])  # the lists' end
    assert signature < sheet < appendix
    assert example(name).parties.foreign.short_name.get(lang) in texts[sheet + 1]  # «к проекту приказа …»
    table = [b.cells for b in blocks[sheet + 2 : sheet + 3 + len(wg.order.endorsers)]]
    assert table[0][0] in ("№", "No.")
    for n, (row, e) in enumerate(zip(table[1:], wg.order.endorsers), 1):
        position = e.position.get(lang)
        assert row[:3] == (str(n), position[:1].upper() + position[1:], e.name.get(lang))
        assert row[3] == "__________"  # the signature line, signed by hand
        expected = formatting.date_forms(e.date, lang=lang)["numeric"] if e.date else BLANK_DATE[lang]
        assert row[4] == expected
    assert any(e.date is None for e in wg.order.endorsers)  # the example shows the blank line too


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["kaznmu-duke", "nku-arizona", "taraz-mendeleev"])
def test_acknowledgement_list_has_every_member_to_sign(name, lang):
    wg = example(name).working_group
    assert wg is not None
    blocks = docxtext.blocks(rendered(name, "order", lang))
    start = [b.text for b in blocks].index(ACK[lang])
    rows = [b.cells for b in blocks[start + 1 : start + 2 + len(wg.members)]]
    assert len(rows[0]) == 5
    assert sorted(r[1] for r in rows[1:]) == sorted(m.name.get(lang) for m in wg.members)
    assert all(r[3] == "__________" and r[4] == BLANK_DATE[lang] for r in rows[1:])  # signed and dated by hand


@pytest.mark.parametrize("lang", LANGS)
def test_without_endorsers_or_acknowledgement_there_is_no_sheet(lang):
    p = example("taraz-mendeleev")
    assert p.working_group is not None and not p.working_group.order.endorsers
    text = text_of(rendered("taraz-mendeleev", "order", lang))
    assert APPROVAL[lang] not in text and EXECUTOR[lang] not in text
    wg = p.working_group
    q = p.model_copy(
        update={
            "working_group": wg.model_copy(update={"order": wg.order.model_copy(update={"acknowledgement": False})})
        }
    )
    assert ACK[lang] not in text_of(documents.render_document(q, "order", lang=lang))


@pytest.mark.parametrize("lang", LANGS)
def test_executor_line_gives_name_and_phone(lang):
    wg = example("kaznmu-duke").working_group
    assert wg is not None and wg.order.executor is not None
    lines = text_of(rendered("kaznmu-duke", "order", lang)).splitlines()
    tel = "tel." if lang == "en" else "тел."
    assert f"{EXECUTOR[lang]}{wg.order.executor.name.get(lang)}, {tel}: {wg.order.phone}" in lines


BASIS_MEDICAL = {
    "kk": ["№\xa0360-VI «Халық денсаулығы және денсаулық сақтау жүйесі туралы» Кодексіне", "8-тармағына", "Жарғысына"],
    "ru": ["№\xa0360-VI «О здоровье народа и системе здравоохранения»", "пунктом 8 Правил", "Уставом НАО «"],
    "en": [
        "No.\xa0360-VI of 7 July 2020 On Public Health and the Healthcare System",
        "paragraph 8 of the Rules",
        "the Charter of ",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["kaznmu-duke", "zkmu-poznan"])
def test_medical_order_rests_on_the_code_the_rules_the_charter_and_the_agreement(name, lang):
    p = example(name)
    text = text_of(rendered(name, "order", lang))
    for part in BASIS_MEDICAL[lang]:
        assert part in text
    assert p.agreement.number in text
    assert formatting.date_forms(p.agreement.date, lang=lang)["attr"] in text


ORDER_STYLE = {
    "ru": (
        "2. Назначить ответственным лицом за реализацию стратегического партнерства "
        "проректора по международному сотрудничеству Б.Г. Мухамеджанова.",
        "4. Контроль за исполнением настоящего приказа возложить на члена Правления – проректора по "
        "академическим вопросам К.С. Жусупову.",
    ),
    "kk": (
        "2. Стратегиялық әріптестікті іске асыруға жауапты тұлға болып халықаралық ынтымақтастық жөніндегі "
        "проректор Б.Ғ. Мұхамеджанов тағайындалсын.",
        "4. Осы бұйрықтың орындалуын бақылау Басқарма мүшесі – академиялық мәселелер жөніндегі проректор "
        "Қ.С. Жүсіповаға жүктелсін.",
    ),
    "en": (
        "2. Vice-Rector for International Cooperation B.G. Mukhamedzhanov is appointed as the person "
        "responsible for the implementation of the strategic partnership.",
        "4. Control over the execution of this Order is entrusted to Member of the Management Board – "
        "Vice-Rector for Academic Affairs K.S. Zhussupova.",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_order_style_appoint_and_entrust_control(lang):
    lines = text_of(rendered("nku-arizona", "order", lang)).splitlines()
    appoint, control = ORDER_STYLE[lang]
    assert appoint in lines
    assert control in lines


@pytest.mark.parametrize("lang", LANGS)
def test_without_object_form_the_order_keeps_a_nominative_wording(lang):
    p = example("taraz-mendeleev")
    wg = p.working_group
    assert wg is not None and wg.responsible is not None and wg.control is not None
    q = p.model_copy(
        update={
            "working_group": wg.model_copy(
                update={
                    "control": wg.control.model_copy(update={"object_form": None}),
                    "responsible": wg.responsible.model_copy(update={"object_form": None}),
                }
            )
        }
    )
    text = text_of(documents.render_document(q, "order", lang=lang))
    name = wg.control.name.get(lang)
    expected = {
        "ru": f"Контроль за исполнением настоящего приказа осуществляет {wg.control.position.get(lang)} {name}.",
        "kk": f"Осы бұйрықтың орындалуын бақылауды {wg.control.position.get(lang)} {name} жүзеге асырсын.",
        "en": f"Control over the execution of this Order is entrusted to {name}, {wg.control.position.get(lang)}.",
    }
    assert expected[lang] in text
    appoint = {
        "ru": "Назначить ответственным лицом за реализацию стратегического партнерства: ",
        "kk": " тағайындалсын.",
        "en": " is appointed as the person responsible",
    }
    assert appoint[lang] in text


NO_DUPLICATES = {
    "ru": (
        "определить показатели",
        "разработать план",
        "обеспечить достижение целевых индикаторов, установленных приложением 1 к Договору, в плановые сроки",
        "обеспечить выполнение плана мероприятий по развитию стратегического партнерства, предусмотренного "
        "Договором, в установленные им сроки;",
    ),
    "kk": (
        "көрсеткіштерді айқындасын",
        "жоспарын әзірлесін",
        "Шарттың 1-қосымшасында белгіленген нысаналы индикаторларға жоспарланған мерзімдерде қол жеткізуді "
        "қамтамасыз етсін:",
        "Шартта көзделген стратегиялық әріптестікті дамыту жөніндегі іс-шаралар жоспарының онда белгіленген "
        "мерзімдерде орындалуын қамтамасыз етсін;",
    ),
    "en": (
        "define the indicators",
        "draw up the plan",
        "ensure that the target indicators set in Annex 1 to the Agreement are reached by the planned dates",
        "ensure that the plan of activities for the development of the strategic partnership set out in the "
        "Agreement is carried out by the dates it sets;",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_group_carries_out_what_the_agreement_fixed_it_does_not_redo_it(lang):
    text = text_of(rendered("kaznmu-duke", "order", lang))
    define, develop, indicators, plan = NO_DUPLICATES[lang]
    assert define not in text and develop not in text
    assert indicators in text
    assert plan in text  # kaznmu-duke's agreement has a plan of activities


MOH = {
    "kk": "Қазақстан Республикасы Денсаулық сақтау министрлігіне",
    "ru": "Министерство здравоохранения Республики Казахстан",
    "en": "Ministry of Healthcare of the Republic of Kazakhstan",
}
MOSHE = {
    "kk": "Қазақстан Республикасы Ғылым және жоғары білім министрлігіне",
    "ru": "Министерство науки и высшего образования Республики Казахстан",
    "en": "Ministry of Science and Higher Education of the Republic of Kazakhstan",
}
AUTHORIZED_BODY = {"kk": "уәкілетті орган", "ru": "уполномоченный орган", "en": "authorized body"}


@pytest.mark.parametrize("lang", LANGS)
def test_medical_reports_and_orders_go_to_the_ministry_of_healthcare_by_name(lang):
    for kind, period in (("order", None), ("report", "2025")):
        text = text_of(rendered("kaznmu-duke", kind, lang, period))
        assert MOH[lang] in text
        assert AUTHORIZED_BODY[lang] not in text
    report = text_of(rendered("kaznmu-duke", "report", lang, "2025")).splitlines()
    assert report[1] == MOH[lang] or report[1].endswith(MOH[lang])  # after the outgoing number
    he = text_of(rendered("nku-arizona", "report", lang, "2025")).splitlines()
    assert MOSHE[lang] in he[1]


# ------------------------------------------------------------------ the report

OUTGOING = {
    "kk": "Шығыс №\xa001-12/214, 12.02.2026",
    "ru": "Исх. №\xa001-12/214 от 12.02.2026",
    "en": "Ref. No.\xa001-12/214 of 12.02.2026",
}


@pytest.mark.parametrize("lang", LANGS)
def test_report_carries_its_outgoing_number_and_date_first(lang):
    lines = text_of(rendered("kaznmu-duke", "report", lang, "2025")).splitlines()
    assert lines[0] == OUTGOING[lang]
    assert not text_of(rendered("taraz-mendeleev", "report", lang, "2025")).startswith(OUTGOING[lang][:4])


DUE = {
    "kk": "2026 жылғы 20 ақпаннан кешіктірмей",
    "ru": "не позднее 20 февраля 2026 года",
    "en": "no later than 20 February 2026",
}
PERIOD_ROW = {
    "kk": "2025 жыл (2025 жылғы 1 қаңтардан бастап",
    "ru": "2025 год (с 1 января 2025 года",
    "en": "2025 (from 1 January 2025",
}


@pytest.mark.parametrize("lang", LANGS)
def test_report_title_block_deadline_wording_and_period_label(lang):
    rows = [r for r in rows_of(rendered("kaznmu-duke", "report", lang, "2025")) if len(r) == 2]
    assert any(r[1] == DUE[lang] for r in rows)
    assert any(r[1].startswith(PERIOD_ROW[lang]) for r in rows)


HALF = {"kk": "2025 жылғы II жартыжылдық", "ru": "II полугодие 2025 г.", "en": "second half of 2025"}


@pytest.mark.parametrize("lang", LANGS)
def test_periods_are_named_by_label_never_by_code(lang):
    for kind, period in (("agreement", None), ("order", None), ("report", "2025-H2")):
        text = text_of(rendered("zkmu-poznan", kind, lang, period))
        assert "2025-H2" not in text and "2026-H1" not in text
        assert HALF[lang] in text


def test_period_labels_from_dates_or_data():
    t = terms("ru")
    p = example("zkmu-poznan")
    assert [periods.label(pr, "ru", t) for pr in p.periods] == ["II полугодие 2025 г.", "I полугодие 2026 г."]
    own = p.periods[0].model_copy(update={"label": Text(kk="к", ru="второе полугодие", en="e")})
    assert periods.label(own, "ru", t) == "второе полугодие"
    odd = p.periods[0].model_copy(update={"start": dt.date(2025, 6, 2)})
    assert periods.label(odd, "ru", t) == "02.06.2025–31.12.2025"
    assert periods.code_label("2027", [], "kk", terms("kk")) == "2027 жыл"


NA = {"kk": "қолданылмайды", "ru": "не применимо", "en": "not applicable"}
NA_COUNT = {"kk": "қолданылмайтыны – 2", "ru": "не применимо – 2", "en": "not applicable: 2"}


@pytest.mark.parametrize("lang", LANGS)
def test_not_applicable_is_shown_and_left_out_of_the_completion_totals(lang):
    data = rendered("nku-arizona", "report", lang, "2025")
    rows = {r[0]: r for r in rows_of(data) if len(r) == 9}
    assert rows["1.2"][7] == NA[lang] and rows["1.3"][7] == NA[lang]  # no graduates yet
    assert rows["1.2"][5] == "—" and rows["1.2"][6] == "—"
    text = text_of(data)
    achieved = {"kk": "қол жеткізілгені – 5", "ru": "достигнуто – 5", "en": "achieved: 5"}
    assert achieved[lang] in text and NA_COUNT[lang] in text
    assert f"«{NA[lang]}»" in text or f"“{NA[lang]}”" in text  # the note that explains it


def test_kazakh_reports_use_the_defined_term_target_indicators():
    text = text_of(rendered("nku-arizona", "report", "kk", "2025"))
    assert "нысаналы индикаторлар" in text.lower()
    assert "нысаналы көрсеткіш" not in text.lower()
    assert "көрсеткіштер саны" not in text


POINTS = {"kk": "+0,2\xa0пайыздық тармақ", "ru": "+0,2\xa0п.п.", "en": "+0.2\xa0p.p."}


@pytest.mark.parametrize("lang", LANGS)
def test_percentage_indicators_deviate_in_points_and_minus_is_a_true_minus(lang):
    data = rendered("kaznmu-duke", "report", lang, "2025")
    rows = {r[0]: r for r in rows_of(data) if len(r) == 9}
    assert rows["3.2"][5] == POINTS[lang]  # readmission rate 7.2 % against 7 %
    assert rows["1.1"][5] == f"{MINUS}2"
    assert rows["1.1"][6].startswith(f"{MINUS}10")
    for r in rows.values():
        assert not r[5].startswith("-") and not r[6].startswith("-")


MORE_THAN = {"kk": "60-тан астам", "ru": "более 60", "en": "more than 60"}
BOUND_NOTE = {"kk": "«астам» сөзімен", "ru": "со словом «более»", "en": "as “more than”"}


@pytest.mark.parametrize("lang", LANGS)
def test_lower_bound_actual_is_reported_as_such(lang):
    data = rendered("nku-arizona", "report", lang, "2025")
    rows = {r[0]: r for r in rows_of(data) if len(r) == 9}
    assert rows["4.1"][4] == MORE_THAN[lang]
    assert BOUND_NOTE[lang] in text_of(data)
    assert BOUND_NOTE[lang] not in text_of(rendered("kaznmu-duke", "report", lang, "2025"))


LOWER_NOTE = {
    "kk": "жоспарлы мәннің нақты мәнге қатынасы",
    "ru": "отношение планового значения к фактическому",
    "en": "the planned value divided by the actual value",
}


@pytest.mark.parametrize("lang", LANGS)
def test_lower_is_better_completion_is_explained_where_it_occurs(lang):
    assert LOWER_NOTE[lang] in text_of(rendered("kaznmu-duke", "report", lang, "2025"))
    assert LOWER_NOTE[lang] not in text_of(rendered("nku-arizona", "report", lang, "2025"))


FIN_HEADING = {"kk": "Қаржыландыру", "ru": "Финансирование", "en": "Financing"}


@pytest.mark.parametrize("lang", LANGS)
def test_financing_section_plan_against_actual_per_budget_line(lang):
    data = rendered("nku-arizona", "report", lang, "2025")
    blocks = docxtext.blocks(data)
    heading = next(b for b in blocks if b.text == FIN_HEADING[lang])
    assert heading.number == "4."
    rows = [r for r in rows_of(data) if len(r) == 9 and r[2] == "2025"]
    p = example("nku-arizona")
    lines = financing.lines(p, p.periods[0])
    assert [r[1] for r in rows] == [ln.item.item.get(lang) for ln in lines]
    internships = rows[2]
    money = {
        "kk": ("28\xa0500\xa0000 теңге", "24\xa0150\xa0000 теңге", f"{MINUS}4\xa0350\xa0000 теңге", "84,7%"),
        "ru": ("28\xa0500\xa0000 тенге", "24\xa0150\xa0000 тенге", f"{MINUS}4\xa0350\xa0000 тенге", "84,7\xa0%"),
        "en": ("28,500,000 tenge", "24,150,000 tenge", f"{MINUS}4,350,000 tenge", "84.7%"),
    }[lang]
    assert internships[4:8] == money
    assert internships[8] == p.periods[0].spending["internships-2025"].note.get(lang)


def test_financing_lines_by_hand():
    p = example("kaznmu-duke")
    [consulting, internships] = financing.lines(p, p.periods[0])
    assert (consulting.plan, consulting.actual, consulting.deviation, consulting.execution) == (
        D(180000),
        D(172500),
        D(-7500),
        D("95.8"),  # 172 500 / 180 000 = 95.83 %
    )
    assert internships.execution == D("94.2")  # 58.9 / 62.5 = 94.24 %
    no_spending = p.periods[0].model_copy(update={"spending": {}})
    assert [ln.actual for ln in financing.lines(p, no_spending)] == [None, None]  # "no data", never 0


# ------------------------------------------------------------------ the summary workbook


def test_summary_has_not_applicable_lower_is_better_completion_and_financing(tmp_path: Path):
    ps = [example("nku-arizona"), example("kaznmu-duke")]
    data = workbook.rows(ps, lang="ru")
    na = [r for r in data if r["partnership"] == "nku-arizona" and r["period"] == "2025 год"]
    assert not na  # the first nku period is not a calendar year: named by its dates
    first = [r for r in data if r["partnership"] == "nku-arizona" and r["period"] == "02.06.2025–31.12.2025"]
    statuses = {r["indicator"]: (r["status"], r["completion"]) for r in first}
    assert statuses["Число выпускников, получивших два диплома"] == ("не применимо", None)
    bound = next(r for r in first if r["indicator"] == "Учителя школ, прошедшие семинары")
    assert (bound["actual"], bound["note"], bound["status"]) == (D(60), "более 60", "достигнуто")
    readm = next(
        r
        for r in data
        if r["partnership"] == "kaznmu-duke"
        and r["period"] == "2026 год"
        and r["indicator"].startswith("Доля повторных")
    )
    assert readm["actual"] <= readm["plan"] and readm["completion"] >= 1  # beaten: ≥ 100 %
    money = workbook.financing_rows(ps, lang="ru")
    intern = next(r for r in money if r["item"] == "Стажировка ППС Университета в Тусоне")
    assert (intern["plan"], intern["actual"], intern["deviation"], intern["execution"]) == (
        D(28500000),
        D(24150000),
        D(-4350000),
        D("0.847"),
    )
    path = tmp_path / "summary.xlsx"
    path.write_bytes(workbook.summary(ps, lang="ru"))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == "Финансирование"
    sheet = wb["Финансирование"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Партнерство (id)", "Организация", "Отчетный период", "Статья расходов"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert any(v[3] == "Стажировка ППС Университета в Тусоне" and v[8] == 24150000 for v in values)
    all_rows = [[c.value for c in row] for row in wb.worksheets[0].iter_rows(min_row=2)]
    assert any(v[14] == "не применимо" and v[13] is None for v in all_rows)


# ------------------------------------------------------------------ checks


def with_wg(p: Partnership, **changes: object) -> Partnership:
    assert p.working_group is not None
    return p.model_copy(update={"working_group": p.working_group.model_copy(update=changes)})


def findings(p: Partnership, rule: str, lang: str = "en") -> list[checks.Finding]:
    return [f for f in checks.check(p, lang=lang) if f.rule == rule]


CHAIR_MSG = {
    "kk": "жұмыс тобының төрағасына",
    "ru": "на председателя создаваемой рабочей группы",
    "en": "chair of the working group it creates",
}


@pytest.mark.parametrize("lang", LANGS)
def test_check_warns_when_control_is_given_to_the_groups_own_chair(lang):
    p = example("zkmu-poznan")
    assert not findings(p, "GEN-WG-CONTROL-CHAIR")
    wg = p.working_group
    assert wg is not None
    chair = next(m for m in wg.members if m.role == "chair")
    bad = with_wg(p, control=wg.control.model_copy(update={"name": chair.name, "position": chair.position}))
    [f] = findings(bad, "GEN-WG-CONTROL-CHAIR", lang)
    assert f.severity == "warning" and f.field == "working_group.control.name"
    assert CHAIR_MSG[lang] in f.message and chair.name.get(lang) in f.message
    assert {"kk": "8-тармақ", "ru": "п. 8", "en": "p. 8"}[lang] in f.citation


FOREIGN_MSG = {
    "kk": "шетелдік Тараптың өкілдері",
    "ru": "представители зарубежной Стороны",
    "en": "the foreign side's representatives",
}


@pytest.mark.parametrize("lang", LANGS)
def test_check_warns_when_the_order_leaves_out_the_foreign_members_the_agreement_promised(lang):
    p = example("kaznmu-duke")
    assert not findings(p, "GEN-WG-FOREIGN")
    wg = p.working_group
    assert wg is not None
    local = [m.model_copy(update={"side": "kazakhstani"}) for m in wg.members]
    promised = p.model_copy(update={"agreement": p.agreement.model_copy(update={"foreign_in_working_group": True})})
    [f] = findings(with_wg(promised, members=local), "GEN-WG-FOREIGN", lang)
    assert f.severity == "warning" and f.field == "working_group.members"
    assert FOREIGN_MSG[lang] in f.message
    assert {"kk": "ДСМ Қағидалары", "ru": "Правила МЗ", "en": "MoH Rules"}[lang] in f.citation
    # a higher-education agreement makes no such promise
    he = example("nku-arizona")
    assert all(m.side == "kazakhstani" for m in he.working_group.members)  # type: ignore[union-attr]
    assert not findings(he, "GEN-WG-FOREIGN")


def test_check_rejects_spending_on_an_unknown_budget_line():
    p = example("nku-arizona")
    spent = Spending(amount=D(1))
    period = p.periods[0].model_copy(update={"spending": {**p.periods[0].spending, "nowhere": spent}})
    bad = p.model_copy(update={"periods": [period, *p.periods[1:]]})
    [f] = findings(bad, "GEN-SPENDING-UNKNOWN")
    assert f.severity == "error" and f.field == "periods[0].spending.nowhere"


# ------------------------------------------------------------------ the PDFs


@pytest.fixture(scope="module")
def order_pdfs(tmp_path_factory) -> dict[str, list[str]]:
    """Return the pages' text of the medical and higher-education orders (ru, kk) as PDF."""
    if not have_soffice() and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed")
    tmp: Path = tmp_path_factory.mktemp("office-pdf")
    pairs = []
    for name in ("kaznmu-duke", "nku-arizona"):
        for lang in ("ru", "kk"):
            src = tmp / f"{name}.{lang}.docx"
            src.write_bytes(rendered(name, "order", lang))
            pairs.append((src, tmp / f"{name}.{lang}.pdf"))
    with Converter(jobs=1) as converter:
        assert converter.convert(pairs) == []
    return {
        dst.stem: [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(dst.read_bytes())).pages]
        for _, dst in pairs
    }


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("name", ["kaznmu-duke", "nku-arizona"])
def test_pdf_approval_sheet_on_its_own_page_then_acknowledgement_then_appendix(order_pdfs, name, lang):
    pages = order_pdfs[f"{name}.{lang}"]
    sheet = next(i for i, text in enumerate(pages) if APPROVAL[lang] in text)
    assert sheet >= 1
    assert APPROVAL[lang] not in " ".join(pages[:sheet])
    wg = example(name).working_group
    assert wg is not None
    head = wg.first_head.name.get(lang)
    assert any(head in pages[i] for i in range(sheet))  # the order is signed before the sheet
    after = " ".join(pages[sheet:])
    assert re.sub(r"\s", "", ACK[lang]) in re.sub(r"\s", "", after)
    for e in wg.order.endorsers:
        assert e.name.get(lang) in pages[sheet]
    title = {"kk": "жұмыс тобының құрамы", "ru": "Состав рабочей группы"}[lang]
    appendix = next(i for i, text in enumerate(pages) if title in text)
    assert appendix > sheet
