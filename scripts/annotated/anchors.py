"""Notes anchored to the article: each phrase becomes offsets in its paragraph, or a problem.

The order of attempts follows Hypothesis's anchoring (exact unique match, then context to choose
between repeats) but never accepts a fuzzy best guess: a phrase that is not found is an orphan,
reported with the nearest candidate passage and its similarity, and the build fails.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from annotated.article import Article, Block
from annotated.errors import Problem, warning
from annotated.notes import LocatedNote, Notes

Status = Literal["anchored", "ambiguous", "orphaned", "crossing", "overlapping"]


@dataclass(frozen=True)
class Anchor:
    note: LocatedNote
    block: str
    start: int
    end: int
    page: int  # the page on which the phrase begins
    number: int  # 1-based, per generated page, in reading order


@dataclass(frozen=True)
class Miss:
    """A note that could not be anchored, and why (one clear line)."""

    note: LocatedNote
    status: Status
    problem: Problem


@dataclass
class Anchors:
    anchored: list[Anchor] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [m.problem for m in self.misses]

    def drift(self) -> dict[str, dict[str, int]]:
        """Per notes file: how many notes anchored, were ambiguous, orphaned or overlapping."""
        report: dict[str, Counter[str]] = {}
        for a in self.anchored:
            report.setdefault(a.note.path, Counter())["anchored"] += 1
        for m in self.misses:
            status = "orphaned" if m.status in ("orphaned", "crossing") else m.status
            report.setdefault(m.note.path, Counter())[status] += 1
        keys = ("anchored", "ambiguous", "orphaned", "overlapping")
        return {path: {k: c[k] for k in keys} for path, c in sorted(report.items())}


# --- matching, pure ----------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def normalise_phrase(phrase: str) -> str:
    """YAML folding and line breaks in a note must not matter; the words themselves must."""
    return _SPACE.sub(" ", phrase).strip()


def occurrences(text: str, phrase: str) -> list[int]:
    """Start offsets of every (possibly overlapping) exact occurrence of `phrase` in `text`."""
    found, i = [], text.find(phrase)
    while i != -1 and phrase:
        found.append(i)
        i = text.find(phrase, i + 1)
    return found


def select(
    text: str,
    phrase: str,
    starts: list[int],
    before: str | None = None,
    after: str | None = None,
) -> list[int]:
    """The occurrences whose surrounding words match the given context (spacing ignored)."""
    if not before and not after:
        return list(starts)
    keep = []
    # Only a window of text around each occurrence needs normalising: the context is a few words.
    want_before = normalise_phrase(before) if before else ""
    want_after = normalise_phrase(after) if after else ""
    reach = 4 * (len(want_before) + len(want_after)) + 16
    for s in starts:
        head = _SPACE.sub(" ", text[max(0, s - reach) : s]).rstrip()
        if before and not head.endswith(want_before):
            continue
        end = s + len(phrase)
        tail = _SPACE.sub(" ", text[end : end + reach]).lstrip()
        if after and not tail.startswith(want_after):
            continue
        keep.append(s)
    return keep


def nearest(text: str, phrase: str) -> tuple[float, str]:
    """The run of words in `text` most like `phrase` (about as many words), and its similarity."""
    from rapidfuzz import (
        fuzz,
    )  # only for a phrase not found (a build that finds all never needs it)

    spans = [m.span() for m in re.finditer(r"\S+", text)]
    n = len(phrase.split())
    best: tuple[float, str] = (0.0, "")
    for size in (n, n - 1, n + 1):
        if size < 1:
            continue
        for i in range(len(spans) - size + 1):
            candidate = text[spans[i][0] : spans[i + size - 1][1]]
            score = fuzz.ratio(phrase, candidate)
            if score > best[0]:
                best = (score, candidate)
    return round(best[0] / 100, 2), best[1]


def _context(text: str, start: int, end: int) -> str:
    """The occurrence with three words either side: '…was therefore [a bargain], and the…'."""
    left = re.search(r"(?:\S+\s+){0,3}$", text[:start])
    right = re.match(r"(?:\s*\S+){0,3}", text[end:])
    return f"…{left.group() if left else ''}[{text[start:end]}]{right.group() if right else ''}…"


# --- anchoring the notes -----------------------------------------------------------------------


def anchor(article: Article, notes: Notes) -> Anchors:
    """Anchor every note of `notes` in `article`; problems are collected, never guessed away."""
    blocks = {b.id: b for b in article.blocks}
    order = [b.id for b in article.blocks]
    result = Anchors()
    found: list[tuple[LocatedNote, Block, int, int]] = []
    for ln in notes.notes:
        block = blocks.get(ln.paragraph)
        if block is None:
            msg = f'paragraph "{ln.paragraph}" is not in the article'
            result.misses.append(Miss(ln, "orphaned", Problem(ln.path, msg, ln.line_of("phrase"))))
            continue
        outcome = _anchor_one(ln, block, article, order)
        if isinstance(outcome, Miss):
            result.misses.append(outcome)
        else:
            found.append((ln, block, outcome, outcome + len(normalise_phrase(ln.note.phrase))))
    found, overlapping = separate_overlaps(found)
    result.misses += overlapping
    result.anchored = number(found, notes, order)
    result.warnings = order_warnings(result.anchored, notes)
    return result


def separate_overlaps(
    found: list[tuple[LocatedNote, Block, int, int]],
) -> tuple[list[tuple[LocatedNote, Block, int, int]], list[Miss]]:
    """Marked phrases may follow each other or nest, never overlap partly or coincide: the
    margin note of each must sit right after its own words."""
    kept: list[tuple[LocatedNote, Block, int, int]] = []
    misses = []
    # In start order, the kept phrases that are still open at a start form a chain of nested
    # spans; only the innermost one can clash with the next phrase (linear, not pairwise).
    open_spans: list[tuple[LocatedNote, Block, int, int]] = []
    for f in sorted(found, key=lambda f: (f[1].id, f[2], -f[3])):
        ln, block, start, end = f
        while open_spans and (open_spans[-1][1].id != block.id or open_spans[-1][3] <= start):
            open_spans.pop()
        top = open_spans[-1] if open_spans else None
        clash = top if top is not None and _clash(top[2], top[3], start, end) else None
        if clash is None:
            kept.append(f)
            open_spans.append(f)
            continue
        other = clash[0]
        msg = (
            f'phrase "{normalise_phrase(ln.note.phrase)}" overlaps the phrase of note '
            f'"{other.id}" ({other.path}:{other.line}); marked phrases may nest or follow each '
            "other, not overlap"
        )
        if (start, end) == (clash[2], clash[3]):
            msg = (
                f'phrase "{normalise_phrase(ln.note.phrase)}" is also the phrase of note '
                f'"{other.id}" ({other.path}:{other.line}); merge the two notes or mark '
                "different words"
            )
        misses.append(Miss(ln, "overlapping", Problem(ln.path, msg, ln.line_of("phrase"))))
    original = {id(f[0]): i for i, f in enumerate(found)}
    return sorted(kept, key=lambda f: original[id(f[0])]), misses


def _clash(s1: int, e1: int, s2: int, e2: int) -> bool:
    if (s1, e1) == (s2, e2):
        return True
    nested = (s1 <= s2 and e2 <= e1) or (s2 <= s1 and e1 <= e2)
    return not nested and s2 < e1 and s1 < e2


def order_warnings(anchored: list[Anchor], notes: Notes) -> list[Problem]:
    """Notes written out of reading order: the companion edition (no text) numbers them in file
    order, so its numbers would differ from the full edition's."""
    warnings = []
    by_block: dict[str, list[LocatedNote]] = {}
    for a in anchored:
        by_block.setdefault(a.block, []).append(a.note)
    for block, reading in by_block.items():
        written = sorted(reading, key=lambda n: (n.path, n.line))
        if reading != written:
            first = next(r for r, w in zip(reading, written, strict=True) if r != w)
            msg = (
                f'the notes of {block} are not in reading order ("'
                f'{normalise_phrase(first.note.phrase)}" comes earlier in the text); reorder '
                "them so both editions number them alike"
            )
            warnings.append(warning(first.path, msg, first.line))
    return warnings


