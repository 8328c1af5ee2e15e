"""The reading pages, one per part of the structure map, in two editions.

Full edition: the article's text with each anchored phrase marked and its note beside it, page turns
where they fall (even mid-sentence) and the footnote markers. Companion edition: the same pages,
paragraph ids and note ids, but each paragraph shows only its pages, locator and our summary, with
its notes keyed to their phrases. The HTML hooks are a contract with the stylesheet, the scripts
and the tests: see "HTML markup of the reading pages" in the project notes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TypeVar

from annotated.anchors import Anchors, normalise_phrase
from annotated.article import Article, Block
from annotated.errors import Problem
from annotated.notes import BlockMap, LocatedNote, PartMap
from annotated.site import Site, reading_page, relative

FOOTNOTE_TITLE = "Note {m} of the article: its text is not part of this excerpt"
T = TypeVar("T")
TYPE_LABEL = {"abstract": "Abstract", "keywords": "Keywords", "epigraph": "Epigraph"}


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def pages_label(pages: list[int]) -> str:
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}–{pages[-1]}"


def page_turn(page: int) -> str:
    return (
        f'<span class="page-turn" id="p{page}" data-page="{page}">'
        f'<a href="#p{page}">p. {page}</a></span>'
    )


def footnote_marker(marker: str) -> str:
    title = attr(FOOTNOTE_TITLE.format(m=marker))
    return (
        f'<sup class="fn-marker" data-marker="{attr(marker)}" title="{title}">{esc(marker)}</sup>'
    )


@dataclass(frozen=True)
class Numbered:
    """A note and its number on its page; the same in both editions."""

    note: LocatedNote
    number: int


def sidenote(n: Numbered, site: Site, page_md: str) -> str:
    """The button and the margin note that follow an anchored phrase (or a companion key)."""
    ln, num = n.note, n.number
    sid, kind = f"sn-{ln.id}", ln.note.kind
    body = site.render(ln.note.body, page_md, (ln.path, ln.line_of("body")), inline=True)
    meta = [
        "Sources: "
        + ", ".join(
            f'<a href="{site.link("ref", k, page_md)}">{esc(site.labels[k])}</a>'
            for k in ln.note.sources
        )
    ]
    if ln.note.glossary:
        terms = site.notes.glossary
        meta.append(
            "Glossary: "
            + ", ".join(
                f'<a href="{site.link("glossary", t, page_md)}">{esc(terms[t].term)}</a>'
                for t in ln.note.glossary
            )
        )
    return (
        f'<button type="button" class="sn-ref" aria-expanded="false" aria-controls="{sid}" '
        f'aria-label="Note {num}, {kind}">{num}</button>'
        f'<span class="sidenote" id="{sid}" data-kind="{kind}" role="note" '
        f'aria-label="Note {num}"><span class="sn-head"><span class="sn-num">{num}</span> '
        f'<span class="sn-kind">{kind.capitalize()}</span></span> '
        f'<span class="sn-body">{body}</span> '
        f'<span class="sn-meta">{" · ".join(meta)}</span></span>'
    )


def mark_open(ln: LocatedNote) -> str:
    lang = f' lang="{ln.note.lang}"' if ln.note.lang else ""
    return f'<mark class="anchor" data-note="sn-{ln.id}" data-kind="{ln.note.kind}"{lang}>'


# --- full edition ------------------------------------------------------------------------------


def render_text(
    text: str,
    start: int,
    end: int,
    anchors: list[Numbered],
    spans: dict[str, tuple[int, int]],
    turns: dict[int, int],
    footnotes: dict[int, str],
    site: Site,
    page_md: str,
) -> str:
    """text[start:end] as HTML, with marks, notes, page turns and footnote markers inserted.

    At one offset the order is: a footnote marker (it belongs to the word before), closing marks
    with their notes (inner first), a page turn, opening marks (outer first).
    """
    stops = {start, end}
    stops |= {o for o in turns if start <= o <= end} | {o for o in footnotes if start <= o <= end}
    for a in anchors:
        stops |= {o for o in spans[a.note.id] if start <= o <= end}
    out: list[str] = []
    prev = start
    for o in sorted(stops):
        out.append(esc(text[prev:o]))
        prev = o
        if o in footnotes and o != start:
            out.append(footnote_marker(footnotes[o]))
        closing = [a for a in anchors if spans[a.note.id][1] == o]
        for a in sorted(closing, key=lambda a: -spans[a.note.id][0]):
            out.append("</mark>" + sidenote(a, site, page_md))
        if o in turns:
            out.append(page_turn(turns[o]))
        opening = [a for a in anchors if spans[a.note.id][0] == o and o != end]
        for a in sorted(opening, key=lambda a: -spans[a.note.id][1]):
            out.append(mark_open(a.note))
    return "".join(out)


@dataclass(frozen=True)
class PageTurns:
    """Where each page's anchor goes: (block id, offset)."""

    at: dict[str, dict[int, int]]  # block id -> {offset: page}

    @classmethod
    def of(cls, article: Article) -> PageTurns:
        at: dict[str, dict[int, int]] = {}
        placed: set[int] = set()
        for b in article.blocks:
            for br in b.page_breaks:
                at.setdefault(b.id, {})[br.offset] = br.page
                placed.add(br.page)
        for b in article.blocks:  # pages that begin with a block rather than inside one
            if b.pages and b.pages[0] not in placed:
                at.setdefault(b.id, {})[0] = b.pages[0]
                placed.add(b.pages[0])
        return cls(at)


