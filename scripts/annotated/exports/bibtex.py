"""The whole bibliography as BibTeX.

The standard entry types and fields (Patashnik, "BibTeXing", 1988) plus `doi`, `url`, `isbn`,
`issn` and `urldate` as biblatex and Zotero read them. Values are braced and LaTeX's special
characters escaped, so any BibTeX reader takes the text as written; an organisation as author is
braced whole, so that it is not split into given and family names. Types follow Zotero's
CSL-to-BibTeX map (anything else is @misc).
"""

from __future__ import annotations

from typing import Any

from annotated.citations import csl_items
from annotated.exports.csl import date, names, one_line, pages
from annotated.exports.passages import Inputs

PATH = "exports/references.bib"

BIB_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "review": "article", "review-book": "article", "book": "book", "chapter": "incollection",
    "entry-encyclopedia": "incollection", "entry-dictionary": "incollection",
    "paper-conference": "inproceedings", "report": "techreport", "thesis": "phdthesis",
}  # fmt: skip

_LATEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def latex(text: Any) -> str:
    return "".join(_LATEX.get(c, c) for c in one_line(text))


def _bib_name(n: dict[str, str]) -> str:
    if n.get("literal"):
        return "{" + latex(n["literal"]) + "}"  # braced: an organisation is one "last name"
    von_last = " ".join(x for x in (n.get("non-dropping-particle"), n.get("family")) if x)
    first = " ".join(x for x in (n.get("given"), n.get("dropping-particle")) if x)
    parts = [latex(von_last)] + ([latex(n["suffix"])] if n.get("suffix") else []) + [latex(first)]
    return ", ".join(p for p in parts if p)


def bibtex_entry(item: dict[str, Any]) -> str:
    kind = BIB_TYPES.get(item["type"], "misc")
    container = item.get("container-title")
    fields: list[tuple[str, Any]] = [
        ("author", " and ".join(_bib_name(n) for n in names(item, "author"))),
        ("editor", " and ".join(_bib_name(n) for n in names(item, "editor"))),
        ("title", item.get("title")),
    ]
    if kind == "article":
        fields.append(("journal", container))
    elif kind in ("incollection", "inproceedings"):
        fields.append(("booktitle", container))
    elif container:
        fields.append(("howpublished", container))
    issued = date(item, "issued")
    if issued:
        fields.append(("year", issued[0]))
    if len(issued) > 1:
        fields.append(("month", issued[1]))
    fields += [("volume", item.get("volume")), ("number", item.get("issue") or item.get("number"))]
    if item.get("page"):
        first, last = pages(item["page"])
        fields.append(("pages", f"{first}--{last}" if last else first))
    publisher_field = {"techreport": "institution", "phdthesis": "school"}.get(kind, "publisher")
    fields += [(publisher_field, item.get("publisher")), ("address", item.get("publisher-place"))]
    fields += [("type", item.get("genre")), ("language", item.get("language"))]
    fields += [("doi", item.get("DOI")), ("url", item.get("URL"))]
    fields += [("isbn", item.get("ISBN")), ("issn", item.get("ISSN"))]
    accessed = date(item, "accessed")
    if accessed:
        fields.append(("urldate", "-".join(f"{p:02d}" for p in accessed)))
    fields += [("abstract", item.get("abstract")), ("note", item.get("note"))]
    verbatim = {"author", "editor", "doi", "url"}  # names are escaped already; DOIs and URLs raw
    body = ",\n".join(
        f"  {k} = {{{one_line(v) if k in verbatim else latex(v)}}}"
        for k, v in fields
        if v not in (None, "")
    )
    return f"@{kind}{{{item['id']},\n{body}\n}}\n"


def bibtex(references: list[dict[str, Any]]) -> bytes:
    return "\n".join(bibtex_entry(item) for item in csl_items(references)).encode("utf-8")


def export(inputs: Inputs) -> dict[str, bytes]:
    return {PATH: bibtex(inputs.notes.references)}