def _anchor_one(ln: LocatedNote, block: Block, article: Article, order: list[str]) -> int | Miss:
    note, text = ln.note, block.text
    phrase = normalise_phrase(note.phrase)
    starts = occurrences(text, phrase)
    if not starts:
        return _orphan(ln, block, article, order, phrase)
    picked = select(text, phrase, starts, note.before, note.after)
    context = _describe_context(note.before, note.after)
    if not picked:
        where = ", ".join(_context(text, s, s + len(phrase)) for s in starts)
        msg = (
            f'phrase "{phrase}" occurs in {block.id} but never {context}; its occurrences: {where}'
        )
        return Miss(ln, "orphaned", Problem(ln.path, msg, ln.line_of("phrase")))
    if note.occurrence is not None:
        if note.occurrence > len(picked):
            msg = (
                f'phrase "{phrase}" has occurrence: {note.occurrence}, but occurs only '
                f"{len(picked)} time(s) in {block.id}{' ' + context if context else ''}"
            )
            return Miss(ln, "orphaned", Problem(ln.path, msg, ln.line_of("phrase")))
        return picked[note.occurrence - 1]
    if len(picked) > 1:
        where = ", ".join(
            f"({i}) {_context(text, s, s + len(phrase))}" for i, s in enumerate(picked, 1)
        )
        msg = (
            f'ambiguous phrase "{phrase}": {len(picked)} occurrences in {block.id}'
            f"{' ' + context if context else ''}: {where}; "
            'add "before", "after" or "occurrence"'
        )
        return Miss(ln, "ambiguous", Problem(ln.path, msg, ln.line_of("phrase")))
    return picked[0]


