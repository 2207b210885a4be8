"""``spdocs serve``: the local web app for drafting partnerships in a browser."""

from __future__ import annotations

from pathlib import Path

import click

from spdocs.cli.options import templates_option
from spdocs.errors import OptionError


@click.command(
    "serve",
    epilog="\b\nExamples:\n  spdocs serve --workspace examples/\n"
    "  spdocs serve --workspace /srv/partnerships --host 0.0.0.0 --port 8080",
)
@click.option(
    "--workspace",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The folder of data files (.yaml, .yml, .json) to list and edit; new ones are written there.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; others need a token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one).")
@click.option(
    "--token",
    envvar="SPDOCS_TOKEN",
    help="Secret every request must carry (env SPDOCS_TOKEN); generated and printed off 127.0.0.1 when not given.",
)
@templates_option(
    "Your own templates folder, used before the built-in ones (the app never takes templates over the web)."
)
def serve_cmd(workspace: Path, host: str, port: int, token: str | None, templates: Path | None) -> None:
    """Start the web app: draft partnerships in a form, see findings live, download documents.

    The workspace is a folder of ordinary data files: the browser, the CLI and git all work
    on the same files. Saving keeps a file's comments and key order, and a file changed on
    disk meanwhile is never overwritten silently. The JSON API the page uses is in the README.
    """
    from spdocs.web.server import serve

    try:
        serve(workspace, host=host, port=port, token=token, templates=templates, announce=click.echo)
    except OSError as exc:
        raise OptionError("listen", host=host, port=port, reason=exc.strerror or str(exc)) from None
