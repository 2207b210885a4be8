"""Rules of the MoSHE recommendations for particular models: branch, consortium, franchise, JV."""

from __future__ import annotations

from collections.abc import Iterator

from spdocs.checks.base import Hit, Severity, Term, same_text
from spdocs.model import Partnership
from spdocs.regimes import profile_of


def he_branch_reg(p: Partnership) -> Iterator[Hit]:
    """A branch is registered (BIN, date); a warning while planned, an error once registered or operating."""
    b = p.branch
    if not profile_of(p).branch or b is None:
        return
    severity: Severity = "warning" if b.status == "planned" else "error"
    status = {"status": Term("status", (b.status,))}
    if b.bin is None:
        yield Hit(("branch", "bin"), args=status, value=b.status, severity=severity)
    if b.status != "planned" and b.registered_on is None:
        yield Hit(("branch", "registered_on"), "date", status, b.status, severity="error")


def he_branch_structure(p: Partnership) -> Iterator[Hit]:
    """The branch's structure is described (it should follow the foreign organization's)."""
    if profile_of(p).branch and p.branch is not None and p.branch.structure is None:
        yield Hit(("branch", "structure"))


def he_parity(p: Partnership) -> Iterator[Hit]:
    """The branch is managed and overseen on a parity basis: equal members from both sides."""
    if not profile_of(p).branch:
        return
    g = p.governance
    if g is None:
        yield Hit(("governance",), "missing")
    elif g.members_kazakhstani != g.members_foreign:
        args = {"body": g.body, "kz": g.members_kazakhstani, "foreign": g.members_foreign}
        yield Hit(("governance", "members_foreign"), "unequal", args, f"{g.members_kazakhstani}:{g.members_foreign}")


def he_license(p: Partnership) -> Iterator[Hit]:
    """A branch holds an educational licence (dated); an error once it operates."""
    b = p.branch
    if not profile_of(p).branch or b is None:
        return
    if b.license_number is None:
        severity: Severity | None = "error" if b.status == "operating" else None
        yield Hit(("branch", "license_number"), args={"status": Term("status", (b.status,))}, severity=severity)
    elif b.license_date is None:
        yield Hit(("branch", "license_number"), "date", {"number": b.license_number}, b.license_number)


def he_consortium(p: Partnership) -> Iterator[Hit]:
    """A consortium has at least two foreign members (its lead included) and one lead."""
    c = p.consortium
    if "consortium" not in profile_of(p).sections or c is None:
        return
    for i, m in enumerate(c.members):
        if m.country == "KZ":
            yield Hit(("consortium", "members", i, "country"), "domestic", {"member": m.name}, m.country)
    leads = [i for i, m in enumerate(c.members) if m.lead]
    if len(leads) > 1:
        yield Hit(("consortium", "members", leads[1], "lead"), "leads", {"count": len(leads)}, len(leads))
    # With no member marked lead, the foreign party is the lead and is not listed among members.
    count = sum(m.country != "KZ" for m in c.members) + (0 if leads else int(p.parties.foreign.country != "KZ"))
    if count < 2:
        yield Hit(("consortium", "members"), args={"count": count}, value=count)


def he_franchise(p: Partnership) -> Iterator[Hit]:
    """A franchise transfers brand, programs, teaching methods and quality standards; an investor pays."""
    f = p.franchise
    if "franchise" not in profile_of(p).sections or f is None:
        return
    for key in ("programs", "teaching_methods", "quality_standards"):
        if not getattr(f, key):
            yield Hit(("franchise", key), args={"what": Term("franchise", (key,))}, value=False)
    investors = [o for o in p.parties.others if o.role == "investor"]
    if not any(same_text(f.investor, o.short_name) or same_text(f.investor, o.name) for o in investors):
        yield Hit(
            ("franchise", "investor"), "investor", {"investor": f.investor}, (f.investor.find("en") or f.investor.any())
        )


def he_jv(p: Partnership) -> Iterator[Hit]:
    """A joint venture: shares of both sides totalling 100 %, AIFC participant status, English law."""
    jv = p.joint_venture
    if "joint_venture" not in profile_of(p).sections or jv is None:
        return
    if not jv.aifc_participant:
        yield Hit(("joint_venture", "aifc_participant"), "aifc", value=False)
    if not jv.english_law:
        yield Hit(("joint_venture", "english_law"), "law", value=False)
    for key, party in (("kazakhstani", p.parties.kazakhstani), ("foreign", p.parties.foreign)):
        names = (party.short_name, party.name, party.alias)
        held = any(s.party == key for s in jv.shares)
        if not held and not any(s.holder is not None and same_text(s.holder, n) for s in jv.shares for n in names):
            shown = party.short_name.find("en") or party.short_name.any()
            yield Hit(("joint_venture", "shares"), "share", {"party": party.short_name}, shown)
    total = sum(s.percent for s in jv.shares)
    if total != 100:
        yield Hit(("joint_venture", "shares"), "total", {"total": total}, total)


def he_cert_center(p: Partnership) -> Iterator[Hit]:
    """A certification center in regular operation names what it certifies (one in trial operation may not yet)."""
    c = p.certification_center
    if "certification_center" not in profile_of(p).sections or c is None:
        return
    if c.status == "operating" and not c.certifications:
        yield Hit(("certification_center", "certifications"), value=c.status)
