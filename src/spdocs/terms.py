"""The labels of coded values (``templates/<lang>/terms.yaml``) as a typed, validated catalog.

Templates label codes through ``t`` (``{{ t.roles[m.role] }}``); Python reads the same
catalog through `Terms`' attributes. A user's ``terms.yaml`` (in the ``--templates``
folder) is merged key by key onto the built-in one, so a file with the one label someone
wanted to change works. A file that is not YAML, not a mapping, has an unknown key or a
value of the wrong shape is an `InputError` naming the file, line and key.

Every vocabulary lists exactly the codes of the data model (roles, funding types …) and of
the registries (models, regimes, kinds): a missing or unknown label is an error here, and
``tests/test_terms.py`` checks the built-in catalogs of every language.
"""

from __future__ import annotations

import difflib
import functools
import typing
from pathlib import Path
from typing import Any, Literal

import pydantic
from pydantic import ConfigDict, model_validator

from spdocs import analysis, model, resources
from spdocs.errors import InputError, Problem
from spdocs.kinds import KINDS
from spdocs.languages import LANGS, Lang, language
from spdocs.regimes import MODELS, REGIMES


class _Group(pydantic.BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Labels = dict[str, str]


class ChartTerms(_Group):
    """The report chart's texts."""

    title: str
    axis: str
    plan: str
    actual: str
    no_data: str
    plan_value: str
    actual_value: str


class SummaryTerms(_Group):
    """The summary workbook's sheet names and column headings."""

    sheet_all: str
    sheets: Labels
    columns: Labels
    sheet_financing: str
    financing_columns: Labels


class PeriodTerms(_Group):
    """Names of reporting periods made from their dates (``{year}`` is replaced)."""

    year: str
    half: list[str] = pydantic.Field(min_length=2, max_length=2)
    quarter: list[str] = pydantic.Field(min_length=4, max_length=4)


class ReportTerms(_Group):
    """The periodic report's and the summary's words."""

    status: Labels
    no_data: str
    # an actual known only as a lower bound; {value} is the number, {abl} its Kazakh ablative suffix
    more_than: str
    points: str  # the unit of a percentage indicator's deviation (percentage points)
    addressee: Labels
    chart: ChartTerms
    summary: SummaryTerms


class Cases(_Group):
    """A name in each case the texts use: a kind of agreement's short name («Соглашением»), or its full
    name as the other documents cite it with its date and number («в целях реализации Соглашения о
    сотрудничестве в рамках …», «… туралы Келісімді іске асыру»)."""

    nom: str
    gen: str
    dat: str
    acc: str
    ins: str
    loc: str
    abl: str


class FieldAffix(_Group):
    """What a regime adds to the agreement's full name where the other documents cite it, as its title
    does: «… в области медицинского образования и науки», «медициналық білім беру және ғылым саласындағы …»."""

    before: str = ""
    after: str = ""


class DocumentName(Cases):
    """A kind of agreement: its title, its name in each case the text uses, and the words that agree
    with it (the same keys in every language, so that the templates stay in step; a language without
    a case or gender repeats a form)."""

    title: str
    this: str  # the demonstrative before the accusative: «настоящий Договор» / «настоящее Соглашение»
    made: str  # «… составлен / составлено в 2 экземплярах»
    terminated: str  # «… может быть досрочно расторгнут / расторгнуто»
    annex_to: str  # the document as an annex's heading names it: «Приложение 1 к Договору о …»
    full: Cases  # the full name in each case, for the documents that cite the agreement


class AgreementTerms(_Group):
    """Word forms the agreement needs after numbers, and the names of its kinds."""

    doc: dict[model.AgreementType, DocumentName]
    field: dict[str, FieldAffix] = {}  # by regime: the field added to the full name (`doc.full`)
    year_forms: list[str]
    copies: dict[int, str]
    language_names: dict[str, str]  # each language as the language clause names it: «на казахском и русском языках»
    conjunction: str  # the last two names joined: и / және / and
    periods: dict[Literal["year", "h1", "h2", "q1", "q2", "q3", "q4"], str]  # the annex's period names; "{year}"

    def full_names(self, kind: str, regime: str) -> dict[str, str]:
        """Return the full name of a ``kind`` of agreement in each case, with ``regime``'s field, if any:
        «Договор о стратегическом партнерстве в области медицинского образования и науки»."""
        field = self.field.get(regime, FieldAffix())
        names = self.doc[kind].full.model_dump()  # type: ignore[index]
        return {case: f"{field.before}{name}{field.after}" for case, name in names.items()}

    @model_validator(mode="after")
    def _every_kind(self) -> AgreementTerms:
        missing = [kind for kind in typing.get_args(model.AgreementType) if kind not in self.doc]
        if missing:
            raise ValueError(f"agreement.doc: no names for {', '.join(missing)}")
        return self


class LetterTerms(_Group):
    """The cover letter's addressees (by regime) and the names of its attachments."""

    addressee: Labels
    attachments: Labels


class Terms(_Group):
    """One language's labels of coded values and the few words Python puts into documents."""

    draft: str
    models: Labels
    regimes: Labels
    roles: Labels
    authority: Labels
    levels: Labels
    instruction_languages: Labels
    committees: Labels
    funding: Labels
    moh_areas: Labels
    participant_roles: Labels
    parent_relations: Labels  # a signing unit's relation to its parent organization, in the preamble
    commitments: Labels  # what a party undertakes (spdocs.model.Commitment.type), after «обязуется:»
    requisites: Labels  # labels of the requisites under the signatures (spdocs.requisites)
    agreement: AgreementTerms
    periods: PeriodTerms
    report: ReportTerms
    ranking_systems: Labels
    letter: LetterTerms
    documents: Labels  # titles of the document kinds (PDF packet bookmarks); user kinds may add theirs

    @model_validator(mode="after")
    def _complete(self) -> Terms:
        problems = []
        for path, expected in vocabularies().items():
            labels = self._at(path)
            extra = [] if path == "documents" else sorted(set(labels) - set(expected))
            for code in extra:
                guess = difflib.get_close_matches(code, expected, n=1)
                hint = f"; did you mean '{guess[0]}'?" if guess else f" (expected {', '.join(expected)})"
                problems.append(f"{path}.{code}: unknown code '{code}'{hint}")
            problems += [f"{path}.{code}: no label for '{code}'" for code in expected if code not in labels]
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def _at(self, path: str) -> dict[str, str]:
        node: Any = self
        for part in path.split("."):
            node = getattr(node, part)
        return typing.cast(dict[str, str], node)

    def as_context(self) -> dict[str, Any]:
        """Return the catalog as the plain dict templates see as ``t``."""
        return self.model_dump()


def _codes(cls: type[pydantic.BaseModel], field: str) -> tuple[str, ...]:
    """Return the codes a field of the data model takes (its `Literal`, inside Optional or list)."""
    tp: Any = cls.model_fields[field].annotation
    while typing.get_origin(tp) is not typing.Literal:
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return tuple(str(a) for a in typing.get_args(tp))


@functools.cache
def vocabularies() -> dict[str, tuple[str, ...]]:
    """Return each labelled vocabulary (a dotted path in the catalog) with the codes it must label."""
    from spdocs.requisites import REQUISITES
    from spdocs.workbook import COLUMNS, FINANCING_COLUMNS

    regimes = tuple(REGIMES)
    return {
        "models": MODELS,
        "regimes": regimes,
        "roles": _codes(model.Member, "role"),
        "authority": _codes(model.Authority, "basis"),
        "levels": _codes(model.Program, "level"),
        "instruction_languages": _codes(model.Program, "languages"),
        "committees": _codes(model.Committee, "type"),
        "funding": _codes(model.FundingSource, "type"),
        "moh_areas": _codes(model.Area, "moh_area"),
        "participant_roles": _codes(model.Participant, "role"),
        "parent_relations": _codes(model.Parent, "relation"),
        "requisites": REQUISITES,
        "commitments": _codes(model.Commitment, "type"),
        "report.status": analysis.STATUSES,
        "report.addressee": regimes,
        "report.summary.sheets": regimes,
        "report.summary.columns": tuple(key for key, _ in COLUMNS),
        "report.summary.financing_columns": tuple(key for key, _ in FINANCING_COLUMNS),
        "ranking_systems": _codes(model.Ranking, "system"),
        "letter.addressee": regimes,
        "letter.attachments": ("report", "summary"),
        "documents": tuple(KINDS),
        "agreement.language_names": LANGS,
    }


def terms(lang: Lang, templates: Path | None = None) -> Terms:
    """Return the catalog of ``lang``: the built-in labels with the user's ``terms.yaml`` merged over them."""
    language(lang)
    files = resources.terms_files(lang, templates)
    return _catalog(tuple((path, path.stat().st_mtime_ns) for path in files))


@functools.lru_cache(maxsize=32)
def _catalog(files: tuple[tuple[Path, int], ...]) -> Terms:
    from spdocs.loader import parse

    merged: dict[str, Any] = {}
    lines: dict[Any, int] = {}
    for path, _mtime in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, [Problem(str(path), None, "", f"cannot read the file ({exc})")]) from None
        data, lines = parse(text, name=str(path))
        merged = merge(merged, data)
    blamed = str(files[-1][0])  # the user's file when there is one: the built-in one is tested
    try:
        return Terms.model_validate(merged)
    except pydantic.ValidationError as exc:
        raise InputError(blamed, [p for err in exc.errors() for p in _problems(err, blamed, lines)]) from None


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``override`` merged into it key by key (mappings recursively).

    >>> merge({"a": {"x": 1, "y": 2}, "b": 3}, {"a": {"y": 20}})
    {'a': {'x': 1, 'y': 20}, 'b': 3}
    """
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _problems(err: Any, name: str, lines: dict[Any, int]) -> list[Problem]:
    from spdocs.loader import dotted, line_of

    loc = tuple(str(part) for part in err["loc"])
    if err["type"] == "value_error":  # the completeness check: one "dotted.key: message" per line
        out = []
        for entry in str(err["ctx"]["error"] if err.get("ctx") else err["msg"]).splitlines():
            key, _, message = entry.partition(": ")
            where = tuple(key.split("."))
            out.append(Problem(name, line_of(where, lines), key, message))
        return out
    if err["type"] == "extra_forbidden":
        return [Problem(name, line_of(loc, lines), dotted(loc), f"unknown key '{loc[-1]}'")]
    return [Problem(name, line_of(loc, lines), dotted(loc), f"{err['msg']} (got {err.get('input')!r})")]
