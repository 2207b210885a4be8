"""Writing workbooks: data as cell values that stay data, and XLSX bytes that depend only on the content."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_EPOCH = dt.datetime(2000, 1, 1)


def package(wb: Any, *, stamp: dt.datetime = _EPOCH) -> bytes:
    """Return ``wb`` as XLSX bytes, its creation and modification times set to ``stamp``."""
    from openpyxl.writer.excel import ExcelWriter

    props = wb.properties
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = "spdocs"
    buf = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the workbook with the clock.
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write ``value`` into a cell and return the cell; text stays text even when it starts with "=".

    Names and notes come from data files and sheets people fill in: a text such as
    ``=HYPERLINK(…)`` must not become a formula when the workbook is opened.
    """
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell
