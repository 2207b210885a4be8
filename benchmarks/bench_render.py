"""Rendering alone, per kind: spdocs' engine against plain docxtpl on the same templates and contexts.

  docxtpl = a new DocxTemplate per document, rendered with the same sandboxed, autoescaping
            environment and saved (what a script would do);
  spdocs  = `spdocs.engine`: templates prepared and compiled once (timed apart: once per
            process), unchanged members compressed once; reports also get their chart
            filled (docxtpl leaves the template's sample chart): spdocs does more here.
Contexts are built beforehand and shared: this measures the template engine only.
Usage: python benchmarks/bench_render.py [DOCS_PER_KIND]   (default 24)
"""

from __future__ import annotations

import io
import sys

from common import EXAMPLES, timed
from docxtpl import DocxTemplate

from spdocs import analysis, chart, documents, engine, resources
from spdocs.environment import make_env
from spdocs.kinds import KINDS
from spdocs.loader import load


def per_kind(kind: str, n: int) -> dict[str, float]:
    """Print and return documents per second for ``kind`` with docxtpl and with spdocs."""
    partnerships = [load(p) for p in EXAMPLES]
    jobs = [(p, t) for p in partnerships for t in documents.targets(p, kinds_=[kind])]
    jobs = (jobs * (n // len(jobs) + 1))[:n]
    work = []
    for p, t in jobs:
        context = documents.build_context(p, kind, lang=t.lang, period=t.period)
        # only kinds with the analysis extra (the report) have a chart to fill; letters are per period too
        result = analysis.analyze(p, t.period) if t.period and "analysis" in KINDS[kind].extras else None
        charts = {"chart": chart.data(result, lang=t.lang, labels=context["t"]["report"])} if result else None
        work.append((t.lang, resources.template_path(kind, t.lang), context, charts))

    def naive() -> None:
        for lang, path, context, _ in work:
            template = DocxTemplate(path)
            template.render(context, jinja_env=make_env(lang))
            template.save(io.BytesIO())

    def cached() -> None:
        for lang, path, context, charts in work:
            engine.render_docx(engine.prepare(path, lang=lang), context, lang=lang, charts=charts)

    engine._prepare.cache_clear()
    # Preparing (patching and compiling) is paid once per template, language and process: apart.
    t_prepare = timed(
        lambda: [engine.prepare(resources.template_path(kind, lang), lang=lang) for lang in ("kk", "ru", "en")]
    )
    t_naive, t_cached = timed(naive), timed(cached)
    print(
        f"  {kind:10s} docxtpl {n / t_naive:6.1f}/s   spdocs {n / t_cached:7.1f}/s   x{t_naive / t_cached:5.1f}"
        f"   ({n} documents; spdocs prepares the 3 templates once per process in {t_prepare:.2f} s)"
    )
    return {"docxtpl": n / t_naive, "spdocs": n / t_cached, "ratio": t_naive / t_cached, "prepare": t_prepare}


def render(n: int) -> dict[str, dict[str, float]]:
    print("render: spdocs' engine against plain docxtpl, same templates and contexts, in one process")
    return {kind: per_kind(kind, n) for kind in KINDS}


if __name__ == "__main__":
    render(int(sys.argv[1]) if len(sys.argv) > 1 else 24)
