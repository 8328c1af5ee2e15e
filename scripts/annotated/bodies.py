"""Markdown bodies (notes, glossary, timeline, people, study) as sanitised HTML, links resolved.

Links are resolved inside the Markdown pipeline, whatever form they were written in: inline
`[h](glossary:x)`, reference style `[h][1]` with `[1]: glossary:x`, autolinks and raw
`<a href="…">`. A treeprocessor sees every link Python-Markdown parsed; raw HTML tags wait in its
stash, where the same processor rewrites their href. Whatever the sanitiser then has to remove
(a `<script>`, an `onerror`) is reported, never dropped in silence.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from selectolax.lexbor import LexborHTMLParser

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


class Renderer:
    """One Markdown converter per kind of body (block or inline), reused between bodies."""

    def __init__(self) -> None:
        self._md = {}
        for inline in (False, True):
            md = markdown.Markdown(extensions=["smarty"])
            resolver = _LinkResolver(md)
            resolver.inline = inline
            md.treeprocessors.register(resolver, "resolve-links", 5)
            self._md[inline] = (md, resolver)

    def render(self, body: str, resolve: Resolve, inline: bool = False) -> tuple[str, list[str]]:
        """HTML for `body`, and what the sanitiser removed from it (tags and attributes)."""
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
