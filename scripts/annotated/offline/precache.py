"""Workbox's precache list from the built site: every file, by its URL relative to the site's
root and a revision that changes exactly when its bytes do. A new build with a changed file
gives a changed list, so a changed `sw.js`; the browser then installs the new build beside the
old one and switches in one step (worker.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

# Not stored: the worker itself (the browser keeps it), the maps of minified files, and the
# gzip copy of the sitemap (the plain one is what Material reads).
LEFT_OUT = ("sw.js", "sitemap.xml.gz")
LEFT_OUT_SUFFIXES = (".map",)


@dataclass(frozen=True)
class Entry:
    url: str
    revision: str
    size: int


def revision(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()[:16]


def entries(files: dict[str, bytes], folders_left_out: tuple[str, ...] = ()) -> list[Entry]:
    """`files`: path in the site (POSIX) -> bytes; the list, sorted by URL. `folders_left_out`:
    folders ("a/b/") the site never asks for in this configuration."""
    out = []
    for path in sorted(files):
        if (
            path in LEFT_OUT
            or path.endswith(LEFT_OUT_SUFFIXES)
            or path.startswith(folders_left_out)
        ):
            continue
        out.append(Entry(path, revision(files[path]), len(files[path])))
    return out


def read_site(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
