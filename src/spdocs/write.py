"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from spdocs.errors import OutputError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The file gets the permissions a plain ``open(path, "w")`` would (0666 less the umask), not
    the 0600 of a temporary file: colleagues on a shared drive must be able to open it.
    Raises `OutputError` (an OSError) when the folder or the file cannot be written.
    """
    write_set([(path, data)])


def write_set(files: list[tuple[Path, bytes]]) -> None:
    """Write several files all or none: each to a temporary file beside it first, then every
    rename — a full disk, an error or Ctrl-C while writing leaves the files that were there
    before as they were. Raises `OutputError` like `write_atomic`."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            target = staged[-1][1] if staged else files[0][0]
            raise OutputError(target, exc.strerror or str(exc)) from exc
        raise


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (with ``path``'s permissions); return it."""
    if path.is_dir():  # found before any rename: a set is not left half replaced
        raise OutputError(path, "a folder stands where the file should be")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, _reason(exc, path.parent)) from exc
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~umask())
            fh.write(data)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(path, exc.strerror or str(exc)) from exc
        raise
    return tmp


def writable_folder(folder: Path) -> None:
    """Create ``folder`` if needed and make sure files can be created in it; raise `OutputError` if not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".spdocs-probe-"):
            pass
    except OSError as exc:
        raise OutputError(folder, _reason(exc, folder)) from exc


def _reason(exc: OSError, folder: Path) -> str:
    """Return why ``folder`` cannot be used, naming a file that stands where a folder should."""
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        for place in (folder, *folder.parents):
            if place.exists():
                if not place.is_dir():
                    return f"{place} is a file, not a folder"
                break
    return exc.strerror or str(exc)


def umask() -> int:
    """Return the process's umask without changing it (Linux reads it from /proc; elsewhere a set-and-restore)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # not thread-safe, hence only where /proc is missing
    os.umask(mask)
    return mask
