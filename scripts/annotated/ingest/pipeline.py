"""Ingestion: a raw excerpt (text copied from a PDF or a publisher's preview) becomes an Article.

Stages, each in its own module of this package: `source` checks and decodes the bytes, `front`
reads the front matter, `lines` turns running heads into page turns and takes footnote markers
out, `repairs` mends ligatures and hyphens, `blocks` finds the blocks (from the structure map when
it fits the text, else from line geometry and punctuation), and `markdown` writes the Markdown
form. This module only wires them together.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotated.article import Article, Block, Metadata
from annotated.errors import display_path
from annotated.ingest import wordlist
from annotated.ingest.blocks import Segment, check_against_map, infer_segments, map_segments
from annotated.ingest.front import Front, parse_front
from annotated.ingest.lines import Line, clean_lines, ends_sentence, join_block, page_lines
from annotated.ingest.repairs import normalise
from annotated.ingest.source import read_source
from annotated.structure import StructureMap

# What a preview page appends after the excerpt: a paywall, a login prompt, a cookie banner.
_BOILERPLATE = re.compile(
    r"^\s*(to continue reading|continue reading|request (?:your|a) (?:free )?trial|"
    r"subscribe (?:now|to)|sign in|log ?in to|buy (?:this|the) article|"
    r"(?:get|purchase) (?:full )?access|.*\buses? (?:login )?cookies\b|.*\bcookie policy\b)",
    re.IGNORECASE,
)


def ingest_file(
    path: Path, notes_dir: Path | None, words: dict[str, float] | None = None
) -> Article:
    """The excerpt at `path`, placed by the structure map in `notes_dir` when there is one.
    `words`: the word list as an earlier build kept it (your_copy.cached_words), else wordfreq's."""
    # Only this edge reads the notes folder; the stages themselves take a StructureMap.
    from annotated.notes import load_structure

    with wordlist.given(words):  # reading the source repairs too (soft hyphens)
        text = read_source(path)
        structure = None
        warnings: list[str] = []
        if notes_dir is not None:
            if (notes_dir / "article.yml").is_file():
                structure = load_structure(notes_dir)
            else:
                where = display_path(notes_dir / "article.yml")
                warnings.append(f"no structure map at {where}")
        article = ingest(text, display_path(path), structure)
    article.warnings[:0] = warnings
    return article


def ingest(text: str, path: str = "<text>", structure: StructureMap | None = None) -> Article:
    # NFC, ligature glyphs and soft hyphens: a text that was not read by `read_source` too.
    raw = normalise(text).split("\n")
    raw = _without_boilerplate(raw)
    front = parse_front(raw)
    warnings: list[str] = []
    if structure is not None and not _same_article(front.metadata, structure, path, warnings):
        structure = None
    lines = _content_lines(raw, front)
    blocks = _front_blocks(front, lines)
    head = {*front.abstract, front.keywords_line}
    body = [ln for ln in lines if ln.number - 1 not in head]
    body_blocks, paragraphs_from = _body_blocks(body, front, structure, path, warnings)
    blocks += body_blocks
    if paragraphs_from == "structure-map" and structure is not None:
        _fill_from_map(front.metadata, structure)  # only once the map is known to fit the text
        warnings.extend(check_against_map(blocks, structure, path))
    if blocks and body and not ends_sentence(body[-1].text):
        blocks[-1].truncated = True  # the excerpt stops mid-sentence
    pages: list[int] = []
    for b in blocks:
        pages.extend(p for p in b.pages if p not in pages)
    return Article(front.metadata, pages, blocks, paragraphs_from, warnings)


def _content_lines(raw: list[str], front: Front) -> list[Line]:
    """Every line from the abstract on: heads out, labels off, repaired, markers taken out."""
    start = front.body_start
    if front.keywords_line is not None:
        start = front.keywords_line
    if front.abstract:
        start = front.abstract[0]
    lines = page_lines(raw, start, front.metadata, front.first_page)
    for line in lines:
        if front.abstract and line.number - 1 == front.abstract[0]:
            line.text = re.sub(r"^Abstract[.:]?\s+", "", line.text)
        if line.number - 1 == front.keywords_line:
            line.text = " • ".join(front.metadata.keywords)
    return clean_lines(lines)


def _front_blocks(front: Front, lines: list[Line]) -> list[Block]:
    by_index = {ln.number - 1: ln for ln in lines}
    blocks: list[Block] = []
    if front.abstract:
        # A running head inside the abstract is no line of it (its page turn is on the next one).
        abstract = [by_index[i] for i in front.abstract if i in by_index]
        blocks.append(_block("abstract", "abstract", abstract))
    if front.keywords_line is not None and front.keywords_line in by_index:
        kw = _block("keywords", "keywords", [by_index[front.keywords_line]])
        kw.keywords = list(front.metadata.keywords)
        blocks.append(kw)
    return blocks


