"""PDF: spdocs' converter against one `soffice` per file, at equal parallelism; the cost of PDF/A.

M documents of every kind (rendered from the examples), converted
  naive  = one `soffice --convert-to pdf` process per file, JOBS at a time, each stream
           of files with its own LibreOffice profile, made beforehand (as a script would
           keep one);
  spdocs = `spdocs.convert.Converter(jobs=JOBS)`: JOBS long-lived soffice processes, each
           converting a chunk of files; its fresh profiles are made inside the timing;
  PDF/A  = the same Converter with pdf_a=True (PDF/A-2b, tagged), against plain.
Usage: python benchmarks/bench_pdf.py [M] [JOBS]   (default 40 2)
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import EXAMPLES, timed

from spdocs import documents
from spdocs.convert import Converter, find_soffice
from spdocs.loader import load
from spdocs.pdf import normalize


def sources(m: int, folder: Path) -> list[Path]:
    """Write ``m`` DOCX files into ``folder``, taking every kind and language in turn."""
    targets = [(p, t) for p in map(load, EXAMPLES) for t in documents.targets(p)]
    paths = []
    for i in range(m):
        p, t = targets[(i * 7) % len(targets)]  # a stride through kinds, languages and partnerships
        path = folder / f"{i:03d}-{p.id}-{t.filename()}"
        path.write_bytes(documents.render_document(p, t.kind, lang=t.lang, period=t.period))
        paths.append(path)
    return paths


def pdf(m: int, jobs: int) -> dict[str, float]:
    """Print and return the converter's speed-up over one soffice per file, and PDF/A's cost."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="spdocs-bench-") as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        files = sources(m, folder / "in")

        def stream(k: int, batch: list[Path], outdir: Path) -> None:
            """Convert ``batch`` one soffice process per file, with profile ``k``."""
            profile = f"-env:UserInstallation={(folder / f'profile-{k}').as_uri()}"
            for src in batch:
                command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(src)]
                subprocess.run(command, check=True, capture_output=True)

        def naive(batch: list[Path], outdir: Path) -> None:
            with ThreadPoolExecutor(jobs) as pool:
                list(pool.map(lambda k: stream(k, batch[k::jobs], outdir), range(jobs)))

        def pooled(pdf_a: bool, outdir: str) -> None:
            with Converter(jobs=jobs, pdf_a=pdf_a) as converter:
                failures = converter.convert([(src, folder / outdir / src.with_suffix(".pdf").name) for src in files])
            assert not failures, failures

        naive(files[:jobs], folder / "warm")  # the naive side's profiles, made before its timing
        t_naive, c_naive = timed_cpu(lambda: naive(files, folder / "naive"))
        t_plain, c_plain = timed_cpu(lambda: pooled(False, "plain"))
        t_pdf_a, c_pdf_a = timed_cpu(lambda: pooled(True, "pdfa"))
        plain = [(folder / "plain" / f.with_suffix(".pdf").name).read_bytes() for f in files]
        t_normalize = timed(lambda: [normalize(data) for data in plain])
    print(f"pdf: {m} documents (every kind), {jobs} at a time on each side; wall time, and LibreOffice's CPU time")
    print(f"  one soffice per file   {t_naive:6.1f} s   {t_naive / m:5.2f} s/document   CPU {c_naive:6.1f} s")
    print(
        f"  spdocs Converter       {t_plain:6.1f} s   {t_plain / m:5.2f} s/document   CPU {c_plain:6.1f} s"
        f"   x{t_naive / t_plain:.1f} (CPU x{c_naive / c_plain:.1f})"
    )
    print(
        f"  --pdf-a (PDF/A-2b)     {t_pdf_a:6.1f} s   {t_pdf_a / m:5.2f} s/document   CPU {c_pdf_a:6.1f} s"
        f"   {(t_pdf_a / t_plain - 1) * 100:+.0f} % of plain (CPU {(c_pdf_a / c_plain - 1) * 100:+.0f} %)"
    )
    print(f"  dropping the clock     {t_normalize * 1000 / m:6.1f} ms/document (spdocs.pdf.normalize)")
    return {
        "naive": t_naive,
        "plain": t_plain,
        "ratio": t_naive / t_plain,
        "cpu_ratio": c_naive / c_plain,
        "pdf_a_cost": t_pdf_a / t_plain - 1,
        "pdf_a_cpu_cost": c_pdf_a / c_plain - 1,
    }


def timed_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    """Return the wall seconds of ``fn()`` and the CPU seconds of the processes it started and reaped."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = timed(fn)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


if __name__ == "__main__":
    pdf(int(sys.argv[1]) if len(sys.argv) > 1 else 40, int(sys.argv[2]) if len(sys.argv) > 2 else 2)
