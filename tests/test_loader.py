"""Loading data files: every example loads; mistakes are reported with file, line and field."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from spdocs.checks import check
from spdocs.errors import InputError
from spdocs.loader import find_files, load, loads, loads_with_lines, parse

TARAZ = (ROOT / "examples" / "taraz-mendeleev.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """Return the 1-based line on which ``needle`` first appears."""
    return text[: text.index(needle)].count("\n") + 1


def problems(text: str, name: str = "bad.yaml") -> list[str]:
    with pytest.raises(InputError) as info:
        loads(text, name=name)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_loads(path):
    p = load(path)
    assert p.id == path.stem
    assert len(p.indicators) >= 6
    assert len(p.periods) >= 2
    assert p.working_group is not None


def test_values_are_typed():
    p = loads(TARAZ)
    assert p.agreement.date.isoformat() == "2025-03-14"
    assert p.funding.budget[1].amount.amount == Decimal("96500000.50")
    assert p.periods[0].id == "2025"  # YAML reads 2025 as a number; period ids are text
    assert set(p.indicators[0].targets) == {"2025", "2026"}
    assert p.periods[1].actuals["student-mobility"].value is None


def test_three_mistakes_three_messages_with_lines():
    text = TARAZ.replace("  term_years: 7", "  term_years: seven", 1)
    text = text.replace("    alias: {kk: Серіктес, ru: Партнер, en: the Partner}", "    alias: {}", 1)
    text = text.replace("  copies: 3", "  copies: 3\n  copys: 2", 1)
    assert problems(text) == [
        f"bad.yaml:{line_of(text, 'alias: {}')}: parties.foreign.alias: "
        "the text is given in no language; write it in at least one of 'kk', 'ru', 'en'",
        f"bad.yaml:{line_of(text, 'term_years: seven')}: agreement.term_years: "
        "a whole number is expected (e.g. 5), not 'seven'",
        f"bad.yaml:{line_of(text, 'copys: 2')}: agreement.copys: unknown field 'copys'; did you mean 'copies'?",
    ]


def test_missing_kazakh_name_loads_and_check_names_field_language_and_documents():
    # A language may be left out at load (a document not issued in it needs none); the check
    # GEN-TRANSLATION says which documents need it.
    data = yaml.safe_load(TARAZ)
    del data["parties"]["foreign"]["name"]["kk"]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    partnership, lines = loads_with_lines(text, name="examples/taraz.yaml")
    [finding] = [f for f in check(partnership, lines=lines, path="examples/taraz.yaml") if f.rule == "GEN-TRANSLATION"]
    assert finding.field == "parties.foreign.name.kk" and finding.severity == "error"
    assert finding.message.startswith("Kazakh text is missing; it is needed for: agreement, order, report")
    assert finding.line == line_of(text, "  foreign:") + 1


def test_blank_text_is_an_error():
    text = TARAZ.replace(
        "alias: {kk: Университет, ru: Университет, en: the University}",
        "alias: {kk: '  ', ru: Университет, en: the University}",
    )
    [message] = problems(text)
    blank_line = line_of(text, "alias: {kk: '  '")
    assert message == (
        f"bad.yaml:{blank_line}: parties.kazakhstani.alias.kk: "
        "the text is blank (spaces only); write it or delete the line"
    )


def test_model_rules_name_the_field():
    text = TARAZ.replace('    bin: "990140001234"\n', "", 1)
    [message] = problems(text)
    assert "parties.kazakhstani.bin: a Kazakhstani organization needs its BIN (12 digits)" in message
    text = TARAZ.replace("model: branch", "model: franchise", 1)
    [message] = problems(text)
    assert "franchise: the 'franchise' model needs a franchise section" in message


def test_list_items_are_indexed():
    text = TARAZ.replace("    role: deputy_chair", "    role: vice_chair", 1)
    [message] = problems(text)
    assert f":{line_of(text, 'role: vice_chair')}: working_group.members[1].role:" in message
    assert "'vice_chair' is not allowed here; did you mean 'chair'?" in message
    assert "(allowed: 'chair', 'deputy_chair', 'secretary', 'member')" in message


def test_json_files_report_lines_too(tmp_path):
    data = yaml.safe_load(TARAZ)
    data["agreement"]["date"] = "14.03.2025"
    path = tmp_path / "taraz.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    [problem] = info.value.problems
    assert problem.field == "agreement.date"
    assert problem.line == line_of(path.read_text(encoding="utf-8"), '"14.03.2025"')


def test_json_example_loads(tmp_path):
    path = tmp_path / "taraz.json"
    path.write_text(json.dumps(yaml.safe_load(TARAZ), ensure_ascii=False, default=str), encoding="utf-8")
    assert load(path) == loads(TARAZ)


def test_syntax_errors_name_the_line():
    text = TARAZ.replace("regime: higher_education", "regime: [higher_education", 1)
    [message] = problems(text)
    line = line_of(text, "regime: [")
    assert message == f"bad.yaml:{line}: a bracket {{ or [ is not closed, or a comma is missing inside it; " + (
        "check the brackets on this line"
    )


def test_not_a_mapping():
    assert problems("- a\n- b\n") == ["bad.yaml:1: expected a mapping of fields at the top of the file"]


def test_parse_maps_fields_to_lines():
    _, lines = parse(TARAZ, name="t.yaml")
    assert lines[("agreement", "number")] == line_of(TARAZ, "  number: 01-СП/2025")
    assert lines[("working_group", "members", 1)] == line_of(TARAZ, "role: chair") + 1


def test_find_files(tmp_path):
    (tmp_path / "a.yaml").write_text("x: 1")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    assert [p.name for p in find_files([tmp_path])] == ["a.yaml", "b.json"]
    with pytest.raises(InputError, match="no such file or folder"):
        find_files([tmp_path / "missing.yaml"])


def test_text_is_normalized_to_nfc():
    decomposed = "\u0438\u0306"  # и + combining breve, as some PDFs and old fonts give й
    p = loads(TARAZ.replace("en: Taraz}\n  start:", f"en: Taraz {decomposed}}}\n  start:", 1))
    assert p.agreement.place.en == "Taraz \u0439"
