"""The document kinds: one static registry. A kind is templates plus an entry here, never a module.

An entry is data: the sections the partnership must have for the kind to apply (a
partnership without them simply gets no such document, and the batch says why), whether one
document is made per reporting period, and the named extras its context needs
(`spdocs.documents.EXTRAS`: ``analysis`` is a period's indicator analysis with its chart).
Templates live in ``templates/<lang>/<kind>.docx`` (`spdocs.resources`).

This module imports nothing heavy: the command line reads it to offer the choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spdocs.languages import LANGS


@dataclass(frozen=True)
class Kind:
    """A document kind: when it applies, whether it is made per reporting period, what extras it needs."""

    name: str
    requires: tuple[str, ...] = ()  # sections the data must have (non-empty) for the kind to apply
    per_period: bool = False  # one document per reporting period: those with actuals, or the one asked for
    extras: tuple[str, ...] = ()  # named context providers (spdocs.documents.EXTRAS)
    any_of: tuple[str, ...] = ()  # at least one of these (dotted paths) must be non-empty
    by_period: bool = False  # the whole term, or one reporting period when one is named (--period)
    langs: tuple[str, ...] = LANGS  # the languages it is issued in unless the data's `documents` says otherwise
    # The sections whose texts its documents show: a text there is needed in each of the kind's languages.
    texts: tuple[str, ...] = ()

    def languages(self, partnership: Any) -> tuple[str, ...]:
        """Return the languages ``partnership``'s documents of this kind are issued in, in registry order."""
        asked = (getattr(partnership, "documents", None) or {}).get(self.name) or self.langs
        return tuple(lang for lang in LANGS if lang in asked)

    def missing(self, partnership: Any) -> str | None:
        """Return the first required section ``partnership`` lacks, or ``None`` when the kind applies."""
        lacking = next((section for section in self.requires if not getattr(partnership, section, None)), None)
        if lacking is None and self.any_of and not any(_at(partnership, path) for path in self.any_of):
            return "` or `".join(self.any_of)
        return lacking


def _at(value: Any, path: str) -> Any:
    for part in path.split("."):
        value = getattr(value, part, None)
    return value


# Sections every agreement may show; a section the partnership lacks has no texts to need.
_AGREEMENT_TEXTS = (
    "parties", "agreement", "branch", "consortium", "programs", "certification_center", "franchise",
    "joint_venture", "staffing", "committees", "governance", "quality_assurance", "research_groups",
    "third_mission", "professional_development", "funding", "selection", "plan", "indicators",
)  # fmt: skip
# The procedure's documents (plan, selection, cover letter) show the parties, the agreement and these.
_PROCEDURE_TEXTS = ("parties", "agreement", "plan", "selection", "indicators", "periods", "working_group", "funding")

KINDS: dict[str, Kind] = {
    # The agreement with a foreign partner is signed in Kazakh, Russian and English; a rector's order
    # and the reports to the ministry are issued in the state and the official language.
    "agreement": Kind("agreement", langs=("kk", "ru", "en"), texts=_AGREEMENT_TEXTS),
    "order": Kind(
        "order",
        requires=("working_group",),
        langs=("kk", "ru"),
        texts=("parties", "agreement", "working_group", "plan"),
    ),
    "report": Kind(
        "report",
        requires=("indicators", "periods"),
        per_period=True,
        extras=("analysis",),
        langs=("kk", "ru"),
        texts=("parties", "agreement", "consortium", "indicators", "periods", "working_group"),
    ),
    # Documents of the procedure (MoH Rules pp. 5-11): made where the data has their sections.
    "plan": Kind(
        "plan", requires=("plan",), by_period=True, extras=("plan",), langs=("kk", "ru"), texts=_PROCEDURE_TEXTS
    ),
    "selection": Kind(
        "selection",
        any_of=("selection", "parties.foreign.rankings"),
        extras=("selection",),
        langs=("kk", "ru"),
        texts=_PROCEDURE_TEXTS,
    ),
    "letter": Kind(
        "letter",
        requires=("indicators", "periods"),
        per_period=True,
        extras=("letter",),
        langs=("kk", "ru"),
        texts=_PROCEDURE_TEXTS,
    ),
}


def kind(name: str) -> Kind:
    """Return the kind called ``name``; `ValueError` naming the known kinds if there is none."""
    try:
        return KINDS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown document kind {name!r} (expected {', '.join(KINDS)})") from None
