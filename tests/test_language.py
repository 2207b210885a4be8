"""Every message about a data file, and every usage error, in the user's language (issue #16).

The acceptance test: a data file with ten typical mistakes, and one whose agreement ends before
it starts, checked with ``--lang ru`` and ``--lang kk``: each line names file, line and field,
and the message has no English word outside field names and the user's own values, no regex
and no Python type name. Then: every error pydantic can raise of our models has a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest

from spdocs.cli import cli
from spdocs.loader import SCHEMA_MESSAGES, _model_at, parse, problem
from spdocs.messages import catalogue
from spdocs.model import Partnership

ROOT = Path(__file__).resolve().parent.parent
TARAZ = (ROOT / "examples" / "taraz-mendeleev.yaml").read_text(encoding="utf-8")
SRC = ROOT / "src" / "spdocs"

# A finding line of `spdocs check`: path:line: severity RULE field: message
LINE = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+): (?P<severity>\S+) (?P<rule>[A-Z][A-Z-]+) (?P<field>\S+): (?P<message>.+)$"
)
REGEX = re.compile(r"\^|\$|\\[dswDSW]|\[[a-zA-Z0-9]-|\{\d+(,\d*)?\}|\.\*|\(\?")
TYPE_NAMES = re.compile(r"\b(str|int|float|Decimal|dict|list|tuple|NoneType|bool|datetime)\b")
PYDANTIC_WORDS = re.compile(r"Input should|valid (integer|string|number|date|list|dictionary)|pattern|Value error")
# Names a message may keep in Latin letters besides field names: formats and YAML's null.
PROPER = {"YAML", "ISO", "null"}


def _once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def ten_mistakes() -> str:
    """Return the Taraz example with the mistakes people make, one of each."""
    text = _once(TARAZ, "    alias: {kk: Серіктес, ru: Партнер, en: the Partner}\n", "")  # a required field missing
    text = _once(text, "    email: info@example-taraz.kz", "    emial: info@example-taraz.kz")  # a typo in a field
    text = _once(text, "authority: {basis: charter}", "authority: {basis: charta}")  # a wrong choice
    text = _once(text, '    bin: "990140001234"', '    bin: "99014000123"')  # a BIN of 11 digits
    text = _once(text, "  date: 2025-03-14", "  date: 31.02.2025")  # a date that does not exist
    text = _once(text, "  term_years: 7", "  term_years: seven\n  auto_renewal: да")  # words for a number, a yes
    text = _once(text, '      bin: "040540005678"', "      bin: 050140001234")  # a BIN YAML reads as a number
    text = re.sub(r"  forms:\n(?:    .*\n)+", "  forms: []\n", text, count=1)  # an empty list that needs items
    return _once(text, "id: taraz-mendeleev", "id: Taraz Mendeleev")  # an id with capitals and a space


MISTAKEN_FIELDS = [
    "id",
    "parties.kazakhstani.bin",
    "parties.kazakhstani.emial",
    "parties.kazakhstani.signatory.authority.basis",
    "parties.foreign.alias",
    "parties.others[0].bin",
    "agreement.date",
    "agreement.term_years",
    "agreement.auto_renewal",
    "agreement.forms",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mistakes")
    (folder / "ten.yaml").write_text(ten_mistakes(), encoding="utf-8")
    (folder / "dates.yaml").write_text(_once(TARAZ, "  term_years: 7", "  end: 2024-12-31"), encoding="utf-8")
    return folder


def schema_nodes() -> Iterator[dict[str, Any]]:
    """Yield every mapping of `Partnership`'s compiled pydantic-core schema, depth first."""

    def walk(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    return walk(Partnership.__pydantic_core_schema__)


def field_names() -> set[str]:
    """Return the name of every field of the data model (a message may name them as they are typed)."""
    return {name for node in schema_nodes() if node.get("type") == "model-fields" for name in node["fields"]}


def foreign_words(message: str) -> list[str]:
    """Return the Latin-letter words of ``message`` that are not values (quoted), field names or `PROPER`."""
    bare = re.sub(r"«[^»]*»|\"[^\"]*\"", "", message)
    allowed = field_names() | PROPER
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_]+", bare) if w not in allowed]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_ten_mistakes_every_message_in_the_language_asked_for(runner, folder, lang, monkeypatch):
    monkeypatch.setenv("SPDOCS_LANG", "en")  # --lang wins over the environment
    result = runner.invoke(cli, ["check", str(folder), "--lang", lang])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    findings, total = lines[:-1], lines[-1]
    assert total.startswith({"ru": "ошибок: 18, предупреждений: 3", "kk": "қателер: 18, ескертулер: 3"}[lang])
    parsed = [LINE.match(line) for line in findings]
    assert all(parsed), [line for line, m in zip(findings, parsed, strict=True) if not m]
    schema = [m for m in parsed if m and m["rule"] == "SCHEMA"]
    assert [m["field"] for m in schema] == MISTAKEN_FIELDS  # each mistake once, in the order of the file
    assert all(m["path"].endswith("ten.yaml") for m in schema)
    assert any(m["rule"] == "GEN-DATES" and m["field"] == "agreement.end" for m in parsed if m)
    for m in parsed:
        assert m is not None
        message = m["message"]
        assert not foreign_words(message), (message, foreign_words(message))
        assert not REGEX.search(message), message
        assert not TYPE_NAMES.search(re.sub(r"«[^»]*»", "", message)), message
        assert re.search("[а-яәіңғүұқөһ]", message, re.I), message


