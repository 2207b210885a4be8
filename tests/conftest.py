"""Shared fixtures: the bundled examples, their renderings (made once per session), a CLI runner."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from click.testing import CliRunner

from spdocs import documents
from spdocs.load import load
from spdocs.model import Partnership

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden"


@functools.cache
def example(name: str) -> Partnership:
    """Return the bundled example ``examples/<name>.yaml``."""
    return load(ROOT / "examples" / f"{name}.yaml")


@functools.cache
def rendered(name: str, kind: str, lang: str, period: str | None = None) -> bytes:
    """Return the DOCX of one example document, rendered once per test session."""
    return documents.render_document(example(name), kind, lang=lang, period=period)


def all_targets() -> list[tuple[str, documents.Target]]:
    """Return (example name, target) for every document of every example."""
    return [(path.stem, t) for path in EXAMPLES for t in documents.targets(load(path))]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
