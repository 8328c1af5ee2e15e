"""The whole bibliography as RIS, for Zotero, EndNote and other reference managers.

The tagged format of the RIS specification (Research Information Systems, 2011), as Zotero's RIS
translator (zotero/translators RIS.js) reads it: each line `TG  - value` (two capitals, two spaces,
a hyphen, a space), a record from `TY` to `ER`, one AU per author in order, PY the year, DA the
date as YYYY/MM/DD/, SP and EP the first and last pages. Types follow Zotero's CSL-to-RIS map.
"""

from __future__ import annotations

from typing import Any

from annotated.citations import csl_items
from annotated.exports.csl import date, names, one_line, pages
from annotated.exports.passages import Inputs

PATH = "exports/references.ris"

RIS_TYPES = {
    "article": "GEN", "article-journal": "JOUR", "article-magazine": "MGZN",
    "article-newspaper": "NEWS", "book": "BOOK", "chapter": "CHAP", "dataset": "DATA",
    "entry-dictionary": "DICT", "entry-encyclopedia": "ENCYC", "legislation": "STAT",
    "manuscript": "MANSCPT", "map": "MAP", "paper-conference": "CPAPER", "patent": "PAT",
    "personal_communication": "PCOMM", "post": "ELEC", "post-weblog": "BLOG", "report": "RPRT",
    "review": "JOUR", "review-book": "JOUR", "speech": "SOUND", "thesis": "THES",
    "webpage": "ELEC", "bill": "BILL", "legal_case": "CASE", "motion_picture": "MPCT",
}  # fmt: skip


def _ris_name(n: dict[str, str]) -> str:
    if n.get("literal"):
        return n["literal"]
    family = " ".join(x for x in (n.get("non-dropping-particle", ""), n.get("family", "")) if x)
    given = " ".join(x for x in (n.get("given", ""), n.get("dropping-particle", "")) if x)
    return ", ".join(x for x in (family, given, n.get("suffix", "")) if x)


def ris_record(item: dict[str, Any]) -> list[str]:
    tags: list[tuple[str, Any]] = [("TY", RIS_TYPES.get(item["type"], "GEN")), ("ID", item["id"])]
    tags += [("AU", _ris_name(n)) for n in names(item, "author")]
    tags += [("A2", _ris_name(n)) for n in names(item, "editor")]
    tags += [("TI", item.get("title")), ("T2", item.get("container-title"))]
    tags.append(("T3", item.get("collection-title")))
    issued = date(item, "issued")
    if issued:
        tags.append(("PY", f"{issued[0]:04d}"))
        tags.append(("DA", "/".join(f"{p:02d}" for p in issued) + "/"))
    tags += [("VL", item.get("volume")), ("IS", item.get("issue")), ("M1", item.get("number"))]
    if item.get("page"):
        first, last = pages(item["page"])
        tags += [("SP", first), ("EP", last)]
    tags += [("PB", item.get("publisher")), ("CY", item.get("publisher-place"))]
    tags += [("M3", item.get("genre")), ("LA", item.get("language"))]
    tags += [("DO", item.get("DOI")), ("UR", item.get("URL"))]
    tags += [("SN", item.get("ISBN") or item.get("ISSN"))]
    accessed = date(item, "accessed")
    if accessed:
        tags.append(("Y2", "/".join(f"{p:02d}" for p in accessed)))
    tags += [("AB", item.get("abstract")), ("N1", item.get("note"))]
    lines = [f"{tag}  - {one_line(v)}" for tag, v in tags if v not in (None, "")]
    return [*lines, "ER  - "]


def ris(references: list[dict[str, Any]]) -> bytes:
    records = ["\n".join(ris_record(item)) for item in csl_items(references)]
    return ("\n\n".join(records) + "\n").encode("utf-8")


def export(inputs: Inputs) -> dict[str, bytes]:
    return {PATH: ris(inputs.notes.references)}
