"""The reading pages, one per part of the structure map, in two editions.

Both editions give every block the same frame (`div.para#{id}` > `div.para-head` + `div.para-body`)
and every note the same id (`#sn-…`), so links, the scripts and the student's own-copy reader serve
both. Full edition: the body is the article's text with each anchored phrase marked and its note
beside it, page turns where they fall (even mid-sentence) and the footnote markers. Companion
edition: the body is our summary and then the block's notes in full, each led by its number, kind
and phrase, like the entries of a printed commentary.

Every element comes from the macros of templates/reading.html; this module only decides what
goes where. The full edition's `.para-body` is built from shells of those macros (`BodyShells`,
`NoteShells`: annotated.pages.shells), the same ones the build sends to the student's own-copy
reader, which joins them at the same offsets (docs/assets/your-copy/render.mjs).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args

from annotated import citations
from annotated.anchor_record import Place
from annotated.anchors import Anchors, normalise_phrase
from annotated.article import Article, Block, BlockType
from annotated.errors import Problem
from annotated.notes import KINDS, BlockMap, LocatedNote, Notes, PartMap
from annotated.pages.lines import EDIT_PREFIX
from annotated.pages.markup import Markup, esc, front_matter, layout, pages_label, provenance
from annotated.pages.shells import Shell, fill, shell
from annotated.site import Site, reading_page, relative

T = TypeVar("T")
# The block types whose full-edition body is prose (the epigraph has lines; a heading is a title).
PROSE_TYPES = tuple(t for t in get_args(BlockType) if t not in ("epigraph", "heading"))
# The styles of the "Cite" dialog (BibTeX is added to them: a data format, not a CSL style).
CITE_STYLES = {**citations.STYLES, "modern-language-association": "MLA (9th edition)"}


def _macros() -> Any:
    return layout("reading")


@dataclass(frozen=True)
class Numbered:
    """A note and its number on its page; the same in both editions."""

    note: LocatedNote
    number: int


# --- the full edition's shells ----------------------------------------------------------------


@dataclass(frozen=True)
class NoteShells:
    """A note's markup in the text: what opens its phrase, and what follows it (hole: `number`)."""

    mark_open: str
    note_after: Shell


@dataclass(frozen=True)
class BodyShells:
    """The markup of the full edition's `.para-body`, beside the notes' own (NoteShells)."""

    page_turn: Shell  # hole: page
    footnote_marker: Shell  # hole: marker
    prose: dict[str, Shell]  # by block type; holes: text, tail
    cut_short: str  # the tail of a block where the excerpt cuts short
    keywords: Shell  # holes: words, after
    keyword_separator: str
    epigraph: Shell  # hole: lines
    epigraph_line: dict[str, dict[str, Shell]]  # by role, then lang; hole: text


def body_shells(langs: frozenset[str] = frozenset()) -> BodyShells:
    """Every shell of a full-edition body; `langs` are the epigraphs' languages (structure map)."""
    m = _macros()
    line = m.epigraph_line
    return BodyShells(
        page_turn=shell(m.page_turn, "page"),
        footnote_marker=shell(m.footnote_marker, "marker"),
        prose={t: shell(m.prose, "text", "tail", type=t) for t in PROSE_TYPES},
        cut_short=str(m.cut_short()),
        keywords=shell(m.keywords, "words", "after"),
        keyword_separator=str(m.keyword_separator),
        epigraph=shell(m.epigraph, "lines"),
        epigraph_line={
            "verse": {
                lang: shell(line, "text", role="verse", lang=lang) for lang in sorted({"", *langs})
            },
            **{
                r: {"": shell(line, "text", role=r, lang="")}
                for r in ("translation", "attribution", "")
            },
        },
    )


def note_shells(ln: LocatedNote, site: Site, page_md: str) -> NoteShells:
    m = _macros()
    after = shell(m.note_after, "number", id=ln.id, kind=ln.note.kind,
                  body=_body(ln, site, page_md), meta=_meta(ln, site, page_md),
                  gloss=ln.note.gloss)  # fmt: skip
    return NoteShells(str(m.mark_open(ln.id, ln.note.kind, ln.note.lang or "")), after)


def _body(ln: LocatedNote, site: Site, page_md: str) -> Markup:
    # Site.render sanitises what it renders, so its output is safe to insert as it is.
    return Markup(site.render(ln.note.body, page_md, (ln.path, ln.line_of("body")), inline=True))


def _meta(ln: LocatedNote, site: Site, page_md: str) -> Markup:
    sources = [(site.link("ref", k, page_md), site.labels[k]) for k in ln.note.sources]
    terms = site.notes.glossary
    links = [(site.link("glossary", t, page_md), terms[t].term) for t in ln.note.glossary]
    return Markup(_macros().note_meta(sources, links, _cite_href(page_md)))


