"""Where everything lives on the site: every link target, its page, and links resolved to it.

Bodies (notes, glossary, timeline, people, study) link with schemes an instructor can write without
knowing the site's layout: glossary:ID, note:ID, ref:KEY, para:PARAGRAPH-ID, page:254. They become
relative URLs here; any target that does not exist is a problem naming the file and line.
The Markdown itself is rendered by annotated.bodies, which calls back here for every link.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from annotated.bodies import Renderer
from annotated.citations import Citer
from annotated.errors import Problem, nearest_name, warning
from annotated.notes import Notes

SCHEMES = ("glossary", "note", "ref", "para", "page")
_EXTERNAL = re.compile(r"^(https?://|mailto:)")


def page_url(md_path: str) -> str:
    """The URL of a page relative to the site root (MkDocs use_directory_urls: true)."""
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@cache  # asked thousands of times for the same pages (a note's links, on every page it shows)
def relative(from_md: str, to_md: str, fragment: str = "") -> str:
    """A link from page `from_md` to page `to_md` (and #fragment), as the browser resolves it."""
    frag = f"#{fragment}" if fragment else ""
    if from_md == to_md:
        return frag or "./"
    rel = posixpath.relpath(page_url(to_md) or ".", page_url(from_md) or ".")
    return (rel + "/" if rel != "." else "./") + frag


def reading_page(part_id: str) -> str:
    return f"reading/{part_id}.md"


@dataclass
class Site:
    """Every link target a body may name, and the page each lives on."""

    notes: Notes
    problems: list[Problem] = field(default_factory=list)
    used: set[tuple[str, str]] = field(default_factory=set)  # (scheme, id) linked to so far
    warnings: list[Problem] = field(default_factory=list)  # what the sanitiser removed, and where
    citations: Citer = field(default_factory=Citer)  # formats through its memo
    # The build's, shared by its sites, with its memo of bodies rendered by earlier builds.
    renderer: Renderer = field(default_factory=Renderer, repr=False)
    # A body is rendered for its page and again for the own-copy reader's data: the same output
    # each time, so it is converted once.
    _rendered: dict[tuple[str, str, tuple[str, int], bool], str] = field(
        default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        s = self.notes.structure
        self.block_page = {b.id: reading_page(p.id) for p in s.parts for b in p.blocks}
        self.note_block = {n.id: n.paragraph for n in self.notes.notes}
        self.note_by_id = {n.id: n for n in self.notes.notes}
        self.reference_keys = self.notes.reference_keys  # made from the list each time it is asked
        # A page's anchor (#p254) lives where the page begins: the first block printed on it.
        self.page_home: dict[int, str] = {}
        for p in s.parts:
            for b in p.blocks:
                for n in b.pages:
                    self.page_home.setdefault(n, reading_page(p.id))

    @cached_property
    def labels(self) -> dict[str, str]:
        """Short labels of the bibliography keys, "Walt (1987)", for sources lines."""
        return self.citations.short_labels(self.notes.references)

    def target(self, scheme: str, ident: str) -> tuple[str, str] | None:
        """(page, fragment) for scheme:ident, or None when there is no such thing."""
        if scheme == "glossary" and ident in self.notes.glossary:
            return "glossary.md", ident
        if scheme == "ref" and ident in self.reference_keys:
            return "references.md", f"ref-{ident}"
        if scheme == "note" and ident in self.note_block:
            return self.block_page[self.note_block[ident]], f"sn-{ident}"
        if scheme == "para" and ident in self.block_page:
            return self.block_page[ident], ident
        if scheme == "page" and ident.isdigit() and int(ident) in self.page_home:
            return self.page_home[int(ident)], f"p{ident}"
        return None

    def _choices(self, scheme: str) -> list[str]:
        return {
            "glossary": list(self.notes.glossary),
            "ref": sorted(self.reference_keys),
            "note": list(self.note_block),
            "para": list(self.block_page),
            "page": [str(n) for n in self.page_home],
        }[scheme]

    def resolve(self, url: str, from_md: str, where: tuple[str, int]) -> str:
        """The href for `url` written in a body on page `from_md`; problems are recorded."""
        if _EXTERNAL.match(url):
            return url
        scheme, sep, ident = url.partition(":")
        if sep and scheme in SCHEMES:
            found = self.target(scheme, ident)
            if found:
                self.used.add((scheme, ident))
                return relative(from_md, *found)
            near = nearest_name(ident, self._choices(scheme))
            hint = f' (did you mean "{scheme}:{near}"?)' if near else ""
            self.problems.append(Problem(where[0], f'broken link "{url}"{hint}', where[1]))
            return "#"
        allowed = ", ".join(f"{s}:" for s in SCHEMES)
        msg = f'link "{url}" is not allowed; use {allowed} or an https:// address'
        self.problems.append(Problem(where[0], msg, where[1]))
        return "#"

    def link(self, scheme: str, ident: str, from_md: str) -> str:
        """A link the generator itself makes (targets known to exist)."""
        found = self.target(scheme, ident)
        assert found, f"{scheme}:{ident}"  # the notes were cross-checked when loaded
        self.used.add((scheme, ident))
        return relative(from_md, *found)

    def render(self, body: str, from_md: str, where: tuple[str, int], inline: bool = False) -> str:
        """Markdown -> sanitised HTML, links resolved. `inline`: fits in a <p> (sidenotes).
        Problems and warnings are recorded the first time a body is rendered for a page."""
        key = (body, from_md, where, inline)
        if key in self._rendered:
            return self._rendered[key]
        html, removed = self.renderer.render(
            body, lambda url: self.resolve(url, from_md, where), inline
        )
        if removed:
            msg = (
                f"removed {', '.join(removed)}: a body holds Markdown (with links, emphasis, "
                "lists, quotes, code) and no other HTML"
            )
            self.warnings.append(warning(where[0], msg, where[1]))
        self._rendered[key] = html
        return html
