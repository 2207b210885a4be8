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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, _reason(exc, path.parent)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~umask())
            fh.write(data)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(path, exc.strerror or str(exc)) from exc
        raise


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
