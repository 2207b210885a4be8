"""`make bench`: every benchmark in one run, then the figures the performance goals name.

  python benchmarks/bench.py                  # N = 40 partnerships (about 750 documents): ~3-5 min
  BENCH_N=750 python benchmarks/bench.py      # the ministry-wide batch: 750 partnerships, about 14,000 documents

Environment: BENCH_N (partnerships for the batch, default 40), BENCH_MEM_N (the smaller
batch of the memory comparison, default min(N, 20); the larger is 10 x that), BENCH_PDF
(documents for the PDF comparison, default 40), BENCH_RENDER (documents per kind for the
docxtpl comparison, default 24). See each bench_*.py for what exactly is timed.
"""

from __future__ import annotations

import os
import platform
import time

from bench_batch import batch, memory
from bench_pdf import pdf
from bench_render import render
from bench_startup import startup


def main() -> None:
    n = int(os.environ.get("BENCH_N", "40"))
    mem_n = int(os.environ.get("BENCH_MEM_N", str(min(n, 20))))
    started = time.perf_counter()
    print(f"spdocs benchmarks on {platform.node()}: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}\n")
    speed = batch(n)
    print()
    mem = memory(mem_n)
    print()
    kinds = render(int(os.environ.get("BENCH_RENDER", "24")))
    print()
    conversion = pdf(int(os.environ.get("BENCH_PDF", "40")), 2)
    print()
    start = startup(5)
    print(f"\nsummary ({time.perf_counter() - started:.0f} s in all; load now {os.getloadavg()[0]:.1f})")
    print(
        f"  batch, {speed['docs']:.0f} documents: --jobs 1 {speed['rate1']:.1f}/s, --jobs 2 {speed['rate2']:.1f}/s,"
        f" x{speed['jobs_ratio']:.2f}; identical output: {'yes' if speed['same'] else 'NO'}"
    )
    print(f"  peak memory, {10 * mem_n} against {mem_n} partnerships: x{mem['ratio']:.2f}")
    print("  spdocs against docxtpl: " + ", ".join(f"{k} x{v['ratio']:.1f}" for k, v in kinds.items()))
    print(
        f"  PDF, converter against one soffice per file (2 each): x{conversion['ratio']:.1f};"
        f" PDF/A costs {conversion['pdf_a_cost'] * 100:+.0f} %"
    )
    print(f"  spdocs --help {start['spdocs --help']:.2f} s CPU, python -c pass {start['python -c pass']:.2f} s")


if __name__ == "__main__":
    main()
