"""Where templates come from: the user's folder (``--templates``) first, then the built-in ones.

The built-in templates are shipped inside the package (``spdocs/templates``, from the
repository's top-level ``templates/``), one folder per language: ``<lang>/<kind>.docx`` and
``<lang>/terms.yaml``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from spdocs.errors import TemplateMissingError
from spdocs.languages import Lang


def builtin_templates() -> Path:
    """Return the folder of the templates shipped with spdocs."""
    packaged = Path(str(resources.files("spdocs") / "templates"))
    if packaged.is_dir():
        return packaged
    # A source checkout (editable install or PYTHONPATH=src) keeps them at the top level.
    return Path(__file__).resolve().parents[2] / "templates"


def builtin_examples() -> Path:
    """Return the folder of the bundled example data files (shipped as ``spdocs/examples``)."""
    packaged = Path(str(resources.files("spdocs") / "examples"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "examples"


def template_path(kind: str, lang: Lang, templates: Path | None = None) -> Path:
    """Return the template file for ``kind`` in ``lang``, the user's folder first."""
    searched = [d / lang / f"{kind}.docx" for d in (templates, builtin_templates()) if d is not None]
    for path in searched:
        if path.is_file():
            return path
    raise TemplateMissingError(kind, lang, searched)


def terms_files(lang: Lang, templates: Path | None = None) -> list[Path]:
    """Return the terms files of ``lang``: the built-in one, then the user's when it exists."""
    files = [builtin_templates() / lang / "terms.yaml"]
    if templates is not None and (templates / lang / "terms.yaml").is_file():
        files.append(templates / lang / "terms.yaml")
    return files
