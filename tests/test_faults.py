"""Faults from outside: a hung or crashing LibreOffice, kill -9 and SIGTERM mid-batch, a full disk,
an output folder that cannot be written. Each ends in a clear error (or a correct document),
never a traceback, an orphaned process or a temp folder left behind."""

from __future__ import annotations

import errno
import importlib
import os
import shutil
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest

from conftest import ROOT
from spdocs import write
from spdocs.cli import cli
from spdocs.convert import Converter
from spdocs.errors import OutputError
from spdocs.produce import Options, produce

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process checks read /proc")

TARAZ = ROOT / "examples" / "taraz-mendeleev.yaml"
produce_module = importlib.import_module("spdocs.produce")  # the package re-exports the function under that name

# A stand-in for soffice --convert-to, steered by the documents' text and the environment:
# HANGME in a document hangs on it, CRASHME crashes on it; FAKE_SOFFICE_MODE=hang hangs at once.
# Like soffice.bin under its wrapper, it starts a child; FAKE_SOFFICE_LOG gets both pids.
FAKE_SOFFICE = """#!{python}
import os, subprocess, sys, time, zipfile
from pypdf import PdfWriter
args = sys.argv[1:]
at = args.index("--outdir")
outdir, inputs = args[at + 1], args[at + 2:]
child = subprocess.Popen(["sleep", "300"])
if os.environ.get("FAKE_SOFFICE_LOG"):
    with open(os.path.join(os.environ["FAKE_SOFFICE_LOG"], str(os.getpid())), "w") as fh:
        fh.write(str(child.pid))
if os.environ.get("FAKE_SOFFICE_MODE") == "hang":
    time.sleep(300)
for path in inputs:
    xml = zipfile.ZipFile(path).read("word/document.xml")
    name = os.path.splitext(os.path.basename(path))[0]
    if b"HANGME" in xml:
        time.sleep(300)
    print(f"convert {{path}} -> {{outdir}}/{{name}}.pdf using filter : x", flush=True)
    if b"CRASHME" in xml:
        child.kill()
        os._exit(139)
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    with open(os.path.join(outdir, name + ".pdf"), "wb") as fh:
        writer.write(fh)
child.kill()
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "fake" / "soffice"
    path.parent.mkdir()
    path.write_text(FAKE_SOFFICE.format(python=sys.executable))
    path.chmod(0o755)
    monkeypatch.setenv("SPDOCS_SOFFICE", str(path))
    return path


def data_files(folder: Path, changes: dict[str, tuple[str, str]]) -> list[Path]:
    """Write a copy of the Taraz example per id, with one text replaced; return the paths."""
    folder.mkdir(exist_ok=True)
    text = TARAZ.read_text(encoding="utf-8")
    paths = []
    for pid, (old, new) in changes.items():
        assert old in text
        path = folder / f"{pid}.yaml"
        path.write_text(text.replace("id: taraz-mendeleev", f"id: {pid}", 1).replace(old, new, 1), encoding="utf-8")
        paths.append(path)
    return paths


def our_processes(marker: str) -> list[int]:
    """Return the pids of processes whose command line mentions ``marker`` (a test's own folder)."""
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
            except OSError:
                continue
            if marker.encode() in cmdline and state != "Z":
                found.append(int(pid))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


# --- LibreOffice hung or crashing ----------------------------------------------------------------


def test_a_hung_and_a_crashing_soffice_cost_about_one_timeout(tmp_path, fake_soffice):
    paths = data_files(
        tmp_path / "data",
        {
            "hangs": ("en: Taraz}", "en: HANGME}"),
            "crashes": ("ru: г. Тараз,", "ru: CRASHME,"),
            "fine": ("en: Taraz}", "en: Taraz}"),
        },
    )
    options = Options(out=tmp_path / "out", kinds=("agreement",), formats=("docx",))
    docx = [f for o in produce(paths, options, jobs=1) for f in o.written]
    assert len(docx) == 9
    pairs = [(f, f.with_suffix(".pdf")) for f in docx]
    started = time.monotonic()
    with Converter(jobs=2, timeout=3) as converter:
        failures = converter.convert(pairs)
    elapsed = time.monotonic() - started
    assert 3 <= elapsed < 8, elapsed  # one timeout, not one per file
    reasons = {f"{Path(f.path).parent.name}/{Path(f.path).name}": str(f) for f in failures if f.path}
    assert sorted(reasons) == ["crashes/agreement.ru.docx", "hangs/agreement.en.docx"]
    assert "timed out: LibreOffice made no progress for 3 s (hung)" in reasons["hangs/agreement.en.docx"]
    assert "LibreOffice exited with code 139" in reasons["crashes/agreement.ru.docx"]
    assert len([pdf for _, pdf in pairs if pdf.is_file()]) == 7


def test_the_cli_reports_each_file_of_a_batch_with_hangs_and_crashes(tmp_path, fake_soffice, runner):
    data = tmp_path / "data"
    changes = {
        "hangs": ("en: Taraz}", "en: HANGME}"),
        "crashes": ("ru: г. Тараз,", "ru: CRASHME,"),
        "fine": ("en: Taraz}", "en: Taraz}"),
    }
    data_files(data, changes)
    out = tmp_path / "out"
    args = ["render", str(data), "--out", str(out), "--kind", "agreement", "--format", "docx,pdf"]
    result = runner.invoke(cli, [*args, "--pdf-timeout", "2", "--jobs", "2"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    pdf_lines = [line for line in result.output.splitlines() if "] PDF " in line]
    assert len(pdf_lines) == 9  # every file reported
    assert sum("timed out" in line for line in pdf_lines) == 1
    assert sum("exited with code 139" in line for line in pdf_lines) == 1
    assert "7 of 9" not in result.output  # files are counted per data file, not per PDF
    assert "from 1 of 3 data files" in result.output
    # A partnership's PDFs are all there or none: one failed file keeps its two good ones out.
    assert sorted(p.name for p in (out / "fine").glob("*.pdf")) == [f"agreement.{x}.pdf" for x in ("en", "kk", "ru")]
    for failed in ("hangs", "crashes"):
        assert not list((out / failed).glob("*.pdf")), failed
        assert len(list((out / failed).glob("*.docx"))) == 3  # its DOCX set is whole, and stays


def test_a_soffice_that_never_answers_costs_about_one_timeout(tmp_path, fake_soffice, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "hang")
    paths = data_files(tmp_path / "data", {f"p{n}": ("en: Taraz}", "en: Taraz}") for n in range(3)})
    docx = [f for o in produce(paths, Options(out=tmp_path / "out", kinds=("agreement",)), jobs=1) for f in o.written]
    started = time.monotonic()
    with Converter(jobs=2, timeout=2) as converter:
        failures = converter.convert([(f, f.with_suffix(".pdf")) for f in docx])
    assert time.monotonic() - started < 6
    assert len(failures) == 9
    assert 2 <= sum("timed out" in str(f) for f in failures) <= 3  # those waited for, in parallel
    assert all("does not respond" in str(f) for f in failures if "timed out" not in str(f))


# --- kill -9 and SIGTERM mid-batch ---------------------------------------------------------------


def start_render(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    environ = {**os.environ, "TMPDIR": str(temp), **(env or {})}
    command = [sys.executable, "-m", "spdocs", "render", str(ROOT / "examples"), "--out", str(tmp_path / "out")]
    return subprocess.Popen(
        [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environ, cwd=tmp_path
    )


def wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float = 120) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        seen += line
        if needle in line:
            return seen
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"no line with {needle!r}: {seen}")


def assert_nothing_left(tmp_path: Path, pids: list[int]) -> None:
    assert wait_until(lambda: not any(alive(pid) for pid in pids), 10), [p for p in pids if alive(p)]
    assert wait_until(lambda: not our_processes(str(tmp_path)), 10), our_processes(str(tmp_path))
    assert wait_until(lambda: not list((tmp_path / "tmp").iterdir()), 10), list((tmp_path / "tmp").iterdir())


def test_kill_9_while_rendering_leaves_no_worker_and_no_temp(tmp_path):
    proc = start_render(tmp_path, "--jobs", "2", "--format", "pdf")
    wait_for_line(proc, "[1/8]")
    workers = [pid for pid in our_processes(str(tmp_path)) if pid != proc.pid]
    assert workers, "the render workers should be running"
    assert list((tmp_path / "tmp").iterdir()), "the batch's scratch folder should exist"
    proc.kill()
    proc.communicate()
    assert_nothing_left(tmp_path, workers)


@pytest.mark.parametrize("how", ["kill -9", "SIGTERM"])
def test_killed_while_converting_leaves_no_soffice_and_no_temp(tmp_path, fake_soffice, how):
    log = tmp_path / "log"
    log.mkdir()
    env = {"FAKE_SOFFICE_MODE": "hang", "FAKE_SOFFICE_LOG": str(log)}
    proc = start_render(tmp_path, "--jobs", "2", "--format", "pdf", "--kind", "order", env=env)
    assert wait_until(lambda: len(list(log.iterdir())) == 2, 120), "two fake soffice processes should start"
    soffices = [int(p.name) for p in log.iterdir()] + [int(p.read_text()) for p in log.iterdir()]
    assert all(alive(pid) for pid in soffices)
    proc.send_signal(signal.SIGKILL if how == "kill -9" else signal.SIGTERM)
    output, _ = proc.communicate(timeout=30)
    assert_nothing_left(tmp_path, soffices)
    if how == "SIGTERM":
        assert proc.returncode == 1 and "Traceback" not in output
        assert output.rstrip().endswith("Aborted!")
        assert not list((tmp_path / "out").rglob("*.pdf"))


def test_kill_9_while_converting_leaves_no_partial_pdf_set(tmp_path, fake_soffice):
    """One file of a partnership hangs; the batch is killed: its other PDFs must not be out/ either."""
    paths = data_files(
        tmp_path / "data", {"hangs": ("en: Taraz}", "en: HANGME}"), "fine": ("en: Taraz}", "en: Taraz}")}
    )
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out"
    command = [sys.executable, "-m", "spdocs", "render", *map(str, paths), "--out", str(out), "--kind", "agreement"]
    proc = subprocess.Popen(
        [*command, "--format", "pdf", "--jobs", "2", "--pdf-timeout", "300"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TMPDIR": str(temp)},
        cwd=tmp_path,
    )
    try:
        # the fake LibreOffice converts the others at once and hangs on hangs/agreement.en
        assert wait_until(lambda: len(list((out / "fine").glob("*.pdf"))) == 3, 120), "fine's PDFs should appear"
        time.sleep(0.5)  # hangs' kk and ru have been converted by now, into the scratch folder
    finally:
        proc.kill()
        proc.wait()
    assert not list((out / "hangs").glob("*.pdf"))
    assert wait_until(lambda: not list(temp.iterdir()), 10), list(temp.iterdir())
    assert wait_until(lambda: not our_processes(str(tmp_path)), 10), our_processes(str(tmp_path))


# --- a full disk ---------------------------------------------------------------------------------


def full_disk_after(monkeypatch, target: object, name: str, count: int, suffix: str = "") -> None:
    """Make ``target.name`` (a writer taking a path and bytes) fail with ENOSPC from its ``count``-th
    call on ``suffix`` files."""
    original = getattr(target, name)
    calls = {"n": 0}

    def writer(path: Path, data: bytes) -> object:
        if path.name.endswith(suffix):
            calls["n"] += 1
            if calls["n"] >= count:
                raise OutputError(path, os.strerror(errno.ENOSPC))
        return original(path, data)

    monkeypatch.setattr(target, name, writer)


def test_disk_full_while_writing_documents(tmp_path, monkeypatch, runner):
    full_disk_after(monkeypatch, produce_module, "write_atomic", 5, ".docx")
    data = tmp_path / "data"
    data_files(data, {"first": ("en: Taraz}", "en: Taraz}"), "second": ("en: Taraz}", "en: Taraz}")})
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", str(data), "--out", str(out), "--kind", "agreement", "--jobs", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "No space left on device" in result.output
    assert sorted(p.name for p in (out / "first").glob("*.docx")) == [
        "agreement.en.docx",
        "agreement.kk.docx",
        "agreement.ru.docx",
    ]
    assert not list((out / "second").glob("*"))  # no partial set


def test_disk_full_while_writing_pdfs(tmp_path, monkeypatch, runner, fake_soffice):
    full_disk_after(monkeypatch, write, "_stage", 5, ".pdf")  # the disk fills on the 5th PDF
    data = tmp_path / "data"
    data_files(data, {"first": ("en: Taraz}", "en: Taraz}"), "second": ("en: Taraz}", "en: Taraz}")})
    out = tmp_path / "out"
    args = ["render", str(data), "--out", str(out), "--kind", "agreement", "--format", "pdf", "--jobs", "1"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "No space left on device" in result.output
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no temporary file left
    assert len(list((out / "first").glob("*.pdf"))) == 3
    assert not list((out / "second").glob("*.pdf"))  # its 4th PDF was written, then taken back: no partial set


def test_a_set_that_cannot_be_written_keeps_the_previous_runs_pdfs(tmp_path, runner, fake_soffice):
    data = tmp_path / "data"
    data_files(data, {"only": ("en: Taraz}", "en: Taraz}")})
    out = tmp_path / "out"
    args = ["render", str(data), "--out", str(out), "--kind", "agreement", "--format", "pdf", "--jobs", "1"]
    assert runner.invoke(cli, args).exit_code == 0
    before = {p.name: p.read_bytes() for p in (out / "only").glob("*.pdf")}
    assert sorted(before) == ["agreement.en.pdf", "agreement.kk.pdf", "agreement.ru.pdf"]
    (out / "only" / "agreement.ru.pdf").unlink()
    (out / "only" / "agreement.ru.pdf").mkdir()  # something in the way of one of the three
    result = runner.invoke(cli, [*args, "--force"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "a folder stands where the file should be" in result.output
    for name in ("agreement.en.pdf", "agreement.kk.pdf"):  # untouched, not half replaced
        assert (out / "only" / name).read_bytes() == before[name]
    assert not [p for p in (out / "only").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_disk_full_while_writing_the_summary(tmp_path, monkeypatch, runner):
    real_os = os

    class FullDisk(types.SimpleNamespace):
        def __getattr__(self, name):
            return getattr(real_os, name)

        @staticmethod
        def replace(src, dst):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(write, "os", FullDisk())
    out = tmp_path / "summary.xlsx"
    result = runner.invoke(cli, ["summary", str(TARAZ), "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == f"spdocs: cannot write {out}: No space left on device"
    assert not list(tmp_path.iterdir())  # neither the workbook nor a temporary file


# --- an output folder that cannot be written -----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["summary", str(TARAZ), "--out", "{blocked}/summary.xlsx"],
        ["new", "--model", "branch", "{blocked}/new.yaml"],
        ["templates", "export", "{blocked}/templates"],
        ["render", str(TARAZ), "--out", "{blocked}/out"],
        ["render", str(TARAZ), "--out", "{blocked}/out", "--format", "pdf"],
    ],
    ids=["summary", "new", "templates-export", "render", "render-pdf"],
)
def test_unwritable_output_is_one_line_and_exit_2(tmp_path, runner, command):
    blocked = tmp_path / "a-file"  # a file where a folder should be: fails for root too
    blocked.write_text("")
    args = [part.format(blocked=blocked) for part in command]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # click's exit, not an error
    [line] = [line for line in result.output.splitlines() if line.startswith("spdocs:")]
    assert line.startswith(f"spdocs: cannot write {blocked}/") and line.endswith(f": {blocked} is a file, not a folder")
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_readonly_filesystem_output(tmp_path, runner):
    result = runner.invoke(cli, ["summary", str(TARAZ), "--out", "/proc/spdocs-summary.xlsx"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("spdocs: cannot write /proc/spdocs-summary.xlsx")


def test_no_temp_folder_is_left_by_a_normal_batch(tmp_path, monkeypatch, fake_soffice):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)
    paths = data_files(tmp_path / "data", {"only": ("en: Taraz}", "en: Taraz}")})
    outcomes = produce(paths, Options(out=tmp_path / "out", kinds=("order",), formats=("pdf",)), jobs=1)
    assert [o.error for o in outcomes] == [None]
    assert sorted(p.name for p in (tmp_path / "out" / "only").glob("*.pdf")) == [  # an order is issued in kk, ru
        "order.kk.pdf",
        "order.ru.pdf",
    ]
    assert not list(temp.iterdir())
    shutil.rmtree(tmp_path / "out")
