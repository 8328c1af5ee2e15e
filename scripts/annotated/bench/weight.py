"""Page weight: the bytes a browser fetches to show one built page, raw and gzipped.

Counted from the built files, not from a browser: the page's HTML, every stylesheet and script it
links, the fonts those stylesheets declare, and, for Material, the search worker and search index
that its bundle fetches on load (named in the page's `__config` JSON). Third-party URLs are listed
apart (a reading site should have none).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

KINDS = ("html", "css", "js", "fonts", "search")
_FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.S)
_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass(frozen=True)
class Asset:
    kind: str  # one of KINDS
    path: str  # relative to the site root
    raw: int
    gzip: int


@dataclass
class Weight:
    page: str
    assets: list[Asset] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # third-party URLs the page would fetch
    missing: list[str] = field(default_factory=list)  # linked files not in the built site
    # The HTML split into the page's own content (<article>) and the theme around it.
    html_split: dict[str, int] = field(default_factory=dict)

    def total(self, kinds: tuple[str, ...] = KINDS, packed: bool = True) -> int:
        return sum(a.gzip if packed else a.raw for a in self.assets if a.kind in kinds)

    def by_kind(self) -> dict[str, dict[str, int]]:
        return {k: {"raw": self.total((k,), packed=False), "gzip": self.total((k,))} for k in KINDS}

    def to_dict(self) -> dict:
        return {
            "page": self.page,
            "by_kind": self.by_kind(),
            "assets": [a.__dict__ for a in self.assets],
            "external": self.external,
            "missing": self.missing,
            "html_split": self.html_split,
        }


def gzip_size(data: bytes) -> int:
    # Level 6 is what web servers (and GitHub Pages) use by default; mtime=0 keeps it repeatable.
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: str) -> Weight:
    """Weigh `page` (a path under `site`, e.g. "reading/introduction/index.html")."""
    weight = Weight(page)
    seen: set[str] = set()

    def add(kind: str, url: str, base: str) -> bytes | None:
        target = urljoin("/" + base, url)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            if parts.scheme in ("http", "https", "") and target not in weight.external:
                weight.external.append(target)
            return None
        rel = parts.path.lstrip("/")
        if rel.endswith("/") or not rel:
            rel += "index.html"
        if rel in seen:
            return None
        seen.add(rel)
        path = site / rel
        if not path.is_file():
            weight.missing.append(rel)
            return None
        data = path.read_bytes()
        weight.assets.append(Asset(kind, rel, len(data), gzip_size(data)))
        return data

    html = add("html", page, "")
    if html is None:
        raise FileNotFoundError(f"{site / page}: not a built page")
    tree = HTMLParser(html.decode("utf-8"))
    weight.html_split = split_html(tree, html)
    for link in tree.css("link[rel~=stylesheet][href]"):
        css = add("css", link.attributes["href"] or "", page)
        if css is not None:
            for font in fonts_in_css(css.decode("utf-8", "replace")):
                add("fonts", font, urljoin("/" + page, link.attributes["href"] or "").lstrip("/"))
    for link in tree.css("link[rel=preload][href]"):
        kind = {"font": "fonts", "style": "css", "script": "js"}.get(
            link.attributes.get("as") or ""
        )
        if kind:
            add(kind, link.attributes["href"] or "", page)
    for script in tree.css("script[src]"):
        add("js", script.attributes["src"] or "", page)
    config = tree.css_first("script#__config")
    if config is not None:
        # Material's bundle starts its search worker and fetches the index as the page loads.
        data = json.loads(config.text())
        base = urljoin("/" + page, data.get("base", "."))
        if data.get("search"):
            add("search", urljoin(base + "/", data["search"]).lstrip("/"), "")
            if tree.css_first("form[name=search]") is not None:
                index = urljoin(base + "/", "search/search_index.json").lstrip("/")
                add("search", index, "")
    return weight


def split_html(tree: HTMLParser, html: bytes) -> dict[str, int]:
    """Bytes of the page's <article> (its own content) and of everything else (the theme)."""
    article = tree.css_first("article")
    content = (article.html or "").encode() if article is not None else b""
    return {
        "content_raw": len(content),
        "content_gzip": gzip_size(content) if content else 0,
        "chrome_raw": len(html) - len(content),
    }


def fonts_in_css(css: str) -> list[str]:
    """Font files that a stylesheet's @font-face rules point at (woff2 first, as browsers pick)."""
    found = []
    for rule in _FONT_FACE.findall(css):
        urls = [u for u in _URL.findall(rule) if not u.startswith("data:")]
        woff2 = [u for u in urls if u.split("?")[0].endswith(".woff2")]
        if woff2 or urls:
            found.append((woff2 or urls)[0])
    return found


_STOCK_CONFIG = """\
site_name: Stock Material
theme:
  name: material
  font: false
"""
_STOCK_PAGE = """\
# A stock page

One paragraph of text on a stock Material for MkDocs page, built with the same pinned versions,
to weigh against the reading pages.
"""


def build_stock_material(root: Path) -> Path:
    """A one-page MkDocs project with the stock Material theme, built; returns the site folder."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(_STOCK_CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text(_STOCK_PAGE, encoding="utf-8")
    site = root / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return site
