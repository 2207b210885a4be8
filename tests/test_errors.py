"""The error tree: every error survives pickling (worker processes send them back) with its values."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from spdocs.errors import (
    AssemblyError,
    ConversionError,
    InputError,
    Problem,
    RenderError,
    SpdocsError,
    TemplateMissingError,
)

ERRORS = [
    InputError("a.yaml", [Problem("a.yaml", 3, "agreement.date", "not a date")]),
    TemplateMissingError("order", "kk", [Path("/x/kk/order.docx")]),
    RenderError("the data lacks a value", template="kk/order.docx", lang="kk"),
    ConversionError("LibreOffice failed", path="out/a.docx"),
    AssemblyError("part 'x' is not a readable PDF"),
]


@pytest.mark.parametrize("error", ERRORS, ids=[type(e).__name__ for e in ERRORS])
def test_errors_pickle_with_their_values(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__
    assert isinstance(copy, SpdocsError)


def test_messages_name_the_value():
    assert str(ERRORS[0]) == "a.yaml:3: agreement.date: not a date"
    assert ERRORS[0].field == "agreement.date"
    assert "no kk template for 'order'" in str(ERRORS[1])
    assert str(ERRORS[2]) == "kk/order.docx [kk]: the data lacks a value"
    assert isinstance(ERRORS[1], LookupError)
