"""The workspace: a folder of data files that the web app reads and writes, safely.

A partnership's id in the app is its file's name without the suffix (``taraz-mendeleev`` for
``taraz-mendeleev.yaml``); only files directly in the folder count, so the CLI, git and the
browser all work on the same files. No name from a request reaches the file system unchecked:
an id must match `ID` and its file must resolve to a file inside the folder.

Versions are ETags (a hash of the file's bytes). A save names the version it was made from;
if the file changed on disk since, nothing is written (`Conflict`). Writes are atomic (temp
file + rename) and serialized per file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from spdocs.errors import InputError
from spdocs.languages import Lang
from spdocs.loader import SUFFIXES, load_with_lines, parse
from spdocs.messages import data_say
from spdocs.web import roundtrip
from spdocs.web.errors import ApiError
from spdocs.write import write_atomic

#: An id in a request: a file name stem, no separators, no leading dot.
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
#: The id of a new partnership, as the data model spells ids (it becomes the file's name too).
NEW_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def etag_of(data: bytes) -> str:
    """Return the strong ETag of a file's bytes."""
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


@dataclass(frozen=True)
class Entry:
    """A data file's summary for the partnerships list."""

    id: str
    file: str
    data_id: str | None
    regime: str | None
    model: str | None
    parties: list[dict[str, str]]  # each party's short name (or name): lang -> text
    errors: int
    warnings: int
    info: int
    problem: str | None  # why the file does not load, if it does not
    modified: str  # ISO time of the last change on disk
    etag: str

    def as_json(self) -> dict[str, Any]:
        """Return the entry as the API lists it."""
        return dict(self.__dict__)


