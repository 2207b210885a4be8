"""The consolidated summary for the authorized body: one XLSX workbook over many partnerships.

The first sheet has a row per partnership × indicator × reporting period, with plan, actual,
deviation, deviation %, completion % and status, exactly as the reports analyze them
(`spdocs.analysis`: "not applicable" rows have no completion, and completion reads as
achievement for lower-is-better indicators too); then one sheet per regime (higher
education, medical) with the same columns filtered; then the financing sheet, plan against
actual per budget line and period as the reports' financing section has it
(`spdocs.financing`). Periods are those a report is made for (the ones with actuals), or only
``period`` when given, and are named by their labels («II полугодие 2025 г.»), not codes. A
missing actual is an empty cell with the status "no data", never 0; a lower-bound actual is
its bound, with «более …» in the note.

Labels (sheet names, column headings, regimes, models, statuses) come from the language's
terms, ``report.summary`` and friends. The bytes depend only on the data: the workbook's
dates are the latest period end in it, and the package has fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from spdocs import analysis, figures, financing, package, periods
from spdocs.languages import Lang
from spdocs.model import Partnership
from spdocs.regimes import REGIMES
from spdocs.terms import terms

COLUMNS: tuple[tuple[str, float], ...] = (  # key, width in characters
    ("partnership", 22),
    ("organization", 28),
    ("partner", 28),
    ("regime", 20),
    ("model", 26),
    ("area", 24),
    ("indicator", 48),
    ("unit", 10),
    ("period", 10),
    ("plan", 10),
    ("actual", 10),
    ("deviation", 11),
    ("deviation_percent", 12),
    ("completion", 12),
    ("status", 16),
    ("note", 30),
)
FINANCING_COLUMNS: tuple[tuple[str, float], ...] = (
    ("partnership", 22),
    ("organization", 28),
    ("period", 16),
    ("item", 44),
    ("year", 8),
    ("source", 28),
    ("currency", 9),
    ("plan", 16),
    ("actual", 16),
    ("deviation", 16),
    ("execution", 12),
    ("note", 30),
)
NUMBERS = {"plan", "actual", "deviation"}
# Text that a spreadsheet would take for a formula (=HYPERLINK(...) in a name): stored as text,
# with Excel's quote prefix so that editing the cell keeps it text (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ECMA-376's order of a font's children (CT_Font); openpyxl writes name and color first.
_FONT_ORDER = (
    "b",
    "i",
    "strike",
    "condense",
    "extend",
    "outline",
    "shadow",
    "u",
    "vertAlign",
    "sz",
    "color",
    "name",
    "family",
    "charset",
    "scheme",
)
PERCENTS = {"deviation_percent", "completion", "execution"}


def rows(
    partnerships: Sequence[Partnership], *, lang: Lang = "ru", period: str | None = None, templates: Path | None = None
) -> list[dict[str, Any]]:
    """Return the summary's rows: values keyed by column (percentages as fractions, 0.945), plus
    ``regime_code`` and ``period_end``."""
    t = terms(lang, templates)
    out = []
    for p in partnerships:
        for pr in _periods(p, period):
            result = analysis.analyze(p, pr)
            for block in result.areas:
                for r in block.rows:
                    out.append(
                        {
                            "partnership": p.id,
                            "organization": p.parties.kazakhstani.short_name.get(lang),
                            "partner": p.parties.foreign.short_name.get(lang),
                            "regime": t.regimes[p.regime],
                            "model": t.models[p.model] if p.model else None,
                            "area": block.area.name.get(lang),
                            "indicator": r.indicator.name.get(lang),
                            "unit": r.indicator.unit.get(lang),
                            "period": periods.label(pr, lang, t),
                            "plan": r.plan,
                            "actual": r.actual,
                            "deviation": r.deviation,
                            "deviation_percent": _fraction(r.deviation_percent),
                            "completion": _fraction(r.completion),
                            "status": t.report.status[r.status],
                            "note": _note(r, lang, t.report.more_than),
                            "regime_code": p.regime,
                            "period_end": pr.end,
                        }
                    )
    return out


def financing_rows(
    partnerships: Sequence[Partnership], *, lang: Lang = "ru", period: str | None = None, templates: Path | None = None
) -> list[dict[str, Any]]:
    """Return the financing sheet's rows: plan and actual per budget line and period (execution as a fraction)."""
    t = terms(lang, templates)
    out = []
    for p in partnerships:
        for pr in _periods(p, period):
            for line in financing.lines(p, pr):
                out.append(
                    {
                        "partnership": p.id,
                        "organization": p.parties.kazakhstani.short_name.get(lang),
                        "period": periods.label(pr, lang, t),
                        "item": line.item.item.get(lang),
                        "year": line.item.year,
                        "source": t.funding.get(line.item.source or "", line.item.source),
                        "currency": line.item.amount.currency,
                        "plan": line.plan,
                        "actual": line.actual,
                        "deviation": line.deviation,
                        "execution": _fraction(line.execution),
                        "note": line.note.get(lang) if line.note else None,
                    }
                )
    return out


