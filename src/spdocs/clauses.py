"""What the agreement's clauses depend on, computed from the data for the templates.

The templates hold the wording; this module decides which clause applies: whether an act
is done by signing (`spdocs.facts`), whether the regime's own act was in force, how many
parties sign, and the forms of the arbitration terms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from spdocs import facts, formatting
from spdocs.languages import Lang
from spdocs.model import Participant, Partnership, Party
from spdocs.regimes import REGIMES, profile_of
from spdocs.requisites import requisites
from spdocs.terms import Terms


def signing(p: Partnership) -> list[Party | Participant]:
    """Return the parties that sign, in the order of the preamble: KZ side, foreign side, others."""
    return [p.parties.kazakhstani, p.parties.foreign, *(o for o in p.parties.others if o.signatory is not None)]


def context(
    p: Partnership, lang: Lang, signing_parties: list[dict[str, Any]], *, terms: Terms, target_periods: list[str]
) -> dict[str, Any]:
    """Return the agreement's clause switches and forms for ``p`` in ``lang``.

    ``signing_parties`` (the context's, in `signing` order) come back with their requisites.
    """
    signing_count = len(signing_parties)
    done = facts.held(p)
    arb = p.agreement.arbitration
    in_force = REGIMES[p.regime].act_in_force
    others = p.parties.others
    seats = p.governance.members_others if p.governance else {}
    periods = {x.id: (x.start, x.end) for x in p.periods}
    forms = {str(key): form for key, form in terms.agreement.periods.items()}
    return {
        # the annex's reporting periods by name («II полугодие 2025 г.»), never by their ids
        "target_labels": [period_label(k, periods.get(k), forms, lang) for k in target_periods],
        "signing_parties": [
            {**data, "requisites": requisites(raw, lang)} for data, raw in zip(signing_parties, signing(p), strict=True)
        ],
        # other parties: those that sign are Parties; those that do not are participants
        "others_signing": [o.alias.get(lang) for o in others if o.signatory is not None],
        "others_nonsigning": [o.alias.get(lang) for o in others if o.signatory is None],
        # seats of the other parties in the partnership's joint body, in the order of `parties.others`
        "governance_others": [
            {"alias": o.alias.get(lang), "seats": seats[o.id]} for o in others if o.id is not None and o.id in seats
        ],
        # programmes awarding one joint diploma besides dual-degree ones (never «двудипломные (совместные)»)
        "joint_degree": any(not program.dual_degree for program in p.programs),
        # the term runs from a later day than signing: the clause states entry into force and term apart
        "term_starts_later": p.agreement.start > p.agreement.date,
        # the term is a whole number of years (else the clause gives the exact dates only)
        "term_whole_years": p.agreement.term_years is not None or p.agreement.end_date == _last_day(p),
        # the languages of the programmes, as the language's terms name them, in the registry's order
        "instruction_languages": [
            terms.instruction_languages[code]
            for code in ("kk", "ru", "en", "other")
            if any(code in program.languages for program in p.programs)
        ],
        # the research section: research groups, or a research commitment, or (without commitments)
        # the higher-education default of the first version
        "research": bool(p.research_groups)
        or any(c.type == "research" for c in p.commitments)
        or (not p.commitments and p.regime == "higher_education" and profile_of(p).academic),
        # what each party undertakes, when the data says so (else the agreement's standard lists)
        "kz_commitments": _commitments(p, "kazakhstani", terms, lang),
        "foreign_commitments": _commitments(p, "foreign", terms, lang),
        # the joint venture's shareholders by name (a party's short name when given by its id)
        "jv_shares": _shares(p, lang),
        # the agreement's working-group clause: as the data says, else as the order's members show
        "wg_foreign": _wg_foreign(p),
        # the kind of document: its title and its name in each case (t.agreement.doc)
        "doc": _doc(p, terms),
        "branch_registered": done["branch_registration"],
        "branch_licensed": done["branch_licence"],
        "jv_registered": done["jv_registration"],
        # the regime's act (the MoH Rules) can be cited as the basis only once in force
        "regime_act_in_force": in_force is None or p.agreement.date >= in_force,
        # «другой Стороны» with two parties, «других Сторон» with three or more
        "many_parties": signing_count > 2,
        "arbitration": None
        if arb is None
        else {
            "language": formatting.language_name(arb.language, lang=lang),
            "arbitrators": formatting.format_count_words(arb.arbitrators, lang=lang),
        },
    }


def parties_by_id(p: Partnership) -> dict[str, Party | Participant]:
    """Return the parties by the ids other sections use: ``kazakhstani``, ``foreign``, then others' ids."""
    ids: dict[str, Party | Participant] = {"kazakhstani": p.parties.kazakhstani, "foreign": p.parties.foreign}
    ids |= {o.id: o for o in p.parties.others if o.id is not None}
    return ids


def _shares(p: Partnership, lang: Lang) -> list[dict[str, str]]:
    """Return the joint venture's shares as ``{"holder", "percent"}`` for the template."""
    if p.joint_venture is None:
        return []
    ids = parties_by_id(p)
    out = []
    for share in p.joint_venture.shares:
        if share.holder is not None:
            holder = share.holder.get(lang)
        else:
            party = ids.get(share.party or "")
            holder = party.short_name.get(lang) if party is not None else str(share.party)
        out.append({"holder": holder, "percent": formatting.format_number(share.percent, lang=lang)})
    return out


def _commitments(p: Partnership, party: str, terms: Terms, lang: Lang) -> list[str]:
    """Return the party's commitments as list items: the type's words, then the details in brackets."""
    items = []
    for c in p.commitments:
        if c.party != party:
            continue
        details = c.text.get(lang).rstrip().rstrip(".;") if c.text is not None else None
        if c.type == "other":
            items.append(details or "")
        else:
            items.append(terms.commitments[c.type] + (f" ({details})" if details else ""))
    return items


def _wg_foreign(p: Partnership) -> bool:
    """Return whether the agreement says the foreign side's representatives sit in the working group."""
    if p.agreement.foreign_in_working_group is not None:
        return p.agreement.foreign_in_working_group
    if p.working_group is None:
        return True
    return any(m.side == "foreign" for m in p.working_group.members)


def _last_day(p: Partnership) -> dt.date:
    """Return the last day of a term of ``p.agreement.years`` whole years from its start."""
    start, years = p.agreement.start, p.agreement.years
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28)
    return anniversary - dt.timedelta(days=1)


