"""What the agreement's clauses depend on, computed from the data for the templates.

The templates hold the wording; this module decides which clause applies: whether an act
is done by signing (`spdocs.facts`), whether the regime's own act was in force, how many
parties sign, and the forms of the arbitration terms.
"""

from __future__ import annotations

from typing import Any

from spdocs import facts, formatting
from spdocs.languages import Lang
from spdocs.model import Participant, Partnership, Party
from spdocs.regimes import REGIMES
from spdocs.requisites import requisites


def signing(p: Partnership) -> list[Party | Participant]:
    """Return the parties that sign, in the order of the preamble: KZ side, foreign side, others."""
    return [p.parties.kazakhstani, p.parties.foreign, *(o for o in p.parties.others if o.signatory is not None)]


def context(p: Partnership, lang: Lang, signing_parties: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the agreement's clause switches and forms for ``p`` in ``lang``.

    ``signing_parties`` (the context's, in `signing` order) come back with their requisites.
    """
    signing_count = len(signing_parties)
    done = facts.held(p)
    arb = p.agreement.arbitration
    in_force = REGIMES[p.regime].act_in_force
    others = p.parties.others
    seats = p.governance.members_others if p.governance else {}
    return {
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
