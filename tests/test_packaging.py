"""The wheel ships the templates: installed into a fresh environment, spdocs renders from anywhere."""

from __future__ import annotations

import subprocess
import zipfile

from conftest import ROOT


def test_wheel_contains_templates_and_messages(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("kk", "ru", "en"):
        assert f"spdocs/templates/{lang}/agreement.docx" in names
        assert f"spdocs/templates/{lang}/terms.yaml" in names
    assert "spdocs/checks/messages.yaml" in names
    assert "spdocs/py.typed" in names


def test_installed_wheel_renders_from_another_directory(installed, tmp_path):
    python = installed / "python"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [
            installed / "spdocs",
            "render",
            str(ROOT / "examples" / "taraz-mendeleev.yaml"),
            "--kind",
            "agreement",
            "--lang",
            "kk",
            "--out",
            "out",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "out" / "taraz-mendeleev" / "agreement.kk.docx").is_file()
    where = subprocess.run(
        [python, "-c", "import spdocs.resources as r; print(r.builtin_templates())"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in where
