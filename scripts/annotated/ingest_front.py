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
    limit = next((i for i, ln in enumerate(lines) if _ABSTRACT.match(ln)), None)
    kw = next((i for i, ln in enumerate(lines) if _KEYWORDS.match(ln)), None)
    header_end = limit if limit is not None else (kw if kw is not None else 0)
    if limit is None and kw is None:
        # No abstract and no keywords: the header can still be recognised by its journal line.
        j = next((i for i, ln in enumerate(lines[:30]) if _JOURNAL.match(ln)), None)
        header_end = _title_block_end(lines, j + 1) if j is not None else 0
    db_title = ""
    recognised: list[int] = []
    for i in range(header_end):
        line = lines[i].strip()
        if not line:
            continue
        if m := _JOURNAL.match(line):
            meta.journal = m["journal"].strip()
            meta.year = int(m["year"])
            meta.volume, meta.issue = m["volume"], m["issue"]
            meta.first_page, meta.last_page = int(m["first"]), int(m["last"])
            recognised.append(i)
        elif m := _DOI_LINE.match(line):
            meta.doi = meta.doi or m["doi"]
            meta.copyright = (m["rest"] or "").strip()
            recognised.append(i)
        elif (m := _DB_LINE.match(line)) and not meta.journal:
            _db_field(meta, m["label"], m["value"].strip())
            recognised.append(i)
        elif i == 0:
            db_title = line
            recognised.append(i)
    front.found = bool(recognised and (meta.journal or meta.doi)) or limit is not None
    # The publisher line follows the DOI/copyright line; the title block follows it.
    after = max(recognised) + 1 if recognised else 0
    if after < header_end and _PUBLISHER_WORDS.search(lines[after]):
        meta.publisher = re.sub(r"\s*\(.*\)\s*$", "", lines[after]).strip()
        after += 1
    block = [i for i in range(after, header_end) if lines[i].strip()]
    if block and front.found:
        # The title block's last line names the authors (checked against the database line).
        names = split_authors(lines[block[-1]])
        known = {a.lower() for a in meta.authors}
        if len(block) > 1 and (not known or known & {n.lower() for n in names}):
            meta.authors = names
            block = block[:-1]
        front.title_lines = block
        title = _join_title([lines[i].strip() for i in block])
        meta.title, meta.subtitle = _split_title(title)
    if not meta.title and db_title:
        meta.title, meta.subtitle = _split_title(db_title)
    if meta.first_page is None:
        front.first_page = _first_page_from_heads(lines[:header_end])
        meta.first_page = front.first_page
    front.first_page = meta.first_page
    if limit is not None:
        end = kw if kw is not None and kw > limit else limit + 1
        if kw is None or kw < limit:
            end = _paragraph_end(lines, limit)
        front.abstract = list(range(limit, end))
    if kw is not None:
        front.keywords_line = kw
        meta.keywords = split_keywords(_KEYWORDS.match(lines[kw])["text"])
    ends = [header_end, *front.abstract, *([kw] if kw is not None else [])]
    front.body_start = max(ends) + 1 if (front.abstract or kw is not None) else header_end
    return front


def _join_title(lines: list[str]) -> str:
    """Title-block lines as one string; a line ending in `:` ends the title proper."""
    out = ""
    for ln in lines:
        out = f"{out} {ln}".strip() if out else ln
    return re.sub(r":(?=\S)", ": ", out)


def _title_block_end(lines: list[str], start: int) -> int:
    """Without an abstract, the header ends at the first long line (the body's first line)."""
    for i in range(start, min(len(lines), start + 8)):
        if len(lines[i]) > 60:
            return i
    return start


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


def _first_page_from_heads(lines: list[str]) -> int | None:
    for ln in lines:
        m = re.match(r"^\S.*\s(\d{1,4})$", ln.strip())
        if m and ":" in ln:
            return int(m.group(1))
    return None
