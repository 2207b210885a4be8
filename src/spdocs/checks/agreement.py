"""Rules on what the agreement states: disputes, its legal basis, facts at signing, linked documents."""

from __future__ import annotations

from collections.abc import Iterator

from spdocs import facts
from spdocs.checks.base import Hit, Term
from spdocs.model import Partnership
from spdocs.regimes import REGIMES


def gen_arbitration(p: Partnership) -> Iterator[Hit]:
    """Disputes by arbitration name the arbitral institution (with its rules, seat, language, arbitrators)."""
    a = p.agreement
    if a.disputes != "arbitration":
        return
    if a.arbitration is None:
        yield Hit(("agreement", "disputes"), "missing", value=a.disputes)
    elif a.arbitration.institution is None:
        yield Hit(("agreement", "arbitration"), "institution")


def gen_act_in_force(p: Partnership) -> Iterator[Hit]:
    """The regime's act was in force when the agreement was signed, so it can be cited as its basis."""
    in_force = REGIMES[p.regime].act_in_force
    if in_force is not None and p.agreement.date < in_force:
        yield Hit(("agreement", "date"), args={"date": p.agreement.date, "in_force": in_force}, value=p.agreement.date)


def gen_fact_date(p: Partnership) -> Iterator[Hit]:
    """A registration or licence dated after signing is stated as an obligation, not as a fact."""
    for fact in facts.after_signing(p):
        args = {"what": Term("fact", (fact.key,)), "on": fact.date, "date": p.agreement.date}
        yield Hit(fact.loc, args=args, value=fact.date)


def gen_wg_foreign(p: Partnership) -> Iterator[Hit]:
    """The order agrees with the agreement: the foreign side's representatives sit in the working group."""
    wg = p.working_group
    if wg is None or p.regime != "medical":  # only the medical agreement has the working-group clause
        return
    foreign = [m for m in wg.members if m.party == "foreign"]
    if p.agreement.foreign_in_working_group and not foreign:
        yield Hit(("working_group", "members"), "none", value=0)
    elif not p.agreement.foreign_in_working_group and foreign:
        i = wg.members.index(foreign[0])
        yield Hit(("working_group", "members", i, "party"), "unexpected", value="foreign")