def _body_blocks(
    body: list[Line],
    front: Front,
    structure: StructureMap | None,
    path: str,
    warnings: list[str],
) -> tuple[list[Block], str]:
    """The body's blocks, and whether the structure map or inference placed them."""
    segments = map_segments(body, structure, path, warnings) if structure is not None else None
    if segments and structure is not None:
        _cut_past_the_excerpt(segments, structure, path, warnings)
    paragraphs_from = "structure-map"
    if segments is None:
        paragraphs_from = "inferred"
        segments = infer_segments(body, epigraph=front.found)
        if body and structure is None and front.found:
            warnings.append(
                f"{path}: paragraphs inferred from line lengths and punctuation (no structure "
                "map for this text); check them, or add notes/article.yml"
            )
    if body and not front.found:
        warnings.append(
            f"{path}: no article structure recognised (no journal line, abstract or keywords); "
            f"ingested as {len(segments)} plain paragraph(s)"
        )
    return [_segment_block(s) for s in segments], paragraphs_from


def _cut_past_the_excerpt(
    segments: list[Segment], structure: StructureMap, path: str, warnings: list[str]
) -> None:
    """A copy that goes on past the excerpt (a whole article where the map describes its first
    pages) would pour the later pages into the last mapped block: they are cut off, and said so.
    The browser's port does the same (docs/assets/your-copy/ingest.mjs, cutExtra)."""
    last = segments[-1]
    mapped = next((b for b in structure.blocks() if b.id == last.id), None)
    if mapped is None or not last.lines:
        return
    beyond = next((i for i, ln in enumerate(last.lines) if ln.page > max(mapped.pages)), None)
    if beyond is None:
        return
    pages = sorted({ln.page for ln in last.lines[beyond:]})
    shown = f"pages {pages[0]}-{pages[-1]}" if len(pages) > 1 else f"page {pages[0]}"
    last.lines = last.lines[:beyond]
    warnings.append(
        f"{path}: the copy runs on past the excerpt ({shown}, after {last.id}); that text was "
        "left out"
    )


def _without_boilerplate(raw: list[str]) -> list[str]:
    """The excerpt without the paywall and cookie text a preview page adds (no warning: it is
    expected). Boilerplate with prose still after it is a banner above the excerpt and only that
    line is blanked (line numbers stay true); otherwise the excerpt ends before it."""
    marks = [i for i in range(len(raw)) if _is_boilerplate(raw, i)]
    out = list(raw)
    for i in marks:
        prose_after = sum(1 for k in range(i + 1, len(raw)) if len(raw[k]) > 60 and k not in marks)
        if prose_after < 3:
            out = out[:i]
            break
        out[i] = ""
    while out and not out[-1].strip():
        out.pop()
    return out


def _is_boilerplate(raw: list[str], i: int) -> bool:
    """A paywall or cookie line, standing alone: after a blank line, or short and capitalised
    (so that a sentence that merely goes on "continue reading the treaty" is not cut)."""
    line = raw[i].strip()
    if not _BOILERPLATE.match(line):
        return False
    alone = i > 0 and not raw[i - 1].strip()
    return alone or (line[:1].isupper() and len(line) <= 80)


def _same_article(meta: Metadata, structure: StructureMap, path: str, warnings: list[str]) -> bool:
    facts = structure.metadata
    if meta.doi and facts.doi and meta.doi.lower() != facts.doi.lower():
        warnings.append(
            f"{path}: the structure map is for DOI {facts.doi}, this text is DOI {meta.doi}; "
            "map not used"
        )
        return False
    return True


def _fill_from_map(meta: Metadata, structure: StructureMap) -> None:
    """Fields the text lacks are taken from the map (which states them as checked facts)."""
    facts = structure.metadata
    for name in ("title", "subtitle", "journal", "volume", "issue", "doi", "publisher"):
        if not getattr(meta, name):
            setattr(meta, name, str(getattr(facts, name)))
    meta.authors = meta.authors or list(facts.authors)
    meta.year = meta.year or facts.year
    meta.first_page = meta.first_page or facts.first_page
    meta.last_page = meta.last_page or facts.last_page
    meta.published_date = meta.published_date or facts.published_date


def _block(block_id: str, kind: str, lines: list[Line]) -> Block:
    j = join_block(lines)
    return Block(block_id, kind, j.text, j.pages, j.page_breaks, j.footnotes)  # type: ignore[arg-type]


def _segment_block(seg: Segment) -> Block:
    if seg.type != "epigraph":
        return _block(seg.id, seg.type, seg.lines)
    j = join_block(seg.lines, sep="\n")
    block = Block(seg.id, "epigraph", j.text, j.pages, j.page_breaks, j.footnotes)
    texts = [ln.text for ln in seg.lines]
    attribution = translation = None
    if len(texts) > 1 and re.match(r"^[(—–-]", texts[-1]):
        attribution = texts.pop()
        if len(texts) > 1 and texts[-1].startswith("("):
            translation = texts.pop()
    block.lines = texts
    block.translation = _unwrap(translation)
    block.attribution = _unwrap(attribution)
    return block


def _unwrap(text: str | None) -> str | None:
    """`(The words.)` -> `The words.`; `— A. Name` -> `A. Name`."""
    if text is None:
        return None
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip()
    return text.lstrip("—–- ").strip()
