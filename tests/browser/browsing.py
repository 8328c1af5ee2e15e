"""What the browser tests share: where things are, the pages of the site, the two widths."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from annotated.mkdocs_config import read_config

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_VERSION = "4.14.1"
AXE_JS = REPO / "tools" / "node_modules" / "axe-core" / "axe.min.js"
# The copyrighted excerpt lives outside the repository: ARTICLE_SOURCE names it (tests/conftest.py).
SHARED_SOURCE = Path(os.environ.get("ARTICLE_SOURCE") or "/nonexistent/article.txt")

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


CONFIG = read_config(REPO / "mkdocs.yml")
# The repository the browser tests' builds are given (REPO_URL, as the Pages workflow gives its
# own), so that their pages carry edit links; a local build without it has none.
DEPLOYED_REPO_URL = "https://github.com/someone/annotated-reading"
SITE_URL = CONFIG.site_url
PREFIX = urlparse(SITE_URL).path  # e.g. /annotated-reading/


def _nav_pages(nav: list) -> list[str]:
    out: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            out += _nav_pages(value)
        else:
            out.append(value)
    return out


def page_path(md: str) -> str:
    """The served path of a Markdown page (use_directory_urls), relative to the site root."""
    stem = md.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


PAGES = [page_path(md) for md in _nav_pages(CONFIG.nav)]
READING_PAGES = [p for p in PAGES if p.startswith("reading/")]
MISSING = "no-such-page/"  # any address that does not exist gets the 404 page
