"""The whole batch, as staff run it: `spdocs render` on N partnerships, start to exit.

N copies of the examples (unique ids; about 19 documents each: every kind in the languages it is issued in,
a report per period with actuals), DOCX only:
- documents per second with --jobs 1 and --jobs 2, their ratio, and whether both wrote
  the same bytes;
- peak memory at M and at 10 × M partnerships (--jobs 2): the whole process tree's PSS,
  sampled every 0.2 s, and the largest single process's RSS.
Usage: python benchmarks/bench_batch.py [N [M]]   (default: $BENCH_N or 40; M = N)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from common import SPDOCS, Run, copies, fresh, run, tree_digest


def render(data: Path, out: Path, jobs: int, *, sample: bool = False) -> tuple[Run, int]:
    """Return the run of `spdocs render` over ``data`` and the number of documents it wrote."""
    result = run([SPDOCS, "render", str(data), "--out", str(fresh(out)), "--jobs", str(jobs), "-q"], sample=sample)
    return result, sum(1 for _ in out.rglob("*.docx"))


def batch(n: int) -> dict[str, float]:
    """Run `spdocs render` on ``n`` partnerships with --jobs 1 and 2; print and return the figures."""
    with tempfile.TemporaryDirectory(prefix="spdocs-bench-") as tmp:
        root = Path(tmp)
        copies(n, root / "data")
        print(f"batch: {n} partnerships (copies of the examples), DOCX, every kind x kk/ru/en, start to exit")
        one, docs = render(root / "data", root / "out1", 1)
        digest_one = tree_digest(root / "out1")
        two, docs_two = render(root / "data", root / "out2", 2)
        same = digest_one == tree_digest(root / "out2") and docs == docs_two
    rate1, rate2 = docs / one.seconds, docs / two.seconds
    print(f"  --jobs 1  {one.seconds:7.1f} s  {rate1:7.1f} documents/s  ({docs} documents; CPU {one.cpu:.1f} s)")
    print(
        f"  --jobs 2  {two.seconds:7.1f} s  {rate2:7.1f} documents/s  (CPU {two.cpu:.1f} s)"
        f"  x{rate2 / rate1:.2f} of --jobs 1"
    )
    print(f"  byte-identical between --jobs 1 and --jobs 2: {'yes' if same else 'NO'}")
    return {"docs": docs, "rate1": rate1, "rate2": rate2, "jobs_ratio": rate2 / rate1, "same": float(same)}


def memory(m: int) -> dict[str, float]:
    """Print and return the peak memory of `spdocs render --jobs 2` on ``m`` and on 10 × ``m`` partnerships."""
    print("memory, --jobs 2: peak PSS of the whole process tree (sampled); largest single process (RSS)")
    results = {}
    for count in (m, 10 * m):
        with tempfile.TemporaryDirectory(prefix="spdocs-bench-") as tmp:
            root = Path(tmp)
            copies(count, root / "data")
            result, docs = render(root / "data", root / "out", 2, sample=True)
        results[count] = result
        print(
            f"  {count:5d} partnerships  {result.peak_pss_mb:6.0f} MB  {result.max_rss_mb:6.0f} MB"
            f"   ({docs} documents, {docs / result.seconds:.1f} documents/s)"
        )
    small, big = results[m], results[10 * m]
    ratio = big.peak_pss_mb / small.peak_pss_mb
    print(f"  10 x partnerships: x{ratio:.2f} the peak PSS, x{big.max_rss_mb / small.max_rss_mb:.2f} the largest RSS")
    return {"small": small.peak_pss_mb, "big": big.peak_pss_mb, "ratio": ratio}


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_N", "40"))
    batch(count)
    memory(int(sys.argv[2]) if len(sys.argv) > 2 else count)
