"""Rules on the order creating the working group and the report's financing, as office practice reads them."""

from __future__ import annotations

from collections.abc import Iterator

from spdocs.checks.base import Hit
from spdocs.languages import LANGS
from spdocs.model import Partnership, Person


def _same_person(a: Person, b: Person) -> bool:
    """Return whether two entries name the same person (the same name in a language both give)."""
    names = ((a.name.find(lang), b.name.find(lang)) for lang in LANGS)
    return any(x is not None and y is not None and " ".join(x.split()) == " ".join(y.split()) for x, y in names)


def gen_wg_control_chair(p: Partnership) -> Iterator[Hit]:
    """Control over the order is not given to the chair of the working group the order creates."""
    wg = p.working_group
    if wg is None or wg.control is None:
        return
    for m in wg.members:
        if m.role == "chair" and _same_person(wg.control, m):
            yield Hit(("working_group", "control", "name"), args={"name": m.name}, value=m.name.any())
            return


def gen_spending_unknown(p: Partnership) -> Iterator[Hit]:
    """A period's spending names only budget lines of the agreement (by their id)."""
    known = {b.id for b in p.funding.budget if b.id} if p.funding else set()
    for i, x in enumerate(p.periods):
        for key in x.spending:
            if key not in known:
                yield Hit(("periods", i, "spending", key), args={"period": x.id, "line": key}, value=key)