def _cite_href(page_md: str) -> str:
    # Without JavaScript, "Cite" leads to the table of every passage's page; with it, a dialog.
    return relative(page_md, "how-to-cite.md", "cite-this-passage")


# --- full edition ------------------------------------------------------------------------------


def render_text(
    text: str,
    start: int,
    end: int,
    anchors: list[Numbered],
    spans: dict[str, tuple[int, int]],
    turns: dict[int, int],
    footnotes: dict[int, str],
    shells: BodyShells,
    notes: Callable[[LocatedNote], NoteShells],
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
            out.append(fill(shells.footnote_marker, marker=footnotes[o]))
        closing = [a for a in anchors if spans[a.note.id][1] == o]
        for a in sorted(closing, key=lambda a: -spans[a.note.id][0]):
            out.append(fill(notes(a.note).note_after, number=a.number))
        if o in turns:
            out.append(fill(shells.page_turn, page=turns[o]))
        opening = [a for a in anchors if spans[a.note.id][0] == o and o != end]
        for a in sorted(opening, key=lambda a: -spans[a.note.id][1]):
            out.append(notes(a.note).mark_open)
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


def full_body(block: Block, bmap: BlockMap, ctx: ReadingContext) -> str:
    """The block's `.para-body` content, in one of the three shapes of `BodyShells`."""
    shells = ctx.shells
    anchors = ctx.numbered_in(block.id)
    spans = {a.note.id: ctx.spans[a.note.id] for a in anchors}
    turns = ctx.turns.at.get(block.id, {})
    footnotes = {f.offset: f.marker for f in block.footnotes}
    segments = epigraph_segments(block, bmap.lang or "") if block.type == "epigraph" else None
    if segments:
        footnotes, turns = _snap(footnotes, segments), _snap(turns, segments)

    def text(start: int = 0, end: int | None = None) -> str:
        stop = len(block.text) if end is None else end
        return render_text(
            block.text, start, stop, anchors, spans, turns, footnotes, shells, ctx.note_shells
        )

    if block.type == "epigraph":
        line = shells.epigraph_line
        lines = [fill(line[role][lang], text=text(a, e)) for a, e, role, lang in segments or []]
        return fill(shells.epigraph, lines="".join(lines) or fill(line[""][""], text=text()))
    if block.type == "keywords" and not anchors:
        after = fill(shells.page_turn, page=turns[0]) if 0 in turns else ""
        words = shells.keyword_separator.join(esc(k) for k in block.keywords) or text()
        return fill(shells.keywords, words=words, after=after)
    tail = shells.cut_short if block.truncated else ""
    return fill(shells.prose[block.type], text=text(), tail=tail)


Segment = tuple[int, int, str, str]  # start, end, role, lang


def epigraph_segments(block: Block, lang: str = "") -> list[Segment] | None:
    """Where the verse (in `lang`, from the structure map), its translation and its source stand
    in the block's text, with their roles (`epigraph_line`).

    None when they are not spans of the text (the epigraph is then shown as one line).
    """
    parts = [(line, "verse", lang) for line in block.lines]
    if block.translation:
        parts.append((block.translation, "translation", ""))
    if block.attribution:
        parts.append((block.attribution, "attribution", ""))
    segments, pos = [], 0
    for part_text, role, part_lang in parts:
        at = block.text.find(part_text, pos)
        if at == -1:
            return None
        segments.append((at, at + len(part_text), role, part_lang))
        pos = at + len(part_text)
    return segments or None


def _snap(marks: dict[int, T], segments: list[Segment]) -> dict[int, T]:
    """Markers that stood between the shown segments (after a closing parenthesis, say) move to
    the end of the segment before them, so none is lost."""
    snapped: dict[int, T] = {}
    for offset, value in marks.items():
        if any(a <= offset <= e for a, e, _, _ in segments):
            snapped[offset] = value
            continue
        before = [e for _, e, _, _ in segments if e <= offset]
        snapped[before[-1] if before else segments[0][0]] = value
    return snapped


# --- companion edition -------------------------------------------------------------------------


def companion_body(bmap: BlockMap, part: PartMap, ctx: ReadingContext) -> str:
    """Summary, then the block's notes in full; page numbers where the page turns."""
    m = _macros()
    turns = ctx.companion_turns.get(bmap.id, {})
    summary = (
        Markup(ctx.site.render(bmap.summary, ctx.page_md, ctx.map_line(bmap.id), inline=True))
        if bmap.summary
        else ""
    )
    notes = [
        m.companion_note(
            n.note.id,
            n.number,
            n.note.note.kind,
            normalise_phrase(n.note.note.phrase),
            n.note.note.lang or bmap.lang or "",
            _body(n.note, ctx.site, ctx.page_md),
            _meta(n.note, ctx.site, ctx.page_md),
            _note_pages(n.note.id, bmap, ctx),
            pages_label(_note_pages(n.note.id, bmap, ctx)),
        )
        for n in ctx.numbered_in(bmap.id)
    ]
    cut_short = part.excerpt_ends and bmap.id == part.blocks[-1].id
    return str(
        m.companion_body(turns.get("start", []), summary, notes, cut_short, turns.get("end", []))
    )


def _note_pages(note_id: str, bmap: BlockMap, ctx: ReadingContext) -> list[int]:
    """The pages of the note's phrase (the note record's, without the text), else of its block."""
    place = ctx.places.get(note_id)
    return place.pages if place else list(bmap.pages)


def companion_turns(part: PartMap, site: Site, page_md: str) -> dict[str, dict[str, list[int]]]:
    """Where each page number stands in the companion edition, which has no text to put it in:
    between the blocks where the page turns. A page that begins inside a block stands after that
    block; one that begins with a block, before it (after the previous block's body, so that the
    own-copy reader, which swaps bodies, replaces it too)."""
    out: dict[str, dict[str, list[int]]] = {}
    placed: set[int] = set()
    blocks = [b for b in part.blocks if b.type != "heading"]
    for i, b in enumerate(blocks):
        for p in b.pages:
            if p in placed or site.page_home.get(p) != page_md:
                continue
            placed.add(p)
            if p != b.pages[0]:
                out.setdefault(b.id, {}).setdefault("end", []).append(p)
            elif i > 0:
                out.setdefault(blocks[i - 1].id, {}).setdefault("end", []).append(p)
            else:
                out.setdefault(b.id, {}).setdefault("start", []).append(p)
    return out


# --- one page ----------------------------------------------------------------------------------


@dataclass
class ReadingContext:
    site: Site
    numbers: dict[str, int]  # note id -> number on its page
    spans: dict[str, tuple[int, int]]  # note id -> offsets (full edition)
    turns: PageTurns
    shells: BodyShells
    page_md: str = ""
    companion_turns: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)  # note id -> its phrase's pages
    _note_shells: dict[str, NoteShells] = field(default_factory=dict)

    def note_shells(self, ln: LocatedNote) -> NoteShells:
        if ln.id not in self._note_shells:
            self._note_shells[ln.id] = note_shells(ln, self.site, self.page_md)
        return self._note_shells[ln.id]

    def numbered_in(self, block_id: str) -> list[Numbered]:
        notes = [
            n for n in self.site.notes.notes if n.paragraph == block_id and n.id in self.numbers
        ]
        return sorted((Numbered(n, self.numbers[n.id]) for n in notes), key=lambda n: n.number)

    def map_line(self, block_id: str) -> tuple[str, int]:
        root = self.site.notes.root
        return self.site.notes.lines.get(("block", block_id), (f"{root.name}/article.yml", 1))


