"""The command line: parses options, calls the API (`spdocs.api`), prints, and exits.

Exit codes (DESIGN.md): 0 all good; 1 some input or document failed, or a check found
errors (others still produced); 2 usage, or input that cannot be read at all. Errors become
exit codes in one place, `spdocs.cli.options.EXIT_CODES`; no command prints a traceback for
a problem of its input or environment. Commands import what they use when they run, so
that ``spdocs --help`` loads nothing of the rendering stack.
"""

from __future__ import annotations

import click

from spdocs import __version__
from spdocs.cli.amend import amend_cmd
from spdocs.cli.check import check_cmd
from spdocs.cli.collect import collect_cmd
from spdocs.cli.data import new_cmd, schema_cmd
from spdocs.cli.options import Group
from spdocs.cli.render import render_cmd, summary_cmd
from spdocs.cli.serve import serve_cmd
from spdocs.cli.templates import templates_cmd

EXAMPLES = """
\b
Examples:
  spdocs check examples/
  spdocs render examples/ --out out/
  spdocs render examples/taraz-mendeleev.yaml --kind agreement --lang kk,ru --format docx,pdf
  spdocs new --model branch my-partnership.yaml
  spdocs amend last-year/kaznmu-duke.yaml kaznmu-duke.yaml --out out/
"""


@click.group(
    cls=Group, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="spdocs")
def cli() -> None:
    """Strategic-partnership documents in Kazakh, Russian and English from one data file.

    One YAML or JSON file describes one partnership (a Kazakhstani university or medical
    school and its foreign partner); spdocs checks it against the MoSHE recommendations
    and the MoH Rules (№ ҚР ДСМ-263/2020) and renders the cooperation agreement, the order
    creating the working group and the periodic reports as DOCX drafts and PDFs.
    """


for command in (
    check_cmd,
    render_cmd,
    new_cmd,
    summary_cmd,
    collect_cmd,
    serve_cmd,
    schema_cmd,
    templates_cmd,
    amend_cmd,
):
    cli.add_command(command)


def main() -> None:
    """Run the command line."""
    cli(prog_name="spdocs")
