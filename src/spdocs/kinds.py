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


@dataclass(frozen=True)
class Kind:
    """A document kind: when it applies, whether it is made per reporting period, what extras it needs."""

    name: str
    requires: tuple[str, ...] = ()  # sections the data must have (non-empty) for the kind to apply
    per_period: bool = False  # one document per reporting period: those with actuals, or the one asked for
    extras: tuple[str, ...] = ()  # named context providers (spdocs.documents.EXTRAS)
    any_of: tuple[str, ...] = ()  # at least one of these (dotted paths) must be non-empty
    by_period: bool = False  # the whole term, or one reporting period when one is named (--period)

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


KINDS: dict[str, Kind] = {
    "agreement": Kind("agreement"),
    "order": Kind("order", requires=("working_group",)),
    "report": Kind("report", requires=("indicators", "periods"), per_period=True, extras=("analysis",)),
    "plan": Kind("plan", requires=("plan",), by_period=True, extras=("plan",)),
    "selection": Kind("selection", any_of=("selection", "parties.foreign.rankings"), extras=("selection",)),
    "letter": Kind("letter", requires=("indicators", "periods"), per_period=True, extras=("letter",)),
}


def kind(name: str) -> Kind:
    """Return the kind called ``name``; `ValueError` naming the known kinds if there is none."""
    try:
        return KINDS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown document kind {name!r} (expected {', '.join(KINDS)})") from None
