"""The whole bibliography as a .bib file for biblatex (with biber), which Zotero also imports.

Entry types and fields follow biblatex's default data model, as biber's own copy states it
(biber 2.18, `Biber/biber-tool.conf`: `<entryfields>` says which fields a type takes,
`<constraints>` which it must have); the tests run `biber --tool --validate-datamodel` over the
file. The type says what the item is: a journal, magazine or newspaper article in a named
periodical is an @article (with `entrysubtype` magazine or newspaper), a web page or a blog post
an @online, a book @book (@collection when it has editors only), a report @report, a thesis
@thesis, a conference paper not in proceedings @unpublished with its event. Where the item lacks
what its type must have (a newspaper report known only by its agency, a journal article whose
journal we have not recorded), it is cited as what we know of it: @online when it has an
address, otherwise @misc. A field the type does not take is moved to the one that does
(a web page's publisher is its `organization`) or left out. Nothing is made up: an item
without a date has none here either, and biber's check says so (the tests expect that
warning for exactly those items).

Values are braced and LaTeX's special characters escaped; an organisation as author is braced
whole, so that it is not split into given and family names. `journal`, `address` and `school`
are the BibTeX names biber maps to `journaltitle`, `location` and `institution` and every BibTeX
reader knows.
"""

from __future__ import annotations

from typing import Any

from annotated.citations import csl_items
from annotated.exports.csl import date, names, one_line, pages
from annotated.exports.passages import Inputs

PATH = "exports/references.bib"

# CSL type -> biblatex type, before the check of what the type must have.
BIB_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "review": "article", "review-book": "article", "article": "article", "book": "book",
    "chapter": "incollection", "entry-encyclopedia": "inreference",
    "entry-dictionary": "inreference", "paper-conference": "inproceedings", "report": "report",
    "thesis": "thesis", "webpage": "online", "post": "online", "post-weblog": "online",
}  # fmt: skip
SUBTYPES = {"article-magazine": "magazine", "article-newspaper": "newspaper"}

# biber-tool.conf <constraints type="mandatory">, less the date every type must have (never
# made up here). A tuple is "one of these".
REQUIRED: dict[str, list[str | tuple[str, ...]]] = {
    "article": ["author", "title", "journal"],
    "book": ["author", "title"],
    "collection": ["editor", "title"],
    "inbook": ["author", "title", "booktitle"],
    "incollection": ["author", "editor", "title", "booktitle"],
    "inreference": ["author", "editor", "title", "booktitle"],
    "inproceedings": ["author", "title", "booktitle"],
    "report": ["author", "title", "type", "institution"],
    "thesis": ["author", "title", "type", "institution"],
    "unpublished": ["author", "title"],
    "online": ["title", ("url", "doi")],
    "misc": ["title"],
}

# biber-tool.conf <entryfields>: the fields of each type that we write (`date`, `urldate`,
# `doi`, `url`, `abstract` and `entrysubtype` are taken by every type).
_BOOKISH = {"author", "editor", "title", "booktitle", "volume", "pages", "publisher", "address",
            "isbn", "series", "language", "note"}  # fmt: skip
# fmt: off
FIELDS: dict[str, set[str]] = {
    "article": {"author", "editor", "title", "journal", "volume", "number", "pages", "issn",
                "language", "note"},
    "book": _BOOKISH - {"booktitle"},
    "collection": _BOOKISH - {"booktitle"},
    "inbook": _BOOKISH,
    "incollection": _BOOKISH,
    "inreference": _BOOKISH,
    "inproceedings": _BOOKISH | {"eventtitle"},
    "report": {"author", "title", "type", "institution", "address", "number", "pages",
               "language", "note"},
    "thesis": {"author", "title", "type", "school", "address", "pages", "language", "note"},
    "unpublished": {"author", "title", "howpublished", "eventtitle", "address", "type",
                    "language", "note"},
    "online": {"author", "editor", "title", "titleaddon", "organization", "language", "note"},
    "misc": {"author", "editor", "title", "howpublished", "organization", "address", "type",
             "language", "note"},
}
# fmt: on
_EVERY_TYPE = ("entrysubtype", "date", "doi", "url", "urldate", "abstract")
ORDER = (
    "author", "editor", "title", "titleaddon", "journal", "booktitle", "eventtitle", "series",
    "volume", "number", "pages", "date", "type", "howpublished", "organization", "institution",
    "school", "publisher", "address", "language", "entrysubtype", "doi", "url", "urldate",
    "isbn", "issn", "abstract", "note",
)  # fmt: skip

_LATEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_VERBATIM = {"author", "editor", "doi", "url", "date", "urldate"}  # escaped already, or raw


def latex(text: Any) -> str:
    return "".join(_LATEX.get(c, c) for c in one_line(text))