def context(
    site: Site,
    article: Article | None,
    anchors: Anchors | None,
    numbers: dict[str, int],
    places: Mapping[str, Place] | None = None,
) -> ReadingContext:
    spans = {a.note.id: (a.start, a.end) for a in anchors.anchored} if anchors else {}
    nums = {a.note.id: a.number for a in anchors.anchored} if anchors else numbers
    turns = PageTurns.of(article) if article else PageTurns({})
    shells = body_shells(epigraph_langs(site.notes))
    return ReadingContext(site, nums, spans, turns, shells, places=places or {})


def epigraph_langs(notes: Notes) -> frozenset[str]:
    return frozenset(b.lang for b in notes.structure.blocks() if b.type == "epigraph" and b.lang)


def source_path(notes: Notes, path: str) -> str:
    """A notes file's path in the repository (`notes/annotations/introduction.yml`)."""
    root = notes.root.resolve()
    try:
        return str(Path(path).resolve().relative_to(root.parent))
    except ValueError:
        return f"{root.name}/{Path(path).name}"


def reading_markdown(
    part: PartMap, ctx: ReadingContext, article: Article | None, edition: str, description: str
) -> str:
    """One reading page as Markdown (front matter, title, then raw HTML blocks)."""
    ctx.page_md = page_md = reading_page(part.id)
    ctx.companion_turns = companion_turns(part, ctx.site, page_md)
    notes = ctx.site.notes
    blocks = list(part.blocks)
    in_part = {b.id for b in blocks}
    own = [ln for ln in notes.notes if ln.paragraph in in_part and ln.id in ctx.numbers]
    structure = f"{notes.root.name}/article.yml"
    files = sorted({source_path(notes, ln.path) for ln in own}) or [
        f"{notes.root.name}/annotations/{part.id}.yml"
    ]
    fields = {
        "title": part.title,
        "description": description,
        "edit_url": EDIT_PREFIX + files[0],
        "edition": edition,  # overrides/main.html offers the own-copy reader on "companion"
        "hide": ["toc"],  # the margin takes its place (and the own copy's margin too)
    }
    for heading in (b for b in blocks if b.type == "heading"):
        _no_notes_on(heading, ctx)
    m = _macros()
    title_id = ""
    if blocks[0].type == "heading":
        title_id = blocks[0].id
        blocks = blocks[1:]
    kinds: Counter[str] = Counter(ln.note.kind for ln in own)
    items: list[tuple[str, object]] = []
    numbers = part.paragraph_numbers()
    for bmap in blocks:
        if bmap.type == "heading":
            items.append(("heading", (bmap.id, Markup(bmap.locator))))
            continue
        if article is not None:
            body = full_body(article.block(bmap.id), bmap, ctx)
        else:
            body = companion_body(bmap, part, ctx)
        items.append(("block", _para(bmap, numbers.get(bmap.id), part, ctx, body)))
    excerpt_end = ""
    if part.excerpt_ends:
        last_page = notes.structure.metadata.last_page
        excerpt_end = m.excerpt_end(last_page, relative(page_md, "how-to-cite.md"))
    where = (
        f"Generated ({edition} edition) from {', '.join(files)} and {structure} "
        "by scripts/build.py: edit those files, not this page."
    )
    page = m.page(
        Markup(provenance(where)),
        Markup(part.title),  # Markdown, as the structure map gives it
        title_id,
        _edition_marker(part, ctx, edition),
        m.note_filter([(k, kinds[k]) for k in KINDS if kinds[k]]) if kinds else "",
        items,
        excerpt_end,
    )
    return front_matter(fields) + "\n" + str(page)