_SPANS = {"year": ((1, 1), (12, 31)), "h1": ((1, 1), (6, 30)), "h2": ((7, 1), (12, 31))}
_SPANS |= {f"q{n}": ((3 * n - 2, 1), (3 * n, (31, 30, 30, 31)[n - 1])) for n in (1, 2, 3, 4)}
_ID = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]))?$", re.I)


def period_label(id_: str, span: tuple[dt.date, dt.date] | None, forms: Mapping[str, str], lang: Lang) -> str:
    """Return a reporting period's name: a year, half-year or quarter by its dates, else its dates.

    A target keyed by an id that is no reporting period is named from the id when it reads as
    one (``2027``, ``2027-H1``, ``2027-Q3``); any other id is printed as given.
    """
    if span is not None:
        start, end = span
        if start.year == end.year:
            for key, (first, last) in _SPANS.items():
                if (start.month, start.day) == first and (end.month, end.day) == last:
                    return forms[key].format(year=start.year)
        return formatting.period_forms(start, end, lang=lang)["numeric"]
    m = _ID.match(id_)
    if m is None:
        return id_
    return forms[(m[2] or "year").lower()].format(year=m[1])


def _doc(p: Partnership, terms: Terms) -> dict[str, Any]:
    """Return the agreement's names by its type; its full name carries the regime's field, if any."""
    doc = terms.agreement.doc[p.agreement.type].model_dump()
    doc["full"] = terms.agreement.full_names(p.agreement.type, p.regime)
    return doc
