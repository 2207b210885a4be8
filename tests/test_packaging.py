"""The wheel ships the templates: installed into a fresh environment, spdocs renders from anywhere."""

from __future__ import annotations

import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [whl] = dist.glob("spdocs-*.whl")
    return whl


def test_wheel_contains_templates_and_messages(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("kk", "ru", "en"):
        assert f"spdocs/templates/{lang}/agreement.docx" in names
        assert f"spdocs/templates/{lang}/terms.yaml" in names
    assert "spdocs/checks/messages.yaml" in names
    assert "spdocs/py.typed" in names


def test_installed_wheel_renders_from_another_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The dependencies come from the running environment (no network needed); spdocs itself
    # from the wheel, whose site-packages comes first on sys.path.
    own = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(own, "parent-env.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True, capture_output=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [
            env_dir / "bin" / "spdocs",
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