class Workspace:
    """The data files of one folder, with versioned, atomic, conflict-checked writes."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        if not self.root.is_dir():
            raise ApiError(404, "no_workspace", path=str(root))
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._summaries: dict[tuple[str, Lang], tuple[tuple[int, int], Entry]] = {}

    def ids(self) -> list[str]:
        """Return the ids of the data files in the folder, sorted."""
        found: dict[str, Path] = {}
        for path in sorted(self.root.iterdir()):
            if path.suffix in SUFFIXES and path.is_file() and ID.match(path.stem):
                found.setdefault(path.stem, path)
        return sorted(found)

    def path(self, id_: str) -> Path:
        """Return the file of partnership ``id_``; `ApiError` 400 for a bad id, 404 if absent."""
        if not ID.match(id_):
            raise ApiError(400, "bad_id", id=id_[:100])
        for suffix in SUFFIXES:
            path = self.root / f"{id_}{suffix}"
            if path.is_file():
                if path.resolve().parent != self.root:  # a symlink out of the workspace
                    raise ApiError(404, "not_found", id=id_)
                return path
        raise ApiError(404, "not_found", id=id_)

    def read(self, id_: str) -> tuple[Path, bytes, str]:
        """Return the file, its bytes and its ETag."""
        path = self.path(id_)
        data = path.read_bytes()
        return path, data, etag_of(data)

    def data(self, id_: str, lang: Lang = "en") -> tuple[Path, Any, str]:
        """Return the file, its data as JSON-ready values and its ETag; problems in ``lang``."""
        path, raw, etag = self.read(id_)
        text = _text(path, raw, lang)
        try:
            data = roundtrip.plain(text, json_syntax=path.suffix == ".json")
        except (ValueError, yaml.YAMLError):
            try:  # the loader's own message, with the line
                parse(text, name=path.name, json_syntax=path.suffix == ".json", lang=lang)
                problems = [f"{path.name}: cannot be read"]
            except InputError as exc:
                problems = [str(p) for p in exc.problems]
            raise ApiError(422, "unreadable", problems=problems) from None
        if not isinstance(data, dict):
            raise ApiError(422, "unreadable", problems=[f"{path.name}:1: {data_say('data.not_mapping', lang)}"])
        return path, data, etag

    def save(self, id_: str, data: Mapping[str, Any], *, if_match: str, schema: Mapping[str, Any]) -> str:
        """Write ``data`` into partnership ``id_``'s file, keeping its comments; return the new ETag.

        Raises `ApiError` 412 when the file is no longer the version ``if_match`` names.
        """
        with self._lock(id_):
            path, raw, etag = self.read(id_)
            if if_match.strip() not in (etag, "*"):
                raise ApiError(412, "conflict", etag=etag)
            text = _text(path, raw)
            try:
                new = roundtrip.update(text, data, json_syntax=path.suffix == ".json", schema=schema)
            except Exception as exc:  # ruamel's errors share no base; the file on disk is the cause
                raise ApiError(422, "unreadable", problems=[f"{path.name}: {exc}"]) from None
            encoded = new.encode("utf-8")
            if encoded != raw:
                write_atomic(path, encoded)
            return etag_of(encoded)

    def create(self, id_: str, content: bytes, *, suffix: str = ".yaml") -> tuple[Path, str]:
        """Write a new data file for ``id_``; `ApiError` 409 if the id is taken. Return it and its ETag."""
        if not NEW_ID.match(id_):
            raise ApiError(400, "bad_new_id", id=id_[:100])
        if suffix not in SUFFIXES:
            raise ApiError(400, "bad_suffix", suffix=suffix[:20])
        with self._lock(id_):
            if any((self.root / f"{id_}{s}").exists() for s in SUFFIXES):
                raise ApiError(409, "exists", id=id_)
            path = self.root / f"{id_}{suffix}"
            write_atomic(path, content)
            return path, etag_of(content)

    def summary(self, id_: str, lang: Lang = "en") -> Entry:
        """Return the list entry of ``id_``: parties, regime, model and finding counts, its first
        problem in ``lang`` if it does not load (cached per version and language)."""
        from spdocs.checks import check

        path = self.path(id_)
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._summaries.get((id_, lang))
        if cached and cached[0] == key:
            return cached[1]
        raw = path.read_bytes()
        modified = dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.timezone.utc).isoformat(timespec="seconds")
        fields = _loose_fields(raw, path)
        try:
            partnership, lines = load_with_lines(path, lang=lang)
            findings = check(partnership, lines=lines, path=path.name)
            counts = [sum(f.severity == s for f in findings) for s in ("error", "warning", "info")]
            problem = None
        except InputError as exc:
            counts = [len(exc.problems), 0, 0]
            problem = str(exc.problems[0]) if exc.problems else "?"
        entry = Entry(
            id=id_,
            file=path.name,
            errors=counts[0],
            warnings=counts[1],
            info=counts[2],
            modified=modified,
            etag=etag_of(raw),
            problem=problem,
            **fields,
        )
        self._summaries[id_, lang] = (key, entry)
        return entry

    def _lock(self, id_: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(id_, threading.Lock())


def _text(path: Path, raw: bytes, lang: Lang = "en") -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(422, "unreadable", problems=[f"{path.name}: {data_say('data.not_utf8', lang)}"]) from None


def _loose_fields(raw: bytes, path: Path) -> dict[str, Any]:
    """Return what the list shows of a file, valid or not: its id, regime, model and parties' names."""
    out: dict[str, Any] = {"data_id": None, "regime": None, "model": None, "parties": []}
    try:
        data = roundtrip.plain(raw.decode("utf-8-sig"), json_syntax=path.suffix == ".json")
    except Exception:  # unparsable: the list shows the problem instead
        return out
    if not isinstance(data, dict):
        return out
    for field, key in (("data_id", "id"), ("regime", "regime"), ("model", "model")):
        out[field] = data.get(key) if isinstance(data.get(key), str) else None
    parties = data.get("parties")
    # Parties as a mapping of sides (kazakhstani, foreign, others) or as a list; others may be lists too.
    items = list(parties.values()) if isinstance(parties, dict) else parties if isinstance(parties, list) else []
    for item in items:
        for party in item if isinstance(item, list) else [item]:
            name = party.get("short_name") or party.get("name") if isinstance(party, dict) else None
            if isinstance(name, dict):
                out["parties"].append({str(k): str(v) for k, v in name.items() if v})
    return out
