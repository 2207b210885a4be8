"""Rules on the order creating the working group and the report's financing, as office practice reads them."""

from __future__ import annotations

from collections.abc import Iterator

from spdocs import limits
from spdocs.checks.base import Hit
from spdocs.languages import LANGS
from spdocs.messages import Invalid
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


def gen_spending_amount(p: Partnership) -> Iterator[Hit]:
    """A period's spending on a budget line is an amount its report can write in the line's currency:
    not below 0, with no more decimals than the currency has."""
    lines = {b.id: b for b in p.funding.budget if b.id} if p.funding else {}
    for i, x in enumerate(p.periods):
        for key, spent in x.spending.items():
            line, amount = lines.get(key), spent.amount
            if line is None or amount is None:
                continue  # an unknown line is GEN-SPENDING-UNKNOWN's; no amount is "no data"
            args = {"period": x.id, "line": key}
            loc = ("periods", i, "spending", key)
            if amount < 0:
                yield Hit(loc, "negative", {**args, "amount": amount}, value=amount)
                continue
            try:
                limits.check_money(amount, line.amount.currency)
            except Invalid as exc:
                yield Hit(loc, args={**args, "reason": exc.message}, value=amount)
