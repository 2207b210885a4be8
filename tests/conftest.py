"""Shared fixtures: the bundled examples, their renderings (made once per session), a CLI runner."""

from __future__ import annotations

import functools
import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from spdocs import documents
from spdocs.convert import find_soffice
from spdocs.errors import ConversionError
from spdocs.loader import load
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


def have_soffice() -> bool:
    """Return whether LibreOffice is installed."""
    try:
        find_soffice()
    except ConversionError:
        return False
    return True


# Skipped on a developer's machine without LibreOffice; under CI (which installs it) a
# missing LibreOffice fails these tests instead, so a broken install step cannot hide.
requires_soffice = pytest.mark.skipif(
    not have_soffice() and not os.environ.get("CI"), reason="LibreOffice is not installed"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Speak English unless a test says otherwise: the machine's locale must not change what tests see."""
    monkeypatch.setenv("SPDOCS_LANG", "en")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `make dist` builds, built once for the packaging tests."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [whl] = dist.glob("spdocs-*.whl")
    return whl


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the ``bin`` folder of a fresh virtual environment with the wheel installed: spdocs from the
    wheel, its dependencies from the running environment (no network needed)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    own = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(own, "parent-env.pth").write_text("\n".join(site.getsitepackages()) + "\n")  # after its own site-packages
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True, capture_output=True
    )
    return env_dir / "bin"
