"""The front matter of a raw excerpt: database lines, journal line, title block, abstract, keywords.

The layout is the one a publisher's preview page gives when copied as text:

    Full title as the database lists it
    DOI10.1177/…                      <- database lines, label glued to value
    Published date01 June 2007
    AuthorA. Name
    Surname: Short title 253          <- the first page's running head
    Journal Name (2007), Vol. 28, No. 3, 253–271
    DOI: 10.1177/… © 2007 Holder
    Publisher (Places)
    Title:                            <- the title block, then the author line
    Subtitle
    A. Name
    Abstract. …
    Keywords: • one • two

Everything is optional except that some of it must be present for the text to count as an
article (`Front.found`); the body starts after the last front-matter line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from annotated.article import Metadata
from annotated.ingest.lines import head_page

# Longest labels first: `Published date01 June` must not read as `Date` + `01 June`.
_DB_LABELS = (
    "Subject Matter",
    "Published date",
    "Publication date",
    "Author",
    "Authors",
    "Journal",
    "Volume",
    "Issue",
    "Pages",
    "Publisher",
    "Date",
    "DOI",
)
_DB_LINE = re.compile(
    r"^(?P<label>" + "|".join(sorted(map(re.escape, _DB_LABELS), key=len, reverse=True)) + r")"
    r"(?P<value>[A-Z0-9(].*)$"
)
_JOURNAL = re.compile(
    r"^(?P<journal>\S.*?)\s*\((?P<year>\d{4})\),\s*Vol(?:ume)?\.?\s*(?P<volume>[\w.]+),"
    r"\s*(?:No|Issue|Nr)\.?\s*(?P<issue>[\w./–-]+),\s*(?:pp?\.\s*)?"
    r"(?P<first>\d+)\s*[–-]\s*(?P<last>\d+)\.?$"
)
_DOI_LINE = re.compile(r"^DOI:?\s*(?P<doi>10\.\d{4,9}/\S+?)\.?(?:\s+(?P<rest>©.*))?$")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ABSTRACT = re.compile(r"^Abstract[.:]?\s+(?P<text>\S.*)$")
_KEYWORDS = re.compile(r"^Key\s?words?\s*[:.]\s*(?P<text>.*)$", re.IGNORECASE)
_PUBLISHER_WORDS = re.compile(
    r"\b(Publications?|Publishers?|Publishing|Press|Verlag|Ltd|Inc|LLC|Elsevier|Sage|SAGE|"
    r"Springer|Wiley|Routledge|Taylor|Francis|Brill|University)\b"
)


@dataclass
class Front:
    metadata: Metadata
    found: bool = False  # any front matter at all
    first_page: int | None = None
    abstract: list[int] = field(default_factory=list)  # line indexes of the abstract
    keywords_line: int | None = None
    body_start: int = 0  # first line index after the front matter
    title_lines: list[int] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_][\w’'-]*", text.lower()) if len(w) > 1]


def split_authors(value: str) -> list[str]:
    parts = re.split(r"\s*(?:;|,\s*and\s+|\s+and\s+|\s*&\s*|,)\s*", value.strip())
    return [p for p in (x.strip() for x in parts) if p]


def _iso_date(value: str) -> str:
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return value.strip()


def _split_title(text: str) -> tuple[str, str]:
    """`Title: Subtitle` -> ("Title", "Subtitle"); no colon -> (text, "")."""
    head, colon, tail = text.partition(": ")
    if not colon:
        return text.strip().rstrip(":"), ""
    return head.strip(), tail.strip()


def parse_front(lines: list[str]) -> Front:
    meta = Metadata()
    front = Front(meta)
    abstract = next((i for i, ln in enumerate(lines) if _ABSTRACT.match(ln)), None)
    kw = next((i for i, ln in enumerate(lines) if _KEYWORDS.match(ln)), None)
    header_end = _header_end(lines, abstract, kw)
    recognised = _read_header(lines[:header_end], meta)
    front.found = bool(recognised and (meta.journal or meta.doi)) or abstract is not None
    if front.found:
        _read_title_block(lines, max(recognised, default=-1) + 1, header_end, front)
    if not meta.title and recognised and recognised[0] == 0 and not _DB_LINE.match(lines[0]):
        meta.title, meta.subtitle = _split_title(lines[0].strip())  # the database's title line
    if meta.first_page is None:
        meta.first_page = next(
            (p for ln in lines[:header_end] if (p := head_page(ln, meta)) is not None), None
        )
    front.first_page = meta.first_page
    if abstract is not None:
        end = kw if kw is not None and kw > abstract else _paragraph_end(lines, abstract)
        front.abstract = list(range(abstract, end))
    if kw is not None:
        front.keywords_line = kw
        found = _KEYWORDS.match(lines[kw])
        assert found is not None  # kw is the line that _KEYWORDS matched above
        meta.keywords = split_keywords(found["text"])
    ends = [*front.abstract, *([kw] if kw is not None else [])]
    front.body_start = max(ends) + 1 if ends else header_end
    return front


def _header_end(lines: list[str], abstract: int | None, kw: int | None) -> int:
    """Where the header stops: at the abstract, else the keywords, else after the title block."""
    if abstract is not None:
        return abstract
    if kw is not None:
        return kw
    j = next((i for i, ln in enumerate(lines[:30]) if _JOURNAL.match(ln)), None)
    if j is None:
        return 0
    meta = Metadata()
    _read_header(lines[: j + 1], meta)
    surnames = {a.split()[-1].lower() for a in meta.authors if a.split()}
    for i in range(j + 1, min(len(lines), j + 12)):
        line = lines[i].strip()
        if _DOI_LINE.match(line):
            continue
        if surnames & set(re.findall(r"[\w’'-]+", line.lower())) and len(line) <= 80:
            return i + 1  # the authors' line closes the title block
        if len(line) > 60:
            return i  # no authors' line known: the first full line is the body's
    return j + 1


def _read_header(header: list[str], meta: Metadata) -> list[int]:
    """Fill `meta` from the database, journal and DOI lines; return the indexes recognised.

    The first line counts as recognised too: it is the database's full title."""
    recognised: list[int] = []
    for i, raw in enumerate(header):
        line = raw.strip()
        if m := _JOURNAL.match(line):
            meta.journal = m["journal"].strip()
            meta.year = int(m["year"])
            meta.volume, meta.issue = m["volume"], m["issue"]
            meta.first_page, meta.last_page = int(m["first"]), int(m["last"])
        elif m := _DOI_LINE.match(line):
            meta.doi = meta.doi or m["doi"]
            meta.copyright = (m["rest"] or "").strip()
        elif (m := _DB_LINE.match(line)) and not meta.journal:
            _db_field(meta, m["label"], m["value"].strip())
        elif i != 0 and not (line and head_page(line, meta) is not None):
            continue
        if line:
            recognised.append(i)
    return recognised