def test_ten_mistakes_read_plainly_in_english(runner, folder):
    result = runner.invoke(cli, ["check", str(folder / "ten.yaml"), "--lang", "en"])
    assert result.exit_code == 2
    messages = [m["message"] for line in result.output.splitlines() if (m := LINE.match(line))]
    assert len(messages) == len(MISTAKEN_FIELDS)
    for message in messages:
        assert not REGEX.search(message), message
        assert not TYPE_NAMES.search(re.sub(r"'[^']*'", "", message)), message
        assert not PYDANTIC_WORDS.search(message), message
    assert "'99014000123' is not written right: exactly 12 digits are needed" in result.output
    assert "unknown field 'emial'; did you mean 'email'?" in result.output
    assert "'charta' is not allowed here; did you mean 'charter'?" in result.output


def test_check_speaks_the_environments_language_without_lang(runner, folder, monkeypatch):
    monkeypatch.setenv("SPDOCS_LANG", "kk")
    result = runner.invoke(cli, ["check", str(folder / "ten.yaml")])
    assert "«emial» деген өріс жоқ; «email» деп жазу керек пе?" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("қателер: 10")


# --- every error our models can raise has a message -------------------------------------------

# The errors pydantic-core raises for each kind of schema node (and its constraints).
_NODE_ERRORS: dict[str, set[str]] = {
    "model": {"model_type", "model_attributes_type"},
    "model-fields": {"missing", "extra_forbidden"},
    "str": {"string_type", "string_unicode"},
    "literal": {"literal_error"},
    "list": {"list_type"},
    "dict": {"dict_type"},
    "date": {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"},
    "bool": {"bool_type", "bool_parsing"},
    "int": {"int_type", "int_parsing", "int_from_float", "int_parsing_size"},
    "decimal": {"decimal_type", "decimal_parsing", "finite_number"},
    "function-after": {"value_error", "assertion_error"},
    "function-before": {"value_error", "assertion_error"},
}
_CONSTRAINT_ERRORS = {
    "min_length": {"str": "string_too_short", "list": "too_short", "dict": "too_short"},
    "max_length": {"str": "string_too_long", "list": "too_long", "dict": "too_long"},
    "pattern": {"str": "string_pattern_mismatch"},
    "ge": {"int": "greater_than_equal", "decimal": "greater_than_equal"},
    "gt": {"int": "greater_than", "decimal": "greater_than"},
    "le": {"int": "less_than_equal", "decimal": "less_than_equal"},
    "lt": {"int": "less_than", "decimal": "less_than"},
}


def reachable_errors() -> set[str]:
    """Return every pydantic error type the schema of `Partnership` can raise."""
    found: set[str] = set()
    for node in schema_nodes():
        kind = node.get("type")
        if isinstance(kind, str):
            found.update(_NODE_ERRORS.get(kind, set()))
            for constraint, by_kind in _CONSTRAINT_ERRORS.items():
                if node.get(constraint) is not None and kind in by_kind:
                    found.add(by_kind[kind])
    return found


def test_every_error_our_models_can_raise_has_a_message_in_every_language():
    reachable = reachable_errors()
    assert {"string_pattern_mismatch", "too_short", "greater_than_equal", "literal_error"} <= reachable
    missing = sorted(reachable - set(SCHEMA_MESSAGES))
    assert not missing, f"pydantic errors without a catalogue message (loader.SCHEMA_MESSAGES): {missing}"
    for key in SCHEMA_MESSAGES.values():
        assert set(catalogue()[f"data.schema.{key}"]) == {"kk", "ru", "en"}


def test_errors_met_on_wrong_values_are_the_reachable_ones_and_read_plainly():
    """Put wrong values of every kind in every field of the examples: each error pydantic raises is
    one `reachable_errors` expects (so the table above is right), a ValueError is always the model's
    own `Invalid`, and each message reads without regex or type names in every language."""
    from spdocs.messages import Invalid

    bad_values: list[Any] = [{"x": 1}, ["x"], "x", "", None, True, 1.5, -1, "2025-02-30", 10**30, "a" * 100]
    bad_values.append("2025-03-14T10:00:00")
    reachable, met, seen = reachable_errors(), set(), set()
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data, _ = parse(path.read_text(encoding="utf-8"), name=path.name)
        for parent, key, loc in list(_places(data)):
            shape = (_model_at(loc[:-1]) or len(loc), key if isinstance(key, str) else 0)
            if shape in seen:
                continue
            seen.add(shape)
            kept = parent[key]
            for bad in bad_values:
                parent[key] = bad
                try:
                    Partnership.model_validate(data)
                except pydantic.ValidationError as exc:
                    for err in exc.errors():
                        met.add(err["type"])
                        if err["type"] == "value_error":
                            assert isinstance(err["ctx"]["error"], Invalid), err
                        for lang in ("kk", "ru", "en"):
                            message = problem(err, path.name, {}, lang).message
                            assert not REGEX.search(message), message
            parent[key] = kept
    assert met - reachable == set()
    assert {"string_type", "literal_error", "missing", "extra_forbidden", "value_error"} <= met


def _places(node: Any, loc: tuple[Any, ...] = ()) -> Any:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        yield node, key, (*loc, key)
        yield from _places(value, (*loc, key))


def test_the_models_raise_no_bare_value_error():
    """A validator's message goes through the catalogue: it raises `Invalid`, never a bare ValueError."""
    sources = [*sorted((SRC / "model").glob("*.py")), SRC / "limits.py"]
    bare = [
        f"{p.name}:{n}"
        for p in sources
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if "ValueError(" in line
    ]
    assert bare == []


# --- usage errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["Использование: spdocs check", "подробнее: spdocs check --help", "spdocs: нет такой опции: --bogus"]),
        ("kk", ["Қолданылуы: spdocs check", "толығырақ: spdocs check --help", "spdocs: --bogus деген опция жоқ"]),
    ],
)
def test_unknown_option_in_the_environments_language(runner, monkeypatch, lang, expected):
    monkeypatch.setenv("SPDOCS_LANG", lang)
    result = runner.invoke(cli, ["check", "--bogus", "x.yaml"], prog_name="spdocs")
    assert result.exit_code == 2
    assert all(text in result.output for text in expected), result.output
    assert "Usage:" not in result.output and "Error:" not in result.output and "Try " not in result.output


