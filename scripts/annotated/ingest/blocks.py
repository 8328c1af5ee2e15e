"""Where the body's blocks begin: from the structure map's locators, or inferred from the text.

The raw text has no blank lines between paragraphs. A paragraph's last line is usually short and
ends a sentence, but when it happens to be nearly full the text alone cannot tell, so a structure
map that fits the text (every locator found, in order, at the start of a line) decides.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from annotated.ingest.lines import Line, ends_sentence
from annotated.ingest.repairs import reflow
from annotated.structure import StructureMap

# A short last line ends a paragraph; "short" is relative to this share of a full line.
_SHORT = 0.9
_HEADING_MAX = 0.75
_ATTRIBUTION = re.compile(r"^[(—–-].*(\)|\d{4}|[A-Z]\w+)$")


@dataclass
class Segment:
    id: str
    type: str
    lines: list[Line]


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def _starts_with(lines: list[Line], i: int, locator: str) -> bool:
    """Does line `i` begin with `locator` (which may run on into the next lines)?"""
    want = _norm(locator)
    first = want.split(" ", 1)[0]
    if not _norm(lines[i].text).startswith(first):
        return False  # the common case, decided without reflowing anything
    text = ""
    for line in lines[i : i + 4]:
        text = reflow(f"{text}\n{line.text}") if text else line.text
        if len(text) >= len(want):
            break
    return _norm(text).startswith(want)


def map_segments(
    lines: list[Line], structure: StructureMap, path: str, warnings: list[str]
) -> list[Segment] | None:
    """Blocks as the map declares them, or None (with a warning) when the map does not fit."""
    wanted = [b for b in structure.blocks() if b.type not in ("abstract", "keywords")]
    starts: list[int] = []
    missing: list[str] = []
    pos = 0
    for b in wanted:
        i = next((k for k in range(pos, len(lines)) if _starts_with(lines, k, b.locator)), None)
        if i is None:
            missing.append(b.id)
            continue
        if missing:
            warnings.append(
                f'{path}: the structure map does not fit this text: block "{missing[0]}" '
                f"(locator not found before line {lines[i].number}); paragraphs inferred instead"
            )
            return None
        starts.append(i)
        pos = i + 1
    if not starts:
        if lines:
            warnings.append(
                f"{path}: the structure map does not fit this text (no locator found); "
                "paragraphs inferred instead"
            )
        return None
    if missing:
        warnings.append(
            f"{path}: blocks of the structure map not in this excerpt: {', '.join(missing)}"
        )
    segments: list[Segment] = []
    if starts[0] > 0:
        warnings.append(
            f"{path}:{lines[0].number}: text before the first mapped block kept as "
            f'"unmapped-1"; add a block for it to notes/article.yml'
        )
        segments.append(Segment("unmapped-1", "paragraph", lines[: starts[0]]))
    found = [b for b in wanted if b.id not in missing]
    for k, (b, s) in enumerate(zip(found, starts, strict=True)):
        e = starts[k + 1] if k + 1 < len(starts) else len(lines)
        segments.append(Segment(b.id, b.type, lines[s:e]))
    return segments


def typical_length(lines: list[Line]) -> float:
    """The length of a full line: the upper quartile of line lengths (most lines are full)."""
    lengths = sorted(len(ln.text) for ln in lines)
    if len(lengths) < 4:
        return float(max(lengths, default=0))
    return statistics.quantiles(lengths, n=4)[2]


def find_epigraph(lines: list[Line], full: float) -> int:
    """How many lines at the start form an epigraph (0 if none): short lines, then an
    attribution in parentheses or after a dash, right at the start of the body."""
    for k in range(1, min(6, len(lines))):
        if _ATTRIBUTION.match(lines[k].text) and all(
            len(ln.text) < _SHORT * full for ln in lines[:k]
        ):
            while k + 1 < len(lines) and _ATTRIBUTION.match(lines[k + 1].text):
                k += 1
            return k + 1 if k + 1 < len(lines) else 0
    return 0


def _is_heading(lines: list[Line], i: int, full: float) -> bool:
    text = lines[i].text
    if ends_sentence(text) or text.endswith((",", ";", ":")) or len(text) > _HEADING_MAX * full:
        return False
    if i + 1 >= len(lines) or not lines[i + 1].text[:1].isupper():
        return False
    if i > 0 and not ends_sentence(lines[i - 1].text) and not lines[i].blank_before:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w’']*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def infer_segments(lines: list[Line], epigraph: bool = True) -> list[Segment]:
    """Blocks from geometry and punctuation: `p1`, `p2`…, `h1`…, `epigraph`."""
    full = typical_length(lines)
    segments: list[Segment] = []
    k = find_epigraph(lines, full) if epigraph else 0
    if k:
        segments.append(Segment("epigraph", "epigraph", lines[:k]))
    # Blank lines, where a text has them, are the paragraph breaks; geometry is then not asked.
    by_blank = any(ln.blank_before for ln in lines[k + 1 :])
    current: list[Line] = []
    counts = {"paragraph": 0, "heading": 0}

    def close(kind: str = "paragraph") -> None:
        if current:
            counts[kind] += 1
            prefix = "p" if kind == "paragraph" else "h"
            segments.append(Segment(f"{prefix}{counts[kind]}", kind, list(current)))
            current.clear()

    for i in range(k, len(lines)):
        line = lines[i]
        if line.blank_before:
            close()
        if _is_heading(lines, i, full):
            close()
            current.append(line)
            close("heading")
            continue
        current.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            nxt is not None
            and not by_blank
            and ends_sentence(line.text)
            and len(line.text) < _SHORT * full
            and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in '“‘"(')
        ):
            close()
    close()
    return segments


def check_against_map(blocks: list, structure: StructureMap, path: str) -> list[str]:
    """Disagreements between the built blocks and what the map says of them: a locator that
    does not open its block, or pages that differ. The map's author is told, nothing is changed."""
    found = {b.id: b for b in blocks}
    out: list[str] = []
    for m in structure.blocks():
        b = found.get(m.id)
        if b is None:
            continue
        if not _norm(b.text).startswith(_norm(m.locator)):
            out.append(
                f'{path}: block "{m.id}" begins "{b.text[:40]}", not with its locator '
                f'"{m.locator}" in the structure map'
            )
        if b.pages != m.pages and not b.truncated:
            out.append(
                f'{path}: block "{m.id}" is on pages {b.pages} of the text; the structure map '
                f"says {m.pages}"
            )
    return out
