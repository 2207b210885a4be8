"""Two versions of an agreement → the clauses that changed (pure core of ``spdocs amend``).

Both versions are rendered from their data files and read back as a reader sees them
(`spdocs.docxtext`): the preamble, each section heading (``5.``), each clause (``5.2.``)
with its sub-items and tables, and each annex. The two lists are aligned by text (so a
clause inserted in the middle does not make every clause after it "changed"), and each
difference becomes one change the supplementary agreement lists: a clause to be read in a
new wording (numbered as in the agreement being amended), a clause added (numbered as in
the new version), a clause deleted, an annex replaced, added or deleted. The three
language versions of one partnership give the same changes: the templates keep their
clause numbering in step (`spdocs.parity`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from spdocs import docxtext

_SECTION = re.compile(r"^\d+\.$")
_CLAUSE = re.compile(r"^\d+\.\d+\.$")


@dataclass
class Unit:
    """A part of the agreement compared as a whole: the preamble, a heading, a clause or an annex."""

    kind: str  # preamble | section | clause | annex
    number: str  # "5.2" for a clause, "5" for a section, "1" for an annex, "" for the preamble
    lines: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """Return the text compared: the lines without the unit's own number."""
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Change:
    """One change of the supplementary agreement."""

    action: str  # replace | insert | delete
    kind: str  # preamble | section | clause | annex
    number: str  # the number in the agreement amended (replace, delete) or in the new version (insert)
    lines: tuple[str, ...] = ()  # the new wording (replace, insert)


def units(docx: bytes) -> list[Unit]:
    """Return the agreement's preamble, section headings, clauses and annexes, in order."""
    out: list[Unit] = []
    current: Unit | None = None
    annexes = 0
    previous_style = ""
    for block in docxtext.blocks(docx):
        if block.style == "AnnexHead":
            if previous_style != "AnnexHead":
                annexes += 1
                current = Unit("annex", str(annexes))
                out.append(current)
            previous_style = block.style
            continue
        previous_style = block.style
        if current is None or current.kind != "annex":
            if _CLAUSE.match(block.number):
                current = Unit("clause", block.number.rstrip("."), [block.text])
                out.append(current)
                continue
            if _SECTION.match(block.number):
                current = Unit("section", block.number.rstrip("."), [block.text])
                out.append(current)
                continue
        if current is None:
            if block.style == "DocTitle":
                continue  # the title and number: an amendment names the agreement its own way
            current = Unit("preamble", "")
            out.append(current)
        current.lines.append(str(block))
    return out


def compare(old: list[Unit], new: list[Unit]) -> list[Change]:
    """Return the changes that turn the ``old`` agreement into the ``new`` one, in the new one's order."""
    matcher = difflib.SequenceMatcher(a=[u.body for u in old], b=[u.body for u in new], autojunk=False)
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        # Pair units of the same kind in order (a clause reworded); the rest are added or deleted.
        paired: list[tuple[Unit, Unit]] = []
        spare_old = list(olds)
        added: list[Unit] = []
        for unit in news:
            match = next((o for o in spare_old if o.kind == unit.kind), None)
            if match is not None and op == "replace":
                spare_old.remove(match)
                paired.append((match, unit))
            else:
                added.append(unit)
        changes += [Change("delete", o.kind, o.number) for o in spare_old]
        for o, n in paired:
            changes.append(Change("replace", o.kind, o.number, tuple(n.lines)))
        changes += [Change("insert", n.kind, n.number, tuple(n.lines)) for n in added]
    return changes


def context(changes: list[Change]) -> dict[str, Any]:
    """Return the changes as the amendment template sees them, annexes numbered in its own order."""
    items: list[dict[str, Any]] = []
    annexes: list[dict[str, Any]] = []
    for change in changes:
        item: dict[str, Any] = {"action": change.action, "kind": change.kind, "number": change.number}
        if change.kind == "annex":
            if change.action != "delete":
                annexes.append({"number": len(annexes) + 1, "of": change.number, "lines": list(change.lines)})
                item["annex"] = len(annexes)
            item["lines"] = []
        else:
            item["lines"] = list(change.lines)
        items.append(item)
    for k, item in enumerate(items):  # the last item of the list ends with «.», the others with «;»
        item["last"] = k == len(items) - 1
    return {"changes": items, "annexes": annexes}


def renumbered(old: list[Unit], new: list[Unit]) -> list[dict[str, Any]]:
    """Return the sections and clauses the changes renumber, as ranges: sections 5–14 become 6–15.

    A clause is listed when its place in its section changes (after a clause inserted or
    deleted before it); renumbering a section renumbers the clauses that keep their place.
    """
    matcher = difflib.SequenceMatcher(a=[u.body for u in old], b=[u.body for u in new], autojunk=False)
    pairs: list[tuple[Unit, Unit]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs += list(zip(old[i1:i2], new[j1:j2]))
        elif op == "replace":
            spare = list(new[j1:j2])
            for o in old[i1:i2]:
                n = next((u for u in spare if u.kind == o.kind), None)
                if n is not None:
                    spare.remove(n)
                    pairs.append((o, n))
    moved = [(o, n) for o, n in pairs if o.kind in ("section", "clause") and o.number != n.number]
    # a clause that keeps its place in a renumbered section follows the section; one that moves is listed
    moved = [(o, n) for o, n in moved if o.kind == "section" or o.number.split(".")[1] != n.number.split(".")[1]]
    out: list[dict[str, Any]] = []
    for kind in ("section", "clause"):
        runs: list[list[tuple[str, str]]] = []
        for o, n in moved:
            if o.kind != kind:
                continue
            if runs and _next(runs[-1][-1][0]) == o.number and _next(runs[-1][-1][1]) == n.number:
                runs[-1].append((o.number, n.number))
            else:
                runs.append([(o.number, n.number)])
        for run in runs:
            (old_first, new_first), (old_last, new_last) = run[0], run[-1]
            single = len(run) == 1
            out.append(
                {
                    "kind": kind,
                    "single": single,
                    "old": old_first if single else f"{old_first}–{old_last}",
                    "new": new_first if single else f"{new_first}–{new_last}",
                }
            )
    return out


def _next(number: str) -> str:
    head, _, tail = number.rpartition(".")
    return f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1)
