"""Markdown bodies (notes, glossary, timeline, people, study) as sanitised HTML, links resolved.

Links are resolved inside the Markdown pipeline, whatever form they were written in: inline
`[h](glossary:x)`, reference style `[h][1]` with `[1]: glossary:x`, autolinks and raw
`<a href="…">`. A treeprocessor sees every link Python-Markdown parsed; raw HTML tags wait in its
stash, where the same processor rewrites their href. Whatever the sanitiser then has to remove
(a `<script>`, an `onerror`) is reported, never dropped in silence.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from selectolax.lexbor import LexborHTMLParser

from annotated import build_cache

Resolve = Callable[[str], str]

# What a body may contain once rendered: prose, emphasis, links, lists, quotes, code.
BLOCK_TAGS = frozenset({"p", "ul", "ol", "li", "blockquote", "pre"})
INLINE_TAGS = frozenset(
    {"a", "em", "strong", "i", "b", "code", "q", "cite", "abbr", "sub", "sup", "br"}
)
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}, "span": {"class"}}
_UNWRAPPED = {"ul", "ol", "blockquote", "pre"}
_RAW_HREF = re.compile(r"""(\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


class _LinkResolver(Treeprocessor):
    """Runs after inline parsing (priority 5 < 20), when every link is in the tree or the stash."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.resolve: Resolve = lambda url: url
        self.inline = False

    def run(self, root: ET.Element) -> None:
        for a in root.iter("a"):
            a.set("href", self.resolve(a.get("href", "")))
        stash = self.md.htmlStash.rawHtmlBlocks
        for i, raw in enumerate(stash):
            if isinstance(raw, str) and raw.lstrip().lower().startswith("<a"):
                stash[i] = _RAW_HREF.sub(self._raw, raw, count=1)
        if self.inline:
            _as_spans(root)

    def _raw(self, m: re.Match[str]) -> str:
        url = next(g for g in m.groups()[1:] if g is not None)
        return f'{m.group(1)}"{self.resolve(url)}"'


def _as_spans(root: ET.Element) -> None:
    """Block elements cannot sit inside the reading's <p>: paragraphs and list items become
    span.sn-p (the stylesheet sets them as blocks); lists, quotes and code blocks are unwrapped."""
    for parent in list(root.iter()):
        i = 0
        while i < len(parent):
            child = parent[i]
            if child.tag in _UNWRAPPED:
                parent.remove(child)
                for k, grandchild in enumerate(list(child)):
                    parent.insert(i + k, grandchild)
                continue  # look at what took its place
            if child.tag in ("p", "li"):
                child.tag = "span"
                child.set("class", "sn-p")
            i += 1


# --- memo -------------------------------------------------------------------------------------
# Python-Markdown is most of the time a body takes, and a build renders some 370 of them, the same
# as last time unless a note changed. What a body renders to depends on its text, on whether it is
# inline, on this module and its libraries, and on nothing else but the answers `resolve` gives
# for its links. Which links it asks about, and in which order, depends on the text alone (links
# are resolved once the Markdown is parsed). So the memo keeps, per text, the links asked; a
# build asks `resolve` about them again, in the same order, as rendering would (its problems
# and its record of the targets used come out the same), and uses the kept HTML only when every
# answer is the same as when it was made.

LIBRARIES = ("markdown", "nh3", "selectolax")


def renderer_version() -> str:
    """What identifies the renderer: this module's source and its libraries' versions."""
    return build_cache.made_by([Path(__file__)], LIBRARIES)


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


@dataclass
class Memo:
    """Rendered bodies from earlier builds (build/cache/bodies.json): per body, the links its
    rendering asked about; per body and answers, the HTML and what the sanitiser removed."""

    links: dict[str, list[str]] = field(default_factory=dict)
    rendered: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Memo:
        def parse(data: dict[str, Any]) -> Memo:
            rendered = {k: (html, list(removed)) for k, (html, removed) in data["rendered"]}
            return cls(dict(data["links"]), rendered)

        return build_cache.read(path, renderer_version(), parse) or cls()

    def save(self, path: Path) -> None:
        """Keep only what this build used, so the file never grows with stale entries."""
        data = {
            "links": {k: v for k, v in sorted(self.links.items()) if k in self.used},
            "rendered": [[k, v] for k, v in sorted(self.rendered.items()) if k in self.used],
        }
        build_cache.write(path, renderer_version(), data)


class Renderer:
    """One Markdown converter per kind of body (block or inline), reused between bodies; with a
    memo, bodies rendered by an earlier build are not converted again."""

    def __init__(self, memo: Memo | None = None) -> None:
        self.memo = memo
        self._md = {}
        for inline in (False, True):
            md = markdown.Markdown(extensions=["smarty"])
            resolver = _LinkResolver(md)
            resolver.inline = inline
            md.treeprocessors.register(resolver, "resolve-links", 5)
            self._md[inline] = (md, resolver)

    def render(self, body: str, resolve: Resolve, inline: bool = False) -> tuple[str, list[str]]:
        """HTML for `body`, and what the sanitiser removed from it (tags and attributes)."""
        memo = self.memo
        if memo is None:
            return self._render(body, resolve, inline)
        text_key = _key(body, inline)
        memo.used.add(text_key)
        answers: list[tuple[str, str]] = []
        if text_key in memo.links:  # ask about its links as rendering would, in its order
            answers = [(url, resolve(url)) for url in memo.links[text_key]]
            key = _key(body, inline, answers)
            memo.used.add(key)
            if key in memo.rendered:
                return memo.rendered[key]
        asked: list[tuple[str, str]] = []

        def answer(url: str) -> str:  # each link asked once: from `answers`, if asked already
            if len(asked) < len(answers) and answers[len(asked)][0] == url:
                asked.append(answers[len(asked)])
            else:
                asked.append((url, resolve(url)))
            return asked[-1][1]

        html, removed = self._render(body, answer, inline)
        key = _key(body, inline, asked)
        memo.links[text_key] = [url for url, _ in asked]
        memo.rendered[key] = (html, removed)
        memo.used.add(key)
        return html, removed

    def _render(self, body: str, resolve: Resolve, inline: bool) -> tuple[str, list[str]]:
        md, resolver = self._md[inline]
        resolver.resolve = resolve
        md.reset()
        html = md.convert(body.strip())
        if inline:
            html = html.replace("\n", " ").strip()
        tags = INLINE_TAGS | ({"span"} if inline else BLOCK_TAGS)
        removed = disallowed(html, tags)
        clean = nh3.clean(
            html,
            tags=set(tags),
            attributes={k: set(v) for k, v in ATTRIBUTES.items()},
            link_rel=None,
            url_schemes={"http", "https", "mailto"},
        )
        return clean, removed


def disallowed(html: str, tags: frozenset[str]) -> list[str]:
    """The tags and attributes in `html` that a body may not hold, in order, each named once."""
    found: list[str] = []
    body = LexborHTMLParser(f"<body>{html}</body>").body
    for node in body.traverse() if body else []:
        if node.tag in ("-text", "-comment", "body", "_text", "_comment"):
            continue
        what = f"<{node.tag}>"
        if node.tag not in tags:
            found.append(what)
            continue
        for attr in node.attributes:
            if attr not in ATTRIBUTES.get(node.tag, set()):
                found.append(f"{attr}= on {what}")
    return list(dict.fromkeys(found))
