"""Findings, documents, previews and actuals for the web app, through spdocs' public API.

Nothing here knows HTTP: functions take data and return JSON-ready values or bytes, and
raise `ApiError` (or a `spdocs.SpdocsError` the app maps) when the data cannot be used.
A document is marked as a draft (ЖОБА / ПРОЕКТ / DRAFT) when its data has error findings,
as ``spdocs render --draft`` would.
"""

from __future__ import annotations

import collections
import hashlib
import io
import json
import tempfile
import threading
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from spdocs import documents, kinds
from spdocs.checks import Finding, check, input_findings
from spdocs.checks.report import format_json
from spdocs.errors import ConversionError, InputError, OptionError, RenderError
from spdocs.languages import Lang
from spdocs.loader import loads_with_lines
from spdocs.model import Partnership
from spdocs.web.errors import ApiError


def findings(text: str, *, name: str, json_syntax: bool, lang: Lang) -> tuple[Partnership | None, dict[str, Any]]:
    """Return the partnership in ``text`` (None if it does not load) and its findings as
    ``spdocs check --format json`` gives them."""
    partnership, lines = _fast(text) if json_syntax else (None, None)
    if partnership is None:
        try:
            partnership, lines = loads_with_lines(text, name=name, json_syntax=json_syntax, lang=lang)
        except InputError as exc:
            return None, json.loads(format_json([(name, input_findings(exc))]))
    found = check(partnership, lines=lines, path=name, lang=lang)
    return partnership, json.loads(format_json([(name, found)]))


def _fast(text: str) -> tuple[Partnership | None, None]:
    """Return the partnership in JSON ``text`` when it is valid, without line numbers, else None.

    The form checks after every edit; the loader's line map (pure-Python YAML parsing of
    the body) is most of the time of a check, and the form places findings by field, not
    by line. Invalid data goes through the loader for its messages.
    """
    try:
        return Partnership.model_validate(json.loads(text)), None
    except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
        return None, None


def periods(p: Partnership | None) -> list[str]:
    """Return the ids of the reporting periods a periodic document can be made for."""
    return [pr.id for pr in p.periods] if p is not None else []


def load_checked(text: str, *, name: str, json_syntax: bool, lang: Lang = "en") -> tuple[Partnership, list[Finding]]:
    """Return the partnership in ``text`` and its findings; `ApiError` 422 when it does not load
    (its problems in ``lang``)."""
    try:
        partnership, lines = loads_with_lines(text, name=name, json_syntax=json_syntax, lang=lang)
    except InputError as exc:
        raise ApiError(422, "invalid_data", problems=[str(p) for p in exc.problems]) from None
    return partnership, check(partnership, lines=lines, path=name)


def target(p: Partnership, kind: str, lang: Lang, period: str | None) -> documents.Target:
    """Return the one document ``kind`` in ``lang`` (for ``period``) that ``p`` has; `ApiError` if none."""
    if kind not in kinds.KINDS:
        raise ApiError(404, "unknown_kind", kind=kind[:40], known=", ".join(kinds.KINDS))
    try:
        found = documents.targets(p, kinds_=[kind], langs=[lang], period=period)
    except OptionError as exc:
        raise ApiError(422, "no_document", reason=exc) from None  # said in the answer's language
    except RenderError as exc:
        raise ApiError(422, "no_document", reason=str(exc)) from None
    if len(found) != 1:
        periods = ", ".join(t.period or "" for t in found) or "—"
        raise ApiError(400, "period_required", kind=kind, periods=periods)
    return found[0]


def render(p: Partnership, t: documents.Target, *, draft: bool, templates: Path | None) -> bytes:
    """Return the DOCX of one document."""
    return documents.render_document(p, t.kind, lang=t.lang, period=t.period, templates=templates, draft=draft)


def document(
    p: Partnership, kind: str, langs: str, period: str | None, *, draft: bool, templates: Path | None
) -> tuple[bytes, documents.Target]:
    """Return one document and its target in ``langs``: one language (``ru``), or a set side by side
    (``kk-ru``, `spdocs.languages.SIDE_BY_SIDE`) built from the single-language renders as
    ``spdocs render --layout parallel`` builds it."""
    from spdocs import parallel

    targets = [target(p, kind, lang, period) for lang in parallel.split(langs)]
    made = [(t.lang, render(p, t, draft=draft, templates=templates)) for t in targets]
    if len(made) == 1:
        return made[0][1], targets[0]
    joined = documents.Target(kind, langs, targets[0].period)
    try:
        return parallel.build(made, name=joined.filename("docx")), joined
    except RenderError as exc:
        raise ApiError(422, "no_document", reason=str(exc)) from None


def preview(
    p: Partnership, kind: str, langs: str, period: str | None, *, draft: bool, templates: Path | None
) -> dict[str, Any]:
    """Return the text of one document as blocks (paragraphs with clause numbers, table rows)."""
    from spdocs.docxtext import blocks

    docx, t = document(p, kind, langs, period, draft=draft, templates=templates)
    return {
        "kind": t.kind,
        "lang": t.lang,
        "period": t.period,
        "draft": draft,
        "blocks": [
            {"number": b.number, "text": b.text, "style": b.style, "cells": list(b.cells)} for b in blocks(docx)
        ],
    }


