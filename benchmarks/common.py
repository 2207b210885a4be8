"""What the benchmarks share: copies of the examples, timing, and the peak memory of a process tree.

Machines here are shared and noisy: compare the ratios printed side by side in one run,
not seconds from different runs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SPDOCS = str(Path(sys.executable).with_name("spdocs"))


def copies(n: int, folder: Path) -> list[Path]:
    """Write ``n`` data files into ``folder``: the examples in turn, each with a unique id."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        source = EXAMPLES[i % len(EXAMPLES)]
        text = source.read_text(encoding="utf-8")
        text, found = re.subn(r"(?m)^id: (\S+)", rf"id: \g<1>-{i:04d}", text, count=1)
        assert found, f"{source}: no top-level id"
        path = folder / f"{source.stem}-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def timed(fn: Callable[[], object]) -> float:
    """Return the wall-clock seconds ``fn()`` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def tree_digest(folder: Path) -> str:
    """Return a digest of every file under ``folder`` (relative names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Run:
    """A finished command: wall seconds, CPU seconds of it and its children, peak memory."""

    seconds: float
    cpu: float
    peak_pss_mb: float  # the whole process tree, sampled
    max_rss_mb: float  # the largest single process, exact (getrusage)
    returncode: int


# Runs a command and reports the CPU and largest RSS of it and its descendants (reaped by it).
_WRAP = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(f'RUSAGE {u.ru_utime + u.ru_stime} {u.ru_maxrss}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def run(command: list[str], *, sample: bool = False) -> Run:
    """Run ``command`` to its end; with ``sample``, watch the memory of its process tree (PSS, every 0.2 s)."""
    start = time.perf_counter()
    wrapped = [sys.executable, "-c", _WRAP, *command]
    proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    peak = 0.0
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not stop.wait(0.2):
            peak = max(peak, _session_pss_mb(proc.pid))

    watcher = threading.Thread(target=watch, daemon=True)
    if sample:
        watcher.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    if sample:
        watcher.join()
    text = err.decode("utf-8", "replace")
    usage = re.search(r"RUSAGE (\S+) (\d+)\s*$", text)
    if proc.returncode not in (0, 1) or usage is None:
        sys.stderr.write(text[-2000:])
        raise SystemExit(f"{' '.join(command[:3])} ... failed with exit code {proc.returncode}")
    return Run(seconds, float(usage[1]), peak, int(usage[2]) / 1024, proc.returncode)


def _session_pss_mb(session: int) -> float:
    """Return the summed PSS of the processes in ``session`` but its leader (the wrapper), in MB.

    PSS counts a page shared by n processes as 1/n in each: forked workers are not counted twice.
    """
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or entry.name == str(session):
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            if int(fields[3]) != session:  # (state, ppid, pgrp, session, ...)
                continue
            with open(f"/proc/{entry.name}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    return total / 1024


def fresh(folder: Path) -> Path:
    """Return ``folder``, emptied."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder
