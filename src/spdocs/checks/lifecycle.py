"""Checks of the data behind the plan and the partner's selection (the procedure's other documents)."""

from __future__ import annotations

from collections.abc import Iterator

from spdocs.checks.base import Hit
from spdocs.languages import LANGS
from spdocs.model import Partnership


def gen_plan_refs(p: Partnership) -> Iterator[Hit]:
    """A plan item serves indicators that exist and is paid from a funding source that is given."""
    known = [i.id for i in p.indicators]
    sources = [s.type for s in p.funding.sources] if p.funding else []
    for i, item in enumerate(p.plan):
        for j, ref in enumerate(item.indicators):
            if ref not in known:
                args = {"indicator": ref, "known": ", ".join(known) or "—"}
                yield Hit(("plan", i, "indicators", j), "indicator", args, ref)
        if item.funding is not None and item.funding not in sources:
            args = {"source": item.funding, "known": ", ".join(sources) or "—"}
            yield Hit(("plan", i, "funding"), "funding", args, item.funding)


def gen_selection_chosen(p: Partnership) -> Iterator[Hit]:
    """No candidate set against the partner is the partner itself (it is always the first row)."""
    if p.selection is None:
        return
    partner = p.parties.foreign
    own = {t for lang in LANGS for t in (partner.name.find(lang), partner.short_name.find(lang)) if t is not None}
    for i, candidate in enumerate(p.selection.candidates):
        if any(candidate.name.find(lang) in own for lang in LANGS):
            yield Hit(("selection", "candidates", i, "name"), args={"name": candidate.name.any()})
