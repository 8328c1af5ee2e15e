"""The built pages in a browser: Lighthouse scores, what a page loads (weight), its DOM size,
and the time the own-copy reader takes over a 20-page PDF. Sites are served by
annotated.static_site, gzipped as a static host would, under site_url's path."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

LIGHTHOUSE = "12.2.3"  # the last release that runs on Node 20
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
KIND = {".html": "html", ".css": "css", ".js": "js", ".mjs": "js", ".woff2": "fonts"}


def lighthouse_missing() -> str | None:
    if not shutil.which("node") or not shutil.which("npm"):
        return "Node.js and npm are not installed"
    return None if Path(CHROME).is_file() else f"no Chromium at {CHROME}"


def lighthouse_cli(repo: Path) -> Path:
    """The CLI under the git-ignored tools/, installed (pinned, exact) on first use."""
    cli = repo / "tools" / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        cmd = ["npm", "i", "-E", "--no-audit", "--no-fund", "--prefix", "tools"]
        subprocess.run([*cmd, f"lighthouse@{LIGHTHOUSE}"], cwd=repo, check=True, capture_output=True)
    return cli


def lighthouse(cli: Path, url: str, form: str, out: Path) -> dict:
    """One run: scores, metrics, the URLs the page loaded and the audits that cost points."""
    cmd = [
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    cmd += ["--preset=desktop"] if form == "desktop" else []
    proc = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True, timeout=300)
    if proc.returncode or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {(proc.stderr or proc.stdout)[-300:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    cats, audits = report["categories"], report["audits"]
    lost = []
    for c in CATEGORIES:
        for ref in cats.get(c, {}).get("auditRefs", []):
            a = audits.get(ref["id"], {})
            scored = a.get("scoreDisplayMode") in ("binary", "numeric") and ref.get("weight")
            if scored and a.get("score") is not None and a["score"] < 1:
                lost.append(f"{c}: {a.get('title', ref['id'])} ({a.get('displayValue', '')})")
    requests = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    origin = "/".join(url.split("/", 3)[:3])  # what the site itself served
    return {
        "scores": {c: round((cats[c]["score"] or 0) * 100) for c in CATEGORIES if c in cats},
        "metrics": {k: audits[k]["numericValue"] for k in METRICS if "numericValue" in audits.get(k, {})},
        "dom_elements": audits.get("dom-size", {}).get("numericValue"),
        "loaded": [r["url"] for r in requests if r.get("url", "").startswith(origin)],
        "lost": lost,
    }


def loaded_by_html(site: Path, page: str, prefix: str) -> list[str]:
    """What a page loads, read from its HTML (without Lighthouse): stylesheets and scripts."""
    tree = LexborHTMLParser((site / page).read_text(encoding="utf-8"))
    here = prefix + page.removesuffix("index.html")
    urls = [here]
    for node in tree.css("link[rel=stylesheet][href], script[src]"):
        ref = node.attributes.get("href") or node.attributes.get("src") or ""
        if "://" not in ref:
            urls.append(os.path.normpath(os.path.join(here, ref.split("?")[0])))
    return urls


def weight(site: Path, prefix: str, urls: list[str], docs: Path) -> dict:
    """Bytes (raw and gzip) per kind of what a page loads, and our own CSS and JS apart."""
    by_kind: dict[str, dict[str, int]] = {}
    own = 0
    for url in dict.fromkeys(urls):
        rel = urlsplit(url).path.removeprefix(prefix).removeprefix("/")
        path = site / rel / "index.html" if rel.endswith("/") or not rel else site / rel
        if not path.is_file():
            continue
        data = path.read_bytes()
        kind = KIND.get(path.suffix, "other")
        packed = len(gzip.compress(data, mtime=0))
        row = by_kind.setdefault(kind, {"raw": 0, "gzip": 0})
        row["raw"] += len(data)
        row["gzip"] += packed
        if kind in ("css", "js") and (docs / rel).is_file():  # hand-written: ours, not Material's
            own += packed
    return {"by_kind": by_kind, "own_css_js_gzip": own, "total_gzip": sum(r["gzip"] for r in by_kind.values())}


def dom_elements(html: Path) -> int:
    return len(LexborHTMLParser(html.read_text(encoding="utf-8")).css("*"))


def journal_pdf(raw: str, heads: re.Pattern[str], out: Path, pages: int = 20) -> Path:
    """The raw excerpt of an invented article printed by Chromium as a journal prints it: one
    PDF page per printed page, its running head on top, the first `pages` pages."""
    from playwright.sync_api import sync_playwright

    printed: list[list[str]] = [[]]
    for line in raw.splitlines():
        if heads.fullmatch(line):
            printed.append([])
        printed[-1].append(html.escape(line))
    body = "".join(
        '<section style="break-after:page">' + "".join(f"<div>{x}</div>" for x in lines) + "</section>"
        for lines in printed[:pages]
    )
    style = "<style>@page{size:A4;margin:2.2cm}body{font:10.5pt/1.5 serif}</style>"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
        page = chromium.new_page()
        page.set_content(style + body)
        page.pdf(path=str(out))
        chromium.close()
    return out


def own_copy_seconds(base_url: str, page: str, pdf: Path) -> dict:
    """From choosing the PDF to the reader's report, through the stable test interface."""
    from playwright.sync_api import TimeoutError as Timeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
        tab = browser.new_page()
        tab.goto(base_url + page, wait_until="load")
        opener = tab.get_by_role("button", name="Read with your copy")
        if opener.count() == 0:
            browser.close()
            return {"skipped": "not available: the page has no 'Read with your copy' button"}
        opener.first.click()
        tab.wait_for_selector("[data-your-copy]", state="attached", timeout=15_000)
        start = time.perf_counter()
        tab.set_input_files("[data-your-copy]", str(pdf))
        done = "[data-your-copy-report]:not([hidden]), [data-your-copy-error]:not([hidden])"
        try:
            tab.wait_for_selector(done, timeout=180_000)
        except Timeout:
            browser.close()
            return {"skipped": "the reader gave no report within 180 s"}
        seconds = time.perf_counter() - start
        report = tab.locator(done).first
        outcome = report.get_attribute("data-placed"), report.get_attribute("data-total")
        said = report.inner_text()[:200]
        browser.close()
    return {"seconds": seconds, "placed": outcome[0], "total": outcome[1], "said": said}