class PdfMaker:
    """Turns DOCX into PDF with LibreOffice, one conversion at a time, remembering the last few."""

    def __init__(self, size: int = 24) -> None:
        self._lock = threading.Lock()
        self._cache: collections.OrderedDict[str, bytes] = collections.OrderedDict()
        self._size = size

    @staticmethod
    def available() -> tuple[bool, str]:
        """Return whether LibreOffice was found, and how to get it when not."""
        from spdocs.convert import find_soffice

        try:
            find_soffice()
        except ConversionError as exc:
            return False, str(exc)
        return True, ""

    def pdf(self, docx: bytes) -> bytes:
        """Return the PDF of ``docx`` (deterministic bytes, as ``spdocs render`` writes them)."""
        from spdocs.convert import docx_to_pdf
        from spdocs.pdf import normalize

        key = hashlib.sha256(docx).hexdigest()
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            try:
                data = normalize(docx_to_pdf(docx))
            except ConversionError as exc:
                raise ApiError(503, "no_pdf", reason=str(exc)) from None
            self._cache[key] = data
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
            return data


def bundle(p: Partnership, *, formats: tuple[str, ...], draft: bool, templates: Path | None, pdfs: PdfMaker) -> bytes:
    """Return a zip of every document of ``p`` (each kind it has, every language and period)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        # every kind the data has the sections for (an order needs a working group)
        plan = documents.plan(p)
        for record in documents.render_all(p, plan.targets, templates=templates, draft=draft):
            t, docx = record.target, record.data
            if "docx" in formats:
                zf.writestr(t.filename("docx"), docx)
            if "pdf" in formats:
                zf.writestr(t.filename("pdf"), pdfs.pdf(docx))
    return out.getvalue()


def actuals(p: Partnership, upload: bytes, *, filename: str, period: str | None, lang: Lang) -> dict[str, Any]:
    """Return the figures a report would show with the actuals and spending of an uploaded sheet applied.

    The sheet may hold other partnerships' rows (one sheet for many); only ``p``'s are used,
    matched by id or by name as ``--actuals`` matches them. Returns, per period the sheet
    gives for ``p`` (or only ``period``): each indicator's plan, actual, deviation and status,
    each budget line's plan, amount spent, deviation and execution, plus the values to put
    into the data file. Problems and warnings are in ``lang``.
    """
    from spdocs import financing
    from spdocs.actuals import SUFFIXES, apply, read, resolve
    from spdocs.analysis import analyze

    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ApiError(400, "bad_sheet", suffix=suffix[:20] or "—", known=", ".join(SUFFIXES))
    with tempfile.TemporaryDirectory(prefix="spdocs-web-") as tmp:
        path = Path(tmp) / f"actuals{suffix}"
        path.write_bytes(upload)

        def shown(problem: object) -> str:
            return str(problem).replace(str(path), Path(filename).name)

        try:
            table = read(path, lang=lang)
            resolution = resolve(table, [p])
            if resolution.stray:  # a row that may mean this partnership (a typo) or names nothing usable
                raise InputError(resolution.path, list(resolution.stray))
            updated = apply(p, resolution)
        except InputError as exc:
            raise ApiError(422, "bad_actuals", problems=[shown(pr) for pr in exc.problems]) from None
    given = resolution.actuals.get(p.id, {})
    spent = resolution.spending.get(p.id, {})
    order = [pr.id for pr in p.periods]
    chosen = [pid for pid in order if (pid in given or pid in spent) and (period is None or pid == period)]
    result: list[dict[str, Any]] = []
    patch: list[dict[str, Any]] = []
    for pid in chosen:
        figures = analyze(updated, pid)
        own, lines = given.get(pid, {}), spent.get(pid, {})
        chosen_period = updated.periods[order.index(pid)]
        result.append(
            {
                "period": pid,
                "rows": [
                    {
                        "indicator": r.indicator.id,
                        "name": r.indicator.name.get(lang),
                        "unit": r.indicator.unit.get(lang),
                        "plan": _num(r.plan),
                        "actual": _num(r.actual),
                        "deviation": _num(r.deviation),
                        "deviation_percent": _num(r.deviation_percent),
                        "completion": _num(r.completion),
                        "status": r.status,
                        "from_sheet": r.indicator.id in own,
                    }
                    for r in figures.rows
                ],
                "financing": [
                    {
                        "line": line.item.id,
                        "name": line.item.item.get(lang),
                        "currency": line.item.amount.currency,
                        "plan": _num(line.plan),
                        "actual": _num(line.actual),
                        "deviation": _num(line.deviation),
                        "execution": _num(line.execution),
                        "from_sheet": line.item.id in lines,
                    }
                    for line in financing.lines(updated, chosen_period)
                ],
                "actuals": {k: _actual(v) for k, v in own.items()},
                "spending": {k: _spent(v) for k, v in lines.items()},
            }
        )
        # Where the form puts them: the data file's own actuals and spending of that period.
        index = order.index(pid)
        patch += [{"path": ["periods", index, "actuals", k], "value": _actual(v)} for k, v in own.items()]
        patch += [{"path": ["periods", index, "spending", k], "value": _spent(v)} for k, v in lines.items()]
    # Notes without a value on this partnership's rows (not the rows of partnerships the sheet also has).
    noted = {(w.path, w.line, w.field) for w in table.warnings}
    warnings = [shown(w) for w in resolution.warnings if (w.path, w.line, w.field) in noted]
    return {"partnership": p.id, "periods": result, "warnings": warnings, "patch": patch}


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _actual(actual: Any) -> Any:
    """Return an actual as a data file writes it: a bare number, or {value, note}."""
    value = _num(actual.value)
    extra = {"more_than": True} if actual.more_than else {}  # a lower bound stays one («более 400»)
    if actual.note is None and not extra:
        return value
    return {"value": value, **extra, **({"note": actual.note.model_dump()} if actual.note is not None else {})}


def _spent(spending: Any) -> Any:
    """Return spending as a data file writes it: a bare amount, or {amount, note}."""
    amount = _num(spending.amount)
    return {"amount": amount, "note": spending.note.model_dump()} if spending.note is not None else amount
