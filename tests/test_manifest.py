"""spdocs.manifest: what render wrote, edited files kept, drafts under their own names."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx

from spdocs import docxtext, manifest
from spdocs.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DUKE = ROOT / "examples" / "kaznmu-duke.yaml"


def _render(runner, out: Path, *extra: str):
    return runner.invoke(
        cli, ["render", str(DUKE), "--kind", "agreement,order", "--lang", "ru,en", "--out", str(out), *extra]
    )


def _edit(path: Path, text: str) -> None:
    """Add a paragraph in Word's way: reopen, change, save (new bytes, still a valid DOCX)."""
    document = docx.Document(str(path))
    document.add_paragraph(text)
    document.save(str(path))


def test_manifest_records_inputs_and_hashes(runner, tmp_path):
    result = _render(runner, tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "kaznmu-duke"
    data = json.loads((folder / manifest.NAME).read_text(encoding="utf-8"))
    files = data["files"]
    assert sorted(files) == ["agreement.en.docx", "agreement.ru.docx", "order.en.docx", "order.ru.docx"]
    entry = files["order.ru.docx"]
    assert entry["kind"] == "order" and entry["lang"] == "ru" and entry["format"] == "docx"
    assert entry["inputs"]["data"] == {"file": "kaznmu-duke.yaml", "sha256": manifest.file_hash(DUKE)}
    assert set(entry["inputs"]["templates"]) == {"builtin/ru/order.docx", "builtin/ru/terms.yaml"}
    assert entry["inputs"]["options"] == {"draft": False, "templates": False}
    for name, e in files.items():
        assert e["sha256"] == manifest.file_hash(folder / name)
    assert manifest.verify(folder) == []


def test_same_inputs_same_manifest(runner, tmp_path):
    _render(runner, tmp_path / "a")
    _render(runner, tmp_path / "b")
    a = (tmp_path / "a" / "kaznmu-duke" / manifest.NAME).read_bytes()
    assert a == (tmp_path / "b" / "kaznmu-duke" / manifest.NAME).read_bytes()


def test_edited_document_survives_a_second_render(runner, tmp_path):
    assert _render(runner, tmp_path).exit_code == 0
    folder = tmp_path / "kaznmu-duke"
    edited = folder / "agreement.ru.docx"
    _edit(edited, "Правка юриста: пункт согласован с Партнером.")
    lawyer = edited.read_bytes()
    assert manifest.verify(folder) == [f"{edited}: changed since spdocs wrote it"]

    again = _render(runner, tmp_path)
    assert again.exit_code == 0, again.output
    assert f"{edited}: kept — changed since spdocs wrote it (--force overwrites it)" in again.output
    assert "1 kept as edited" in again.output
    assert edited.read_bytes() == lawyer
    assert "Правка юриста" in docxtext.text(edited.read_bytes())
    # the other files were written again and are still what the manifest says
    assert manifest.verify(folder) == [f"{edited}: changed since spdocs wrote it"]

    forced = _render(runner, tmp_path, "--force")
    assert forced.exit_code == 0, forced.output
    assert "Правка юриста" not in docxtext.text(edited.read_bytes())
    assert manifest.verify(folder) == []


def test_a_file_spdocs_did_not_write_is_kept(runner, tmp_path):
    folder = tmp_path / "kaznmu-duke"
    folder.mkdir()
    (folder / "order.en.docx").write_bytes(b"someone else's file")
    result = _render(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert (folder / "order.en.docx").read_bytes() == b"someone else's file"
    assert "order.en.docx" not in json.loads((folder / manifest.NAME).read_text(encoding="utf-8"))["files"]


def test_partial_render_keeps_earlier_entries(runner, tmp_path):
    _render(runner, tmp_path)
    runner.invoke(cli, ["render", str(DUKE), "--kind", "order", "--lang", "ru", "--out", str(tmp_path)])
    files = json.loads((tmp_path / "kaznmu-duke" / manifest.NAME).read_text(encoding="utf-8"))["files"]
    assert "agreement.en.docx" in files
    # and so a later full render still overwrites the agreement it wrote
    result = _render(runner, tmp_path)
    assert "kept" not in result.output


def test_draft_cannot_replace_a_final_document(runner, tmp_path):
    assert _render(runner, tmp_path).exit_code == 0
    folder = tmp_path / "kaznmu-duke"
    final = (folder / "agreement.ru.docx").read_bytes()
    result = _render(runner, tmp_path, "--draft")
    assert result.exit_code == 0, result.output
    assert (folder / "agreement.ru.docx").read_bytes() == final
    draft = (folder / "agreement.draft.ru.docx").read_bytes()
    assert docxtext.blocks(draft)[0].text == "ПРОЕКТ"
    assert zipfile.ZipFile(io.BytesIO(draft)).testzip() is None
    files = json.loads((folder / manifest.NAME).read_text(encoding="utf-8"))["files"]
    assert files["agreement.draft.ru.docx"]["inputs"]["options"]["draft"] is True
    assert "agreement.ru.docx" in files
