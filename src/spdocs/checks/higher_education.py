"""Rules of the MoSHE recommendations that apply to every higher-education model."""

from __future__ import annotations

from collections.abc import Iterator

from spdocs.checks.base import Hit, Term, term_loc
from spdocs.model import Partnership
from spdocs.regimes import profile_of

COMMITTEES = ("teaching_learning", "admission", "educational_innovation", "student_experience")
TOP = 500
MIN_YEARS = 5


def he_term(p: Partnership) -> Iterator[Hit]:
    """The term of cooperation is at least 5 years."""
    years = p.agreement.years
    if years < MIN_YEARS:
        yield Hit(term_loc(p), args={"years": years}, value=years)


def he_ministry(p: Partnership) -> Iterator[Hit]:
    """The partnership is agreed with the Ministry, by a dated and numbered document, before signing."""
    m = p.agreement.ministry
    if m is None:
        yield Hit(("agreement", "ministry"))
        return
    if m.number is None or m.date is None:
        yield Hit(("agreement", "ministry"), "incomplete")
    if m.date is not None and m.date > p.agreement.date:
        yield Hit(("agreement", "ministry", "date"), "late", {"ministry": m.date, "date": p.agreement.date}, m.date)


def he_foreign_oblig(p: Partnership) -> Iterator[Hit]:
    """Where the partners teach together, the foreign side provides staff and dual-degree programs."""
    if not profile_of(p).teaching:
        return
    s = p.staffing
    if s is not None and s.foreign_percent == 0 and not s.foreign_staff_count:
        yield Hit(("staffing", "foreign_percent"), "staff", {"percent": s.foreign_percent}, s.foreign_percent)
    if not any(x.dual_degree for x in p.programs):
        yield Hit(("programs",), "dual", {"model": Term("model", (profile_of(p).code,))})


def he_ranking(p: Partnership) -> Iterator[Hit]:
    """The foreign partner is in a TOP-500 of QS, THE or ARWU (overall or by subject)."""
    # a unit (a centre, an institute) signing for its university: the university's rankings count
    foreign = p.parties.foreign
    rankings, at = (
        (foreign.parent.rankings, ("parties", "foreign", "parent"))
        if foreign.parent is not None
        else (foreign.rankings, ("parties", "foreign"))
    )
    if not rankings:
        yield Hit((*at, "rankings"), "none")
        return
    # a national ranking places a university among its own country's, not in a world TOP-500
    counted = [(i, r) for i, r in enumerate(rankings) if r.scope != "national"]
    # a band counts only when all of it is within the TOP-500: 451–500 does, 401–600 and 801+ do not
    if any(r.system != "other" and r.within(TOP) for _, r in counted):
        return
    if not counted:
        yield Hit((*at, "rankings", 0, "scope"), "national", value="national")
        return
    i, best = min(counted, key=lambda item: (item[1].rank, item[1].open_ended, item[0]))
    shown = f"{best.system} {best.year}, {best.place}"
    variant = "other" if best.system == "other" and best.within(TOP) else "low"
    yield Hit((*at, "rankings", i, "rank"), variant, {"best": shown}, shown)


def he_areas(p: Partnership) -> Iterator[Hit]:
    """The cooperation covers more than one area (the text: expand the range, include research)."""
    if len(p.agreement.areas) < 2:
        yield Hit(("agreement", "areas"), value=p.agreement.areas[0].id)


def he_indicators(p: Partnership) -> Iterator[Hit]:
    """Target indicators are set (jointly, with targets per period)."""
    if not p.indicators:
        yield Hit(("indicators",))


def he_lang(p: Partnership) -> Iterator[Hit]:
    """A language of instruction given as "other" cannot be named in the documents."""
    for i, x in enumerate(p.programs):
        if "other" in x.languages:
            yield Hit(("programs", i, "languages"), args={"program": x.code}, value="other")


def he_kz_disciplines(p: Partnership) -> Iterator[Hit]:
    """Every dual-degree program includes Kazakh language and History of Kazakhstan."""
    for i, x in enumerate(p.programs):
        if not x.dual_degree:
            continue
        if not x.kazakh_language:
            yield Hit(("programs", i, "kazakh_language"), "kazakh", {"program": x.code}, False)
        if not x.history_of_kazakhstan:
            yield Hit(("programs", i, "history_of_kazakhstan"), "history", {"program": x.code}, False)


