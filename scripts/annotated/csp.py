"""The Content-Security-Policy's script hashes: no `'unsafe-inline'` for scripts, so every inline
script of the built site (Material's few, and ours in overrides/main.html) is allowed by the
SHA-256 of its text, and nothing else inline runs.

The policy is a <meta> in every page (overrides/main.html, site_meta block). As written there it
allows inline scripts (`'unsafe-inline'`), so that a site made without the hook still works;
`annotated.post_build` (an MkDocs hook) puts the hashes in its place. Every page gets the hashes
of every page's inline scripts: Material's instant navigation keeps the first page's policy
while it shows the next pages. Text in, text out.
"""

from __future__ import annotations

import base64
import hashlib
import re

UNSAFE_INLINE = "'unsafe-inline'"
# An executable inline script: a <script> without src whose type, if any, is JavaScript. A data
# block (type="application/json", Material's __config) is never run, so never hashed.
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_POLICY = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


def inline_scripts(html: str) -> list[str]:
    found = []
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JS_TYPES:
            found.append(m.group("body"))
    return found


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_of(html: str) -> str | None:
    m = _POLICY.search(html)
    return m.group(2) if m else None


def with_hashes(html: str, hashes: list[str]) -> str:
    """The page with `'unsafe-inline'` in its policy's script-src replaced by the hashes."""
    m = _POLICY.search(html)
    if m is None:
        return html
    directives = []
    for d in m.group(2).split(";"):
        words = d.split()
        if words[:1] == ["script-src"] and UNSAFE_INLINE in words:
            words = [w for w in words if w != UNSAFE_INLINE] + [h for h in hashes if h not in words]
            d = " " + " ".join(words) if d.startswith(" ") else " ".join(words)
        directives.append(d)
    return html[: m.start(2)] + ";".join(directives) + html[m.end(2) :]


def site_hashes(pages: list[str]) -> list[str]:
    """The hashes of every inline script of every page, sorted, each once."""
    return sorted({script_hash(s) for html in pages for s in inline_scripts(html)})


def unlisted(html: str) -> list[str]:
    """The inline scripts of a page its own policy does not allow (the test's check)."""
    policy = policy_of(html) or ""
    directives = [d.split() for d in policy.split(";")]
    sources = next((d[1:] for d in directives if d[:1] == ["script-src"]), [])
    if "'unsafe-inline'" in sources and not any(s.startswith("'sha256-") for s in sources):
        return inline_scripts(html)
    return [s for s in inline_scripts(html) if script_hash(s) not in sources]
