"""Reference-style links and footnotes whose definition is missing. Markdown prints them as the
literal brackets the author typed ("[the treaty][t]"), with no warning from Python-Markdown or
MkDocs, so the page is published wrong. Pure: Markdown text in, (line, message) out."""

from __future__ import annotations

import re

from annotated.errors import nearest_name

_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:", re.MULTILINE)
# [text][label] and [label][] (full and collapsed); a lone [label] may be plain brackets.
_REFERENCE = re.compile(r"(?<![\\\]])!?\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")
_FOOTNOTE = re.compile(r"\[\^([^\[\]\s]+)\](?!:)")


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _blank_code(text: str) -> str:
    """Code spans and fenced blocks as spaces (line breaks kept, so lines stay true)."""

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    return _CODE.sub(blank, _FENCE.sub(blank, text))


def undefined_references(text: str) -> list[tuple[int, str]]:
    """(line within `text`, 1-based; message) for each reference without its definition."""
    text = _blank_code(text)
    defined = {_label(m[1]) for m in _DEFINITION.finditer(text)}
    labels = sorted(label for label in defined if not label.startswith("^"))
    out = []
    for m in _REFERENCE.finditer(text):
        label = _label(m[2] or m[1])
        if label in defined:
            continue
        shown = m[2] or m[1]
        near = nearest_name(label, labels) if labels else None
        hint = f" (did you mean [{near}]?)" if near else ""
        msg = (
            f'reference link "{m[0]}" has no definition{hint}; add a line "[{shown}]: ADDRESS" '
            "or write the link inline, else it prints as literal brackets"
        )
        out.append((text.count("\n", 0, m.start()) + 1, msg))
    for m in _FOOTNOTE.finditer(text):
        if _label("^" + m[1]) not in defined:
            msg = (
                f'footnote "[^{m[1]}]" has no text; add a line "[^{m[1]}]: …" at the end of the '
                "page, else it prints as literal brackets"
            )
            out.append((text.count("\n", 0, m.start()) + 1, msg))
    return out