def _para(bmap: BlockMap, no: int | None, part: PartMap, ctx: ReadingContext, body: str) -> Markup:
    label = f"¶ {no}" if no else "¶"
    what = f"{part.title}, paragraph {no}" if no else part.title
    return Markup(
        _macros().para(
            bmap.id,
            bmap.pages,
            label,
            f"{what}, {pages_label(bmap.pages)}",
            pages_label(bmap.pages),
            bmap.locator,
            bmap.lang or "",
            _cite_href(ctx.page_md),
            Markup(body),
        )
    )


def _edition_marker(part: PartMap, ctx: ReadingContext, edition: str) -> Markup:
    data = json.dumps(
        cite_data(ctx.site.notes, part, ctx.site.citations),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    # In a single-quoted attribute the JSON's many double quotes need no escaping.
    quoted = Markup(esc(data).replace("'", "&#39;"))
    return Markup(_macros().edition_marker(edition, part.id, quoted))


def cite_data(notes: Notes, part: PartMap, citer: citations.Citer) -> dict[str, object]:
    """Everything the cite dialog needs, formatted by the build (citeproc-py) for every passage
    of this page that a reader can select: each page alone and each run of consecutive pages."""
    meta = notes.structure.metadata
    item = next(r for r in notes.references if r["id"] == meta.bib_key)
    pages = sorted({p for b in part.blocks for p in b.pages})
    spans = [(a, b) for i, a in enumerate(pages) for b in pages[i:] if b - a == pages.index(b) - i]
    styles: dict[str, object] = {}
    for style, label in CITE_STYLES.items():
        ref = citer.bibliography([item], style)[0].html
        cites = {
            _span_key(a, b): citer.cite([item], meta.bib_key, style, _span_key(a, b))
            for a, b in spans
        }
        styles[style] = {"label": label, "ref": ref, "cite": cites}
    styles["bibtex"] = {
        "label": "BibTeX",
        "ref": citations.bibtex(item),
        "cite": {_span_key(a, b): _autocite(a, b, meta.bib_key) for a, b in spans},
    }
    return {"styles": styles}


def _autocite(a: int, b: int, key: str) -> str:
    """The passage as biblatex cites it: `\\autocite[253--254]{key}`."""
    pages = str(a) if a == b else f"{a}--{b}"
    return f"\\autocite[{pages}]{{{key}}}"


def _span_key(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}-{b}"


def _no_notes_on(heading: BlockMap, ctx: ReadingContext) -> None:
    """A heading is set as a Markdown heading, which has no room for a note: say so rather than
    lose the note."""
    for n in ctx.site.notes.notes:
        if n.paragraph == heading.id:
            msg = (
                f"notes cannot be attached to the heading {heading.id}; "
                "attach it to the paragraph after it"
            )
            ctx.site.problems.append(Problem(n.path, msg, n.line))