def _note(r: analysis.Row, lang: Lang, more_than: str) -> str | None:
    """Return a row's note; a lower-bound actual says so first («более 60»), as the report does."""
    parts = [figures.more_than(r.actual, lang, more_than)] if r.more_than and r.actual is not None else []
    parts += [r.note.get(lang)] if r.note else []
    return "; ".join(parts) or None


def _periods(p: Partnership, period: str | None) -> list[Any]:
    return [pr for pr in analysis.reported_periods(p) if period is None or pr.id == period]


def summary(
    partnerships: Sequence[Partnership], *, lang: Lang = "ru", period: str | None = None, templates: Path | None = None
) -> bytes:
    """Return the summary workbook (XLSX bytes) of ``partnerships`` with labels in ``lang``."""
    from openpyxl import Workbook  # imported here: only the summary needs it
    from openpyxl.writer.excel import ExcelWriter

    t = terms(lang, templates).report.summary
    data = rows(partnerships, lang=lang, period=period, templates=templates)
    wb = Workbook()
    _sheet(wb.active, t.sheet_all, data, t.columns)
    for regime in REGIMES:
        _sheet(wb.create_sheet(), t.sheets[regime], [r for r in data if r["regime_code"] == regime], t.columns)
    money = financing_rows(partnerships, lang=lang, period=period, templates=templates)
    _sheet(wb.create_sheet(), t.sheet_financing, money, t.financing_columns, FINANCING_COLUMNS)
    stamp = max((r["period_end"] for r in data), default=None) or max(
        (p.agreement.date for p in partnerships), default=dt.date(2000, 1, 1)
    )
    props = wb.properties
    props.created = props.modified = dt.datetime.combine(stamp, dt.time())
    props.creator = props.lastModifiedBy = "spdocs"
    props.title = t.sheet_all
    buf = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the workbook with the clock.
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    # fixed timestamps (same data, same bytes), and fonts' children in the schema's order
    members = package.read(buf.getvalue())
    members["xl/styles.xml"] = _font_order(members["xl/styles.xml"])
    return package.write(members.items())


def _sheet(
    ws: Any,
    title: str,
    data: list[dict[str, Any]],
    headings: dict[str, str],
    columns: tuple[tuple[str, float], ...] = COLUMNS,
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.title = title
    ws.append([headings[key] for key, _ in columns])
    for cell in ws[1]:
        _as_text(cell)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for r in data:
        ws.append([r[key] for key, _ in columns])
        for cell, (key, _) in zip(ws[ws.max_row], columns):
            _as_text(cell)
            if key in PERCENTS:
                cell.number_format = "0.0%"
            elif key in NUMBERS and cell.value is not None:
                cell.number_format = "#,##0" if cell.value == cell.value.to_integral_value() else "#,##0.0##"
            elif key in ("indicator", "note", "area", "organization", "partner", "model", "item", "source"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, (_, width) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 2)}"


def _as_text(cell: Any) -> None:
    """Keep a text cell text even when it starts like a formula (``=``, ``+``, ``-``, ``@``)."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"  # openpyxl made "=..." a formula
        cell.quotePrefix = True


def _fraction(percent: Decimal | None) -> Decimal | None:
    """Return a percentage as the fraction Excel's "0.0%" format expects (94.5 → 0.945)."""
    return None if percent is None else percent / 100


def _font_order(styles: bytes) -> bytes:
    """Return ``xl/styles.xml`` with each font's child elements in ECMA-376's order (Excel validates it)."""
    from lxml import etree  # python-docx's dependency; only the summary needs it here

    root = etree.fromstring(styles)
    rank = {name: i for i, name in enumerate(_FONT_ORDER)}
    for font in root.iter("{*}font"):
        children = sorted(font, key=lambda child: rank.get(etree.QName(child).localname, len(rank)))
        font[:] = children
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
