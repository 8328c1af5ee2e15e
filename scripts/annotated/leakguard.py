"""The companion edition must never carry the article's text: no run of RUN consecutive words.

The same normalisation as the project's leak check (tools/leakcheck.py): words are compared in
lower case, typographic apostrophes as straight ones, hyphenation and split ligatures joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser as HTMLParser

RUN = 12
_WORD = re.compile(r"[0-9A-Za-zÀ-ÿ’']+")


def words(text: str) -> list[str]:
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"\b(f[il]|ff|ff[il]) (\w)", r"\1\2", text)
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def shingles(ws: list[str], run: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + run]) for i in range(len(ws) - run + 1)}


@dataclass(frozen=True)
class Leak:
    where: str
    words: str  # the first leaked run, so a person can find it


def find_leaks(source_texts: list[str], outputs: dict[str, str], run: int = RUN) -> list[Leak]:
    """Outputs (name -> text) that contain `run` consecutive words of any source text."""
    banned: set[tuple[str, ...]] = set()
    for t in source_texts:
        banned |= shingles(words(t), run)
    leaks = []
    for name, text in sorted(outputs.items()):
        ws = words(text)
        for i in range(len(ws) - run + 1):
            if tuple(ws[i : i + run]) in banned:
                leaks.append(Leak(name, " ".join(ws[i : i + run])))
                break
    return leaks


def html_text(html: str) -> str:
    """The visible text of a built page (scripts and styles left out)."""
    tree = HTMLParser(html)
    for node in tree.css("script, style"):
        node.decompose()
    return tree.body.text(separator=" ") if tree.body else ""
