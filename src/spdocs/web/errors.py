"""The web app's one error: an HTTP status, a message code and its values.

`ApiError` is a `spdocs.SpdocsError`; the app turns it into ``{"error": code, "message":
..., ...values}`` with the message in the language the request asks for (``messages.yaml``).
"""

from __future__ import annotations

from typing import Any

from spdocs.errors import SpdocsError


class ApiError(SpdocsError):
    """A request that cannot be served: ``status`` (HTTP), ``code`` (a message id) and ``values``."""

    def __init__(self, status: int, code: str, **values: Any) -> None:
        self.status, self.code, self.values = status, code, values
        super().__init__(f"{status} {code}: {values}" if values else f"{status} {code}")
