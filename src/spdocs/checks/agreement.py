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
    foreign = [m for m in wg.members if m.side == "foreign"]
    said = p.agreement.foreign_in_working_group  # None: the agreement follows the order
    if said is True and not foreign:
        yield Hit(("working_group", "members"), "none", value=0)
    elif said is False and foreign:
        i = wg.members.index(foreign[0])
        yield Hit(("working_group", "members", i, "side"), "unexpected", value="foreign")


def gen_gov_seats(p: Partnership) -> Iterator[Hit]:
    """The partnership's joint body has seats for every signing party, and only for parties that exist."""
    g = p.governance
    if g is None:
        return
    ids = {o.id for o in p.parties.others if o.id is not None}
    for key in g.members_others:
        if key not in ids:
            yield Hit(
                ("governance", "members_others", key), "unknown", {"id": key, "known": ", ".join(sorted(ids))}, key
            )
    for i, o in enumerate(p.parties.others):
        if o.signatory is not None and (o.id is None or not g.members_others.get(o.id)):
            loc = ("parties", "others", i, "id") if o.id is not None else ("parties", "others", i)
            yield Hit(loc, "seat", {"party": o.short_name, "body": g.body}, o.id)
    if not (g.members_kazakhstani and g.members_foreign):
        yield Hit(("governance",), "sides", {"body": g.body})


def gen_ref_party(p: Partnership) -> Iterator[Hit]:
    """Commitments and joint-venture shares name a party: `kazakhstani`, `foreign` or a party's id."""
    signing = ["kazakhstani", "foreign", *(o.id for o in p.parties.others if o.id is not None and o.signatory)]
    for i, c in enumerate(p.commitments):
        if c.party not in signing:
            yield Hit(("commitments", i, "party"), args={"party": c.party, "known": ", ".join(signing)}, value=c.party)
    if p.joint_venture is not None:
        known = ["kazakhstani", "foreign", *(o.id for o in p.parties.others if o.id is not None)]
        for i, share in enumerate(p.joint_venture.shares):
            if share.party is not None and share.party not in known:
                args = {"party": share.party, "known": ", ".join(known)}
                yield Hit(("joint_venture", "shares", i, "party"), args=args, value=share.party)
