"""Start-up cost: CPU time of `spdocs --help` (and a few light commands) next to `python -c pass`.

CPU time (user + system of the child process), not wall time, so that a busy machine does
not move the figures much; the median of several runs. The target (issue: fast start) is at
most 0.3 s of CPU for `spdocs --help`.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
from pathlib import Path

RUNS = 7
SPDOCS = [sys.executable, "-m", "spdocs"]
EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "kaznmu-duke.yaml")


def cpu(command: list[str]) -> float:
    """Return the median CPU seconds of running ``command`` (output discarded)."""
    times = []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(times)


def main() -> None:
    base = cpu([sys.executable, "-c", "pass"])
    print(f"start-up CPU (median of {RUNS}):")
    print(f"  python -c pass            {base:6.3f} s")
    for label, args in (
        ("spdocs --help", ["--help"]),
        ("spdocs render --help", ["render", "--help"]),
        ("spdocs schema", ["schema"]),
        ("spdocs check (1 file)", ["check", EXAMPLE]),
    ):
        spent = cpu(SPDOCS + args)
        print(f"  {label:<25} {spent:6.3f} s  (+{spent - base:.3f} s over python)")


if __name__ == "__main__":
    main()