@pytest.mark.parametrize(
    ("args", "ru"),
    [
        (["render"], "spdocs: не указан аргумент PATHS"),
        (
            ["check", "x.yaml", "--lang", "de"],
            "значение --lang: «de» — выберите одно из: kk, ru, en",
        ),
        (["new", "--model", "medical", "a.yaml", "b.yaml"], "spdocs: лишние аргументы: b.yaml"),
        (["chek", "x.yaml"], "spdocs: нет такой команды: chek; может быть, check, schema?"),
        (["render", "x.yaml", "--jobs", "-1"], "значение --jobs: -1 вне допустимых пределов: не меньше 0"),
        (
            ["render", "x.yaml", "--format", "doc"],
            "doc — укажите одно или несколько из docx, pdf через запятую",
        ),
        (["collect", "x", "--period"], "spdocs: после --period укажите значение"),
        (["render", "x.yaml", "--draft=1"], "spdocs: --draft не принимает значения"),
        (["new", "a.yaml"], "spdocs: не указана опция --model; выберите одно из: branch,"),
        (["amend", "nope.yaml", "nope2.yaml"], "недопустимое значение OLD: нет такого файла или папки: nope.yaml"),
    ],
    ids=[
        "missing-argument",
        "bad-choice",
        "extra-argument",
        "no-command",
        "range",
        "csv",
        "needs",
        "flag",
        "opt",
        "path",
    ],
)
def test_usage_errors_in_russian(runner, monkeypatch, args, ru):
    monkeypatch.setenv("SPDOCS_LANG", "ru")
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert ru in result.output, result.output
    assert not re.search(r"\b(Error|Usage|Try|Invalid|Missing|No such|Got)\b", result.output), result.output


