"""The built pages in a browser: Lighthouse scores, what a page loads (weight), its DOM size,
the time the own-copy reader takes over a 20-page PDF, and the wide margin's layout time. Sites are served by
annotated.static_site, gzipped as a static host would, under site_url's path."""

import gzip
import html
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser

from benchmark import runs

LIGHTHOUSE = "12.2.3"  # the last release that runs on Node 20
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME = "/usr/bin/chromium"
METRICS = (
    "first-contentful-paint largest-contentful-paint total-blocking-time cumulative-layout-shift speed-index".split()
)
KIND = {".html": "html", ".css": "css", ".js": "js", ".mjs": "js", ".woff2": "fonts"}


def lighthouse_cli(repo: Path) -> Path | str:
    """The CLI under the git-ignored tools/, installed (pinned, exact) on first use; or why it cannot run."""
    if not shutil.which("node") or not shutil.which("npm"):
        return "Node.js and npm are not installed"
    if not Path(CHROME).is_file():
        return f"no Chromium at {CHROME}"
    cli = repo / "tools" / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        cmd = ["npm", "i", "-E", "--no-audit", "--no-fund", "--prefix", "tools", f"lighthouse@{LIGHTHOUSE}"]
        subprocess.run(cmd, cwd=repo, check=True, capture_output=True)
    return cli


