"""Generated partnerships (Hypothesis): no input the data format admits can crash spdocs or corrupt a document.

Each example starts from a bundled data file and changes it at random: optional sections
dropped, lists shortened, amounts, targets, actuals and dates redrawn, texts replaced with
Unicode that includes XML's special characters, Jinja's braces, Kazakh letters, control
and bidirectional characters. Then, as a user would meet it:

- ``spdocs check`` exits 0, 1 or 2 without a traceback;
- a file that loads renders: each document (one drawn per example) is well-formed XML in
  every part, holds its data texts literally, and has no template residue (``{{``,
  ``None``) and no empty numbered clause; rendering fails only with a `RenderError`, and
  only when the checks found an error (check clean means render works).

Profiles (``SPDOCS_HYPOTHESIS``): ``ci`` (default) 300 examples, derandomized so CI is
stable; ``long`` 5,000 fresh ones for a local soak.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import zipfile
from decimal import Decimal
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import EXAMPLES
from spdocs import documents, docxtext
from spdocs.checks import check
from spdocs.cli import cli
from spdocs.errors import InputError, RenderError
from spdocs.parse import parse
from spdocs.regimes import REGIMES

settings.register_profile(
    "ci",
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("SPDOCS_HYPOTHESIS", "ci"))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BASES = {path.stem: parse(path.read_text(encoding="utf-8"), name=path.name)[0] for path in EXAMPLES}
# Sections a partnership may leave out: each regime's own, and the programmes list.
OPTIONAL = (*(section for regime in REGIMES.values() for section in regime.sections), "programs")
# Letters a partnership's texts hold, and what trips up XML, Jinja, YAML and Word.
# Each language in its own script (mixing them is an error finding, tried in hostile examples).
LETTERS = {
    "kk": list("әіңғүұқөһӘІҢҒҮҰҚӨҺабвгдеклмнопрстуАБВЯ0123456789"),
    "ru": list("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВЯЁё0123456789"),
    "en": list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789"),
}
MARKS = list("    .,;:-–—«»()/№%")
SPECIAL = [
    "&",
    "<",
    ">",
    '"',
    "'",
    "{{",
    "}}",
    "{%",
    "%}",
    " None ",
    "\\",
    "#",
    "*",
    "@",
    "`",
    "\t",
    "\n",
    "\u202e",
    "\u2066",
]
BAD = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff", "\r\n", "\r"]


class _Dumper(yaml.CSafeDumper):
    """Writes Decimals as plain numbers, as a person would type them."""


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v)))


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


@st.composite
def partnerships(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """Return a base example's name and its data, changed at random.

    One example in five is hostile: control characters, dates and numbers out of range.
    """
    name = draw(st.sampled_from(sorted(BASES)))
    # One seed per example: thousands of small choices drawn one by one would overrun Hypothesis's buffer.
    rnd = random.Random(draw(st.integers(0, 2**64)))
    hostile = rnd.random() < 0.2
    data = _copy(BASES[name])
    for key in OPTIONAL:
        if key in data and rnd.random() < 0.5:
            del data[key]
    if rnd.random() < 0.5:
        data["agreement"].pop("ministry", None)
    _Mutator(rnd, hostile, shift=rnd.randint(-60, 60)).walk(data)
    return name, data


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class _Mutator:
    """Changes texts, numbers, dates and list lengths of a data file's plain data, in place."""

    def __init__(self, rnd: Any, hostile: bool, shift: int) -> None:
        self.rnd, self.hostile, self.shift = rnd, hostile, shift

    def text(self, lang: str = "en") -> str:
        rnd = self.rnd
        letters = LETTERS["kk"] + LETTERS["en"] if self.hostile else LETTERS[lang]
        out = [rnd.choice(letters)]
        for _ in range(rnd.randint(0, 30)):
            roll = rnd.random()
            if self.hostile and roll < 0.05:
                out.append(rnd.choice(BAD))
            elif roll < 0.25:
                out.append(rnd.choice(SPECIAL))
            else:
                out.append(rnd.choice(letters + MARKS))
        return "".join(out)

    def walk(self, node: Any, key: str = "") -> Any:
        rnd = self.rnd
        if isinstance(node, dict):
            if set(node) == {"kk", "ru", "en"} and rnd.random() < 0.3:
                for lang in ("kk", "ru", "en"):
                    node[lang] = self.text(lang)
                return node
            for k in list(node):
                node[k] = self.walk(node[k], "actual" if key == "actuals" else str(k))
            return node
        if isinstance(node, list):
            if len(node) > 1 and rnd.random() < 0.2 and key not in ("periods", "areas", "indicators", "shares"):
                del node[rnd.randint(1, len(node) - 1) :]
            return [self.walk(item, key) for item in node]
        if isinstance(node, dt.date):
            if self.hostile and rnd.random() < 0.05:
                return dt.date(rnd.choice([1850, 1899, 2201, 9999]), 12, 31)
            try:
                return node.replace(year=node.year + self.shift)
            except ValueError:  # 29 February
                return node.replace(year=node.year + self.shift, day=28)
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, (int, Decimal)) and key not in _KEEP:
            return self.number(node, key)
        if isinstance(node, str) and key in ("number", "phone", "email", "license_number") and rnd.random() < 0.3:
            return self.text()
        return node

    def number(self, node: int | Decimal, key: str) -> Any:
        rnd = self.rnd
        if rnd.random() < 0.6:
            return node
        if self.hostile and rnd.random() < 0.2:
            return rnd.choice([Decimal("1e25"), Decimal("0.001"), Decimal("-5"), Decimal("123456789.123456789")])
        if key in ("percent", "kazakhstani_percent", "foreign_percent"):
            return Decimal(rnd.randint(1, 1000)) / 10
        if key == "amount":
            return Decimal(rnd.randint(0, 10**12)) / 100
        if key in ("members_kazakhstani", "members_foreign", "meetings_per_year", "foreign_staff_count"):
            return rnd.randint(0, 20)
        if key == "actual" and rnd.random() < 0.1:
            return None  # no data
        return Decimal(rnd.randint(0, 10**9)) / 10 ** rnd.randint(0, 3)