def _read_title_block(lines: list[str], start: int, end: int, front: Front) -> None:
    """Publisher line, then title lines, then the authors' line, just above the abstract."""
    meta = front.metadata
    if start < end and _PUBLISHER_WORDS.search(lines[start]):
        meta.publisher = re.sub(r"\s*\(.*\)\s*$", "", lines[start]).strip()
        start += 1
    block = [i for i in range(start, end) if lines[i].strip()]
    if not block:
        return
    # The block's last line names the authors (checked against the database line when there is
    # one, so that a title block without an authors' line keeps its last title line).
    names = split_authors(lines[block[-1]])
    known = set(_words(" ".join(meta.authors)))  # words, so `Bloggs, Jo` meets `Jo Bloggs`
    if len(block) > 1 and (not known or known & set(_words(" ".join(names)))):
        meta.authors = names
        block = block[:-1]
    front.title_lines = block
    meta.title, meta.subtitle = _split_title(_join_title([lines[i].strip() for i in block]))


def _join_title(lines: list[str]) -> str:
    """Title-block lines as one string; a line ending in `:` ends the title proper."""
    out = ""
    for ln in lines:
        out = f"{out} {ln}".strip() if out else ln
    return re.sub(r":(?=\S)", ": ", out)


def _paragraph_end(lines: list[str], start: int) -> int:
    for i in range(start, len(lines)):
        if not lines[i].strip():
            return i
        if re.search(r"[.?!][”’\"]?\d*$", lines[i]) and len(lines[i]) < 60:
            return i + 1
    return len(lines)


def _db_field(meta: Metadata, label: str, value: str) -> None:
    if label == "DOI":
        m = _DOI.search(value)
        meta.doi = m.group(0).rstrip(".") if m else value
    elif label in ("Author", "Authors"):
        meta.authors += [a for a in split_authors(value) if a not in meta.authors]
    elif label in ("Published date", "Publication date", "Date"):
        meta.published_date = meta.published_date or _iso_date(value)
    elif label == "Journal":
        meta.journal = value
    elif label == "Publisher":
        meta.publisher = value


def split_keywords(text: str) -> list[str]:
    """`• Alliances • Alignment` or `Alliances; Alignment` or `Alliances, Alignment`."""
    if "•" in text:
        parts = text.split("•")
    elif ";" in text:
        parts = text.split(";")
    else:
        parts = text.split(",")
    return [p.strip().rstrip(".") for p in parts if p.strip()]