def _bib_name(n: dict[str, str]) -> str:
    if n.get("literal"):
        return "{" + latex(n["literal"]) + "}"  # braced: an organisation is one "last name"
    von_last = " ".join(x for x in (n.get("non-dropping-particle"), n.get("family")) if x)
    first = " ".join(x for x in (n.get("given"), n.get("dropping-particle")) if x)
    parts = [latex(von_last)] + ([latex(n["suffix"])] if n.get("suffix") else []) + [latex(first)]
    return ", ".join(p for p in parts if p)


def _iso(parts: list[int]) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


def _values(item: dict[str, Any]) -> dict[str, str]:
    """Every field the item could fill, under its biblatex name, before the type is chosen."""
    v: dict[str, Any] = {
        "author": " and ".join(_bib_name(n) for n in names(item, "author")),
        "editor": " and ".join(_bib_name(n) for n in names(item, "editor")),
        "title": item.get("title"),
        "series": item.get("collection-title"),
        "volume": item.get("volume"),
        "eventtitle": item.get("event") or item.get("event-title"),
        "type": item.get("genre"),
        "address": item.get("publisher-place"),
        "language": item.get("language"),
        "doi": item.get("DOI"),
        "url": item.get("URL"),
        "isbn": item.get("ISBN"),
        "issn": item.get("ISSN"),
        "abstract": item.get("abstract"),
        "note": item.get("note"),
        "entrysubtype": SUBTYPES.get(item["type"]),
    }
    if item.get("page"):
        first, last = pages(item["page"])
        v["pages"] = f"{first}--{last}" if last else first
    if date(item, "issued"):
        v["date"] = _iso(date(item, "issued"))
    if date(item, "accessed"):
        v["urldate"] = _iso(date(item, "accessed"))
    return {k: one_line(x) for k, x in v.items() if x not in (None, "")}


def _place(kind: str, item: dict[str, Any], v: dict[str, str]) -> dict[str, str]:
    """The container, number and publisher in the fields `kind` has for them."""
    out: dict[str, Any] = dict(v)
    container, publisher = item.get("container-title"), item.get("publisher")
    number = item.get("issue") or item.get("number")
    if kind == "article":
        out |= {"journal": container, "number": number}
    elif kind in ("incollection", "inreference", "inproceedings", "inbook"):
        out |= {"booktitle": container, "publisher": publisher}
    elif kind in ("book", "collection"):
        out |= {"publisher": publisher}
    elif kind in ("report", "thesis"):
        out |= {"institution" if kind == "report" else "school": publisher, "number": number}
        out["type"] = out.get("type") or kind  # biblatex requires one; say no more than we know
    elif kind == "online":
        out |= {"organization": ", ".join(x for x in (container, publisher) if x)}
        out |= {"titleaddon": out.pop("type", None)}
    else:  # misc, unpublished
        out |= {"howpublished": container, "organization": publisher}
    if kind != "article":
        out.pop("entrysubtype", None)
    return {k: one_line(x) for k, x in out.items() if x not in (None, "")}


def _has(fields: dict[str, str], need: str | tuple[str, ...]) -> bool:
    alias = {"institution": ("institution", "school")}
    options = need if isinstance(need, tuple) else alias.get(need, (need,))
    return any(o in fields for o in options)


def entry_type(item: dict[str, Any]) -> tuple[str, dict[str, str]]:
    v = _values(item)
    kind = BIB_TYPES.get(item["type"], "misc")
    if kind == "book" and not v.get("author") and v.get("editor"):
        kind = "collection"
    if kind in ("incollection", "inreference") and not v.get("editor"):
        kind = "inbook" if kind == "incollection" else "inreference"
    if kind == "inproceedings" and not item.get("container-title"):
        kind = "unpublished"  # a paper given at an event, not (as far as we know) published
    fields = _place(kind, item, v)
    if not all(_has(fields, need) for need in REQUIRED[kind]):
        kind = "online" if v.get("url") or v.get("doi") else "misc"
        fields = _place(kind, item, v)
    allowed = FIELDS[kind] | set(_EVERY_TYPE)
    return kind, {k: fields[k] for k in ORDER if k in fields and k in allowed}


def bibtex_entry(item: dict[str, Any]) -> str:
    kind, fields = entry_type(item)
    body = ",\n".join(f"  {k} = {{{v if k in _VERBATIM else latex(v)}}}" for k, v in fields.items())
    return f"@{kind}{{{item['id']},\n{body}\n}}\n"


def bibtex(references: list[dict[str, Any]]) -> bytes:
    return "\n".join(bibtex_entry(item) for item in csl_items(references)).encode("utf-8")


def export(inputs: Inputs) -> dict[str, bytes]:
    return {PATH: bibtex(inputs.notes.references)}
