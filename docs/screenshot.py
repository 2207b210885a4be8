"""Take the README's screenshot of `spdocs serve`: python docs/screenshot.py [docs/serve.png]

Starts the app on a copy of examples/, opens the Taraz branch in headless Chromium with the
interface in English, shortens the term to 3 years (unsaved) so that a finding shows next
to its field, and saves a PNG of the window.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
FLAGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="spdocs-shot-") as tmp:
        for path in (ROOT / "examples").glob("*.yaml"):
            shutil.copy(path, Path(tmp) / path.name)
        proc = subprocess.Popen(
            [sys.executable, "-m", "spdocs", "serve", "--workspace", tmp, "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            url = re.search(r"at (http://\S+)/", proc.stdout.readline()).group(1)  # type: ignore[union-attr]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
                page = browser.new_page(viewport={"width": 1440, "height": 860}, locale="en-GB")
                page.goto(f"{url}/#/p/taraz-mendeleev")
                page.wait_for_selector('#main[data-pending="0"]')
                page.locator("#section-agreement").scroll_into_view_if_needed()
                page.locator('.field[data-path="agreement.term_years"] input').fill("3")
                page.wait_for_selector('.field[data-path="agreement.term_years"] .msg.sev-error')
                page.evaluate("document.querySelector('#section-agreement').scrollIntoView()")
                page.screenshot(path=str(out))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve.png")