def lighthouse(cli: Path, url: str, form: str, out: Path) -> dict:
    """One run: scores, metrics, the URLs the page loaded and the audits that cost points."""
    flags = ["--quiet", "--output=json", f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}"]
    flags += ["--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    flags += ["--preset=desktop"] if form == "desktop" else []
    env = {**os.environ, "CHROME_PATH": CHROME}
    proc = subprocess.run([str(cli), url, *flags], env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {(proc.stderr or proc.stdout)[-300:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    cats, audits, lost = report["categories"], report["audits"], []  # lost: weighted audits below full marks
    for c, ref in ((cat, ref) for cat in CATEGORIES for ref in cats.get(cat, {}).get("auditRefs", [])):
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
    """What a page loads, read from its HTML (without Lighthouse): stylesheets, scripts and the
    modules it preloads (what our scripts import)."""
    here = prefix + page.removesuffix("index.html")
    refs = [
        n.attributes.get("href") or n.attributes.get("src") or ""
        for n in LexborHTMLParser((site / page).read_text(encoding="utf-8")).css(
            "link[rel=stylesheet][href], link[rel=modulepreload][href], script[src]"
        )
    ]
    return [here, *(os.path.normpath(os.path.join(here, ref.split("?")[0])) for ref in refs if "://" not in ref)]


def weight(site: Path, prefix: str, urls: list[str], docs: Path) -> dict:
    """Bytes (raw and gzip) per kind of what a page loads, and our own CSS and JS apart."""
    by_kind: dict[str, dict[str, int]] = {}
    own = 0
    for url in dict.fromkeys(urls):
        rel = urlsplit(url).path.removeprefix(prefix).removeprefix("/")
        path = site / rel / "index.html" if rel.endswith("/") or not rel else site / rel
        if path.is_file():
            data, kind = path.read_bytes(), KIND.get(path.suffix, "other")
            packed, row = len(gzip.compress(data, mtime=0)), by_kind.setdefault(kind, {"raw": 0, "gzip": 0})
            row["raw"], row["gzip"] = row["raw"] + len(data), row["gzip"] + packed
            own += packed if kind in ("css", "js") and (docs / rel).is_file() else 0  # ours, not Material's
    return {"by_kind": by_kind, "own_css_js_gzip": own, "total_gzip": sum(r["gzip"] for r in by_kind.values())}


def dom_elements(page: Path) -> int:
    return len(LexborHTMLParser(page.read_text(encoding="utf-8")).css("*"))


def own_copy_seconds(base_url: str, page: str, raw: str, heads: re.Pattern[str], pdf: Path, pages: int = 20) -> dict:
    """Chromium prints an invented article's first `pages` printed pages to a PDF as a journal lays them out
    (running heads on top), then the reader is timed from choosing it to its report, by the stable test interface."""
    from playwright.sync_api import TimeoutError as Timeout
    from playwright.sync_api import sync_playwright

    printed: list[list[str]] = [[]]
    for line in raw.splitlines():
        printed += [[]] if heads.fullmatch(line) else []
        printed[-1].append(f"<div>{html.escape(line)}</div>")
    body = "".join(f'<section style="break-after:page">{"".join(x)}</section>' for x in printed[:pages])
    done = "[data-your-copy-report]:not([hidden]), [data-your-copy-error]:not([hidden])"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.set_content("<style>@page{size:A4;margin:2.2cm}body{font:10.5pt/1.5 serif}</style>" + body)
            tab.pdf(path=str(pdf))
            tab.goto(base_url + page, wait_until="load")
            opener = tab.get_by_role("button", name="Read with your copy")
            if opener.count() == 0:
                return {"skipped": "not available: the page has no 'Read with your copy' button"}
            opener.first.click()
            tab.wait_for_selector("[data-your-copy]", state="attached", timeout=15_000)
            start = time.perf_counter()
            tab.set_input_files("[data-your-copy]", str(pdf))
            tab.wait_for_selector(done, timeout=180_000)
            seconds, report = time.perf_counter() - start, tab.locator(done).first
            placed, total = report.get_attribute("data-placed"), report.get_attribute("data-total")
            return {"seconds": seconds, "placed": placed, "total": total, "said": report.inner_text()[:200]}
        except Timeout:
            return {"skipped": "the reader gave no report within 180 s"}
        finally:
            browser.close()


# margin.mjs's "margin-layout" measures (ms): n layouts (page.js's textReplaced, as after the own-copy swap), each in
# its own frames, then n after a filter change.
MARGIN_TIMES = """async ([n, kind]) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const box = document.querySelector(`.note-filter input[value="${kind}"]`), again = [], filter = [];
  const pageJs = document.querySelector('link[rel=modulepreload][href*="javascripts/page.js"]').href;
  for (let i = 0; i < 2 * n; i++) {
    if (i < n) (await import(pageJs)).textReplaced(); else box.click();
    await frame();
    (i < n ? again : filter).push(performance.getEntriesByName('margin-layout').at(-1).duration);
  }
  return {again, filter, notes: document.querySelectorAll('.para-body span.sidenote').length};
}"""


def build_dense(repo: Path, root: Path) -> Path:
    """The invented fixture (tests/fixtures/site/) plus tests/fixtures/dense/ (30 notes in about ten lines: twice the
    real introduction's first paragraph), with the project's theme, built as the full edition into root/site/out."""
    from annotated.cli import main as build
    from annotated.mkdocs_config import load_config_data

    site, dense = root / "site", repo / "tests" / "fixtures" / "dense"
    shutil.copytree(repo / "tests" / "fixtures" / "site", site)
    for rel, extra in (("article.txt", "rivers-2.txt"), ("notes/article.yml", "block.yml"),
                       ("notes/annotations/rivers.yml", "rivers-2.yml")):  # fmt: skip
        text = (site / rel).read_text(encoding="utf-8")
        at = text.index("\n\nTo continue reading") + 1 if rel == "article.txt" else len(text)  # before the paywall
        (site / rel).write_text(text[:at] + (dense / extra).read_text(encoding="utf-8") + text[at:], encoding="utf-8")
    real = load_config_data(repo / "mkdocs.yml")  # its !ENV and Python tags as the build reads them
    theme = f"theme:\n  name: material\n  custom_dir: {repo / 'overrides'}\n  features: {real['theme']['features']!r}\n"
    config = (site / "mkdocs.yml").read_text(encoding="utf-8").replace("theme:\n  name: material\n", theme)
    (site / "mkdocs.yml").write_text(config + yaml.safe_dump({k: real[k] for k in ("extra_css", "extra_javascript")}))
    shutil.copytree(repo / "docs" / "assets", site / "docs" / "assets")
    # The dense notes are new to the note record: recorded first, as an instructor would.
    if build(["record", "--source", str(site / "article.txt"), "--notes", str(site / "notes")]):
        raise RuntimeError(f"the dense fixture's notes could not be recorded ({site})")
    args = "--config mkdocs.yml --notes notes --docs docs --stage stage --out out --source article.txt".split()
    if build([a if a.startswith("--") else str(site / a) for a in args]):
        raise RuntimeError(f"the dense fixture did not build ({site})")
    return site / "out"


def margin_ms(url: str, runs: int = 9) -> dict:
    """Per width: the median layout, the slowest, and the median after a filter change (ms)."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
        for width in (1280, 1440, 1920):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(url, wait_until="load")
            page.wait_for_selector(".reading-edition[data-margin]", state="attached", timeout=15_000)
            t = page.evaluate(MARGIN_TIMES, [runs, page.get_attribute(".note-filter input[value]", "value")])
            out[str(width)] = {"median": statistics.median(t["again"]), "max": max(t["again"]),
                               "filter": statistics.median(t["filter"]), "notes": t["notes"]}  # fmt: skip
        browser.close()
    return out


def keep_offline(base_url: str, site: Path) -> dict:
    """What "Keep this reading on this device" stores (sw.js's list, raw and gzip), and the seconds to store it."""
    from playwright.sync_api import sync_playwright

    data = [
        (site / u).read_bytes() for u in re.findall(r'"url": "([^"]+)"', (site / "sw.js").read_text(encoding="utf-8"))
    ]
    with sync_playwright() as p:
        tab = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox"]).new_page()
        tab.goto(base_url, wait_until="load")
        start = time.perf_counter()
        tab.click("[data-keep-offline]")
        tab.wait_for_selector("[data-keep-offline][data-state=ready]", timeout=180_000)
        seconds = time.perf_counter() - start
    return {
        "files": len(data),
        "bytes": sum(map(len, data)),
        "gzip": sum(len(gzip.compress(d)) for d in data),
        "seconds": seconds,
    }


def preview_seconds(work: Path, path: str, edits: int = 5) -> dict:
    """`scripts/dev serve` in a project copy, its reading page open in Chromium: seconds from saving a note (a word
    added to its body; then a mistyped kind, fixed after) until the open page shows the word, or the error banner."""
    from playwright.sync_api import Error, sync_playwright

    notes, times = work / "notes" / "annotations" / "introduction.yml", dict[str, list[float]](shown=[], banner=[])
    good = notes.read_text(encoding="utf-8")
    at = good.index("body: >-\n      ") + 15  # the first note's first word
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        addr = f"127.0.0.1:{free.getsockname()[1]}"
    cmd = [sys.executable, "scripts/build.py", "serve", "--addr", addr]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ARTICLE_SOURCE="")  # the companion edition
    server = subprocess.Popen(cmd, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with sync_playwright() as p:
            tab = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox"]).new_page()
            for _ in range(240):  # until the first build is served
                try:
                    if (reply := tab.goto(f"http://{addr}{path}")) and reply.ok:
                        break
                except Error:
                    time.sleep(0.5)
            for i, kind in enumerate(["shown"] * edits + ["banner"] * edits):
                text, start = good[:at] + f"Previewedit{i} " + good[at:], time.perf_counter()
                bad = text.replace("kind: question", "kind: qestion")  # an unknown kind, which the banner names
                notes.write_text(text if kind == "shown" else bad, encoding="utf-8")
                shown = tab.get_by_text(f"Previewedit{i}") if kind == "shown" else tab.locator(".build-errors")
                shown.first.wait_for(state="attached")
                times[kind].append(time.perf_counter() - start)
                if kind == "banner":  # fixed before the next edit
                    notes.write_text(text, encoding="utf-8")
                    tab.locator(".build-errors").wait_for(state="detached")
                tab.wait_for_timeout(300)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {k: runs.summary(v) for k, v in times.items()}