def _describe_context(before: str | None, after: str | None) -> str:
    parts = []
    if before:
        parts.append(f'after the words "{normalise_phrase(before)}"')
    if after:
        parts.append(f'before the words "{normalise_phrase(after)}"')
    return " and ".join(parts)


def _orphan(ln: LocatedNote, block: Block, article: Article, order: list[str], phrase: str) -> Miss:
    i = order.index(block.id)
    # A phrase that runs on into the next paragraph (or starts in the previous one).
    for a, b in ((i, i + 1), (i - 1, i)):
        if a < 0 or b >= len(order):
            continue
        first, second = article.block(order[a]), article.block(order[b])
        joined = first.text + " " + second.text
        for s in occurrences(joined, phrase):
            if s < len(first.text) < s + len(phrase):
                msg = (
                    f'phrase "{phrase}" crosses from paragraph {first.id} into {second.id}; '
                    "a phrase must stay inside one paragraph"
                )
                return Miss(ln, "crossing", Problem(ln.path, msg, ln.line_of("phrase")))
    elsewhere = [b.id for b in article.blocks if b.id != block.id and phrase in b.text]
    score, passage = nearest(block.text, phrase)
    msg = f'phrase "{phrase}" not found in {block.id}; nearest ({score:.2f}): "{passage}"'
    if elsewhere:
        msg += f"; it does occur in {', '.join(elsewhere)}"
    return Miss(ln, "orphaned", Problem(ln.path, msg, ln.line_of("phrase")))


def number(
    found: list[tuple[LocatedNote, Block, int, int]], notes: Notes, order: list[str]
) -> list[Anchor]:
    """Anchors in reading order, numbered from 1 on each generated page (a part of the map)."""
    part_of = {b.id: p.id for p in notes.structure.parts for b in p.blocks}
    rank = {block_id: i for i, block_id in enumerate(order)}
    found = sorted(found, key=lambda f: (rank[f[1].id], f[2], f[3]))
    counters: Counter[str] = Counter()
    anchors = []
    for ln, block, start, end in found:
        part = part_of.get(block.id, "")
        counters[part] += 1
        anchors.append(Anchor(ln, block.id, start, end, block.page_at(start), counters[part]))
    return anchors


def number_unanchored(notes: Notes) -> dict[str, int]:
    """Companion edition without the text: number notes in paragraph order, then file order."""
    order = {b.id: i for i, b in enumerate(notes.structure.blocks())}
    part_of = {b.id: p.id for p in notes.structure.parts for b in p.blocks}
    counters: Counter[str] = Counter()
    numbers = {}
    for ln in sorted(notes.notes, key=lambda n: order.get(n.paragraph, 0)):
        counters[part_of.get(ln.paragraph, "")] += 1
        numbers[ln.id] = counters[part_of.get(ln.paragraph, "")]
    return numbers
