"""Reading YAML and JSON text: every fault is a problem on its line, in plain words, never a traceback."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from spdocs.errors import InputError
from spdocs.loader import load, loads
from spdocs.parse import MAX_DEPTH, parse

TARAZ = (ROOT / "examples" / "taraz-mendeleev.yaml").read_text(encoding="utf-8")


def messages(text: str, *, json_syntax: bool = False) -> list[str]:
    with pytest.raises(InputError) as info:
        parse(text, name="t.yaml", json_syntax=json_syntax)
    return [str(p) for p in info.value.problems]


def test_impossible_dates_are_errors_on_their_lines():
    assert messages("a: 1\nd: 2025-02-30\ne: 2025-13-01\nf: 31.04.2025\n") == [
        "t.yaml:2: d: 2025-02-30 is not a date: February 2025 has 28 days",
        "t.yaml:3: e: 2025-13-01 is not a date: there is no month 13",
        "t.yaml:4: f: 31.04.2025 is not a date: April 2025 has 30 days",
    ]


def test_impossible_date_in_a_data_file_is_a_problem_not_a_crash():
    text = TARAZ.replace("  date: 2025-03-14", "  date: 2025-02-30", 1)
    with pytest.raises(InputError) as info:
        loads(text, name="bad.yaml")
    [problem] = info.value.problems
    assert problem.line == text[: text.index("date: 2025-02-30")].count("\n") + 1
    assert problem.field == "agreement.date"


def test_local_dates_read_as_dates():
    p = loads(TARAZ.replace("  date: 2025-03-14", "  date: 14.03.2025", 1))
    assert p.agreement.date.isoformat() == "2025-03-14"
    data, _ = parse("a: '14.03.2025'\n", name="t.yaml")
    assert data == {"a": "14.03.2025"}  # quoted: text


def test_a_date_where_text_is_expected_says_put_it_in_quotes():
    text = TARAZ.replace("  number: 01-СП/2025", "  number: 2025-03-14", 1)
    with pytest.raises(InputError) as info:
        loads(text, name="bad.yaml")
    assert str(info.value.problems[0]).endswith(
        "agreement.number: 2025-03-14 was read as a date, but text is expected here; put it in quotes"
    )


def test_duplicate_keys_name_both_lines():
    assert messages("id: a\nname: x\nid: b\n") == [
        "t.yaml:3: id: 'id' is given twice in the same place (lines 1 and 3); keep one"
    ]
    assert messages("p:\n  x: {kk: a, kk: b}\n") == [
        "t.yaml:2: p.x.kk: 'kk' is given twice in the same place (lines 2 and 2); keep one"
    ]


def test_yaml_12_scalars_norway_and_leading_zeros():
    data, _ = parse("country: NO\nflag: yes\nok: true\nn: 0123\nx: 0.1\nbig: 1_000\nneg: -5\n", name="t.yaml")
    assert data == {
        "country": "NO",
        "flag": "yes",
        "ok": True,
        "n": "0123",
        "x": Decimal("0.1"),
        "big": 1000,
        "neg": -5,
    }


def test_unquoted_bin_with_leading_zero_asks_for_quotes():
    assert messages("p:\n  bin: 050140001234\n") == [
        't.yaml:2: p.bin: put the BIN in quotes, e.g. bin: "050140001234"; without quotes YAML reads a number '
        "that starts with 0 as another number"
    ]
    data, _ = parse('p:\n  bin: "050140001234"\n  other: 990140001234\n', name="t.yaml")
    assert data == {"p": {"bin": "050140001234", "other": 990140001234}}


def test_bin_without_quotes_and_leading_zero_is_text():
    p = loads(TARAZ.replace('    bin: "990140001234"', "    bin: 990140001234", 1))
    assert p.parties.kazakhstani.bin == "990140001234"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a:\n\tb: 1\n",
            "t.yaml:2: a tab character (column 1): YAML indents with spaces only; replace the tab with spaces",
        ),
        (
            "a:\n  position: Director: Finance\n",
            "t.yaml:2: a colon followed by a space inside unquoted text; put the text in quotes: "
            'position: "Director: Finance"',
        ),
        (
            "p: {kk: Ректор, проректор, ru: b}\n",
            "t.yaml:1: p.kk: the comma in 'Ректор, проректор' split the text in two inside {...}; "
            'put the text in quotes: kk: "Ректор, проректор"',
        ),
        ('a: "abc\nb: 2\n', "t.yaml:1: a quote opened on line 1 is never closed; close it or remove it"),
        (
            "a: 1\nb\nc: 2\n",
            "t.yaml:3: this line is neither 'field: value' nor a list item '- ...'; "
            "if it continues the text above, put the whole text in quotes",
        ),
        ("a: @home\n", "t.yaml:1: text cannot start with '@' without quotes; put the text in quotes"),
        (
            'a: "C:\\q"\n',
            "t.yaml:1: a backslash inside double quotes starts an escape; write \\\\ or use single quotes '...'",
        ),
        (
            "a:\n  b: 1\n c: 2\n",
            "t.yaml:3: the indentation does not match the lines above; align the field with "
            "its neighbours (spaces only)",
        ),
        ("a: 1\n---\nb: 2\n", "t.yaml:2: a second document starts here (---); a data file describes one partnership"),
        (
            "a: b\x01c\n",
            "t.yaml:1: the character U+0001 cannot appear in a data file (it was probably pasted with "
            "the text); delete it",
        ),
        ("a: *nowhere\n", "t.yaml:1: *nowhere refers to no anchor &nowhere above it"),
        (
            "a: !!binary aGk=\n",
            "t.yaml:1: a: the YAML tag !!binary is not supported; remove it (write the value "
            "as plain text or a number)",
        ),
        ("a: .nan\n", "t.yaml:1: a: .nan is not a number a document can show"),
    ],
    ids=[
        "tab",
        "colon",
        "comma",
        "quote",
        "no-colon",
        "at",
        "escape",
        "indent",
        "documents",
        "control",
        "alias",
        "tag",
        "nan",
    ],
)
def test_yaml_pitfalls_in_plain_words(text, expected):
    assert messages(text) == [expected]


def test_alias_bomb_is_refused_fast():
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = "\n".join(rows) + "\n"
    assert len(bomb) < 400
    started = time.perf_counter()
    [message] = messages(bomb)
    assert time.perf_counter() - started < 0.2
    assert "anchors and aliases (*name) expand to more than 100,000 values" in message


def test_small_aliases_and_merge_keys_work():
    data, lines = parse("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nsame: *b\n", name="t.yaml")
    assert data == {"base": {"x": 1, "y": 2}, "other": {"x": 1, "y": 3}, "same": {"x": 1, "y": 2}}
    assert lines[("same",)] == 5


@pytest.mark.parametrize("text", ["a: " + "[" * 5000 + "]" * 5000, "".join("  " * i + f"k{i}:\n" for i in range(400))])
def test_deep_nesting_is_refused(text):
    [message] = messages(text)
    assert f"nested more than {MAX_DEPTH} levels deep" in message


def test_deep_json_is_refused():
    [message] = messages("[" * 100_000 + "]" * 100_000, json_syntax=True)
    assert f"nested more than {MAX_DEPTH} levels deep" in message


def test_huge_integer_is_a_problem():
    [message] = messages("a: " + "9" * 5000 + "\n")
    assert message.startswith("t.yaml:1: a: the number '99999") and message.endswith("...' is too large")


def test_empty_file():
    assert messages("") == [
        "t.yaml: the file is empty; it should describe one partnership (spdocs new writes a starter file)"
    ]
    assert messages("# only a comment\n") == messages("")


def test_tab_indented_json_loads_with_lines(tmp_path):
    data = yaml.safe_load(TARAZ)
    data["agreement"]["copies"] = "three"
    path = tmp_path / "taraz.json"
    text = json.dumps(data, ensure_ascii=False, indent="\t", default=str)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    [problem] = info.value.problems
    assert problem.field == "agreement.copies"
    assert problem.line == text[: text.index('"copies": "three"')].count("\n") + 1


def test_json_decimals_are_exact_and_lines_cover_items():
    data, lines = parse('{\n  "a": [\n    1.10,\n    {"b": 2}\n  ]\n}', name="t.json", json_syntax=True)
    assert data == {"a": [Decimal("1.10"), {"b": 2}]}
    assert lines[("a",)] == 2 and lines[("a", 0)] == 3 and lines[("a", 1)] == 4 and lines[("a", 1, "b")] == 4


def test_json_duplicates_and_syntax():
    assert messages('{\n "a": 1,\n "a": 2\n}', json_syntax=True) == [
        "t.yaml:3: a: 'a' is given twice in the same place (lines 2 and 3); keep one"
    ]
    assert messages('{\n "a": 1,\n}', json_syntax=True) == [
        "t.yaml:3: not valid JSON: a field's name must be in double quotes; no comma after the last field (column 1)"
    ]
    assert messages('{"a": NaN}', json_syntax=True) == ["t.yaml: NaN is not a number a document can show"]


def test_too_big_file(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * (3 * 2**20) + "\n")
    with pytest.raises(InputError, match=r"the file is 3\.0 MB; a data file may be at most 2 MB"):
        load(path)


def test_parse_agrees_with_pyyaml_on_the_examples():
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        data, _ = parse(text, name=str(path))
        assert _plain(data) == _plain(yaml.safe_load(text))


def _plain(value):
    """Return ``value`` with exact decimals as floats and int keys as text, as PyYAML would compare."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return float(value) if isinstance(value, Decimal) else value


def test_check_json_reports_an_impossible_date(tmp_path, runner):
    from spdocs.cli import cli

    path = tmp_path / "bad.yaml"
    path.write_text(TARAZ.replace("  date: 2025-03-14", "  date: 2025-02-30", 1), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2
    [finding] = json.loads(result.output)["files"][0]["findings"]
    assert finding["rule"] == "SCHEMA" and finding["field"] == "agreement.date"
    assert finding["message"] == "2025-02-30 is not a date: February 2025 has 28 days"
    assert finding["line"] == TARAZ.splitlines().index("  date: 2025-03-14") + 1
