"""The registry: every rule `spdocs check` applies, in the order of the README's table."""

from __future__ import annotations

from typing import Final

from spdocs.checks import agreement as agr
from spdocs.checks import general as gen
from spdocs.checks import he_models as hem
from spdocs.checks import higher_education as he
from spdocs.checks import language as lang
from spdocs.checks import lifecycle as life
from spdocs.checks import medical as med
from spdocs.checks import office
from spdocs.checks import translations as tr
from spdocs.checks.base import Rule, moh, moshe

HE: Final = "higher_education"
MED: Final = "medical"

RULES: tuple[Rule, ...] = (
    # Higher education: MoSHE Methodological Recommendations (draft, 2024).
    Rule("HE-TERM", "error", HE, he.he_term, moshe("ch", 1, "p", 2)),
    Rule("HE-MINISTRY", "warning", HE, he.he_ministry, moshe("ch", 1, "p", 2)),
    Rule("HE-FOREIGN-OBLIG", "warning", HE, he.he_foreign_oblig, moshe("ch", 1, "p", 2)),
    Rule("HE-RANKING", "warning", HE, he.he_ranking, moshe("ch", 3, "rec", 1)),
    Rule("HE-AREAS", "info", HE, he.he_areas, moshe("ch", 3, "rec", 2)),
    Rule("HE-INDICATORS", "error", HE, he.he_indicators, moshe("ch", 3, "rec", 3)),
    Rule("HE-LANG", "info", HE, he.he_lang, moshe("ch", 3, "rec", 4)),
    Rule("HE-KZ-DISCIPLINES", "error", HE, he.he_kz_disciplines, moshe("ch", 3, "rec", 4)),
    Rule("HE-ACCREDITATION", "warning", HE, he.he_accreditation, moshe("ch", 3, "rec", 4)),
    Rule("HE-COMMITTEES", "warning", HE, he.he_committees, moshe("ch", 3, "area", 1)),
    Rule("HE-QA", "warning", HE, he.he_qa, moshe("ch", 3, "area", 1)),
    Rule("HE-REGIONAL", "info", HE, he.he_regional, moshe("ch", 3, "areas", "1–2")),
    Rule("HE-RESEARCH-GROUPS", "info", HE, he.he_research_groups, moshe("ch", 3, "area", 2)),
    Rule("HE-THIRD-MISSION", "info", HE, he.he_third_mission, moshe("ch", 3, "area", 3)),
    Rule("HE-BRANCH-REG", "warning", HE, hem.he_branch_reg, moshe("ch", 3, "area", 4)),
    Rule("HE-BRANCH-STRUCTURE", "info", HE, hem.he_branch_structure, moshe("ch", 3, "area", 5)),
    Rule("HE-STAFF-RATIO", "warning", HE, he.he_staff_ratio, moshe("ch", 3, "area", 5)),
    Rule("HE-PARITY", "warning", HE, hem.he_parity, moshe("ch", 3, "area", 5)),
    Rule("HE-PROF-DEV", "info", HE, he.he_prof_dev, moshe("ch", 3, "area", 5)),
    Rule("HE-FUNDING", "error", HE, he.he_funding, moshe("ch", 3, "area", 6)),
    Rule("HE-LICENSE", "warning", HE, hem.he_license, moshe("ch", 3, "area", 7)),
    Rule("HE-CONSORTIUM", "error", HE, hem.he_consortium, moshe("ch", 2, "p", 5, "item", 2)),
    Rule("HE-FRANCHISE", "warning", HE, hem.he_franchise, moshe("ch", 2, "p", 5, "item", 5)),
    Rule("HE-JV", "error", HE, hem.he_jv, moshe("ch", 2, "p", 5, "item", 6)),
    Rule("HE-CERT-CENTER", "warning", HE, hem.he_cert_center, moshe("ch", 2, "p", 5, "item", 4)),
    # Medical education and science: MoH Rules, order № ҚР ДСМ-263/2020.
    Rule("MED-PARTNER", "error", MED, med.med_partner, moh("pp", "2–3")),
    Rule("MED-TERM", "warning", MED, med.med_term, moh("p", 3)),
    Rule("MED-AREAS", "error", MED, med.med_areas, moh("p", 4)),
    Rule("MED-SELECTION", "warning", MED, med.med_selection, moh("p", 6)),
    Rule("MED-WG-ORDER", "error", MED, med.med_wg_order, moh("p", 8)),
    Rule("MED-INDICATORS", "error", MED, med.med_indicators, moh("p", 9)),
    Rule("MED-PLAN", "warning", MED, med.med_plan, moh("p", 10)),
    Rule("MED-REPORT", "error", MED, med.med_report, moh("p", 11)),
    # Both regimes.
    Rule("GEN-COUNTRY", "error", None, gen.gen_country, {HE: moshe("ch", 1, "p", 2), MED: moh("p", 2)}),
    Rule("GEN-SECTIONS", "warning", None, gen.gen_sections, {HE: moshe("ch", 2, "p", 5)}),
    Rule("GEN-IDS", "error", None, gen.gen_ids),
    Rule("GEN-REF-AREA", "error", None, gen.gen_ref_area, gen.INDICATORS),
    Rule("GEN-DATES", "error", None, gen.gen_dates),
    Rule("GEN-PERIODS", "error", None, gen.gen_periods, {MED: moh("p", 11)}),
    Rule("GEN-TARGETS", "warning", None, gen.gen_targets, gen.INDICATORS),
    Rule("GEN-ACTUALS-UNKNOWN", "error", None, gen.gen_actuals_unknown, gen.REPORTS),
    Rule("GEN-ACTUALS-MISSING", "warning", None, gen.gen_actuals_missing, gen.REPORTS),
    Rule("GEN-BUDGET-SOURCE", "error", None, gen.gen_budget_source, {HE: moshe("ch", 3, "area", 6)}),
    Rule("GEN-PLAN-REF", "error", None, life.gen_plan_refs, {HE: moshe("ch", 3, "rec", 3), MED: moh("p", 10)}),
    Rule(
        "GEN-SELECTION-SELF", "error", None, life.gen_selection_chosen, {HE: moshe("ch", 3, "rec", 1), MED: moh("p", 6)}
    ),
    Rule("GEN-SIGNATORY", "warning", None, gen.gen_signatory),
    Rule("GEN-WG-CHAIR", "error", None, gen.gen_wg_chair, {MED: moh("p", 8)}),
    Rule("GEN-WG-RESPONSIBLE", "error", None, gen.gen_wg_responsible, {MED: moh("p", 8)}),
    Rule("GEN-ACTING", "warning", None, gen.gen_acting, {MED: moh("p", 8)}),
    Rule("GEN-WG-CONTROL-CHAIR", "warning", None, office.gen_wg_control_chair, {MED: moh("p", 8)}),
    Rule("GEN-SPENDING-UNKNOWN", "error", None, office.gen_spending_unknown, gen.REPORTS),
    Rule("GEN-SPENDING-AMOUNT", "error", None, office.gen_spending_amount, gen.REPORTS),
    Rule("GEN-ARBITRATION", "error", None, agr.gen_arbitration),
    Rule("GEN-ACT-IN-FORCE", "error", None, agr.gen_act_in_force),
    Rule("GEN-FACT-DATE", "warning", None, agr.gen_fact_date),
    Rule("GEN-GOV-SEATS", "error", None, agr.gen_gov_seats),
    Rule("GEN-REF-PARTY", "error", None, agr.gen_ref_party),
    Rule("GEN-WG-FOREIGN", "warning", None, agr.gen_wg_foreign, {MED: moh("p", 8)}),
    Rule("GEN-SCRIPT", "error", None, lang.gen_script),
    Rule("GEN-UNTRANSLATED", "warning", None, lang.gen_untranslated),
    Rule("GEN-BIDI", "warning", None, lang.gen_bidi),
    Rule("GEN-TRANSLATION", "error", None, tr.gen_translation),
    Rule("GEN-PREVAILING", "error", None, tr.gen_prevailing),
)
