"""What the agreement may state as a fact on the day it is signed.

A registration, licence or accreditation that has not happened by the signing date is an
obligation with a deadline, not a fact: the agreement must not say the branch "is
registered" or the joint venture "has the status of an AIFC participant" when the data
dates that act after signing. An undated act counts as done unless its subject is still
``planned``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spdocs.model import Partnership

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Fact:
    """A registration, licence or approval the data records: where, when, and if held at signing."""

    key: str  # "branch_registration", "branch_licence", "jv_registration"
    loc: Loc  # the field that dates it (or, undated, that numbers it)
    date: dt.date | None
    held: bool  # whether the agreement may state it as done


def facts(p: Partnership) -> list[Fact]:
    """Return the acts the data records (given a number), each with whether it is done by signing."""
    signed = p.agreement.date
    out: list[Fact] = []

    def add(key: str, number: object, date: dt.date | None, status: str, loc: Loc, undated_loc: Loc) -> None:
        if number is None:
            return
        held = date <= signed if date is not None else status != "planned"
        out.append(Fact(key, loc if date is not None else undated_loc, date, held))

    if p.branch is not None:
        b = p.branch
        add("branch_registration", b.bin, b.registered_on, b.status, ("branch", "registered_on"), ("branch", "bin"))
        add(
            "branch_licence",
            b.license_number,
            b.license_date,
            b.status,
            ("branch", "license_date"),
            ("branch", "license_number"),
        )
    if p.joint_venture is not None:
        jv = p.joint_venture
        add(
            "jv_registration",
            jv.aifc_registration,
            jv.aifc_registered_on,
            jv.status,
            ("joint_venture", "aifc_registered_on"),
            ("joint_venture", "aifc_registration"),
        )
    return out


def held(p: Partnership) -> dict[str, bool]:
    """Return, per act key, whether the agreement may state it as done (absent acts are not)."""
    done = {f.key: f.held for f in facts(p)}
    return {key: done.get(key, False) for key in ("branch_registration", "branch_licence", "jv_registration")}


def after_signing(p: Partnership) -> list[Fact]:
    """Return the acts dated after the agreement was signed."""
    return [f for f in facts(p) if f.date is not None and f.date > p.agreement.date]
