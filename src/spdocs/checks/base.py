"""What a rule is and what it returns: language-free `Hit`s that `check()` turns into findings.

A rule is a pure function ``Partnership -> Iterable[Hit]``. A hit names the field (as a path
tuple, the keys of the loader's line map), the message variant and the values the message
shows; the wording, the citation text and the line number are added by `spdocs.checks`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from spdocs.languages import LANGS
from spdocs.model import Partnership, RegimeCode, Text

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Loc = tuple[str | int, ...]
Doc = Literal["moshe", "moh"]


@dataclass(frozen=True)
class Cite:
    """A place in one of the two texts, in its own numbering: ``("ch", "3"), ("area", "5")``."""

    doc: Doc
    parts: tuple[tuple[str, str], ...]


def moshe(*parts: str | int) -> Cite:
    """Return a citation of the MoSHE recommendations: ``moshe("ch", 3, "area", 5)``."""
    return Cite("moshe", _pairs(parts))


def moh(*parts: str | int) -> Cite:
    """Return a citation of the MoH Rules: ``moh("p", 8)``."""
    return Cite("moh", _pairs(parts))


def _pairs(parts: tuple[str | int, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((str(parts[i]), str(parts[i + 1])) for i in range(0, len(parts), 2))


# One citation, one per regime (for rules of both regimes), or none: a rule that follows from
# spdocs' own data conventions rather than from either text cites nothing.
CiteSpec = Cite | Mapping[str, Cite] | None


@dataclass(frozen=True)
class Term:
    """Coded values shown in a message through the vocabulary ``vocab`` (localized, joined)."""

    vocab: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """One departure found by a rule: where, which message variant, with what values."""

    loc: Loc
    variant: str = "default"
    args: Mapping[str, Any] = field(default_factory=dict)
    value: Any = None
    severity: Severity | None = None  # None: the rule's own severity
    cite: CiteSpec = None  # None: the rule's own citation


@dataclass(frozen=True)
class Rule:
    """A regulation rule: id, default severity, the regime it applies to, check and citation."""

    id: str
    severity: Severity
    regime: RegimeCode | None  # None: both regimes
    func: Callable[[Partnership], Iterable[Hit]]
    cite: CiteSpec = None


def resolve(cite: CiteSpec, regime: str) -> Cite | None:
    """Return the citation that applies in ``regime``."""
    if cite is None or isinstance(cite, Cite):
        return cite
    return cite.get(regime)


def iter_texts(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Text]]:
    """Yield every `Text` below ``node`` with its field path, in file order."""
    if isinstance(node, Text):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_texts(getattr(node, name), (*loc, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from iter_texts(item, (*loc, i))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from iter_texts(item, (*loc, str(key)))


def term_loc(p: Partnership) -> Loc:
    """Return the field that states the term: ``term_years`` when given, else ``end``."""
    return ("agreement", "term_years" if p.agreement.term_years is not None else "end")


def same_text(a: Text, b: Text) -> bool:
    """Return whether two texts name the same thing in some language (case and spaces aside)."""
    return any(
        " ".join(x.split()).casefold() == " ".join(y.split()).casefold()
        for lang in LANGS
        if (x := a.find(lang)) is not None and (y := b.find(lang)) is not None
    )
