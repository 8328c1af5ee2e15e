"""Lighthouse scores for built pages, and the audits that cost points.

Lighthouse 12.2.3 (the last release that runs on Node 20) is installed by `npm i -E` into the
git-ignored tools/ folder. The site is served on 127.0.0.1 by a small server that gzips text the
way a static host does, so "enable text compression" measures the site, not the test server.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

VERSION = "12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
_COMPRESS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


@dataclass
class Lost:
    """One audit that cost points: its id, title, score, weight and the items it names."""

    category: str
    audit: str
    title: str
    score: float | None
    weight: float
    details: list[str] = field(default_factory=list)


@dataclass
class Result:
    page: str
    form: str  # "mobile" or "desktop"
    scores: dict[str, int]
    lost: list[Lost]
    metrics: dict[str, float] = field(default_factory=dict)


def missing_tools(repo: Path, chrome: str = "/usr/bin/chromium") -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not shutil.which("node") or not shutil.which("npm"):
        return "skipped: Node.js and npm are not installed"
    if not Path(chrome).is_file():
        return f"skipped: no Chromium at {chrome}"
    return None


def ensure_lighthouse(repo: Path) -> Path:
    """The lighthouse CLI under tools/, installed (pinned, exact) on first use."""
    cli = repo / "tools" / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        (repo / "tools").mkdir(exist_ok=True)
        subprocess.run(
            [
                "npm",
                "i",
                "-E",
                "--no-audit",
                "--no-fund",
                "--prefix",
                "tools",
                f"lighthouse@{VERSION}",
            ],
            cwd=repo,
            check=True,
            capture_output=True,
        )
    return cli


class _Handler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it, silent in the terminal."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the parent class redirects to "dir/"
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in _COMPRESS):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run(cli: Path, url: str, form: str, out: Path, chrome: str = "/usr/bin/chromium") -> dict:
    """One Lighthouse run; returns its JSON report (also written to `out`)."""
    cmd = [
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if form == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chrome}
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out.is_file():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"lighthouse failed on {url} ({form}): {' / '.join(tail)}")
    return json.loads(out.read_text(encoding="utf-8"))


def summarize(report: dict, page: str, form: str) -> Result:
    """Scores (0–100) per category, and every weighted audit that did not score full marks."""
    cats = report["categories"]
    audits = report["audits"]
    scores = {c: round((cats[c]["score"] or 0) * 100) for c in CATEGORIES if c in cats}
    lost = []
    for c in CATEGORIES:
        for ref in cats.get(c, {}).get("auditRefs", []):
            audit = audits.get(ref["id"], {})
            mode = audit.get("scoreDisplayMode")
            if ref.get("weight", 0) == 0 or mode in ("notApplicable", "informative", "manual"):
                continue
            if audit.get("score") is None or audit["score"] < 1:
                lost.append(
                    Lost(
                        c,
                        ref["id"],
                        audit.get("title", ref["id"]),
                        audit.get("score"),
                        ref["weight"],
                        _items(audit),
                    )
                )
    metrics = {
        k: audits[k]["numericValue"]
        for k in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
        if k in audits and "numericValue" in audits[k]
    }
    return Result(page, form, scores, lost, metrics)


def _items(audit: dict, limit: int = 5) -> list[str]:
    """The first few offending elements or URLs an audit names, as short text."""
    out = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        node = item.get("node") or {}
        text = node.get("snippet") or item.get("url") or item.get("source", {}).get("url")
        if not text and isinstance(item.get("subItems"), dict):
            sub = item["subItems"].get("items", [])
            text = "; ".join((s.get("relatedNode") or {}).get("snippet", "") for s in sub[:2])
        if text:
            label = node.get("explanation", "").split("\n")[-1].strip()
            out.append(f"{text[:160]}" + (f" ({label[:160]})" if label else ""))
    if not out and audit.get("displayValue"):
        out.append(str(audit["displayValue"]))
    return out
