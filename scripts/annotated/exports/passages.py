"""What every export says about a note or a question: where it is (part, paragraph, printed pages),
its place on the site, and its body with every link made absolute.

Exports leave the site, so a relative link would break: bodies are rendered as if from the site's
root page and every href is then joined to `site_url`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from annotated.anchor_record import Place
from annotated.anchors import Anchors, normalise_phrase, number_unanchored
from annotated.article import Article
from annotated.bodies import Renderer
from annotated.citations import Citer
from annotated.notes import LocatedNote, Notes
from annotated.site import Site, page_url, reading_page
from annotated.structure import BlockMap, PartMap

ROOT = "index.md"  # bodies are rendered as if on the home page, then made absolute
CONTEXT_WORDS = 4  # full edition: words of prefix and suffix (a few words, never more)
_WORD = re.compile(r"\S+")
_HREF = re.compile(r'href="([^"]*)"')
_MD_LINK = re.compile(r"\]\(\s*([^)\s]*)([^)]*)\)")  # Markdown link target, as annotated.site


@dataclass(frozen=True)
class Inputs:
    """Everything an export is made from. `anchors` and `article` only in the full edition."""

    notes: Notes
    site_url: str
    edition: str  # "full" or "companion"
    anchors: Anchors | None = None
    article: Article | None = None
    citer: Citer | None = None  # the build's, so that its memo of citeproc-py serves here too
    # note id -> its phrase's place (annotated.anchor_record): the pages in both editions
    places: Mapping[str, Place] = field(default_factory=dict)
    renderer: Renderer | None = None  # the build's, with its memo of rendered bodies

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.notes.structure.metadata.doi}"

    # Made once per build and shared by the exports (frozen dataclasses allow cached_property).
    @cached_property
    def site(self) -> Site:
        return Site(
            self.notes, citations=self.citer or Citer(), renderer=self.renderer or Renderer()
        )

    @cached_property
    def placed(self) -> list[Passage]:
        return passages(self)


@dataclass(frozen=True)
class Passage:
    """One note, placed."""

    note: LocatedNote
    part: PartMap
    block: BlockMap
    number: int  # as on its reading page
    first_page: int  # printed pages of the phrase (full edition) or of its paragraph
    last_page: int
    page: int | None  # the printed page the phrase starts on, where the build knows it
    exact: str  # the phrase, whitespace as in the article
    prefix: str  # "" in the companion edition, always
    suffix: str
    url: str  # the note on the site, absolute
    html: str  # body, sanitised HTML, links absolute
    markdown: str  # body, Markdown, links absolute

    @property
    def pages_label(self) -> str:
        if self.first_page == self.last_page:
            return f"p. {self.first_page}"
        return f"pp. {self.first_page}–{self.last_page}"

    def quote_selector(self) -> dict[str, Any]:
        """The phrase as a TextQuoteSelector, which the W3C model (§4.2.4) and Hypothesis share:
        `prefix` and `suffix` only when there is context to give."""
        quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": self.exact}
        if self.prefix:
            quote["prefix"] = self.prefix
        if self.suffix:
            quote["suffix"] = self.suffix
        return quote


def absolute_html(html: str, site_url: str) -> str:
    return _HREF.sub(lambda m: f'href="{urljoin(site_url, m.group(1))}"', html)


def absolute_url(site: Site, site_url: str, scheme: str, ident: str) -> str:
    return urljoin(site_url, site.link(scheme, ident, ROOT))


def page_link(site_url: str, md_path: str, fragment: str = "") -> str:
    return urljoin(site_url, page_url(md_path)) + (f"#{fragment}" if fragment else "")


def paragraph_label(part: PartMap, block_id: str) -> str:
    """ "Introduction, ¶ 2" as the study guide says it; the block type for other blocks."""
    return part.passage_label(block_id)


def _markdown(site: Site, body: str, where: tuple[str, int], site_url: str) -> str:
    def swap(m: re.Match[str]) -> str:
        return f"]({urljoin(site_url, site.resolve(m.group(1), ROOT, where))}{m.group(2)})"

    return _MD_LINK.sub(swap, body.strip())


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """A few whole words either side of text[start:end], exactly as in the text (spaces, line
    breaks and all), so that prefix + exact + suffix is a span of the text."""
    before = [m.start() for m in _WORD.finditer(text, 0, start)]
    after = [m.end() for m in _WORD.finditer(text, end)]
    prefix = text[before[-CONTEXT_WORDS] if len(before) >= CONTEXT_WORDS else 0 : start]
    suffix = text[end : after[min(CONTEXT_WORDS, len(after)) - 1] if after else end]
    return prefix, suffix


def passages(inputs: Inputs) -> list[Passage]:
    """Every note in reading order. Only the full edition quotes any context around a phrase."""
    notes = inputs.notes
    site = inputs.site
    where = {b.id: (p, b) for p in notes.structure.parts for b in p.blocks}
    order = {b.id: i for i, b in enumerate(notes.structure.blocks())}
    anchored = {a.note.id: a for a in inputs.anchors.anchored} if inputs.anchors else {}
    numbers = number_unanchored(notes)
    full = inputs.edition == "full" and inputs.article is not None
    out: list[tuple[tuple[int, int, int], Passage]] = []
    for ln in notes.notes:
        part, block = where[ln.paragraph]
        a = anchored.get(ln.id) if full else None
        exact = normalise_phrase(ln.note.phrase)
        prefix = suffix = ""
        first, last = block.pages[0], block.pages[-1]
        number, start = numbers[ln.id], 0
        place = inputs.places.get(ln.id)
        if place is not None:  # the phrase's own pages, also without the text (the record's)
            first, last, start = place.first_page, place.last_page, place.start
        if a is not None and inputs.article is not None:
            text_block = inputs.article.block(a.block)
            exact = text_block.text[a.start : a.end]
            prefix, suffix = _context(text_block.text, a.start, a.end)
            first, last = a.page, text_block.page_at(max(a.start, a.end - 1))
            number, start = a.number, a.start
        # The page the phrase starts on: known where the phrase itself was placed (the full
        # edition's anchor, or the record of where it was placed), else only where its whole
        # paragraph is on one page.
        page = first if a is not None or place is not None or first == last else None
        body_where = (ln.path, ln.line_of("body"))
        html = site.render(ln.note.body, ROOT, body_where)
        passage = Passage(
            note=ln,
            part=part,
            block=block,
            number=number,
            first_page=first,
            last_page=last,
            page=page,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            url=page_link(inputs.site_url, reading_page(part.id), f"sn-{ln.id}"),
            html=absolute_html(html, inputs.site_url),
            markdown=_markdown(site, ln.note.body, body_where, inputs.site_url),
        )
        out.append(((order[ln.paragraph], start, number), passage))
    return [p for _, p in sorted(out, key=lambda kp: kp[0])]
