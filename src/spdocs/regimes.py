"""Regimes and partnership models as data: one registry read by validation, `new`, the checks,
the context builder and the summary.

A *regime* is the text a partnership follows: the MoSHE recommendations (higher education,
six models) or the MoH Rules (medical, no models). A *profile* is what the documents and
rules of one partnership depend on: a MoSHE model, or the regime itself when it has no
models. ``profile_of(p)`` finds it; nothing else in spdocs compares ``p.model`` with a name.

Labels are not here: each language's ``templates/<lang>/terms.yaml`` (``models``,
``regimes``) and the checks' catalogue (``terms.model``) name them; ``tests/test_regimes.py``
fails when a profile lacks a label in any of them, or a template tests a model unknown here.

This module imports nothing heavy: the command line reads it to offer the choices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spdocs.model import Partnership


@dataclass(frozen=True)
class Regime:
    """A regulatory text and what a partnership under it has."""

    code: str
    text: str  # the text its rules cite: "moshe" or "moh"
    models: tuple[str, ...]  # its partnership models; () when it has none
    sections: tuple[str, ...]  # optional sections of the data file that belong to this regime only
    fields: tuple[str, ...] = ()  # nested fields that belong to this regime only (dotted paths)
    # the earliest day its act can have been in force (None: not a registered act, e.g. a draft)
    act_in_force: dt.date | None = None


@dataclass(frozen=True)
class Profile:
    """A partnership model (or a regime without models): its sections, clauses and annexes."""

    code: str
    regime: str
    requires: tuple[str, ...] = ()  # sections the data must give (a file without one does not load)
    sections: tuple[str, ...] = ()  # model sections its documents use (any other is ignored: GEN-SECTIONS)
    teaching: bool = False  # the partners teach together: foreign staff, dual degrees, staffing ratio
    branch: bool = False  # a branch is created: registration, licence, parity of its management
    academic: bool = True  # it runs educational programmes: joint committees, quality assurance
    annexes: tuple[str, ...] = ()  # annexes of its agreement after the indicators, in order
    item: int | None = None  # its sub-item of item 5, chapter 2 of the MoSHE recommendations
    # its agreement puts the foreign side's representatives in the working group (MoH Rules, p. 8)
    foreign_in_group: bool = False


REGIMES: dict[str, Regime] = {
    "higher_education": Regime(
        "higher_education",
        text="moshe",
        models=("branch", "consortium_branch", "joint_programs", "certification_center", "franchise", "joint_venture"),
        sections=(
            "staffing",
            "committees",
            "governance",
            "quality_assurance",
            "research_groups",
            "third_mission",
            "professional_development",
            "funding",
        ),
    ),
    "medical": Regime(
        "medical",
        text="moh",
        models=(),
        sections=("selection", "plan"),
        fields=("agreement.areas.moh_area",),
        # Order № ҚР ДСМ-263/2020 of 15 Dec 2020, registered 20 Dec 2020, in force ten calendar
        # days after its first official publication, which cannot precede registration.
        act_in_force=dt.date(2020, 12, 31),
    ),
}

_HE = "higher_education"
PROFILES: dict[str, Profile] = {
    "branch": Profile(
        "branch",
        _HE,
        requires=("branch",),
        sections=("branch",),
        teaching=True,
        branch=True,
        annexes=("programs",),
        item=1,
    ),
    "consortium_branch": Profile(
        "consortium_branch",
        _HE,
        requires=("branch", "consortium"),
        sections=("branch", "consortium"),
        teaching=True,
        branch=True,
        annexes=("programs", "consortium"),
        item=2,
    ),
    "joint_programs": Profile(
        "joint_programs", _HE, requires=("programs",), teaching=True, annexes=("programs",), item=3
    ),
    "certification_center": Profile(
        "certification_center",
        _HE,
        requires=("certification_center",),
        sections=("certification_center",),
        academic=False,
        item=4,
    ),
    "franchise": Profile("franchise", _HE, requires=("franchise",), sections=("franchise",), item=5),
    "joint_venture": Profile("joint_venture", _HE, requires=("joint_venture",), sections=("joint_venture",), item=6),
    "medical": Profile("medical", "medical", foreign_in_group=True),
}

MODELS: tuple[str, ...] = tuple(m for r in REGIMES.values() for m in r.models)
# Annexes that belong to some models only (each named after the section it lists).
ANNEXES: tuple[str, ...] = tuple(dict.fromkeys(a for p in PROFILES.values() for a in p.annexes))
# Sections that belong to some models only; a model that does not use one ignores it.
MODEL_SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(s for p in PROFILES.values() for s in p.sections))


def profile(code: str) -> Profile:
    """Return the profile named ``code`` (a model, or a regime without models); `ValueError` if unknown."""
    try:
        return PROFILES[code]
    except KeyError:
        raise ValueError(f"unknown model {code!r} (expected one of {', '.join(PROFILES)})") from None


def profile_of(p: Partnership) -> Profile:
    """Return the profile of a loaded partnership: its model's, or its regime's."""
    return PROFILES[p.model or p.regime]
