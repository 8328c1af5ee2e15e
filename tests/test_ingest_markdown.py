"""The Markdown form: page turns and footnote markers visible, Markdown syntax escaped."""

from __future__ import annotations

import pytest

from annotated.article import Article, Block, Footnote, Metadata, PageBreak
from annotated.ingest.markdown import article_markdown, block_markdown


@pytest.mark.parametrize(
    ("text", "breaks", "notes", "markdown"),
    [
        ("the recent turn", [PageBreak(9, 11)], [], "the recent [p. 9] turn"),
        ("a partnership began", [PageBreak(9, 9)], [], "a partnership [p. 9] began"),  # mid-word
        ("New page", [PageBreak(9, 0)], [], "[p. 9] New page"),
        ("ends here.", [], [Footnote("12", 10)], "ends here.<sup>12</sup>"),
        ("a *starred* word_with [brackets]", [], [], r"a \*starred\* word\_with \[brackets\]"),
        ("1. Not a list", [], [], r"1\. Not a list"),
        ("# not a heading", [], [], r"\# not a heading"),
    ],
)
def test_block_markdown(text: str, breaks: list, notes: list, markdown: str) -> None:
    block = Block("p1", "paragraph", text, [8, 9], breaks, notes)
    assert block_markdown(block) == markdown


def test_article_markdown() -> None:
    meta = Metadata(
        title="A Title",
        subtitle="Sub",
        authors=["Jo Bloggs"],
        journal="Annals",
        year=2020,
        volume="4",
        issue="1",
        first_page=7,
        last_page=20,
        doi="10.5555/x",
    )
    blocks = [
        Block("abstract", "abstract", "What it says.", [7]),
        Block("keywords", "keywords", "one • two", [7], keywords=["one", "two"]),
        Block("epigraph", "epigraph", "A line.\n(A source)", [7], footnotes=[Footnote("1", 18)]),
        Block("h1", "heading", "A Heading", [8], [PageBreak(8, 0)]),
        Block("p1", "paragraph", "It stops in the", [8], truncated=True),
    ]
    assert article_markdown(Article(meta, [7, 8], blocks)) == (
        "# A Title: Sub\n\n"
        "Jo Bloggs · Annals 4(1), 2020, pp. 7–20 · <https://doi.org/10.5555/x>\n\n"
        "**Abstract.** What it says.\n\n"
        "**Keywords:** one · two\n\n"
        "> A line.  \n> (A source)<sup>1</sup>\n\n"
        "[p. 8]\n\n## A Heading\n\n"
        "It stops in the …\n"
    )
