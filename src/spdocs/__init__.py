"""spdocs: strategic-partnership documents in Kazakh, Russian and English from one data file.

The public API::

    import spdocs

    p = spdocs.load("examples/taraz-mendeleev.yaml")          # a validated Partnership
    findings = spdocs.check(p)                                  # regulation findings
    docx = spdocs.render_document(p, "agreement", lang="kk")    # one document, as bytes
    outcomes = spdocs.render(["examples/"], out="out", formats=("docx", "pdf"))   # a batch
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from spdocs.checks import Finding, check
from spdocs.documents import build_context, render_document
from spdocs.errors import (
    AssemblyError,
    ConversionError,
    InputError,
    RenderError,
    SpdocsError,
    TemplateMissingError,
)
from spdocs.load import find_files, load
from spdocs.model import LANGS, Lang, Partnership
from spdocs.produce import Options, Outcome, produce

__version__ = "0.1.0"

__all__ = [
    "AssemblyError",
    "ConversionError",
    "Finding",
    "InputError",
    "Outcome",
    "Partnership",
    "RenderError",
    "SpdocsError",
    "TemplateMissingError",
    "__version__",
    "build_context",
    "check",
    "load",
    "render",
    "render_document",
]


def render(
    paths: Iterable[str | Path],
    *,
    out: str | Path = "out",
    kinds: Sequence[str] | None = None,
    langs: Sequence[Lang] = LANGS,
    formats: Sequence[str] = ("docx",),
    templates: str | Path | None = None,
    period: str | None = None,
    draft: bool = False,
    packet: bool = False,
    jobs: int = 0,
    pdf_timeout: float = 60.0,
    progress: Callable[[str], None] | None = None,
) -> list[Outcome]:
    """Render the documents of data files (or folders of them) under ``out``, as the CLI does.

    Returns one `Outcome` per data file: what was written, the check findings, or the error
    that stopped it. One failed partnership never stops the others.

    :param kinds: document kinds (default: all); :param langs: ``kk``, ``ru``, ``en``;
    :param formats: ``docx`` and/or ``pdf``; :param templates: a folder of your own templates;
    :param draft: render despite error findings and mark documents as drafts;
    :param packet: with PDF, also join each partnership's PDFs per language;
    :param jobs: worker processes (0: one per CPU core); the output does not depend on it.
    :param pdf_timeout: seconds LibreOffice may go without finishing a file before that file fails.
    """
    options = Options(
        out=Path(out),
        kinds=tuple(kinds) if kinds else None,
        langs=tuple(langs),
        formats=tuple(formats),
        templates=Path(templates) if templates else None,
        period=period,
        draft=draft,
        packet=packet,
        pdf_timeout=pdf_timeout,
    )
    return produce(find_files(paths), options, jobs=jobs, progress=progress)
