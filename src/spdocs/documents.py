"""What documents a partnership gets, and rendering them to DOCX bytes (pure core).

`plan` turns the kinds of the registry (`spdocs.kinds`) into targets — kind × language ×
period — and says why a kind that does not apply was left out. `render_all` renders
targets as records (target, bytes), building each language's context once and sharing it
between kinds and periods. `render_document` and `build_context` do one document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spdocs import analysis, chart, context, engine, lifecycle, resources, userkinds
from spdocs.docxchart import ChartData
from spdocs.errors import OptionError, RenderError
from spdocs.kinds import Kind
from spdocs.languages import Lang, check_langs
from spdocs.model import Partnership, Period
from spdocs.terms import Terms
from spdocs.terms import terms as terms_of


@dataclass(frozen=True)
class Target:
    """One document to produce: a kind, a language and, for periodic kinds, a period."""

    kind: str
    lang: Lang
    period: str | None = None

    def filename(self, ext: str = "docx") -> str:
        """Return the file name, e.g. ``agreement.kk.docx`` or ``report-2025.ru.pdf``."""
        stem = f"{self.kind}-{self.period}" if self.period else self.kind
        return f"{stem}.{self.lang}.{ext}"

    def title(self, terms: Terms, agreement: str = "agreement", regime: str = "") -> str:
        """Return the document's title for a bookmark: "Отчет — 2025"; the agreement's by its type
        (``agreement``: договор, cooperation or memorandum) and its regime's field."""
        if self.kind == "agreement":
            return terms.agreement.full_names(agreement, regime)["nom"]
        name = terms.documents.get(self.kind, self.kind)
        return f"{name} — {self.period}" if self.period else name


@dataclass(frozen=True)
class Skip:
    """A kind left out for a partnership, and why: ``order: not made — the data has no `working_group```.

    ``reason`` is ``no_section`` (the data lacks ``section``, which the kind requires),
    ``no_actuals`` (a periodic kind, and no period has actuals yet) or ``not_issued`` (the kind
    is not issued in ``langs``, only in ``issued``) or ``one_language`` (no parallel version of a
    kind made in ``langs`` only); messages word them.
    """

    kind: str
    reason: str
    section: str = ""
    langs: str = ""
    issued: str = ""

    def __str__(self) -> str:
        if self.reason == "not_issued":
            where = f"`documents.{self.kind}` in the data says which"
            return f"{self.kind}: not made in {self.langs} — issued in {self.issued} only ({where})"
        if self.reason == "one_language":
            return f"{self.kind}: no parallel version — it is made in {self.langs} only"
        if self.reason == "no_section":
            return f"{self.kind}: not made — the data has no `{self.section}`"
        return f"{self.kind}: not made — no reporting period has actuals yet"

    def args(self) -> dict[str, str]:
        """Return the values its messages show."""
        return {"kind": self.kind, "section": self.section, "langs": self.langs, "issued": self.issued}


@dataclass(frozen=True)
class Plan:
    """The documents to make for a partnership, and the kinds left out."""

    targets: list[Target]
    skipped: list[Skip] = field(default_factory=list)


@dataclass(frozen=True)
class Rendered:
    """A rendered document: its target and its DOCX bytes."""

    target: Target
    data: bytes


@dataclass(frozen=True)
class Extra:
    """What an extra adds to a document: context entries, and charts' data by the charts' descriptions."""

    context: dict[str, Any]
    charts: dict[str, ChartData] = field(default_factory=dict)


def _analysis(p: Partnership, period: Period | None, lang: Lang, terms: Terms) -> Extra:
    """The period's indicator analysis (``report`` in the context) and its chart."""
    if period is None:
        raise OptionError("period_needed", kind="report", periods=_ids(p))
    result = analysis.analyze(p, period)
    labels = terms.as_context()["report"]
    # The template holds a native chart described "chart": each indicator's actual against its plan.
    return Extra(
        {"report": context.report(p, period, result, lang, terms)},
        {"chart": chart.data(result, lang=lang, labels=labels)},
    )


# Context providers a kind names in its `extras`.
def _context_only(provider: lifecycle.Provider) -> Callable[[Partnership, Period | None, Lang, Terms], Extra]:
    return lambda p, period, lang, t: Extra(provider(p, period, lang, t))


EXTRAS: dict[str, Callable[[Partnership, Period | None, Lang, Terms], Extra]] = {
    "analysis": _analysis,
    **{name: _context_only(provider) for name, provider in lifecycle.PROVIDERS.items()},
}


def plan(
    p: Partnership,
    *,
    kinds: Iterable[str] | None = None,
    langs: Iterable[Lang] | None = None,
    period: str | None = None,
    templates: Path | None = None,
) -> Plan:
    """Return the documents to make for ``p``: each kind × language, periodic kinds × period.

    Without ``kinds``, every kind of the registry that applies (a kind whose required sections
    the data lacks is skipped, with the reason); a kind asked for by name that does not apply
    is a `RenderError`. Each kind is made in the languages it is issued in (the data's
    ``documents``, else the kind's default); ``langs`` narrows them: a language a kind is not
    issued in leaves it out of that kind with a note, or is a `RenderError` for a kind asked
    for by name. A periodic kind is made for ``period`` when given, otherwise for every
    period with actuals. ``templates``' kinds.yaml may add kinds (`spdocs.userkinds`).
    """
    asked = None if langs is None else check_langs(tuple(langs))
    explicit = kinds is not None
    registry = userkinds.registry(templates)
    names = list(kinds) if kinds is not None else list(registry)
    targets: list[Target] = []
    skipped: list[Skip] = []
    for name in names:
        kind = _kind(name, registry)
        missing = kind.missing(p)
        if missing:
            if explicit:
                raise RenderError(f"the data has no `{missing}`, which the {name} needs", template=name, lang="")
            skipped.append(Skip(name, "no_section", missing))
            continue
        issued = kind.languages(p)
        use = issued if asked is None else tuple(lang for lang in asked if lang in issued)
        others = [] if asked is None else [lang for lang in asked if lang not in issued]
        if others:
            why = f"issued in {', '.join(issued)} only (`documents.{name}` in the data says which)"
            if explicit:
                raise RenderError(f"not made in {', '.join(others)}: {why}", template=name, lang=",".join(others))
            skipped.append(Skip(name, "not_issued", langs=", ".join(others), issued=", ".join(issued)))
            if not use:
                continue
        periods: list[str | None] = [None]
        if kind.by_period and period:  # the whole term, or the period named
            periods = [_period(p, period, name).id]
        elif kind.per_period:
            if period:
                periods = [_period(p, period, name).id]
            else:
                periods = [pr.id for pr in analysis.reported_periods(p)]
                if not periods:
                    skipped.append(Skip(name, "no_actuals"))
        targets += [Target(name, lang, pr) for pr in periods for lang in use]
    return Plan(targets, skipped)


def targets(
    p: Partnership,
    *,
    kinds_: Iterable[str] | None = None,
    langs: Iterable[Lang] | None = None,
    period: str | None = None,
    templates: Path | None = None,
) -> list[Target]:
    """Return the documents to make for ``p`` (`plan`'s targets)."""
    return plan(p, kinds=kinds_, langs=langs, period=period, templates=templates).targets


def render_all(
    p: Partnership, targets: Sequence[Target], *, templates: Path | None = None, draft: bool = False
) -> Iterator[Rendered]:
    """Yield each target rendered; each language's context is built once and shared by its documents."""
    bases: dict[Lang, tuple[dict[str, Any], Terms]] = {}
    for target in targets:
        if target.lang not in bases:
            t = terms_of(target.lang, templates)
            bases[target.lang] = (context.base(p, target.lang, terms=t, draft=draft), t)
        base, t = bases[target.lang]
        yield Rendered(target, _render(p, target, base, t, templates=templates, draft=draft))


def render_document(
    p: Partnership,
    kind: str,
    *,
    lang: Lang,
    period: str | None = None,
    templates: Path | None = None,
    draft: bool = False,
) -> bytes:
    """Return the DOCX bytes of one document.

    :param kind: a kind of `spdocs.kinds.KINDS` (``agreement``, ``order``, ``report``)
    :param lang: ``kk``, ``ru`` or ``en``
    :param period: a reporting period's id, for a kind made per period (the report)
    :param templates: a folder of the user's own templates (``<lang>/<kind>.docx``), searched first.
    :param draft: mark the document as a draft (ЖОБА / ПРОЕКТ / DRAFT).
    """
    target = _target(p, kind, lang, period, templates)
    return next(render_all(p, [target], templates=templates, draft=draft)).data


def build_context(
    p: Partnership,
    kind: str,
    *,
    lang: Lang,
    period: str | None = None,
    templates: Path | None = None,
    draft: bool = False,
) -> dict[str, Any]:
    """Return the template context of one document (public so a benchmark can reuse it)."""
    target = _target(p, kind, lang, period, templates)
    t = terms_of(lang, templates)
    spec = _kind(kind, userkinds.registry(templates))
    return _context(p, target, spec, context.base(p, lang, terms=t, draft=draft), t)[0]


def _render(
    p: Partnership, target: Target, base: dict[str, Any], t: Terms, *, templates: Path | None, draft: bool
) -> bytes:
    template = engine.prepare(resources.template_path(target.kind, target.lang, templates), lang=target.lang)
    ctx, charts = _context(p, target, _kind(target.kind, userkinds.registry(templates)), base, t)
    docx = engine.render_docx(template, ctx, lang=target.lang, charts=charts or None)
    return engine.stamp_draft(docx, t.draft) if draft else docx


def _context(
    p: Partnership, target: Target, kind: Kind, base: dict[str, Any], t: Terms
) -> tuple[dict[str, Any], dict[str, ChartData]]:
    """Return one document's context (the language's shared one plus its kind's) and its charts."""
    period = _period(p, target.period, target.kind) if target.period else None
    ctx = context.for_document(base, target.kind, p, period, target.lang)
    charts: dict[str, ChartData] = {}
    for name in kind.extras:
        extra = EXTRAS[name](p, period, target.lang, t)
        ctx.update(extra.context)
        charts.update(extra.charts)
    return ctx, charts


def _target(p: Partnership, kind: str, lang: Lang, period: str | None, templates: Path | None) -> Target:
    """Return the target of one document asked for through the API, after checking each argument."""
    check_langs(lang)
    spec = _kind(kind, userkinds.registry(templates))
    if spec.by_period and period:
        return Target(kind, lang, _period(p, period, kind).id)
    if not spec.per_period:
        return Target(kind, lang)
    if not period:
        raise OptionError("period_needed", kind=kind, periods=_ids(p))
    return Target(kind, lang, _period(p, period, kind).id)


def _kind(name: str, registry: dict[str, Kind]) -> Kind:
    if name not in registry:
        raise OptionError("unknown_kind", value=name, expected=", ".join(registry))
    return registry[name]


def _period(p: Partnership, period: str, kind: str) -> Period:
    found = next((pr for pr in p.periods if pr.id == str(period)), None)
    if found is None:
        raise OptionError("no_period", period=period, kind=kind, periods=_ids(p))
    return found


def _ids(p: Partnership) -> str:
    return ", ".join(pr.id for pr in p.periods) or "—"
