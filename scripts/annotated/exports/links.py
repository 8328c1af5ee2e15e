"""The exports' links to the site, checked against the BUILT site like the pages' own links.

Exports link with absolute URLs (they are read elsewhere), so the link check of the pages cannot see
them: every URL under `site_url` in an export must name a built page and, after #, an id on it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from annotated.errors import Problem


def _texts(path: str, data: bytes) -> list[str]:
    if path.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [z.read(name).decode("utf-8") for name in z.namelist()]
    return [data.decode("utf-8")]


def site_links(files: dict[str, bytes], site_url: str) -> list[tuple[str, str]]:
    """(export, URL) for every distinct link to the site, in file order."""
    if not site_url:
        return []  # no site_url in the config: the exports' links are relative, nothing to match
    pattern = re.compile(re.escape(site_url) + r"[^\s\"'<>)\]\\&]*")
    found: list[tuple[str, str]] = []
    for path, data in files.items():
        urls = [m.group(0) for text in _texts(path, data) for m in pattern.finditer(text)]
        found += [(path, u) for u in dict.fromkeys(urls)]
    return found


def check(files: dict[str, bytes], site: Path, site_url: str) -> tuple[int, list[Problem]]:
    """How many links were checked, and one problem per link that leads nowhere."""
    ids: dict[str, set[str]] = {}
    problems = []
    links = site_links(files, site_url)
    for export, url in links:
        parts = urlsplit(url[len(site_url) :])
        rel = unquote(parts.path)
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        fragment = unquote(parts.fragment)
        if not (site / rel).is_file():
            problems.append(Problem(export, f'broken link "{url}": no page {rel}'))
            continue
        if fragment and rel.endswith(".html"):
            if rel not in ids:
                tree = LexborHTMLParser((site / rel).read_text(encoding="utf-8"))
                ids[rel] = {n.attributes.get("id") or "" for n in tree.css("[id]")}
            if fragment not in ids[rel]:
                msg = f'broken link "{url}": {rel} has no anchor "#{fragment}"'
                problems.append(Problem(export, msg))
    return len(links), problems