# --- what the commands say besides usage errors: options the API refuses, files kept or written ---------

TARAZ_FILE = ROOT / "examples" / "taraz-mendeleev.yaml"


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (
            ["render", str(TARAZ_FILE), "--kind", "memo", "--check-lang", "ru"],
            "ru",
            "нет вида документа «memo» (есть: ",
        ),
        (["render", str(TARAZ_FILE), "--kind", "memo", "--check-lang", "kk"], "kk", "«memo» деген құжат түрі жоқ"),
        (
            ["render", str(TARAZ_FILE), "--kind", "report", "--period", "2099", "--check-lang", "ru"],
            "ru",
            "нет отчетного",
        ),
        (["amend", str(TARAZ_FILE), str(ROOT / "examples" / "nku-arizona.yaml")], "ru", "описывают разные партнерства"),
        (["summary", str(TARAZ_FILE), "--out", "s.xlsx", "--lang", "kk"], "kk", None),
    ],
    ids=["kind-ru", "kind-kk", "period-ru", "amend-ru", "summary-kk"],
)
def test_what_the_api_refuses_is_said_in_the_commands_language(runner, monkeypatch, tmp_path, args, lang, expected):
    monkeypatch.chdir(tmp_path)
    if args[0] == "amend":
        monkeypatch.setenv("SPDOCS_LANG", lang)
    result = runner.invoke(cli, [*args, *(["--out", str(tmp_path / "out")] if args[0] in ("render", "amend") else [])])
    if expected is None:  # a run that works: its closing line in the language asked for
        assert result.exit_code == 0, result.output
        assert re.search("[әғқңөұүһі]", result.output), result.output
        return
    assert expected in result.output, result.output
    assert not re.search(r"\b(unknown|expected|reporting period|different partnerships)\b", result.output), (
        result.output
    )


def test_a_file_kept_as_edited_is_said_in_the_language_asked_for(runner, tmp_path):
    out = tmp_path / "out"
    args = ["render", str(TARAZ_FILE), "--kind", "agreement", "--lang", "ru", "--out", str(out), "--check-lang", "ru"]
    assert runner.invoke(cli, args).exit_code == 0
    edited = out / "taraz-mendeleev" / "agreement.ru.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")  # a person changed it
    result = runner.invoke(cli, args)
    assert f"{edited}: оставлен как есть — изменен после того, как spdocs его записал (--force перезапишет)" in (
        result.output
    )
    assert "kept —" not in result.output


# --- found in review: each case once said wrongly -------------------------------------------------


def test_a_file_named_twice_is_read_once(runner, tmp_path):
    out = tmp_path / "s.xlsx"
    result = runner.invoke(cli, ["summary", str(ROOT / "examples"), str(TARAZ_FILE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "also used by" not in result.output


def test_an_unreadable_value_gives_no_second_error_on_the_model_around_it(runner, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(_once(TARAZ, "  term_years: 7", "  end: 2033-02-30"), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(path), "--lang", "en"])
    assert "agreement.end: 2033-02-30 is not a date: February 2033 has 28 days" in result.output
    assert "agreement: " not in result.output  # «give `end` or `term_years`» would be false: `end` is given


def test_whole_number_choices_are_listed(runner, tmp_path):
    path = tmp_path / "arb.yaml"
    text = (ROOT / "examples" / "kaznmu-duke.yaml").read_text(encoding="utf-8")
    path.write_text(_once(text, "arbitrators: 3", "arbitrators: 2"), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(path), "--lang", "ru"])
    assert "недопустимое значение «2»; напишите одно из: «1», «3»" in result.output


def test_a_word_where_a_number_belongs_is_not_out_of_range(runner, monkeypatch):
    monkeypatch.setenv("SPDOCS_LANG", "en")
    result = runner.invoke(cli, ["render", "x.yaml", "--jobs", "x"])
    assert result.exit_code == 2 and "is not a number" in result.output and "range" not in result.output
