"""The structure map (notes/article.yml): the article's facts, its parts and their blocks.

Its own module because ingestion places paragraphs by it without needing the rest of the notes.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from annotated.schema import Closed, check_lang


class ArticleFacts(Closed):
    title: str
    subtitle: str = ""
    authors: list[str]
    journal: str
    year: int
    volume: str
    issue: str
    first_page: int
    last_page: int
    doi: str
    publisher: str = ""
    published_date: str = ""
    bib_key: str  # the article's own key in references.yml

    @field_validator("volume", "issue", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v

    @field_validator("published_date", mode="before")
    @classmethod
    def _date_as_text(cls, v: Any) -> Any:
        # A YAML reader other than ours gives an unquoted 2007-06-01 as a date: keep the ISO text.
        return v.isoformat() if hasattr(v, "isoformat") else v


class BlockMap(Closed):
    id: str
    type: Literal["abstract", "keywords", "epigraph", "heading", "paragraph"] = "paragraph"
    locator: str = Field(min_length=1)  # the block's first few words, as printed
    pages: list[int] = Field(min_length=1)
    summary: str = ""  # our words; the companion edition shows it
    # Language of the block's original-language lines (an epigraph's verse), e.g. "uz", so that
    # screen readers pronounce them right; the page's own language is English.
    lang: str = ""

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str) -> str:
        return check_lang(v)


class PartMap(Closed):
    id: str
    title: str
    heading: str = ""  # the heading as printed in the article, when the part has one
    blocks: list[BlockMap] = Field(min_length=1)
    excerpt_ends: bool = False  # the excerpt stops inside this part

    def paragraph_numbers(self) -> dict[str, int]:
        """Each paragraph's number in its part (¶ 1, ¶ 2 …), the one numbering of every page and
        export; the abstract, keywords, epigraph and headings are not counted."""
        paragraphs = [b.id for b in self.blocks if b.type == "paragraph"]
        return {block_id: no for no, block_id in enumerate(paragraphs, 1)}

    def passage_label(self, block_id: str) -> str:
        """ "Introduction, ¶ 2" for a paragraph; its type ("Abstract") for another block."""
        no = self.paragraph_numbers().get(block_id)
        if no is not None:
            return f"{self.title}, ¶ {no}"
        for b in self.blocks:
            if b.id == block_id:
                return b.type.capitalize()
        raise KeyError(block_id)


class StructureMap(Closed):
    metadata: ArticleFacts
    parts: list[PartMap] = Field(min_length=1)

    def blocks(self) -> list[BlockMap]:
        return [b for p in self.parts for b in p.blocks]

    def part_of(self, block_id: str) -> PartMap:
        return next(p for p in self.parts if any(b.id == block_id for b in p.blocks))
