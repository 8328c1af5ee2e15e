"""The typed article that ingestion produces, and its JSON form (a documented contract).

Offsets are character offsets into the block's own clean `text`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

BlockType = Literal["abstract", "keywords", "epigraph", "heading", "paragraph"]


@dataclass(frozen=True)
class PageBreak:
    page: int  # the page that starts at `offset`
    offset: int


@dataclass(frozen=True)
class Footnote:
    marker: str  # as printed, e.g. "3"
    offset: int  # where the marker stood; the marker itself is not in `text`


@dataclass
class Block:
    id: str
    type: BlockType
    text: str
    pages: list[int]
    page_breaks: list[PageBreak] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    truncated: bool = False
    # Epigraph only: its parts, kept apart so pages can set them as verse, translation, source.
    lines: list[str] = field(default_factory=list)
    translation: str | None = None
    attribution: str | None = None
    # Keywords only.
    keywords: list[str] = field(default_factory=list)

    def page_at(self, offset: int) -> int:
        """The original page on which the character at `offset` stands."""
        page = self.pages[0] if self.pages else 0
        for br in self.page_breaks:
            if br.offset <= offset:
                page = br.page
        return page


@dataclass
class Metadata:
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    journal: str = ""
    year: int | None = None
    volume: str = ""
    issue: str = ""
    first_page: int | None = None
    last_page: int | None = None
    doi: str = ""
    publisher: str = ""
    keywords: list[str] = field(default_factory=list)
    published_date: str = ""
    copyright: str = ""


@dataclass
class Article:
    metadata: Metadata
    pages: list[int]
    blocks: list[Block]
    # How paragraph boundaries were found: "structure-map" or "inferred".
    paragraphs_from: str = "inferred"
    warnings: list[str] = field(default_factory=list)

    def block(self, block_id: str) -> Block:
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        """`to_dict`'s form read back (as JSON gives it back: lists, not tuples)."""
        blocks = [
            Block(
                **{
                    **b,
                    "page_breaks": [PageBreak(**x) for x in b["page_breaks"]],
                    "footnotes": [Footnote(**x) for x in b["footnotes"]],
                }
            )
            for b in data["blocks"]
        ]
        rest = {k: v for k, v in data.items() if k not in ("metadata", "blocks")}
        return cls(metadata=Metadata(**data["metadata"]), blocks=blocks, **rest)
