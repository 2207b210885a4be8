"""The web app's speed as a person feels it, in headless Chromium against `spdocs serve`:

- page load: the partnerships list, and the form of the largest example with its findings;
- edit → findings: from a keystroke in the form to the findings of the new data shown
  (the page waits 120 ms after the last keystroke before it asks, so typing is not
  checked letter by letter; that wait is included);
- the check request alone (POST /api/check), as another system calling the API sees it.

Target: an edit's findings within 300 ms. Run: ``make bench`` or ``python benchmarks/bench_web.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
FLAGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
RUNS = 7


def start(workspace: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "spdocs", "serve", "--workspace", str(workspace), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    match = re.search(r"at (http://\S+)/", proc.stdout.readline())
    assert match, "spdocs serve did not print its address"
    return proc, match.group(1)


def ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):6.0f} ms   (min {min(values):.0f}, max {max(values):.0f}, n={len(values)})"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    largest = max((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory(prefix="spdocs-bench-") as tmp:
        workspace = Path(tmp)
        for path in (ROOT / "examples").glob("*.yaml"):
            shutil.copy(path, workspace / path.name)
        proc, url = start(workspace)
        try:
            json.load(urllib.request.urlopen(f"{url}/api/partnerships", timeout=60))  # warm: first load + check
            body = json.dumps(
                json.load(urllib.request.urlopen(f"{url}/api/partnerships/{largest.stem}"))["data"]
            ).encode()
            api = []
            for _ in range(RUNS * 3):
                request = urllib.request.Request(
                    f"{url}/api/check", data=body, headers={"Content-Type": "application/json", "X-Spdocs-Request": "1"}
                )
                started = time.perf_counter()
                urllib.request.urlopen(request).read()
                api.append((time.perf_counter() - started) * 1000)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                lists, forms, edits = [], [], []
                for _ in range(RUNS):
                    # Each load in a new tab: the page, its scripts and the API calls it makes.
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    started = time.perf_counter()
                    page.goto(url + "/")
                    page.wait_for_selector("table.list tbody tr")
                    lists.append((time.perf_counter() - started) * 1000)
                    page.close()
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    started = time.perf_counter()
                    page.goto(f"{url}/#/p/{largest.stem}")
                    page.wait_for_selector('#main[data-pending="0"] li.finding, #main[data-pending="0"] p.clean')
                    forms.append((time.perf_counter() - started) * 1000)
                    field = page.locator('.field[data-path="agreement.term_years"] input')
                    for value in ("2", "7"):
                        before = page.get_attribute("#main", "data-checked")
                        started = time.perf_counter()
                        field.fill(value)
                        page.wait_for_function(
                            "before => { const m = document.getElementById('main');"
                            " return m.dataset.checked !== before && m.dataset.pending === '0'; }",
                            arg=before,
                            polling="raf",
                        )
                        edits.append((time.perf_counter() - started) * 1000)
                    page.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    lines = len(largest.read_text(encoding="utf-8").splitlines())
    print(f"spdocs serve, largest example: {largest.name} ({lines} lines), Chromium headless, 2-core machine")
    print(f"  page load, partnerships list (8 files)     {ms(lists)}")
    print(f"  page load, form + findings of {largest.stem:<11}  {ms(forms)}")
    print(f"  edit -> findings shown (incl. 120 ms wait) {ms(edits)}   target < 300 ms")
    print(f"  POST /api/check alone                      {ms(api)}")


if __name__ == "__main__":
    main()
