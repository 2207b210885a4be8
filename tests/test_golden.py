"""Golden text dumps: every example document, as text, must match tests/golden/<example>/<file>.txt.

A wording change in a template shows up here as a readable diff. After an intended change,
regenerate with ``SPDOCS_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os

import pytest

from conftest import GOLDEN, all_targets, rendered
from spdocs import docxtext

TARGETS = all_targets()


@pytest.mark.parametrize(("name", "target"), TARGETS, ids=[f"{n}/{t.filename('txt')}" for n, t in TARGETS])
def test_golden_text(name, target):
    text = docxtext.text(rendered(name, target.kind, target.lang, target.period))
    golden = GOLDEN / name / target.filename("txt")
    if os.environ.get("SPDOCS_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden dump {golden}; run with SPDOCS_UPDATE_GOLDEN=1 and review it"
    assert text == golden.read_text(encoding="utf-8")
