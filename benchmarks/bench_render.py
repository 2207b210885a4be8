"""Batch benchmark: spdocs against the naive way, as ratios measured in one run.

Rendering: the same template and the same contexts, N documents,
  naive  = plain docxtpl, a new DocxTemplate per document (what a script would do), same
           sandboxed/autoescaping environment;
  spdocs = the compiled-template cache (`spdocs.engine`).
PDF (with --pdf): M DOCX files,
  naive  = one `soffice --convert-to pdf` process per file;
  spdocs = `spdocs.convert.Converter` (long-lived LibreOffice workers).
Machines here are noisy, so compare the ratio, not the seconds. Usage:
  python benchmarks/bench_render.py [--docs 200] [--pdf 12] [--kind agreement]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docxtpl import DocxTemplate

from spdocs import documents, engine, resources
from spdocs.environment import make_env
from spdocs.kinds import KINDS
from spdocs.loader import find_files, load

ROOT = Path(__file__).resolve().parents[1]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_render(kind: str, n: int) -> None:
    partnerships = [load(p) for p in find_files([ROOT / "examples"])]
    jobs = [(p, t) for p in partnerships for t in documents.targets(p, kinds_=[kind])]
    jobs = (jobs * (n // len(jobs) + 1))[:n]
    contexts = [
        (t.lang, resources.template_path(kind, t.lang), documents.build_context(p, kind, lang=t.lang, period=t.period))
        for p, t in jobs
    ]

    def naive() -> None:
        for lang, path, ctx in contexts:
            tpl = DocxTemplate(path)
            tpl.render(ctx, jinja_env=make_env(lang))
            tpl.save(io.BytesIO())

    def cached() -> None:
        for lang, path, ctx in contexts:
            engine.render_docx(engine.prepare(path, lang=lang), ctx, lang=lang)

    engine._prepare.cache_clear()
    t_naive, t_cached = timed(naive), timed(cached)
    print(
        f"render {n} x {kind}: docxtpl {t_naive:.2f}s ({n / t_naive:.0f}/s), "
        f"spdocs {t_cached:.2f}s ({n / t_cached:.0f}/s), speed-up x{t_naive / t_cached:.1f}"
    )


def bench_pdf(kind: str, m: int) -> None:
    from spdocs.convert import Converter

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("pdf: LibreOffice not found; skipped")
        return
    p = load(ROOT / "examples" / "taraz-mendeleev.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = []
        for i in range(m):
            path = folder / f"doc{i}.docx"
            path.write_bytes(documents.render_document(p, kind, lang=("kk", "ru", "en")[i % 3]))
            sources.append(path)

        def naive() -> None:
            profile = folder / "profile"  # one profile, reused, as a script would
            for src in sources:
                subprocess.run(
                    [
                        soffice,
                        f"-env:UserInstallation=file://{profile}",
                        "--headless",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        str(folder / "naive"),
                        str(src),
                    ],
                    check=True,
                    capture_output=True,
                )

        def pooled() -> None:
            with Converter(jobs=2) as converter:
                failures = converter.convert([(s, folder / "pooled" / s.with_suffix(".pdf").name) for s in sources])
            assert not failures, failures

        t_naive, t_pooled = timed(naive), timed(pooled)
    print(
        f"pdf {m} x {kind}: one soffice per file {t_naive:.1f}s, spdocs Converter {t_pooled:.1f}s, "
        f"speed-up x{t_naive / t_pooled:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--pdf", type=int, default=12, help="files to convert (0 skips the PDF part)")
    parser.add_argument("--kind", default="agreement", choices=list(KINDS))
    args = parser.parse_args()
    bench_render(args.kind, args.docs)
    if args.pdf:
        bench_pdf(args.kind, args.pdf)


if __name__ == "__main__":
    sys.exit(main())
