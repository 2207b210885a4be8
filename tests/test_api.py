"""The public API: what `import spdocs` offers, and a batch through `spdocs.render`."""

from __future__ import annotations

import spdocs
from conftest import ROOT


def test_exported_members():
    assert sorted(spdocs.__all__) == sorted(
        [
            "AssemblyError",
            "Batch",
            "ConversionError",
            "FileCheck",
            "Finding",
            "InputError",
            "OptionError",
            "Outcome",
            "OutputError",
            "Partnership",
            "RenderError",
            "SpdocsError",
            "TemplateMissingError",
            "__version__",
            "build_context",
            "check",
            "check_files",
            "load",
            "render",
            "render_document",
            "summary",
        ]
    )
    for name in spdocs.__all__:
        assert hasattr(spdocs, name), name


def test_render_batch(tmp_path):
    lines: list[str] = []
    outcomes = spdocs.render(
        [ROOT / "examples" / "kaznmu-duke.yaml"], out=tmp_path, kinds=["order"], langs=["kk"], progress=lines.append
    )
    [outcome] = outcomes
    assert outcome.error is None and not outcome.failed
    assert [p.name for p in outcome.written] == ["order.kk.docx"]
    assert lines == ["[1/1] kaznmu-duke: 1 document"]


def test_load_check_render_document():
    p = spdocs.load(ROOT / "examples" / "kaznmu-duke.yaml")
    assert [f for f in spdocs.check(p) if f.severity == "error"] == []
    docx = spdocs.render_document(p, "order", lang="ru")
    assert docx[:2] == b"PK"
    assert spdocs.build_context(p, "order", lang="en")["p"]["regime"] == "medical"


def test_data_file_problems_follow_the_language_parameter(tmp_path, monkeypatch):
    from spdocs.api import check_files, render, summary

    monkeypatch.setenv("SPDOCS_LANG", "en")  # a parameter, not the environment, chooses
    text = (ROOT / "examples" / "taraz-mendeleev.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("  term_years: 7", "  term_years: seven", 1), encoding="utf-8")
    [result] = check_files([bad], lang="ru")
    assert not result.loaded and result.findings[0].message == "нужно целое число (например, 5), а указано: «seven»"
    [outcome] = render([bad], out=tmp_path / "out", check_lang="kk")
    assert "бүтін сан керек (мысалы, 5), ал «seven» берілген" in str(outcome.error)
    made = summary([bad], out=tmp_path / "s.xlsx", messages_lang="ru")
    assert "нужно целое число" in str(made.failed[0])
    import pytest

    from spdocs.errors import InputError

    with pytest.raises(InputError, match="мұндай файл немесе қалта жоқ"):
        check_files([tmp_path / "nope.yaml"], lang="kk")
