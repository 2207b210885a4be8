"""Rules on which translations the data must give: those of the documents it is issued in.

A text is needed in a language when some kind of document that shows it (`spdocs.kinds`,
``texts``: the sections its documents show) applies to the partnership and is issued in that
language (the data's ``documents``, else the kind's default).
"""

from __future__ import annotations

from collections.abc import Iterator

from spdocs.checks.base import Hit, Term, iter_texts
from spdocs.kinds import KINDS
from spdocs.languages import LANGS
from spdocs.model import Partnership


def needed(p: Partnership) -> dict[str, dict[str, list[str]]]:
    """Return, for each section, the languages its texts are needed in and the kinds that need each."""
    out: dict[str, dict[str, list[str]]] = {}
    for kind in KINDS.values():
        if kind.missing(p):
            continue
        for section in kind.texts:
            for lang in kind.languages(p):
                out.setdefault(section, {}).setdefault(lang, []).append(kind.name)
    return out


def gen_translation(p: Partnership) -> Iterator[Hit]:
    """Every text is given in each language of the documents that show it (none is left blank)."""
    needs = needed(p)
    for section, langs in needs.items():
        for loc, text in iter_texts(getattr(p, section), (section,)):
            for lang in LANGS:
                if lang in langs and text.find(lang) is None:
                    kinds = langs[lang]
                    args = {"text": Term("text", (lang,)), "documents": Term("document", tuple(kinds))}
                    yield Hit((*loc, lang), args=args, value=text.any())


def gen_prevailing(p: Partnership) -> Iterator[Hit]:
    """The text said to prevail is one the agreement is issued in."""
    prevailing = p.agreement.prevailing
    issued = KINDS["agreement"].languages(p)
    if prevailing is not None and prevailing not in issued:
        yield Hit(
            ("agreement", "prevailing"),
            args={"text": Term("text", (prevailing,)), "langs": ", ".join(issued)},
            value=prevailing,
        )
