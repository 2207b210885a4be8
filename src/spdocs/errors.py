"""The one error tree of spdocs.

::

    SpdocsError
     +-- InputError              a data, actuals or options file is unusable (.path, .problems)
     +-- TemplateMissingError    no template for a kind and language (also a LookupError)
     +-- RenderError             a template failed to render (.template, .lang)
     +-- ConversionError         LibreOffice could not turn a DOCX into a PDF (.path)
     +-- AssemblyError           PDFs could not be combined into a packet
     +-- OutputError             an output file or folder cannot be written (.path; also an OSError)
     +-- OptionError             an option names no kind, language or period there is (also a ValueError)

Every error carries the offending value as an attribute and names it in its message.
Only ``spdocs.cli`` turns these into exit codes, in one place (``EXIT_CODES``): input,
output and option errors are 2 (nothing could be done as asked), the others 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spdocs.languages import Lang


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where it is and what was expected."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class SpdocsError(Exception):
    """Base of every error spdocs raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors travel back from worker processes pickled; rebuild them from their state,
        # since subclasses' __init__ take other arguments than the message in ``args``.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[SpdocsError], args: tuple[Any, ...], state: dict[str, Any]) -> SpdocsError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class InputError(SpdocsError):
    """An input file cannot be used; ``problems`` lists every mistake found in it."""

    def __init__(self, path: str | Path, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def field(self) -> str:
        """The field of the first problem (the most common case is a single one)."""
        return self.problems[0].field if self.problems else ""


class TemplateMissingError(SpdocsError, LookupError):
    """No template file exists for a document kind in a language."""

    def __init__(self, kind: str, lang: str, searched: list[Path]) -> None:
        self.kind, self.lang, self.searched = kind, lang, searched
        where = ", ".join(str(p) for p in searched)
        super().__init__(f"no {lang} template for '{kind}' (looked in {where})")


class RenderError(SpdocsError):
    """A template could not be rendered with the given data."""

    def __init__(self, message: str, *, template: str, lang: str) -> None:
        self.template, self.lang = template, lang
        super().__init__(f"{template} [{lang}]: {message}" if lang else f"{template}: {message}")


class MissingTextError(RenderError, LookupError):
    """A document is made in a language one of its texts is not given in."""

    def __init__(self, message: str) -> None:
        super().__init__(message, template="text", lang="")


class ConversionError(SpdocsError):
    """LibreOffice did not produce a PDF for a document."""

    def __init__(self, message: str, *, path: str | Path | None = None) -> None:
        self.path = None if path is None else str(path)
        super().__init__(f"{path}: {message}" if path else message)


class AssemblyError(SpdocsError):
    """PDF parts could not be combined."""


class OutputError(SpdocsError, OSError):
    """An output file or folder cannot be written: no permission, a full disk, a file in the way."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path, self.reason = str(path), reason
        super().__init__(f"cannot write {path}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])

    @classmethod
    def from_os(cls, path: str | Path, exc: OSError) -> OutputError:
        """Return the error for an `OSError` met writing ``path``: its reason in words, no errno."""
        if isinstance(exc, OutputError):  # already said what could not be written, and why
            return exc
        return cls(exc.filename or path, exc.strerror or str(exc))


class OptionError(SpdocsError, ValueError):
    """An option or argument names no kind, language, period or format there is.

    The message is ``cli.option.<key>`` of the catalogue (`spdocs.messages`), said in the user's
    language by the command line (`text`); ``str()`` is the English one, for API callers.
    """

    def __init__(self, key: str, /, **args: Any) -> None:
        from spdocs.messages import Message

        self.message = Message(f"cli.option.{key}", args)
        super().__init__(self.message.text("en"))

    def text(self, lang: Lang) -> str:
        """Return the message in ``lang``."""
        return self.message.text(lang)
