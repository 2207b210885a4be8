"""The one Jinja environment per language that every template is compiled in, and its limits.

Templates may come from users (``--templates``), so rendering is bounded: Jinja's sandbox
(no attribute tricks, ``range`` up to 100,000), plus texts and lists of at most `MAX_TEXT`
items built by ``*``, ``%`` or padding, powers of bounded size, no ``include``/``import``/
``extends`` (a template is one Word file), at most `MAX_OUTPUT` characters per document
part and `CPU_SECONDS` of CPU per document. Render workers also get an address-space limit
(`limit_worker`), so that any other way to exhaust memory fails one partnership, not the
machine. Each limit surfaces as a `spdocs.errors.RenderError` of that document.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import signal
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from spdocs.languages import LANGS, Lang

#: Longest text or list a template may build with ``*``, ``%``, ``format`` or padding.
MAX_TEXT = 1_000_000
#: Largest document part (XML characters) a template may produce (the examples' are ~300,000).
MAX_OUTPUT = 50_000_000
#: CPU seconds one document may take to render (the examples take about 0.05 s).
CPU_SECONDS = 30.0
#: Address space of a render worker process (bytes).
WORKER_MEMORY = 4 * 2**30

_WIDE_FORMAT = re.compile(r"\{[^{}]*:[^{}]*?\d{7,}")  # "{:>9999999}"
_WIDE_PERCENT = re.compile(r"%[-+ #0]*(\d{7,}|\*|\.\d{7,})")  # "%9999999d", "%*d"
_PADDING = frozenset(("ljust", "rjust", "center", "zfill", "expandtabs"))


class RenderLimitError(Exception):
    """A template went past one of the limits above."""


class _NoIncludes(BaseLoader):
    """A loader that explains why a template cannot pull in another one."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        raise TemplateNotFound(
            template,
            f"a template cannot include, import or extend another one ('{template}'); copy the text into this template",
        )


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with the sizes of what a template builds kept in bounds."""

    intercepted_binops = frozenset(("*", "**", "%"))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_TEXT:
                    raise SecurityError(
                        f"the template builds a sequence of {len(seq) * n:,} items (at most {MAX_TEXT:,})"
                    )
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            if right * math.log2(abs(left)) > 4096:
                raise SecurityError(f"{left} ** {right} is too large a number for a document")
        elif operator == "%" and isinstance(left, str) and _WIDE_PERCENT.search(left):
            raise SecurityError("the template formats a value wider than a document can hold")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's parameter names
        if getattr(__obj, "__name__", "") in _PADDING and isinstance(getattr(__obj, "__self__", None), str):
            if any(isinstance(a, int) and a > MAX_TEXT for a in (*args, *kwargs.values())):
                raise SecurityError(f"the template pads a text to more than {MAX_TEXT:,} characters")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDE_FORMAT.search(value.__self__):
            raise SecurityError("the template formats a value wider than a document can hold")
        return wrapped


@functools.cache
def make_env(lang: Lang) -> SandboxedEnvironment:
    """Return the environment for ``lang``: sandboxed, autoescaping, strict about undefined names.

    Sandboxed because templates may come from users (``--templates``); autoescape so that
    ``&``, ``<`` and quotes in the data reach the DOCX XML as text; StrictUndefined so that
    a value the data lacks is an error, never a silent blank.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (expected {', '.join(LANGS)})")
    env = BoundedSandbox(autoescape=True, undefined=StrictUndefined, loader=_NoIncludes())
    del env.globals["lipsum"]  # lipsum(n=10**9): text out of nothing, and no use in a contract
    env.globals["lang"] = lang
    env.filters["upfirst"] = upfirst
    env.filters["strip_period"] = strip_period
    return env


def bounded(chunks: Iterable[str]) -> str:
    """Return the rendered ``chunks`` joined; raise RenderLimitError past `MAX_OUTPUT` characters."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise RenderLimitError(f"the document grows past {MAX_OUTPUT:,} characters")
        out.append(chunk)
    return "".join(out)


@contextlib.contextmanager
def cpu_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise RenderLimitError inside the block once it has used ``seconds`` (default `CPU_SECONDS`) of CPU.

    Only the main thread can take signals; elsewhere (a caller's thread) the block runs unbounded.
    """
    seconds = CPU_SECONDS if seconds is None else seconds
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise RenderLimitError(f"rendering took more than {seconds:g} s of CPU")

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def limit_worker(memory: int = WORKER_MEMORY) -> None:
    """Cap this (render worker) process's address space, so that a runaway render fails with MemoryError.

    Called as the pool's initializer; never in the caller's own process.
    """
    try:
        import resource
    except ImportError:  # Windows: no rlimits
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    if soft == resource.RLIM_INFINITY or soft > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def strip_period(text: str) -> str:
    """Return ``text`` without its closing period, so that a template can go on with «;» or «,».

    >>> strip_period("на основе опыта Партнера.")
    'на основе опыта Партнера'
    """
    return text.rstrip().rstrip(".")


def upfirst(text: str) -> str:
    """Return ``text`` with its first letter capitalized and the rest untouched.

    Positions are stored as they read mid-sentence («проректор по …»); a signature block
    starts with them. Jinja's ``capitalize`` would lowercase the rest («– ректор»).

    >>> upfirst("председатель Правления – Ректор")
    'Председатель Правления – Ректор'
    """
    return text[:1].upper() + text[1:]