_KEEP = ("year", "rank", "rank_to", "copies", "term_years", "start_year", "duration_years", "id")


# Texts each kind of document prints as given.
LITERAL = {
    "agreement": lambda p, lang: [
        p.parties.kazakhstani.name.get(lang),
        p.parties.foreign.name.get(lang),
        p.agreement.number,
        p.agreement.purpose.get(lang),
    ],
    "order": lambda p, lang: [p.parties.kazakhstani.name.get(lang), p.agreement.number, p.working_group.order.number],
    "report": lambda p, lang: [
        p.parties.kazakhstani.name.get(lang),
        p.parties.foreign.name.get(lang),
        p.agreement.number,
    ],
    "plan": lambda p, lang: [
        p.parties.kazakhstani.short_name.get(lang),
        p.parties.foreign.short_name.get(lang),
        p.agreement.number,
    ],
    "selection": lambda p, lang: [p.parties.kazakhstani.name.get(lang), p.parties.foreign.short_name.get(lang)],
    "letter": lambda p, lang: [
        p.parties.kazakhstani.name.get(lang),
        p.parties.kazakhstani.address.get(lang),
        p.parties.foreign.short_name.get(lang),
        p.agreement.number,
    ],
}


@given(generated=partnerships(), pick=st.integers(min_value=0))
def test_generated_partnerships_never_crash_or_corrupt(generated, pick, tmp_path_factory, runner_):
    name, data = generated
    text = _dump(data)
    path = tmp_path_factory.mktemp("gen") / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")

    result = runner_.invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert '"version": 1' in result.output

    from spdocs.loader import loads_with_lines

    try:
        p, lines = loads_with_lines(text, name=str(path))
    except InputError as exc:
        assert exc.problems and all(problem.message for problem in exc.problems)
        assert result.exit_code == 2
        event("does not load")
        return
    findings = check(p, lines=lines, path=str(path))
    errors = [f for f in findings if f.severity == "error"]
    try:
        targets = documents.targets(p)
    except RenderError:
        return  # a kind the data has no section for: reported, not rendered
    if not targets:
        return
    target = targets[pick % len(targets)]
    try:
        docx = documents.render_document(p, target.kind, lang=target.lang, period=target.period, draft=bool(errors))
    except RenderError as exc:
        assert errors, f"check found no error, yet rendering failed: {exc}"
        event("render error after check errors")
        return
    event(f"rendered ({'draft' if errors else 'clean'})")
    _assert_sound(docx, p, target, data_texts=_strings(p))


def _assert_sound(docx: bytes, p: Any, target: documents.Target, *, data_texts: list[str]) -> None:
    parser = etree.XMLParser(recover=False, resolve_entities=False)
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        for member in zf.namelist():
            if member.startswith(("word/document", "word/header", "word/footer", "docProps/core")):
                etree.fromstring(zf.read(member), parser)  # the parts a render writes
        body = etree.fromstring(zf.read("word/document.xml"), parser)
    flat = "".join(t.text or "" for t in body.iter(W + "t"))
    for value in LITERAL[target.kind](p, target.lang):
        # spaces at the ends of a text are the template's (a sentence goes on after it)
        assert _flat(value).strip() in flat, f"{value!r} is not in the {target.filename()}"
    blocks = docxtext.blocks(docx)
    assert [b.number for b in blocks if b.number and not b.text] == [], "an empty numbered clause"
    rest = flat  # what the template wrote: the document less every text the data holds
    # as given, with upfirst (positions opening a signature block), upper (party headings), and list
    # items without their final punctuation (the template ends each with ";" or ".")
    forms = (str, lambda v: v[:1].upper() + v[1:], str.upper, lambda v: v.strip().rstrip(".;,:!?").rstrip())
    variants = {_flat(form(v)) for v in data_texts for form in forms}
    for value in sorted(variants, key=len, reverse=True):
        if value:
            rest = rest.replace(value, "\x00")
    for residue in ("{{", "{%", "None"):
        assert residue not in rest, f"{residue!r} left in the {target.filename()}"


def _flat(value: str) -> str:
    # A line break or tab in data becomes <w:br/> or <w:tab/> between runs of text.
    return value.replace("\n", "").replace("\t", "")


def _strings(node: Any) -> list[str]:
    """Return every text value in the partnership (each language of a Text apart)."""
    from pydantic import BaseModel

    if isinstance(node, str):
        return [node]
    if isinstance(node, BaseModel):
        return [s for field in type(node).model_fields for s in _strings(getattr(node, field))]
    if isinstance(node, (list, tuple)):
        return [s for item in node for s in _strings(item)]
    if isinstance(node, dict):
        return [s for item in node.values() for s in _strings(item)]
    return []


@pytest.fixture(scope="module")
def runner_():
    from click.testing import CliRunner

    return CliRunner()
