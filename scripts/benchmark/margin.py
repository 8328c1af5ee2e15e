"""The wide margin's layout time (docs/assets/javascripts/margin.mjs), and the doubled-density page
it is measured on: the invented fixture article (tests/fixtures/site/) with tests/fixtures/dense/
added (30 notes in about ten lines, twice the real introduction's first paragraph). The browser
tests (tests/browser/test_margin_layout.py) build the same page with `dense_fixture`."""

import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "site"
DENSE = REPO / "tests" / "fixtures" / "dense"
FIXTURE_PREFIX = "/test-reading/"
WIDTHS = (1280, 1440, 1920)
BLOCK = '      - id: rivers-2\n        locator: "Along the lower river"\n        pages: [102]\n'
BLOCK += "        summary: Thirty places named in one breath.\n"

# Lay the margin out `n` times (each a fresh layout in its own frame), then `n` times after a change
# of the filter; the durations of the "margin-layout" measures margin.mjs records, in ms.
TIMES = """async ([n, kind]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const took = () => performance.getEntriesByName('margin-layout').at(-1).duration;
  const again = [], filter = [];
  for (let i = 0; i < n; i++) {
    document.dispatchEvent(new CustomEvent('reading:changed'));
    await frame();
    again.push(took());
  }
  const box = document.querySelector(`.note-filter input[value="${kind}"]`);
  for (let i = 0; i < n; i++) {
    box.click();  // hidden, then shown again: both free or take room
    await frame();
    filter.push(took());
  }
  return {again, filter, notes: document.querySelectorAll('.para-body span.sidenote').length};
}"""


def dense_fixture(root: Path) -> tuple[Path, Path]:
    """A copy of the fixture under `root` with the dense paragraph, its block and its notes, and a
    config with the project's theme; returns (the copy, its article)."""
    site = root / "site"
    shutil.copytree(FIXTURE, site)
    article = site / "article.txt"
    text, dense = article.read_text(encoding="utf-8"), (DENSE / "rivers-2.txt").read_text(encoding="utf-8")
    if "\n\nTo continue reading" not in text:
        raise ValueError(f"{FIXTURE / 'article.txt'}: no paywall line to put the dense paragraph before")
    paywall = "\nTo continue reading"
    article.write_text(text.replace("\n" + paywall, "\n" + dense + paywall), encoding="utf-8")
    structure = site / "notes" / "article.yml"
    structure.write_text(structure.read_text(encoding="utf-8") + BLOCK, encoding="utf-8")
    notes = site / "notes" / "annotations" / "rivers.yml"
    notes.write_text(notes.read_text(encoding="utf-8") + (DENSE / "rivers-2.yml").read_text(encoding="utf-8"))
    real = yaml.safe_load(re.sub(r"!!python\S*", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8")))
    theme = f"theme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n  features: {real['theme']['features']!r}\n"
    config = (site / "mkdocs.yml").read_text(encoding="utf-8").replace("theme:\n  name: material\n", theme)
    config += "\n" + yaml.safe_dump({k: real[k] for k in ("extra_css", "extra_javascript")})
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "docs" / "assets", site / "docs" / "assets")
    return site, article


def build_dense(root: Path) -> Path:
    """The dense fixture's full edition, built into root/out (raises with the build's error)."""
    site, article = dense_fixture(root)
    out = root / "out"
    cmd = [sys.executable, str(REPO / "scripts" / "build.py"), "build", "--config", str(site / "mkdocs.yml")]
    cmd += ["--notes", str(site / "notes"), "--docs", str(site / "docs"), "--stage", str(root / "stage")]
    cmd += ["--out", str(out), "--source", str(article)]
    env = {k: v for k, v in os.environ.items() if k != "ARTICLE_SOURCE"}
    run = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if run.returncode:
        raise RuntimeError(f"the dense fixture did not build: {run.stderr[-500:]}")
    return out


def layout_ms(url: str, chrome: str, runs: int = 9) -> dict[str, Any]:
    """At each width: the median of `runs` layouts and the slowest; the median after a filter change."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chrome, args=["--no-sandbox"])
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(url, wait_until="load")
                page.wait_for_selector(".reading-edition[data-margin]", state="attached", timeout=15_000)
                kind = page.get_attribute(".note-filter input[value]", "value")
                t = page.evaluate(TIMES, [runs, kind])
                out[str(width)] = {"median": statistics.median(t["again"]), "max": max(t["again"]),
                                   "filter": statistics.median(t["filter"]), "notes": t["notes"]}  # fmt: skip
                page.close()
        finally:
            browser.close()
    return out
