"""The Markdown form of an ingested article: clean text for people who paste from a PDF, with
page turns (`[p. 254]`) and footnote markers (`<sup>3</sup>`) left visible where they stood."""

from __future__ import annotations

import re
from dataclasses import replace

from annotated.article import Article, Block

# Characters that Markdown would read as markup inside running text.
_ESCAPE = re.compile(r"([\\`*_\[\]<>])")


def _escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    # A paragraph that begins like a list item or a heading must stay a paragraph.
    return re.sub(r"^(\d+)\. ", r"\1\\. ", re.sub(r"^([#>+-]) ", r"\\\1 ", text))


def block_markdown(block: Block) -> str:
    """The block's text with its page turns and markers put back in, escaped for Markdown."""
    inserts: list[tuple[int, int, str]] = []
    text = block.text
    for br in block.page_breaks:
        at = br.offset
        if 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
            # The page turns inside a word: show it after the word, where it can be read.
            m = re.compile(r"\s|$").search(text, at)
            at = m.start() if m else len(text)
            inserts.append((at, 0, f" [p. {br.page}]"))
        else:
            inserts.append((at, 0, f"[p. {br.page}] " if at < len(text) else f" [p. {br.page}]"))
    for fn in block.footnotes:
        inserts.append((fn.offset, 1, f"<sup>{fn.marker}</sup>"))
    out, pos = [], 0
    for at, _, piece in sorted(inserts, key=lambda x: (x[0], x[1])):
        out.append(_escape(text[pos:at]))
        out.append(piece)
        pos = at
    out.append(_escape(text[pos:]))
    return "".join(out)


def article_markdown(article: Article) -> str:
    m = article.metadata
    parts: list[str] = []
    title = m.title + (f": {m.subtitle}" if m.subtitle else "")
    if title:
        parts.append(f"# {title}")
    cite = []
    if m.authors:
        cite.append(", ".join(m.authors))
    if m.journal:
        where = (
            m.journal + (f" {m.volume}" if m.volume else "") + (f"({m.issue})" if m.issue else "")
        )
        if m.year:
            where += f", {m.year}"
        if m.first_page and m.last_page:
            where += f", pp. {m.first_page}–{m.last_page}"
        cite.append(where)
    if m.doi:
        cite.append(f"<https://doi.org/{m.doi}>")
    if cite:
        parts.append(" · ".join(cite))
    for block in article.blocks:
        parts.append(_block(block))
    return "\n\n".join(parts) + "\n"


def _block(block: Block) -> str:
    body = block_markdown(block)
    if block.type == "abstract":
        return f"**Abstract.** {body}"
    if block.type == "keywords":
        return "**Keywords:** " + " · ".join(_escape(k) for k in block.keywords)
    if block.type == "heading":
        # A page that begins with a heading: the turn goes on its own line above it.
        turn = [f"[p. {b.page}]\n\n" for b in block.page_breaks if b.offset == 0]
        plain = replace(block, page_breaks=[b for b in block.page_breaks if b.offset])
        return "".join(turn) + f"## {block_markdown(plain)}"
    if block.type == "epigraph":
        return "\n".join(
            f"> {ln}  " if i < body.count("\n") else f"> {ln}"
            for i, ln in enumerate(body.split("\n"))
        )
    return body + (" …" if block.truncated else "")
