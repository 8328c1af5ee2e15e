"""Lines of the excerpt's content: running heads turned into page turns, repairs applied inside
each line, footnote markers taken out (with where they stood), and lines joined into blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from annotated.article import Footnote, Metadata, PageBreak
from annotated.ingest.repairs import (
    join_hyphen_spaces,
    join_ligature_after_break,
    join_lines,
    join_split_ligatures,
)

_VERSO = re.compile(r"^(?P<page>\d{1,4})\s+(?P<rest>\S.*)$")
_RECTO = re.compile(r"^(?P<rest>.*\S)\s+(?P<page>\d{1,4})$")
# What a head carries besides its words: `28(3)`, `Vol. 28, No. 3`, separators.
_HEAD_NOISE = re.compile(r"(\d+\s*\(\d+\)|Vol\.?\s*\d+|No\.?\s*\d+|[|•·,:;–—-])", re.IGNORECASE)

# Digits glued after punctuation are a footnote marker: `USA,2`, `factors.3`, `2005)1`, `”4`.
_MARKER = re.compile(r"(?<=[.,;:!?)\]”’\"])(?P<n>\d{1,3})(?=[\s.,;:)\]]|$)")
# Superscript digits glued to what precedes them (`alliance²`, `USA,¹²`) are a marker whatever
# stands before them: the one channel by which a PDF's extraction (docs/assets/your-copy/
# extract.mjs) says what its type shows for sure. Copied prose does not contain them otherwise.
_SUPERSCRIPT = re.compile(r"(?<=\S)(?<![⁰¹²³⁴-⁹])(?P<n>[⁰¹²³⁴-⁹]{1,3})(?![⁰¹²³⁴-⁹])")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# `p.12`, `No.3`: an abbreviation and a number, not a note.
_ABBREV = re.compile(r"\b(?:p|pp|no|nos|vol|vols|fig|ch|art|para|s|ss|op|cf|n|nn)\.$", re.I)
_NEW_SENTENCE = re.compile(r"\s*$|\s+[A-Z“‘\"(]")
# How far a marker may jump ahead of the last one (a note can be skipped by a copy, not more).
_MAX_GAP = 5


@dataclass
class Line:
    """One content line of the raw text, repaired, on its page, without footnote markers."""

    number: int  # 1-based line number in the file, for messages
    text: str
    page: int
    turn: bool = False  # a page turn happened just before this line
    blank_before: bool = False
    footnotes: list[tuple[str, int]] = field(default_factory=list)  # (marker, offset in text)


def _surnames(meta: Metadata) -> list[str]:
    return [a.split()[-1].lower() for a in meta.authors if a.split()]


def _head_parts(line: str) -> tuple[int, str] | None:
    """(page, words) of a line shaped like a running head, the words without volume/issue."""
    s = line.strip()
    m = _VERSO.match(s) or _RECTO.match(s)
    if not m or len(s) > 100:
        return None
    rest = re.sub(r"\s+", " ", _HEAD_NOISE.sub(" ", m["rest"])).strip().lower()
    return (int(m["page"]), rest) if rest else None


def recurring_heads(lines: list[str]) -> set[str]:
    """Head-shaped words that recur with different page numbers: a journal's running head even
    when the journal line is missing and the head names nothing we know."""
    seen: dict[str, set[int]] = {}
    for line in lines:
        if parts := _head_parts(line):
            seen.setdefault(parts[1], set()).add(parts[0])
    return {rest for rest, pages in seen.items() if len(pages) >= 2}


def head_page(
    line: str, meta: Metadata, recurring: set[str] | frozenset[str] = frozenset()
) -> int | None:
    """The page number of a running head (`254 Journal 28(3)`, `Author: Short title 253`)."""
    parts = _head_parts(line)
    if parts is None:
        return None
    page, rest = parts
    if rest in recurring:
        return page
    words = set(re.findall(r"[\w’']+", rest))
    if any(name in words for name in _surnames(meta)):
        return page
    for known in (meta.journal, meta.title, f"{meta.title} {meta.subtitle}".strip()):
        if known and len(rest) >= 8 and fuzz.partial_ratio(rest, known.lower()) >= 90:
            return page
    return None


def page_lines(raw: list[str], start: int, meta: Metadata, first_page: int | None) -> list[Line]:
    """Lines from `start` on, with running heads removed and recorded as page turns.

    A head is accepted only for the next page or the one after (a page of figures may be
    skipped), so a sentence that happens to end in a number and a name is not taken for one.
    """
    page = first_page
    out: list[Line] = []
    turn = blank = False
    recurring = recurring_heads(raw)
    for i in range(start, len(raw)):
        text = raw[i].strip()
        if not text:
            blank = True
            continue
        p = head_page(text, meta, recurring)
        if p is not None and p == page:
            continue  # the same page's head again (a recto and a verso head on one page)
        if p is not None and (page is None or page < p <= page + 2):
            if page is None:
                # No first page was known: the lines above the first head were on the page
                # before it.
                for line in out:
                    line.page = p - 1
            turn = bool(out) or page is not None
            page = p
            continue
        out.append(Line(i + 1, text, page or 0, turn, blank))
        turn = blank = False
    return out


def repair_line(text: str) -> str:
    return join_hyphen_spaces(join_split_ligatures(text))


def take_markers(text: str, last: int | None) -> tuple[str, list[tuple[str, int]], int | None]:
    """`text` without its footnote markers, the markers with their offsets, the last number.

    Markers are numbered in reading order, so a candidate is accepted only a little ahead of the
    previous one; that keeps `1,000`, `3.5`, years and `(Agency, 2005)` out.
    """
    found: list[tuple[str, int]] = []
    out, pos = [], 0
    raised = {m.start(): m for m in _SUPERSCRIPT.finditer(text)}
    candidates = sorted([*_MARKER.finditer(text), *raised.values()], key=lambda m: m.start())
    for m in candidates:
        marker = m["n"].translate(_SUPERSCRIPT_DIGITS)
        n = int(marker)
        before = text[: m.start()]
        punct = before[-1]
        # A superscript is a marker for sure: only the numbering below can refuse it.
        if m.start() not in raised and not _after_punctuation(
            before, punct, n, last, text[m.end() :]
        ):
            continue
        if last is not None and not (last < n <= last + _MAX_GAP):
            continue
        out.append(text[pos : m.start()])
        found.append((marker, sum(len(x) for x in out)))
        pos = m.end()
        last = n
    out.append(text[pos:])
    return "".join(out), found, last


def _after_punctuation(before: str, punct: str, n: int, last: int | None, after: str) -> bool:
    """Are digits glued after punctuation a marker, not part of a number or an abbreviation?"""
    # `3.5` and `1,000` are numbers; `in 2005.3` is a marker after a year. Only the very next
    # marker, before a new sentence, is taken for one.
    after_number = punct in ".," and len(before) > 1 and before[-2].isdigit()
    if after_number and (n != (last or 0) + 1 or (punct == "." and not _NEW_SENTENCE.match(after))):
        return False
    return not (punct == "." and _ABBREV.search(before))


def clean_lines(lines: list[Line]) -> list[Line]:
    last: int | None = None
    broken = ""  # the word left before a line-end hyphen on the previous line
    for line in lines:
        text = repair_line(join_ligature_after_break(broken, line.text))
        line.text, line.footnotes, last = take_markers(text, last)
        tail = re.search(r"([A-Za-z]+)-$", line.text)
        broken = tail.group(1) if tail else ""
    return lines


@dataclass
class Joined:
    text: str
    pages: list[int]
    page_breaks: list[PageBreak]
    footnotes: list[Footnote]


def join_block(lines: list[Line], sep: str | None = None) -> Joined:
    """Lines as one text (reflowed, or joined by `sep`), with page turns and markers at offsets."""
    text = ""
    breaks: list[PageBreak] = []
    notes: list[Footnote] = []
    for k, line in enumerate(lines):
        if k == 0:
            text, start = line.text, 0
        elif sep is not None:
            start = len(text) + len(sep)
            text = text + sep + line.text
        else:
            text, start = join_lines(text, line.text)
        if line.turn:
            breaks.append(PageBreak(line.page, start))
        notes.extend(Footnote(mk, start + off) for mk, off in line.footnotes)
    first = lines[0].page if lines else 0
    pages = [first] + [b.page for b in breaks if b.page != first]
    # Page 0 means "no page known" (a text without running heads or a journal line).
    pages = [p for p in sorted(set(pages), key=pages.index) if p]
    return Joined(text, pages, breaks, notes)


def ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.?!…][”’\"')\]]*$", text.rstrip()))
