"""The progress of a long batch on a terminal: a bar with the count, the rate and the time left;
where the output is not a terminal (a log, CI), a plain line per step. In the user's language.

`Display` is the batch's progress callback (``progress=`` of `spdocs.produce.produce` and
`spdocs.render`): it takes the lines the batch emits. A `Step` is such a line that also says
what it counts; a plain ``"[3/8] …"`` line is shown as it is.
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from spdocs.errors import InputError
from spdocs.formatting import format_number
from spdocs.messages import say
from spdocs.model import Lang, Partnership

_COUNTED = re.compile(r"^\[(\d+)/(\d+)\]\s*(.*)$")
_BAR = 20
_WORTH_SAYING = 5  # seconds: a shorter wait is not worth a note


class Step(str):
    """A line of progress, e.g. ``[3/8] taraz-mendeleev: 9 documents``, with what it counts.

    ``stage`` is ``"load"``, ``"render"`` or ``"pdf"``; ``status`` is ``"ok"``, ``"failed"`` or
    ``"blocked"`` (error findings stopped a partnership); ``documents`` is the number written;
    ``detail`` the error of a failed PDF; ``skipped`` the kinds a partnership does not get,
    each as ``(reason, its message's values)`` (`spdocs.documents.Skip`).
    """

    stage: str
    done: int
    total: int
    name: str
    status: str
    documents: int
    detail: str
    skipped: tuple[tuple[str, dict[str, str]], ...]
    kept: int

    def __new__(
        cls,
        text: str,
        *,
        stage: str,
        done: int,
        total: int,
        name: str,
        status: str = "ok",
        documents: int = 0,
        detail: str = "",
        skipped: tuple[tuple[str, dict[str, str]], ...] = (),
        kept: int = 0,
    ) -> Step:
        step = super().__new__(cls, text)
        step.stage, step.done, step.total, step.name = stage, done, total, name
        step.status, step.documents, step.detail, step.skipped = status, documents, detail, skipped
        step.kept = kept
        return step


def describe(step: Step, lang: Lang) -> str:
    """Return a step as a plain line in ``lang``: ``[3/8] taraz-mendeleev: 9 құжат``."""
    key = f"progress.{step.stage}.{step.status}"
    line = say(key, lang, done=step.done, total=step.total, name=step.name, count=step.documents, detail=step.detail)
    notes = [say(f"progress.skip.{reason}", lang, **args) for reason, args in step.skipped]
    notes += [say("progress.kept", lang, n=step.kept)] if step.kept else []
    return "; ".join([line, *notes])


class Display:
    """A progress callback that draws on ``stream``: a bar on a terminal, a line per step otherwise."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        lang: Lang,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.lang = lang
        self.tty = self.stream.isatty() if tty is None else tty
        self.clock = clock
        self._stage: str | None = None
        self._started = self._last = clock()
        self._open = False  # a bar is drawn on the current line

    def __call__(self, line: str) -> None:
        """Show one step of the batch."""
        if isinstance(line, Step):
            stage, done, total, text = line.stage, line.done, line.total, describe(line, self.lang)
            name = line.name
        else:
            counted = _COUNTED.match(line)
            if counted is None:
                self.echo(line)
                return
            done, total, name = int(counted[1]), int(counted[2]), counted[3]
            stage, text = ("pdf" if name.startswith("PDF ") else "render"), line
        if stage != self._stage:
            # A new stage starts when the last one ends (the first, when the display is made).
            self.close()
            if self._stage is not None:
                self._started = self._last
            self._stage = stage
        self._last = self.clock()
        left = self._left(done, total)
        if not self.tty:
            suffix = say("progress.left", self.lang, time=left) if left and done < total else ""
            self.stream.write(f"{text}{suffix}\n")
        else:
            self._draw(stage, done, total, name, left, failed=isinstance(line, Step) and line.status != "ok", text=text)
            if done >= total:
                self.close()
        self.stream.flush()

    def echo(self, text: str) -> None:
        """Print a line of text, below the bar if one is drawn."""
        self.close()
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line (call when the batch is over, or before printing anything else)."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False

    def __enter__(self) -> Display:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rate(self, done: int) -> float:
        """Return the steps per second of the current stage so far."""
        elapsed = self.clock() - self._started
        return done / elapsed if elapsed > 0 else 0.0

    def _left(self, done: int, total: int) -> str:
        """Return the time left as ``m:ss``; "" while unknown or under `_WORTH_SAYING` seconds."""
        rate = self.rate(done)
        if done < 2 or rate <= 0 or (total - done) / rate < _WORTH_SAYING:
            return ""
        return clock_time((total - done) / rate)

    def _draw(self, stage: str, done: int, total: int, name: str, left: str, *, failed: bool, text: str) -> None:
        if failed:
            # A failure is worth a line of its own in the terminal's history.
            self.close()
            self.stream.write(text + "\n")
        filled = _BAR * done // max(total, 1)
        bar = "█" * filled + "░" * (_BAR - filled)
        rate = format_number(Decimal(f"{self.rate(done):.1f}"), lang=self.lang)
        parts = [
            say(f"progress.stage.{stage}", self.lang),
            bar,
            f"{done}/{total}",
            say("progress.rate", self.lang, rate=rate),
        ]
        if left and done < total:
            parts.append(say("progress.left_short", self.lang, time=left))
        line = "  ".join(parts) + "  " + name
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r\x1b[K" + line[:width])
        self._open = True


def clock_time(seconds: float) -> str:
    """Return a duration as ``m:ss`` or ``h:mm:ss``.

    >>> clock_time(87.4), clock_time(3725)
    ('1:27', '1:02:05')
    """
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def load_all(
    files: Sequence[Path], progress: Callable[[str], None] | None = None, *, lang: Lang = "en"
) -> tuple[list[tuple[Path, Partnership]], list[tuple[Path, InputError]]]:
    """Return the data files that load, with their partnerships, and those that do not, with their
    errors (in ``lang``).

    ``progress`` gets a `Step` (stage ``load``) per file: loading hundreds takes a while.
    Two files with one partnership id are both failed (naming each other): their rows, sheets
    and documents would take each other's place.
    """
    from spdocs.loader import duplicate_ids, iter_load

    loaded: list[tuple[Path, Partnership]] = []
    failed: list[tuple[Path, InputError]] = []
    for n, (path, result) in enumerate(iter_load(files, lang=lang), start=1):
        if isinstance(result, InputError):
            failed.append((path, result))
        else:
            loaded.append((path, result))
        if progress is not None:
            status = "failed" if isinstance(result, InputError) else "ok"
            text = f"[{n}/{len(files)}] {path.name}"
            progress(Step(text, stage="load", done=n, total=len(files), name=path.name, status=status))
    twins = duplicate_ids(((path, p.id) for path, p in loaded), lang=lang)
    failed += [(path, twins[path]) for path, _ in loaded if path in twins]
    return [(path, p) for path, p in loaded if path not in twins], failed
