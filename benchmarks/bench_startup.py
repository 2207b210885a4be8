"""Start-up: the CPU time of `spdocs --help` (and of `spdocs check` on one file) next to `python -c pass`.

CPU time (user + system) is what a loaded machine still measures fairly; the median of a
few runs. Usage: python benchmarks/bench_startup.py [RUNS]   (default 5)
"""

from __future__ import annotations

import statistics
import sys

from common import EXAMPLES, SPDOCS, run


def startup(runs: int) -> dict[str, float]:
    """Print and return the median CPU seconds of each command."""
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "spdocs --help": [SPDOCS, "--help"],
        "spdocs render --help": [SPDOCS, "render", "--help"],
        "spdocs check FILE": [SPDOCS, "check", str(EXAMPLES[0])],
    }
    print(f"start-up: CPU time (user + system), median of {runs} runs")
    figures = {}
    for name, command in commands.items():
        figures[name] = statistics.median(run(command).cpu for _ in range(runs))
        print(f"  {name:22s} {figures[name]:5.2f} s")
    return figures


if __name__ == "__main__":
    startup(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
