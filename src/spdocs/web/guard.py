"""What every request passes before the app sees it: host, token, cross-site and size checks.

- **Host.** Listening on a loopback address, only ``Host: 127.0.0.1 / localhost / [::1]`` is
  served, so a web page elsewhere cannot reach the app through a name it points at 127.0.0.1
  (DNS rebinding).
- **Token.** When one is set (always, for any other address), every request carries it:
  ``Authorization: Bearer T``, ``X-Spdocs-Token: T``, or the cookie the page gets when it is
  first opened as ``/?token=T`` (then redirected to a URL without it).
- **Cross-site requests.** A request that changes something (POST, PUT, PATCH, DELETE) must
  carry ``X-Spdocs-Request`` or ``Authorization`` — headers a page of another site cannot send
  without a CORS preflight the app never grants — and, when the browser names it, come from
  the app's own origin.
- **Size.** A body over the limit is refused with 413, whether or not it declares its length.
- **Headers.** Every response forbids framing by other sites, MIME sniffing and any script,
  style or font not served by the app itself (Content-Security-Policy).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
#: Renders an error body: (scope, status, code) -> JSON bytes in the request's language.
ErrorBody = Callable[[Scope, int, str], bytes]

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; frame-src 'self' blob:; object-src 'self' blob:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class _TooLarge(Exception):
    pass


class Guard:
    """ASGI middleware applying the checks above around ``app``.

    :param token: the secret every request must carry, or None (loopback only).
    :param loopback: whether the server listens on a loopback address (Host is then checked).
    :param limits: body size limits: ``(default, uploads)`` in bytes; uploads are multipart bodies.
    """

    def __init__(
        self, app: ASGIApp, *, token: str | None, loopback: bool, limits: tuple[int, int], error: ErrorBody
    ) -> None:
        self.app, self.token, self.loopback, self.limits, self.error = app, token, loopback, limits, error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"]
        if self.loopback and _hostname(headers.get("host", "")) not in LOOPBACK:
            return await self._refuse(scope, send, 400, "bad_host")
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if method == "GET" and "token" in query and self._valid(query["token"]):
                return await self._enter(scope, send, query)
            if not self._valid(_presented(headers, self._cookie(scope))):
                return await self._refuse(scope, send, 401, "token_required")
        if method not in SAFE_METHODS and not _same_site(headers):
            return await self._refuse(scope, send, 403, "cross_site")
        multipart = headers.get("content-type", "").startswith("multipart/")
        limit = self.limits[1] if multipart else self.limits[0]
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return await self._refuse(scope, send, 413, "too_large")
        started = False
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise _TooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await self._refuse(scope, send, 413, "too_large")

    def _valid(self, presented: str | None) -> bool:
        assert self.token is not None
        return presented is not None and hmac.compare_digest(presented.encode(), self.token.encode())

    def _cookie(self, scope: Scope) -> str:
        port = (scope.get("server") or ("", 0))[1]
        return f"spdocs_token_{port}"

    async def _enter(self, scope: Scope, send: Send, query: dict[str, str]) -> None:
        """Answer ``/?token=T``: set the token cookie and redirect to the same URL without it."""
        query.pop("token")
        location = scope["path"] + (f"?{urlencode(query)}" if query else "")
        cookie = f"{self._cookie(scope)}={self.token}; HttpOnly; SameSite=Strict; Path=/"
        headers = [(b"location", location.encode()), (b"set-cookie", cookie.encode()), *HEADERS]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def _refuse(self, scope: Scope, send: Send, status: int, code: str) -> None:
        body = self.error(scope, status, code)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *HEADERS]
        if status == 401:
            headers.append((b"www-authenticate", b'Bearer realm="spdocs"'))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _hostname(host: str) -> str:
    """Return the host of a Host header without its port: ``[::1]:8000`` → ``[::1]``."""
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _presented(headers: dict[str, str], cookie_name: str) -> str | None:
    """Return the token a request carries (header or cookie), or None."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    if "x-spdocs-token" in headers:
        return headers["x-spdocs-token"]
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header carries no token
        return None
    return jar[cookie_name].value if cookie_name in jar else None


def _same_site(headers: dict[str, str]) -> bool:
    """Return whether a state-changing request provably comes from the app's page or a program."""
    if "x-spdocs-request" not in headers and "authorization" not in headers:
        return False
    if headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = headers.get("origin")
    return origin is None or urlsplit(origin).netloc == headers.get("host")


def json_error(status: int, code: str, message: str) -> bytes:
    """Return the JSON body of an error: ``{"error": code, "message": message, "status": status}``."""
    return json.dumps({"error": code, "message": message, "status": status}, ensure_ascii=False).encode()
