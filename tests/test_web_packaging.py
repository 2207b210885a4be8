"""`make dist`'s wheel carries the web app: installed into a fresh environment, `spdocs serve`
starts with no repository around and serves its page, scripts, fonts and documents offline."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import urllib.request
import zipfile
from pathlib import Path

import pytest

from spdocs import convert

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_web_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    static = ROOT / "src" / "spdocs" / "web" / "static"
    for path in static.rglob("*"):
        if path.is_file():
            assert f"spdocs/web/{path.relative_to(static.parent).as_posix()}" in names
    assert {"spdocs/web/labels.yaml", "spdocs/web/messages.yaml"} <= names


def test_no_asset_comes_from_another_site() -> None:
    static = ROOT / "src" / "spdocs" / "web" / "static"
    for path in static.rglob("*"):
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(src|href)=[\"']?(https?:)?//", text), path
            assert not re.search(r"url\((https?:)?//", text), path
            assert not re.search(r"import .* from [\"']https?:", text), path


def test_installed_wheel_serves_the_app(installed: Path, tmp_path: Path) -> None:
    python = installed / "python"
    workspace = tmp_path / "partnerships"
    workspace.mkdir()
    shutil.copy(ROOT / "examples" / "kaznmu-duke.yaml", workspace)
    proc = subprocess.Popen(
        [installed / "spdocs", "serve", "--workspace", str(workspace), "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        match = re.search(r"at (http://\S+)/", first)
        assert match, first
        url = match.group(1)
        health = json.load(urllib.request.urlopen(f"{url}/api/health", timeout=30))
        assert health["status"] == "ok"
        page = urllib.request.urlopen(f"{url}/", timeout=30).read().decode()
        assert "/static/js/app.js" in page
        font = urllib.request.urlopen(f"{url}/static/fonts/noto-sans-cyrillic-ext-400-normal.woff2", timeout=30)
        assert font.read(4) == b"wOF2"
        listed = json.load(urllib.request.urlopen(f"{url}/api/partnerships", timeout=60))
        assert [p["id"] for p in listed["partnerships"]] == ["kaznmu-duke"]
        docx = urllib.request.urlopen(f"{url}/api/partnerships/kaznmu-duke/documents/order.kk.docx", timeout=60).read()
        assert docx[:2] == b"PK"
        where = subprocess.run(
            [
                python,
                "-c",
                "import spdocs.web, spdocs.resources as r; print(spdocs.web.__file__, r.builtin_templates())",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert str(ROOT) not in where and "site-packages" in where
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


def test_soffice_found_where_the_windows_installer_puts_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("SPDOCS_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    monkeypatch.setattr(convert, "_KNOWN_PLACES", ())
    assert convert.find_soffice() == str(exe)
    monkeypatch.setenv("SPDOCS_SOFFICE", str(exe))
    assert convert.find_soffice() == str(exe)
    monkeypatch.delenv("ProgramFiles")
    monkeypatch.delenv("SPDOCS_SOFFICE")
    with pytest.raises(convert.ConversionError, match="SPDOCS_SOFFICE"):
        convert.find_soffice()