def full_block(block: Block, para_no: int | None, part: PartMap, ctx: ReadingContext) -> str:
    anchors = ctx.numbered_in(block.id)
    spans = {a.note.id: (ctx.spans[a.note.id][0], ctx.spans[a.note.id][1]) for a in anchors}
    turns = ctx.turns.at.get(block.id, {})
    footnotes = {f.offset: f.marker for f in block.footnotes}
    bmap = next((b for b in part.blocks if b.id == block.id), None)
    segments = (
        epigraph_segments(block, bmap.lang if bmap else "") if block.type == "epigraph" else None
    )
    if segments:
        footnotes, turns = _snap(footnotes, segments), _snap(turns, segments)

    def text(start: int = 0, end: int | None = None) -> str:
        stop = len(block.text) if end is None else end
        return render_text(
            block.text, start, stop, anchors, spans, turns, footnotes, ctx.site, ctx.page_md
        )

    if block.type == "epigraph":
        inner = _epigraph(segments, text)
    elif block.type == "keywords" and not anchors:
        inner = (
            f'<p class="keywords"><span class="block-label">Keywords:</span> '
            f"{' · '.join(esc(k) for k in block.keywords) or text()}{_start_turn(turns)}</p>"
        )
    else:
        label = TYPE_LABEL.get(block.type)
        lead = f'<span class="block-label">{label}.</span> ' if label else ""
        tail = ' <span class="truncated">[the excerpt ends here]</span>' if block.truncated else ""
        inner = f"<p>{lead}{text()}{tail}</p>"
    return _para_div(block.id, block.pages, para_no, part, inner)


def _start_turn(turns: dict[int, int]) -> str:
    return page_turn(turns[0]) if 0 in turns else ""


def epigraph_segments(block: Block, lang: str = "") -> list[tuple[int, int, str]] | None:
    """Where the verse (in `lang`, from the structure map), its translation and its source stand
    in the block's text.

    None when they are not spans of the text (the epigraph is then shown as one line).
    """
    verse = f'lang="{lang}"' if lang else 'class="verse"'
    parts = [(line, verse) for line in block.lines]
    if block.translation:
        parts.append((block.translation, 'class="translation"'))
    if block.attribution:
        parts.append((block.attribution, 'class="attribution"'))
    segments, pos = [], 0
    for part_text, attrs in parts:
        at = block.text.find(part_text, pos)
        if at == -1:
            return None
        segments.append((at, at + len(part_text), attrs))
        pos = at + len(part_text)
    return segments or None


def _snap(marks: dict[int, T], segments: list[tuple[int, int, str]]) -> dict[int, T]:
    """Markers that stood between the shown segments (after a closing parenthesis, say) move to
    the end of the segment before them, so none is lost."""
    snapped: dict[int, T] = {}
    for offset, value in marks.items():
        if any(a <= offset <= e for a, e, _ in segments):
            snapped[offset] = value
            continue
        before = [e for _, e, _ in segments if e <= offset]
        snapped[before[-1] if before else segments[0][0]] = value
    return snapped


def _epigraph(segments: list[tuple[int, int, str]] | None, text) -> str:  # type: ignore[no-untyped-def]
    """The verse, its translation and its source, each a line of the blockquote."""
    if not segments:
        return f'<blockquote class="epigraph"><p>{text()}</p></blockquote>'
    lines = [f"<p {attrs}>{text(a, e)}</p>" for a, e, attrs in segments]
    return '<blockquote class="epigraph">' + "".join(lines) + "</blockquote>"


def _para_div(bid: str, pages: list[int], para_no: int | None, part: PartMap, inner: str) -> str:
    label = f"¶ {para_no}" if para_no else "¶"
    what = f"{part.title}, paragraph {para_no}" if para_no else part.title
    title = attr(f"{what}, {pages_label(pages)}")
    return (
        f'<div class="para" id="{bid}" data-pages="{" ".join(map(str, pages))}">\n'
        f'<a class="para-ref" href="#{bid}" title="{title}">{label}</a>\n{inner}\n</div>'
    )


# --- companion edition -------------------------------------------------------------------------


