"""spdocs: strategic-partnership documents in Kazakh, Russian and English from one data file.

The public API::

    import spdocs

    p = spdocs.load("examples/taraz-mendeleev.yaml")          # a validated Partnership
    findings = spdocs.check(p)                                  # regulation findings
    docx = spdocs.render_document(p, "agreement", lang="kk")    # one document, as bytes
    batch = spdocs.render(["examples/"], out="out", formats=("docx", "pdf"))   # a batch
    results = spdocs.check_files(["examples/"], lang="ru")      # what `spdocs check` prints
    spdocs.summary(["examples/"], out="summary.xlsx")           # the summary workbook

Names are imported when first used, so that ``import spdocs`` (and ``spdocs --help``) stays
fast: the rendering stack is loaded only by what renders.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it
_EXPORTS = {
    "AssemblyError": "spdocs.errors",
    "Batch": "spdocs.api",
    "ConversionError": "spdocs.errors",
    "FileCheck": "spdocs.api",
    "Finding": "spdocs.checks",
    "InputError": "spdocs.errors",
    "OptionError": "spdocs.errors",
    "Outcome": "spdocs.produce",
    "OutputError": "spdocs.errors",
    "Partnership": "spdocs.model",
    "RenderError": "spdocs.errors",
    "SpdocsError": "spdocs.errors",
    "TemplateMissingError": "spdocs.errors",
    "build_context": "spdocs.documents",
    "check": "spdocs.checks",
    "check_files": "spdocs.api",
    "load": "spdocs.loader",
    "render": "spdocs.api",
    "render_document": "spdocs.documents",
    "summary": "spdocs.api",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from spdocs.api import Batch, FileCheck, check_files, render, summary
    from spdocs.checks import Finding, check
    from spdocs.documents import build_context, render_document
    from spdocs.errors import (
        AssemblyError,
        ConversionError,
        InputError,
        OptionError,
        OutputError,
        RenderError,
        SpdocsError,
        TemplateMissingError,
    )
    from spdocs.loader import load
    from spdocs.model import Partnership
    from spdocs.produce import Outcome


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'spdocs' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
