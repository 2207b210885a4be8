"""The parts of issue 10 added last, checked on the rendered text: open-ended ranking bands and
lower-bound figures, a certification centre in trial operation, a signing unit under its parent
organization, and a participant's region (HE-REGIONAL)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import example, rendered
from spdocs import documents, docxtext
from spdocs.checks import check
from spdocs.model import LANGS, Partnership, Ranking


def text(p: Partnership, kind: str, lang: str) -> str:
    return "\n".join(str(b) for b in docxtext.blocks(documents.render_document(p, kind, lang=lang)))


def example_text(name: str, lang: str) -> str:
    return "\n".join(str(b) for b in docxtext.blocks(rendered(name, "agreement", lang)))


def edited(name: str, edit: Any) -> Partnership:
    """Return example ``name`` with ``edit(data)`` applied to its data (validated again)."""
    data = example(name).model_dump()
    edit(data)
    return Partnership.model_validate(data)


def findings(p: Partnership, rule: str) -> list[Any]:
    return [f for f in check(p, lang="en") if f.rule == rule]


# --- open-ended ranking bands ("801+", "more than 400") ---------------------------------------


@pytest.mark.parametrize(
    ("given", "rank", "place"), [("801+", 801, "801+"), (">400", 401, "401+"), (" 1501 + ", 1501, "1501+")]
)
def test_an_open_ended_band_is_stored_and_printed_as_such(given, rank, place):
    r = Ranking.model_validate({"system": "THE", "year": 2025, "rank": given})
    assert (r.rank, r.open_ended, r.place) == (rank, True, place)
    assert not r.within(500) and not r.within(10_000)
    assert Ranking.model_validate({"system": "QS", "year": 2025, "rank": 451, "rank_to": 500}).place == "451\u2013500"


def test_an_open_ended_band_never_passes_he_ranking():
    def rank(value: object) -> Partnership:
        return edited(
            "taraz-mendeleev",
            lambda d: d["parties"]["foreign"].update(rankings=[{"system": "QS", "year": 2025, "rank": value}]),
        )

    assert findings(rank(450), "HE-RANKING") == []
    hits = findings(rank(">400"), "HE-RANKING")
    assert len(hits) == 1 and "QS 2025, 401+" in hits[0].message
    # a band only partly inside the TOP-500 does not show the partner is in it either
    band = edited(
        "taraz-mendeleev",
        lambda d: d["parties"]["foreign"].update(
            rankings=[{"system": "QS", "year": 2025, "rank": 401, "rank_to": 600}]
        ),
    )
    assert len(findings(band, "HE-RANKING")) == 1


def test_the_selection_prints_an_open_band_and_does_not_call_it_top_500():
    p = edited(
        "taraz-mendeleev",
        lambda d: d["selection"]["candidates"][0].update(rankings=[{"system": "THE", "year": 2025, "rank": "801+"}]),
    )
    body = text(p, "selection", "ru")
    assert "801+" in body


# --- lower-bound figures in the indicators annex ---------------------------------------------

MORE_THAN_140 = {"kk": "140-тан астам", "ru": "более 140", "en": "more than 140"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_lower_bound_baseline_prints_as_such_in_the_annex(lang):
    p = example("ektu-luban")
    assert next(i for i in p.indicators if i.id == "students-trained").baseline_more_than
    annex = example_text("ektu-luban", lang).rsplit("\n| 1.2 |", 1)[1].split("\n", 1)[0]
    assert f"| {MORE_THAN_140[lang]} |" in annex