def companion_block(bmap: BlockMap, para_no: int | None, part: PartMap, ctx: ReadingContext) -> str:
    pieces = []
    turns = [p for p in bmap.pages if ctx.site.page_home.get(p) == ctx.page_md]
    turns = [p for p in turns if ctx.first_block_of_page.get(p) == bmap.id]
    if turns:
        pieces.append('<p class="page-turns">' + "".join(page_turn(p) for p in turns) + "</p>")
    first_words = esc(bmap.locator)
    if bmap.lang:
        first_words = f'<span lang="{bmap.lang}">{first_words}</span>'
    locator = f"Begins: “{first_words} …”"
    pieces.append(
        f'<p class="locator"><span class="pages">{pages_label(bmap.pages)}</span> · {locator}</p>'
    )
    where = ctx.map_line(bmap.id)
    summary = (
        ctx.site.render(bmap.summary, ctx.page_md, where, inline=True)
        if bmap.summary
        else '<span class="sn-p">No summary yet.</span>'
    )
    pieces.append(f'<p class="summary">{summary}</p>')
    keyed = ctx.numbered_in(bmap.id)
    if keyed:
        trios = [
            mark_open(n.note) + esc(normalise_phrase(n.note.note.phrase)) + "</mark>"
            f"{sidenote(n, ctx.site, ctx.page_md)}"
            for n in keyed
        ]
        pieces.append('<p class="para-notes">' + " ".join(trios) + "</p>")
    if part.excerpt_ends and bmap.id == part.blocks[-1].id:
        pieces.append('<p class="truncated">[the excerpt ends here]</p>')
    return _para_div(bmap.id, bmap.pages, para_no, part, "\n".join(pieces))


# --- one page ----------------------------------------------------------------------------------


@dataclass
class ReadingContext:
    site: Site
    numbers: dict[str, int]  # note id -> number on its page
    spans: dict[str, tuple[int, int]]  # note id -> offsets (full edition)
    turns: PageTurns
    first_block_of_page: dict[int, str]
    page_md: str = ""

    def numbered_in(self, block_id: str) -> list[Numbered]:
        notes = [
            n for n in self.site.notes.notes if n.paragraph == block_id and n.id in self.numbers
        ]
        return sorted((Numbered(n, self.numbers[n.id]) for n in notes), key=lambda n: n.number)

    def map_line(self, block_id: str) -> tuple[str, int]:
        root = self.site.notes.root
        return self.site.notes.lines.get(("block", block_id), (f"{root.name}/article.yml", 1))


def context(
    site: Site, article: Article | None, anchors: Anchors | None, numbers: dict[str, int]
) -> ReadingContext:
    s = site.notes.structure
    spans = {a.note.id: (a.start, a.end) for a in anchors.anchored} if anchors else {}
    nums = {a.note.id: a.number for a in anchors.anchored} if anchors else numbers
    first: dict[int, str] = {}
    for b in s.blocks():
        for p in b.pages:
            first.setdefault(p, b.id)
    turns = PageTurns.of(article) if article else PageTurns({})
    return ReadingContext(site, nums, spans, turns, first)


def reading_markdown(
    part: PartMap, ctx: ReadingContext, article: Article | None, edition: str, description: str
) -> str:
    """One reading page as Markdown (front matter, title, then raw HTML blocks)."""
    ctx.page_md = reading_page(part.id)
    root = ctx.site.notes.root.name
    blocks = list(part.blocks)
    lines = ["---", f"title: {_yaml_str(part.title)}", f"description: {_yaml_str(description)}"]
    lines += ["---", ""]
    first = blocks[0]
    for heading in (b for b in blocks if b.type == "heading"):
        _no_notes_on(heading, ctx)
    if first.type == "heading":
        lines.append(f"# {part.title} {{#{first.id}}}")
        blocks = blocks[1:]
    else:
        lines.append(f"# {part.title}")
    lines.append("")
    edited = f"{root}/annotations/{part.id}.yml"
    lines.append(
        f'<p class="edit-hint">Generated page ({edition} edition). To change a note, edit '
        f"<code>{edited}</code>; locators and summaries are in <code>{root}/article.yml</code>.</p>"
    )
    lines.append("")
    para_no = 0
    for bmap in blocks:
        if bmap.type == "paragraph":
            para_no += 1
        no = para_no if bmap.type == "paragraph" else None
        if bmap.type == "heading":
            lines += [f"## {bmap.locator} {{#{bmap.id}}}", ""]
            continue
        if article is not None:
            lines.append(full_block(article.block(bmap.id), no, part, ctx))
        else:
            lines.append(companion_block(bmap, no, part, ctx))
        lines.append("")
    if part.excerpt_ends:
        meta = ctx.site.notes.structure.metadata
        lines.append(
            f'<p class="excerpt-end">The excerpt ends here. The article continues to '
            f'p. {meta.last_page}; see <a href="{relative(ctx.page_md, "how-to-cite.md")}">how to '
            "cite</a> it and find "
            "the full text through your library.</p>"
        )
        lines.append("")
    return "\n".join(lines)


def _no_notes_on(heading: BlockMap, ctx: ReadingContext) -> None:
    """A heading is set as a Markdown heading, which has no room for a margin note: say so rather
    than lose the note."""
    for n in ctx.site.notes.notes:
        if n.paragraph == heading.id:
            msg = (
                f"notes cannot be attached to the heading {heading.id}; "
                "attach it to the paragraph after it"
            )
            ctx.site.problems.append(Problem(n.path, msg, n.line))


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
