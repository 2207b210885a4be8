"""Saving form data back into a hand-written data file keeps what the person wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from spdocs.loader import loads
from spdocs.model import Partnership
from spdocs.web.roundtrip import plain, update

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
SCHEMA = Partnership.model_json_schema()


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_unchanged_data_gives_the_same_bytes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert update(text, plain(text, json_syntax=False), json_syntax=False, schema=SCHEMA) == text


def edit(text: str, change) -> str:
    data = plain(text, json_syntax=False)
    change(data)
    return update(text, data, json_syntax=False, schema=SCHEMA)


TEXT = """\
# A partnership (comment at the top)
id: x   # the id
agreement:
  number: 45
  date: 2025-03-14
  start: 2025-03-14  # same day
  areas:
    - {id: education, name: {kk: Білім, ru: Образование, en: Education}}
indicators:
  - id: students
    targets: {2025: 50}
"""


def test_edit_keeps_comments_quotes_and_order() -> None:
    def change(d):
        d["agreement"]["date"] = "2025-03-15"
        d["agreement"]["number"] = "45"  # the form sends codes as text: unchanged
        d["agreement"]["end"] = "2030-03-13"  # a new key: after start, as the schema orders it
        d["bin"] = "050140001234"  # looks like a number: quoted, or YAML would read 5393875612

    out = edit(TEXT, change)
    assert out.splitlines()[:7] == [
        "# A partnership (comment at the top)",
        "id: x   # the id",
        "agreement:",
        "  number: 45",
        "  date: 2025-03-15",
        "  start: 2025-03-14  # same day",
        "  end: 2030-03-13",
    ]
    assert "bin: '050140001234'" in out or 'bin: "050140001234"' in out


def test_lists_grow_shrink_and_reorder() -> None:
    def change(d):
        d["agreement"]["areas"].append({"id": "science", "name": {"kk": "Ғылым", "ru": "Наука", "en": "Science"}})
        d["indicators"][0]["targets"]["2026"] = 60

    out = edit(TEXT, change)
    assert "    - id: science\n      name: {kk: Ғылым, ru: Наука, en: Science}\n" in out
    assert "targets: {2025: 50, 2026: 60}" in out  # a new period id written like the others
    out = edit(out, lambda d: d["agreement"]["areas"].reverse())
    assert out.index("id: science") < out.index("id: education")
    out = edit(out, lambda d: d["agreement"]["areas"].pop())
    assert "education" not in out


def test_removed_keys_and_nulls() -> None:
    out = edit(TEXT, lambda d: d["agreement"].pop("start"))
    assert "start:" not in out and "# same day" not in out
    out = edit(TEXT, lambda d: d["indicators"][0]["targets"].update({"2025": None}))
    assert "targets: {2025: null}" in out


def test_multiline_text_is_a_block() -> None:
    out = edit(TEXT, lambda d: d["agreement"]["areas"][0]["name"].update(ru="строка 1\nстрока 2"))
    assert plain(out, json_syntax=False)["agreement"]["areas"][0]["name"]["ru"] == "строка 1\nстрока 2"


def test_hostile_text_round_trips_literally() -> None:
    hostile = "<script>alert('x')</script> {{ p.id }} {% if %} : # & «»"
    source = (EXAMPLES[0]).read_text(encoding="utf-8")
    out = edit(source, lambda d: d["parties"]["foreign"]["name"].update(en=hostile))
    assert loads(out).parties.foreign.name.get("en") == hostile


def test_json_keeps_key_order() -> None:
    text = '{\n  "id": "x",\n  "regime": "medical",\n  "agreement": {"number": "1"}\n}\n'
    out = update(text, {"regime": "medical", "id": "y", "agreement": {"number": "2"}}, json_syntax=True, schema=SCHEMA)
    assert out == '{\n  "id": "y",\n  "regime": "medical",\n  "agreement": {\n    "number": "2"\n  }\n}\n'
