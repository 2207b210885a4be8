"""Child processes that die with the batch, and temp folders that go with it, whatever ends it.

- Render workers (`worker_pool`) ask the kernel to kill them when their parent dies
  (``PR_SET_PDEATHSIG`` on Linux, through ctypes), ignore Ctrl-C (the parent decides), and
  are killed, not waited for, when the batch is interrupted.
- `interruptible` turns SIGTERM into KeyboardInterrupt for the length of a call, so that a
  terminated batch unwinds like Ctrl-C: LibreOffice killed, temp folders removed.
- A kill -9 runs no cleanup in the process itself; the janitor does it: a small process that
  reads the temp folders to watch from a pipe (`watching`) and, when the pipe closes (the
  batch ended, however), kills every process whose command line names one of them (the
  LibreOffice workers, started in their own sessions) with its process group, and removes them.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from spdocs.environment import limit_worker

F = TypeVar("F", bound=Callable[..., Any])
_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask Linux to send ``sig`` to this process when its parent exits; return whether it could."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def init_worker() -> None:
    """Set up a render worker: dies with its parent, leaves Ctrl-C to it, has bounded memory."""
    parent = os.getppid()
    die_with_parent()
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _JANITOR_PROCESS.detach()
    limit_worker()


@contextlib.contextmanager
def worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """Yield a process pool of ``jobs`` render workers; on an interruption kill them instead of waiting."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker)
    try:
        yield pool
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def interruptible(func: F) -> F:
    """Make SIGTERM raise KeyboardInterrupt while ``func`` runs (in the main thread), so it cleans up."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            return func(*args, **kwargs)

        def terminate(signum: int, frame: Any) -> None:
            raise KeyboardInterrupt(f"signal {signum}")

        previous = signal.signal(signal.SIGTERM, terminate)
        try:
            return func(*args, **kwargs)
        finally:
            signal.signal(signal.SIGTERM, previous)

    return wrapper  # type: ignore[return-value]


# The janitor's code: run with `python -c`; reads "watch PATH" / "forget PATH" lines until EOF.
_JANITOR = r"""
import os, shutil, signal, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
watched = set()
for line in sys.stdin.buffer:
    verb, _, path = line.rstrip(b"\n").partition(b" ")
    if verb == b"watch":
        watched.add(path)
    elif verb == b"forget":
        watched.discard(path)
mine = {os.getpgrp(), int(sys.argv[1])}
for attempt in range(3):
    found = False
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmdline = fh.read()
        except OSError:
            continue
        if any(path in cmdline for path in watched):
            found = True
            try:
                group = os.getpgid(int(pid))
                if group in mine:
                    os.kill(int(pid), signal.SIGKILL)
                else:
                    os.killpg(group, signal.SIGKILL)
            except OSError:
                pass
    if not found:
        break
    time.sleep(0.2)
for path in watched:
    shutil.rmtree(os.fsdecode(path), ignore_errors=True)
"""


class _Janitor:
    """The one janitor process of this process (started on first use, again after a fork)."""

    def __init__(self) -> None:
        self.pid = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()

    def send(self, verb: str, path: Path) -> None:
        with self.lock:
            if self.pid != os.getpid():
                self.proc, self.pid = self._start(), os.getpid()
            if self.proc is None or self.proc.stdin is None:
                return
            with contextlib.suppress(OSError):
                self.proc.stdin.write(f"{verb} ".encode() + os.fsencode(path) + b"\n")
                self.proc.stdin.flush()

    def detach(self) -> None:
        """Drop a janitor pipe inherited through fork, so that only the parent keeps the janitor waiting."""
        if self.proc is not None and self.pid != os.getpid() and self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()  # this process's copy of the descriptor only
        self.proc, self.pid = None, 0

    @staticmethod
    def _start() -> subprocess.Popen[bytes] | None:
        if not os.path.isdir("/proc"):
            return None  # no way to find the processes to kill; the process's own cleanup remains
        try:
            return subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", _JANITOR, str(os.getpgrp())],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C and a kill of our process group do not reach it
            )
        except OSError:
            return None


_JANITOR_PROCESS = _Janitor()


@contextlib.contextmanager
def watching(path: Path) -> Iterator[Path]:
    """Have the janitor kill processes that use ``path`` and remove it, should this process die first."""
    path = Path(path).resolve()
    _JANITOR_PROCESS.send("watch", path)
    try:
        yield path
    finally:
        _JANITOR_PROCESS.send("forget", path)
