"""What documents a partnership gets, and rendering one of them to DOCX bytes (pure core)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spdocs import analysis, chart, context, engine, kinds
from spdocs.errors import RenderError
from spdocs.model import LANGS, Lang, Partnership


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


def targets(
    p: Partnership,
    *,
    kinds_: Iterable[str] | None = None,
    langs: Iterable[Lang] = LANGS,
    period: str | None = None,
) -> list[Target]:
    """Return the documents to make for ``p``: each kind × language, periodic kinds × period.

    A periodic kind (the report) is made for ``period`` only when given, otherwise for
    every period that has actuals. A kind whose required sections are absent is an error.
    """
    out = []
    periods: list[str | None]
    for name in kinds_ or kinds.KINDS:
        kind = kinds.KINDS[name]
        missing = [section for section in kind.needs if not getattr(p, section)]
        if missing:
            raise RenderError(f"the data has no `{missing[0]}`, which the {name} needs", template=name, lang="")
        if kind.per_period:
            chosen = [pr for pr in p.periods if pr.id == period] if period else analysis.reported_periods(p)
            periods = [pr.id for pr in chosen]
            if period and not periods:
                known = ", ".join(pr.id for pr in p.periods) or "none"
                raise RenderError(f"no reporting period '{period}' (periods: {known})", template=name, lang="")
        else:
            periods = [None]
        out += [Target(name, lang, pr) for pr in periods for lang in langs]
    return out


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

    :param templates: a folder of the user's own templates (``<lang>/<kind>.docx``), searched first.
    :param draft: mark the document as a draft (ЖОБА / ПРОЕКТ / DRAFT).
    """
    template = engine.prepare(kinds.template_path(kind, lang, templates), lang=lang)
    ctx, result = _context(p, kind, lang=lang, period=period, templates=templates, draft=draft)
    # A periodic kind's template has a chart described "chart": plan against actual.
    charts = {"chart": chart.data(result, lang=lang, labels=ctx["t"]["report"])} if result else None
    docx = engine.render_docx(template, ctx, lang=lang, charts=charts)
    return engine.stamp_draft(docx, ctx["t"]["draft"]) if draft else docx


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
    return _context(p, kind, lang=lang, period=period, templates=templates, draft=draft)[0]


def _context(
    p: Partnership, kind: str, *, lang: Lang, period: str | None, templates: Path | None, draft: bool
) -> tuple[dict[str, Any], analysis.Analysis | None]:
    """Return the context and, for a periodic kind, its period's analysis (computed once for both uses)."""
    chosen = next((pr for pr in p.periods if pr.id == period), None) if period else None
    result = analysis.analyze(p, chosen) if chosen is not None and kinds.KINDS[kind].per_period else None
    terms = kinds.terms(lang, templates)
    return context.build(p, kind, lang, terms=terms, period=chosen, result=result, draft=draft), result
