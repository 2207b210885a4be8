"""Running the app: a socket on the chosen address, uvicorn, and the address to open.

Off the loopback address a token is required (generated when not given), and the address
printed carries it once: opening it sets a cookie and drops the token from the URL.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
from collections.abc import Callable
from pathlib import Path

from spdocs.web.guard import LOOPBACK


def is_loopback(host: str) -> bool:
    """Return whether ``host`` is a loopback address or ``localhost``."""
    if host.strip("[]") in LOOPBACK or host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    workspace: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    templates: Path | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the web app for ``workspace`` until interrupted; ``announce`` gets the address lines.

    Raises OSError when the address cannot be bound (in use, not this machine's).
    """
    import uvicorn

    from spdocs.web.app import create_app

    loopback = is_loopback(host)
    if not loopback and not token:
        token = secrets.token_urlsafe(24)
    app = create_app(workspace, token=token or None, loopback=loopback, templates=templates, warm=True)
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(128)  # from now on connections wait for the app instead of being refused
    except OSError:
        sock.close()
        raise
    bound = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    if host in ("0.0.0.0", "::"):
        shown = socket.gethostname()
    url = f"http://{shown}:{bound}/" + (f"?token={token}" if token else "")
    announce(f"spdocs: serving {workspace} at {url}")
    if token:
        announce(
            "spdocs: every request needs the token: open the address above, or send 'Authorization: Bearer <token>'"
        )
    announce("spdocs: press Ctrl+C to stop")
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
