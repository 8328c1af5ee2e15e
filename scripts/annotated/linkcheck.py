"""A check of the BUILT site: what MkDocs cannot see inside raw HTML.

MkDocs validates Markdown links and their #anchors; margin notes, backlinks and page turns are raw
HTML, so here every local href (and its #fragment), every data-note and every aria-controls must
resolve, and no page may repeat an id. External links are listed, and fetched only on request.
"""

from __future__ import annotations

import os
import posixpath
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from annotated.errors import Problem

# Pages MkDocs writes that are not ours to check (the 404 page links with absolute URLs).
SKIP = {"404.html"}


@dataclass
class LinkReport:
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0  # local links, data-note and aria-controls references resolved
    external: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Page:
    ids: frozenset[str]
    refs: list[tuple[str, str]]  # (what, value): ("href", url), ("data-note", id), …


def _parse(html: str) -> tuple[_Page, list[str]]:
    tree = HTMLParser(html)
    all_ids = [n.attributes.get("id") or "" for n in tree.css("[id]")]
    # <a name="x"> is an anchor too (old-style, used by some Markdown extensions).
    names = [n.attributes.get("name") or "" for n in tree.css("a[name]")]
    dupes = sorted(i for i, c in Counter(all_ids).items() if c > 1 and i)
    refs: list[tuple[str, str]] = []
    for n in tree.css("a[href]"):
        refs.append(("href", n.attributes.get("href") or ""))
    for n in tree.css("[data-note]"):
        refs.append(("data-note", n.attributes.get("data-note") or ""))
    for n in tree.css("[aria-controls]"):
        refs.append(("aria-controls", n.attributes.get("aria-controls") or ""))
    return _Page(frozenset(all_ids) | frozenset(names), refs), dupes


@dataclass(frozen=True)
class _Tree:
    """The site's files and folders, relative and normalised ("" is the site itself): asked once
    per link, they are looked up here rather than asked of the file system (2,400 links)."""

    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def of(cls, site: Path) -> _Tree:
        files: set[str] = set()
        folders: set[str] = set()
        for top, names, filenames in os.walk(site):
            rel = _norm(Path(top).relative_to(site).as_posix())
            folders.add(rel)
            files.update(posixpath.join(rel, f) for f in filenames)
            folders.update(posixpath.join(rel, n) for n in names)  # linked ones too
        return cls(frozenset(files), frozenset(folders))


def _norm(path: str) -> str:
    path = posixpath.normpath(path)
    return "" if path == "." else path


def _target(tree: _Tree, page_rel: str, url: str) -> tuple[str, str] | None:
    """(file relative to the site, fragment) for a local URL written on page `page_rel`."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page_rel, unquote(parts.fragment)
    if path.startswith("/"):
        joined = _norm(path.lstrip("/"))
    else:
        joined = _norm(posixpath.join(posixpath.dirname(page_rel), path))
    if path.endswith("/") or joined in tree.folders:
        joined = posixpath.join(joined, "index.html")
    return joined, unquote(parts.fragment)


def check_site(site: Path, label: str | None = None) -> LinkReport:
    """Check every HTML page under `site`; problems name the page (as built) and the target."""
    label = label or "site"
    pages: dict[str, _Page] = {}
    report = LinkReport()
    tree = _Tree.of(site)
    for rel in sorted((f for f in tree.files if f.endswith(".html")), key=lambda f: f.split("/")):
        if rel in SKIP:
            continue
        page, dupes = _parse((site / rel).read_text(encoding="utf-8"))
        pages[rel] = page
        for d in dupes:
            report.problems.append(Problem(f"{label}/{rel}", f'duplicate id "{d}" on the page'))
    external: set[str] = set()
    for rel, page in pages.items():
        where = f"{label}/{rel}"
        for what, value in page.refs:
            if what != "href":
                report.checked += 1
                if value not in page.ids:
                    msg = f'{what}="{value}" points to no element on the page'
                    report.problems.append(Problem(where, msg))
                continue
            if value.startswith(("http://", "https://")):
                external.add(value)
                continue
            if value.startswith(("mailto:", "tel:", "javascript:")) or not value:
                continue
            target = _target(tree, rel, value)
            if target is None:
                continue
            report.checked += 1
            file, fragment = target
            if file not in tree.files:
                report.problems.append(Problem(where, f'broken link "{value}": no page {file}'))
                continue
            if fragment and file.endswith(".html"):
                ids = (
                    pages[file].ids
                    if file in pages
                    else _parse((site / file).read_text(encoding="utf-8"))[0].ids
                )
                if fragment not in ids:
                    msg = f'broken link "{value}": {file} has no anchor "#{fragment}"'
                    report.problems.append(Problem(where, msg))
    report.external = sorted(external)
    return report


def check_external(urls: list[str], timeout: float = 10.0) -> list[Problem]:
    """Fetch each external URL (HEAD, then GET when HEAD is refused); only with --check-external."""
    problems = []
    for url in urls:
        ok, why = False, ""
        for method in ("HEAD", "GET"):
            req = urllib.request.Request(url, method=method, headers={"User-Agent": "linkcheck"})
            try:
                with urllib.request.urlopen(req, timeout=timeout) as resp:
                    ok, why = resp.status < 400, f"HTTP {resp.status}"
            except Exception as e:  # any network failure is a finding, not a crash
                ok, why = False, str(e)
            if ok:
                break
        if not ok:
            problems.append(Problem(url, f"external link does not answer: {why}"))
    return problems
