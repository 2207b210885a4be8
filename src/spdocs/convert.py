"""DOCX -> PDF with LibreOffice, in batches of hundreds of files.

A :class:`Converter` owns a temp dir with one LibreOffice profile per worker (``jobs``,
default ``min(2, cpu count)``); a worker converts chunks of up to ``MAX_CHUNK`` files with
one ``soffice --headless --convert-to pdf --outdir OUT f1 ... fK`` each, so the ~1 s
start-up is paid per chunk, not per file. A UNO listener per worker was no faster here
(200 small DOCX in one process: 12.8 s vs 12.9 s) but needs ``python3-uno``, which
Debian's LibreOffice does not pull in and a venv cannot import.

Per file: inputs are staged as ``000007.docx`` (no name clashes); soffice's merged output
names each file it loaded (``convert <src> -> ...``) or says it could not load one, so
each line settles a file; if it prints nothing for ``timeout`` s (or crashes), the file in
hand fails and the untried rest is queued again, so one hung file costs one timeout while
the other workers keep converting. Two processes in a row that print nothing at all for a
timeout mean LibreOffice itself does not work: the files left fail at once, so a broken
install costs about one timeout, not one per file. PDFs land by temp name + ``os.replace``.

A fresh LibreOffice profile costs about half a second on its first start; the first profile
a worker makes is kept in the user's cache (`profile_seed`, one per LibreOffice install) and
copied into the workers' profiles of later batches.

Every soffice runs in its own session and is killed with it; the temp folder is watched by
`spdocs.processes`' janitor, which kills what still uses it and removes it should this
process be killed outright.

LibreOffice writes the clock time as /CreationDate (ignoring ``SOURCE_DATE_EPOCH`` and the
DOCX's ``dcterms:created``) and an /ID made from it; the rest is byte-identical between
runs. :func:`spdocs.pdf.assemble` drops both.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from spdocs.errors import ConversionError
from spdocs.processes import watching

__all__ = ["MAX_CHUNK", "PDF_A_OPTIONS", "Converter", "docx_to_pdf", "find_soffice"]

Progress = Callable[[Path, ConversionError | None], None]
_Job = tuple[int, Path, Path]  # (index in the batch, docx, pdf)
_Emit = Callable[[tuple[int, ConversionError | None]], None]

#: Most files one soffice process converts before it is restarted (bounds its memory).
MAX_CHUNK = 100
#: Seconds soffice may go without converting a file before it counts as hung (``--pdf-timeout``).
TIMEOUT = 60.0

_KNOWN_PLACES = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_FLAGS = ["--headless", "--invisible", "--nologo", "--norestore", "--nodefault"]
# Without --infilter LibreOffice imports a corrupt DOCX as plain text and "converts" it.
_FLAGS += ["--infilter=MS Word 2007 XML"]
#: LibreOffice's PDF export options for archival output: PDF/A-2b, tagged. LibreOffice 7.4
#: and later read filter options given as JSON after the filter's name.
PDF_A_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
}
_CONVERTED = re.compile(r"^convert .*?(\d{6})\.docx -> ")


def _windows_places() -> list[str]:
    """Return where LibreOffice's Windows installer puts ``soffice.exe`` (64- and 32-bit)."""
    roots = [os.environ.get(v, "") for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    return [os.path.join(r, "LibreOffice", "program", "soffice.exe") for r in roots if r]


def find_soffice() -> str:
    """Return the path of LibreOffice's ``soffice``; raise ConversionError if absent.

    Looked for in order: ``SPDOCS_SOFFICE``, the PATH, then where the Linux, macOS and
    Windows installers put it.
    """
    candidates = [os.environ.get("SPDOCS_SOFFICE", "")]
    candidates += [shutil.which(name) or "" for name in ("soffice", "libreoffice")]
    for candidate in [*candidates, *_KNOWN_PLACES, *_windows_places()]:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise ConversionError(
        "LibreOffice (soffice) not found; install it (https://www.libreoffice.org/download/ on "
        "Windows and macOS; Debian: apt-get install --no-install-recommends libreoffice-writer-nogui "
        "fonts-liberation2) or set SPDOCS_SOFFICE to its path"
    )


class Converter:
    """Converts batches of DOCX files to PDF with a few LibreOffice workers.

    :param jobs: parallel soffice processes; 0 means ``min(2, cpu count)``.
    :param timeout: seconds soffice may go without finishing a file before it is killed
        and the file fails.
    :param pdf_a: write PDF/A-2b, tagged (`PDF_A_OPTIONS`), instead of plain PDF.
    """

    def __init__(self, *, jobs: int = 0, timeout: float = TIMEOUT, pdf_a: bool = False) -> None:
        if jobs < 0:
            raise ValueError(f"jobs must be >= 0, got {jobs}")
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {timeout}")
        self.jobs = jobs or min(2, os.cpu_count() or 1)
        self.timeout = timeout
        self._target = "pdf:writer_pdf_Export:" + json.dumps(PDF_A_OPTIONS, separators=(",", ":")) if pdf_a else "pdf"
        self._soffice = ""
        self._tmp: Path | None = None
        self._procs: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()
        self._silent = 0  # soffice processes in a row that printed nothing before a timeout
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Converter:
        self._soffice = find_soffice()
        self._tmp = self._stack.enter_context(watching(Path(tempfile.mkdtemp(prefix="spdocs-soffice-"))))
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._kill_all()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        self._stack.close()

    def convert(self, pairs: list[tuple[Path, Path]], *, progress: Progress | None = None) -> list[ConversionError]:
        """Convert each ``(docx, pdf)`` pair; return the failures in input order, [] if none.

        :param progress: called in the caller's thread after each file, with the error
            for that file or None.
        """
        if (tmp := self._tmp) is None:
            raise RuntimeError("Converter must be used as a context manager")
        files = [(Path(src), Path(dst)) for src, dst in pairs]
        self._silent = 0
        results: queue.Queue[tuple[int, ConversionError | None]] = queue.Queue()
        todo: queue.Queue[list[int] | None] = queue.Queue()
        present = [i for i, (src, _) in enumerate(files) if src.is_file()]
        for i in sorted(set(range(len(files))) - set(present)):
            results.put((i, ConversionError("no such file", path=files[i][0])))
        size = max(1, min(MAX_CHUNK, math.ceil(len(present) / self.jobs)))
        for start in range(0, len(present), size):
            todo.put(present[start : start + size])
        stop = threading.Event()

        seed = profile_seed(self._soffice)

        def work(profile: Path) -> None:
            keep = not _copy_profile(seed, profile)  # a profile made here is kept once a chunk went well
            failed: list[int] = []

            def emit(result: tuple[int, ConversionError | None]) -> None:
                if result[1] is not None:
                    failed.append(result[0])
                results.put(result)

            while (chunk := todo.get()) is not None:
                if not stop.is_set():
                    failed.clear()
                    rest = self._run_chunk(profile, [(i, *files[i]) for i in chunk], emit)
                    if keep and not rest and not failed:
                        keep = False
                        _keep_profile(profile, seed)
                    if rest and not stop.is_set():
                        todo.put(rest)  # files a killed soffice never reached

        workers = [
            threading.Thread(target=work, args=(tmp / f"profile-{n}",), daemon=True)
            for n in range(min(self.jobs, todo.qsize()))
        ]
        for worker in workers:
            worker.start()
        failures: dict[int, ConversionError] = {}
        try:
            for _ in files:
                i, error = results.get()
                if error is not None:
                    failures[i] = error
                if progress is not None:
                    progress(files[i][0], error)
        except BaseException:
            stop.set()  # Ctrl-C or a failing progress callback: stop converting now
            self._kill_all()
            raise
        finally:
            for _ in workers:
                todo.put(None)
            for worker in workers if not stop.is_set() else ():
                worker.join()  # (after an abort they wind down alone: a 2nd Ctrl-C may come)
        return [failures[i] for i in sorted(failures)]

    def _run_chunk(self, profile: Path, chunk: list[_Job], emit: _Emit) -> list[int]:
        """Convert ``chunk`` with one soffice process; return the indexes left untried."""
        run = _ChunkRun(chunk, Path(tempfile.mkdtemp(dir=self._tmp)), emit)
        if self._silent >= 2:  # LibreOffice does not start (or hangs at once) here: do not wait again
            for k in range(len(chunk)):
                run.finish(k, f"LibreOffice does not respond ({self._soffice} printed nothing for {self.timeout:g} s)")
            shutil.rmtree(run.outdir.parent, ignore_errors=True)
            return []
        try:
            run.indir.mkdir()
            run.outdir.mkdir()
            staged = [run.indir / f"{k:06d}.docx" for k in range(len(chunk))]
            for (_, src, _), copy in zip(chunk, staged, strict=True):
                shutil.copyfile(src, copy)
            profile_arg = f"-env:UserInstallation={profile.as_uri()}"
            command = [self._soffice, profile_arg, *_FLAGS, "--convert-to", self._target, "--outdir", str(run.outdir)]
            proc = subprocess.Popen(
                [*command, *staged],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so a kill reaches soffice.bin, not only its wrapper
            )
            with self._lock:
                self._procs.add(proc)
            lines: queue.Queue[str | None] = queue.Queue()
            reader = threading.Thread(target=_pump, args=(proc, lines), daemon=True)
            reader.start()
            try:
                rest = run.follow(proc, lines, self.timeout)
                with self._lock:
                    self._silent = self._silent + 1 if run.silent else 0
                return rest
            finally:
                _kill(proc)
                reader.join(timeout=10)  # it closes the pipe at EOF, which the kill brings
                with self._lock:
                    self._procs.discard(proc)
        except Exception as exc:  # an OS error (or a bug) must fail files, not hang convert()
            for k in range(len(chunk)):
                run.finish(k, f"conversion failed: {exc!r}")
            return []
        finally:
            shutil.rmtree(run.outdir.parent, ignore_errors=True)

    def _kill_all(self) -> None:
        with self._lock:
            procs = list(self._procs)
        for proc in procs:
            _kill(proc, wait=False)  # no waiting, so a 2nd Ctrl-C cannot stop the killing


class _ChunkRun:
    """Turns one soffice process's output lines into a result per file of its chunk."""

    def __init__(self, chunk: list[_Job], work: Path, emit: _Emit) -> None:
        self.chunk, self.emit = chunk, emit
        self.indir, self.outdir = work / "in", work / "out"
        self.notes: dict[int, str] = {}  # soffice's other error line for a file
        self.finished: set[int] = set()
        self.silent = False  # timed out without soffice printing a single line

    def follow(self, proc: subprocess.Popen[bytes], lines: queue.Queue[str | None], timeout: float) -> list[int]:
        """Read soffice's output until it exits or stalls; return the indexes left untried."""
        nxt, current = 0, None  # the next file soffice has not named; the file being stored
        said = False
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                _kill(proc)
                reason = f"timed out: LibreOffice made no progress for {timeout:g} s (hung)"
                self.silent = not said
                break
            said = said or line is not None
            if line is None:
                if (rc := proc.wait()) == 0:
                    for k in range(len(self.chunk)):
                        self.finish(k)
                    return []
                reason = f"LibreOffice exited with code {rc}"
                break
            if match := _CONVERTED.match(line):
                current = int(match.group(1))
                nxt = current + 1
            elif line.startswith("Error: source file could not be loaded"):
                self.finish(nxt, "LibreOffice could not load it (not a valid DOCX?)")
                current, nxt = None, nxt + 1
            elif line.startswith("Error"):  # e.g. a failed store, after its "convert" line
                self.notes[nxt if current is None else current] = line.strip()
            for k in range(nxt if current is None else current):
                self.finish(k)  # soffice has moved past these
        # Killed or crashed: the file in hand fails, the untried rest is queued again.
        culprit = nxt
        if current is not None and not _complete_pdf(self._out(current)):
            culprit = current
        for k in range(culprit):
            self.finish(k)
        self.finish(culprit, reason)
        return [i for i, _, _ in self.chunk[culprit + 1 :]]

    def finish(self, k: int, reason: str | None = None) -> None:
        """Publish file ``k``'s PDF or report why there is none (once per file)."""
        if k in self.finished or k >= len(self.chunk):
            return
        self.finished.add(k)
        i, src, dst = self.chunk[k]
        if reason is None and not _complete_pdf(self._out(k)):
            reason = "LibreOffice produced no PDF"
        if reason is None:
            try:
                _publish(self._out(k), dst)
                return self.emit((i, None))
            except OSError as exc:
                reason = f"cannot write {dst}: {exc}"
        note = f" ({self.notes[k]})" if k in self.notes else ""
        self.emit((i, ConversionError(reason + note, path=src)))

    def _out(self, k: int) -> Path:
        return self.outdir / f"{k:06d}.pdf"


def profile_seed(soffice: str) -> Path | None:
    """Return where a ready profile of this LibreOffice is kept between batches (None: no cache folder).

    The name holds the install's path and date, so an upgrade starts from a fresh profile.
    """
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    try:
        real = os.path.realpath(soffice)
        stamp = os.stat(real).st_mtime_ns
    except OSError:
        return None
    key = hashlib.sha256(f"{real}\0{stamp}".encode()).hexdigest()[:16]
    return Path(cache) / "spdocs" / f"libreoffice-profile-{key}"


def _copy_profile(seed: Path | None, profile: Path) -> bool:
    """Start ``profile`` as a copy of ``seed``; return whether there was one to copy."""
    if seed is None or profile.exists() or not (seed / "user").is_dir():
        return False
    try:
        shutil.copytree(seed, profile)
        return True
    except OSError:  # a cache being replaced, or unreadable: start fresh
        shutil.rmtree(profile, ignore_errors=True)
        return False


def _keep_profile(profile: Path, seed: Path | None) -> None:
    """Keep a profile LibreOffice has just made and used (its ``user`` folder) as ``seed``, unless one is there."""
    if seed is None or seed.exists() or not (profile / "user").is_dir():
        return  # (a stand-in soffice in the tests makes no profile: nothing to keep)
    tmp = seed.with_name(f"{seed.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        seed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(profile, tmp, ignore=shutil.ignore_patterns(".lock"))
        os.rename(tmp, seed)  # whole or not at all; another batch may have been first
    except OSError:
        pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def docx_to_pdf(docx: bytes, *, pdf_a: bool = False) -> bytes:
    """Return the PDF (PDF/A-2b if ``pdf_a``) of one DOCX document (starts LibreOffice: for tests and one-offs)."""
    with tempfile.TemporaryDirectory(prefix="spdocs-") as tmp, Converter(jobs=1, pdf_a=pdf_a) as converter:
        src, dst = Path(tmp) / "document.docx", Path(tmp) / "document.pdf"
        src.write_bytes(docx)
        if failures := converter.convert([(src, dst)]):
            raise failures[0]
        return dst.read_bytes()


def _pump(proc: subprocess.Popen[bytes], lines: queue.Queue[str | None]) -> None:
    """Forward soffice's output lines to ``lines``; None marks the end."""
    assert proc.stdout is not None
    with proc.stdout:
        for raw in proc.stdout:
            lines.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
    lines.put(None)


def _kill(proc: subprocess.Popen[bytes], *, wait: bool = True) -> None:
    """Kill soffice and its children (its session, on POSIX); reap it if ``wait``."""
    with contextlib.suppress(ProcessLookupError):
        if proc.poll() is None and hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        elif proc.poll() is None:
            proc.kill()
    if wait:
        proc.wait()


def _complete_pdf(path: Path) -> bool:
    """Return whether ``path`` holds a whole PDF (not one cut short by a crash)."""
    data = path.read_bytes() if path.is_file() else b""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def _publish(pdf: Path, dst: Path) -> None:
    """Move ``pdf`` to ``dst`` atomically: readers see the old file or the whole new one."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        shutil.move(pdf, tmp)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
