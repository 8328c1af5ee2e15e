"""The study guide's questions, each with its passages (paragraph and printed pages) and level,
as the two LMS exports (Moodle GIFT, Canvas QTI) both need them."""

from __future__ import annotations

import html
from dataclasses import dataclass

from annotated.exports.passages import ROOT, Inputs, absolute_html, absolute_url, paragraph_label
from annotated.notes.models import LEVELS


@dataclass(frozen=True)
class Where:
    """A passage a question points to: its paragraph, printed pages and address on the site."""

    label: str  # "Introduction, ¶ 2"
    pages: str  # "p. 254" or "pp. 253–254"
    url: str


@dataclass(frozen=True)
class Question:
    ident: str  # stable: "<bib_key>-<part>-q<n>"
    part_id: str
    part_title: str
    number: int  # 1-based within its part
    level: str
    text_html: str  # the question, HTML, links absolute
    passages: list[Where]

    @property
    def title(self) -> str:
        return f"{self.part_title}, question {self.number} ({LEVELS[self.level].lower()})"

    def html(self) -> str:
        """The question, then its passages and level: what a student sees in the LMS."""
        where = "; ".join(
            f'<a href="{html.escape(w.url)}">{html.escape(w.label)}</a> ({w.pages})'
            for w in self.passages
        )
        return f"{self.text_html}\n<p>Passage: {where}. Level: {LEVELS[self.level]}.</p>"


def _pages(first: int, last: int) -> str:
    return f"p. {first}" if first == last else f"pp. {first}–{last}"


def questions(inputs: Inputs) -> list[Question]:
    notes = inputs.notes
    if notes.study is None:
        return []
    site = inputs.site
    structure = notes.structure
    parts = {p.id: p for p in structure.parts}
    blocks = {b.id: b for b in structure.blocks()}
    note_block = {n.id: n.paragraph for n in notes.notes}
    key = structure.metadata.bib_key
    where_file = f"{notes.root.name}/study.yml"
    out = []
    for sp in notes.study.pages:
        for i, q in enumerate(sp.questions, start=1):
            # A passage is a paragraph id or a note id; a question names each paragraph once.
            seen: list[str] = []
            for x in q.passages:
                block_id = x if x in blocks else note_block[x]
                if block_id not in seen:
                    seen.append(block_id)
            wheres = [
                Where(
                    paragraph_label(structure.part_of(b), b),
                    _pages(blocks[b].pages[0], blocks[b].pages[-1]),
                    absolute_url(site, inputs.site_url, "para", b),
                )
                for b in seen
            ]
            text = site.render(q.question, ROOT, (where_file, 1))
            out.append(
                Question(
                    ident=f"{key}-{sp.part}-q{i}",
                    part_id=sp.part,
                    part_title=parts[sp.part].title,
                    number=i,
                    level=q.level,
                    text_html=absolute_html(text, inputs.site_url),
                    passages=wheres,
                )
            )
    return out