def he_accreditation(p: Partnership) -> Iterator[Hit]:
    """Every dual-degree program names an accreditation recognized in Kazakhstan."""
    for i, x in enumerate(p.programs):
        if x.dual_degree and x.accreditation is None:
            yield Hit(("programs", i, "accreditation"), args={"program": x.code})


def he_committees(p: Partnership) -> Iterator[Hit]:
    """The four joint committees exist, each with members of both sides."""
    if not profile_of(p).academic:
        return  # no educational programs: no academic policy to run
    present = {c.type for c in p.committees}
    missing = tuple(t for t in COMMITTEES if t not in present)
    if missing:
        yield Hit(("committees",), "missing", {"missing": Term("committee", missing)}, ", ".join(missing))
    for i, c in enumerate(p.committees):
        if not (c.members_kazakhstani and c.members_foreign):
            name = c.name if c.type == "other" and c.name else Term("committee", (c.type,))
            yield Hit(("committees", i), "one_sided", {"committee": name}, c.type)


def he_qa(p: Partnership) -> Iterator[Hit]:
    """A quality assurance system is described."""
    if profile_of(p).academic and p.quality_assurance is None:
        yield Hit(("quality_assurance",))


def he_regional(p: Partnership) -> Iterator[Hit]:
    """An enterprise or organization of the Kazakhstani university's region takes part (a foreign
    company, or one of another region, does not); data without regions gets a finding saying what to add."""
    local = [
        (i, o) for i, o in enumerate(p.parties.others) if o.role in ("enterprise", "organization") and o.country == "KZ"
    ]
    if not local:
        yield Hit(("parties", "others"))
        return
    region = p.parties.kazakhstani.region
    if region is None:  # a file of the first version: which region is the university's is not known
        yield Hit(("parties", "kazakhstani"), "university_region", {"university": p.parties.kazakhstani.short_name})
        return
    if any(o.region == region for _, o in local):
        return
    unplaced = [(i, o) for i, o in local if o.region is None]
    if unplaced:
        i, o = unplaced[0]
        yield Hit(("parties", "others", i), "participant_region", {"participant": o.short_name})
        return
    names = ", ".join(f"«{o.short_name.any()}»" for _, o in local)
    yield Hit(("parties", "others"), "other_region", {"university": p.parties.kazakhstani.short_name}, names)


def he_research_groups(p: Partnership) -> Iterator[Hit]:
    """Joint research groups are formed."""
    if not p.research_groups:
        yield Hit(("research_groups",))


def he_third_mission(p: Partnership) -> Iterator[Hit]:
    """Third-mission activities (social projects, non-formal education) are given."""
    if not p.third_mission:
        yield Hit(("third_mission",))


def he_prof_dev(p: Partnership) -> Iterator[Hit]:
    """Regular professional development of academic staff is planned."""
    if not p.professional_development:
        yield Hit(("professional_development",))


def he_staff_ratio(p: Partnership) -> Iterator[Hit]:
    """Teaching staff: Kazakhstani up to 70 %, foreign up to 30 %."""
    s = p.staffing
    if s is None:
        if profile_of(p).teaching:
            yield Hit(("staffing",), "missing")
        return
    kz, foreign = s.kazakhstani_percent, s.foreign_percent
    if kz + foreign > 100:
        yield Hit(("staffing",), "total", {"total": kz + foreign}, kz + foreign, severity="error")
    elif foreign > 30:
        yield Hit(("staffing", "foreign_percent"), args={"kz": kz, "foreign": foreign}, value=foreign)
    elif kz > 70:
        yield Hit(("staffing", "kazakhstani_percent"), args={"kz": kz, "foreign": foreign}, value=kz)


def he_funding(p: Partnership) -> Iterator[Hit]:
    """Every source of financing is one the text lists; the state budget only via the state order."""
    if p.funding is None:
        yield Hit(("funding",), "missing", severity="warning")
        return
    for i, s in enumerate(p.funding.sources):
        if s.type == "state_budget":
            yield Hit(("funding", "sources", i, "type"), "state_budget", value=s.type)
        elif s.type == "loan":  # lawful, but only as "other resources not prohibited"
            yield Hit(("funding", "sources", i, "type"), "loan", value=s.type, severity="warning")
