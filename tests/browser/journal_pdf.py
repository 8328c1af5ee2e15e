"""PDFs laid out like a journal, made by Chromium's print to PDF from an invented article's raw
text (tests/fixtures/site/article.txt), for the own-copy reader's tests.

The printed lines are the raw text's lines, so a PDF and the text hold the same article: running
heads at the top (or a folio at the foot), a library's cover page, a "Downloaded from … on …"
stamp at the foot and another up the margin, superscript footnote markers, a ligature glyph, the
raw text's line-end hyphens. Heads and stamps come last in each page's markup, so the PDF's text
items are out of reading order, as pdf.js often gets them.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser

# Digits glued after punctuation are a footnote marker in the raw layout (`another.2`).
_MARKER = re.compile(r"(?<=[.,;:!?)\]”’\"])(\d{1,2})(?=\s|$)")
_HEAD = re.compile(r"^(?:\d{1,3}\s+\S.*|.*\S\s+\d{1,3})$")  # pages, not years
STAMP = "Downloaded from library.example.edu by a student on 2 May 2024"

CSS = """
@page { size: 170mm 244mm; margin: 0; }
body { margin: 0; font-family: 'DejaVu Serif', serif; font-size: 9pt; }
.page { position: relative; height: 244mm; padding: 24mm 18mm 0; box-sizing: border-box;
        page-break-after: always; overflow: hidden; }
.page:last-child { page-break-after: auto; }
.ln { white-space: pre; line-height: 12pt; }
.small { font-size: 7.5pt; line-height: 10pt; }
.title { font-size: 13pt; line-height: 18pt; font-weight: bold; }
.abstract { font-size: 8pt; line-height: 11pt; margin-left: 8mm; }
.epigraph { font-size: 8.5pt; line-height: 11.5pt; margin-left: 30mm; }
.indent { text-indent: 4mm; }
.heading { font-size: 10pt; font-weight: bold; margin-top: 8pt; }
.gap { margin-top: 8pt; }
sup { font-size: 7pt; vertical-align: 3.5pt; line-height: 0; }
.head { position: absolute; top: 12mm; left: 18mm; right: 18mm; font-size: 8pt; }
.head.recto { text-align: right; }
.folio { position: absolute; bottom: 12mm; left: 0; right: 0; text-align: center; font-size: 8pt; }
.stamp { position: absolute; bottom: 5mm; left: 18mm; font-size: 6.5pt; color: #555; }
.side { position: absolute; top: 120mm; left: 4mm; font-size: 6.5pt; color: #555;
        transform: rotate(-90deg); transform-origin: left top; white-space: nowrap; }
.cover p { margin: 0 0 6pt; }
"""


@dataclass
class Page:
    number: int
    head: str  # the running head as printed, with its page number
    lines: list[str] = field(default_factory=list)


def pages_of(raw: str) -> list[Page]:
    """The raw text's pages, split at its running heads. The database lines above the first
    head and the paywall lines after the excerpt are what a preview page adds: a PDF has
    neither."""
    pages: list[Page] = []
    for line in raw.split("\n"):
        text = line.strip()
        if re.match(r"^(To continue reading|Request your trial)", text):
            break
        found = re.search(r"^(\d{1,3})\s|\s(\d{1,3})$", text) if _HEAD.match(text) else None
        number = int(found.group(1) or found.group(2)) if found else None
        if number is not None and (not pages or number == pages[-1].number + 1):
            pages.append(Page(number, text))
        elif pages and text:
            pages[-1].lines.append(text)
    return pages


def _classes(lines: list[str], locators: list[str], first_page: bool) -> list[str]:
    """How each line of a page is set: the journal block small, the title large, the abstract
    and keywords indented small, the epigraph indented, a paragraph's first line indented."""
    starts = [any(ln.startswith(loc) for loc in locators) for ln in lines]
    out = ["indent" if s else "" for s in starts]
    if not first_page:
        return out
    publisher = next(i for i, ln in enumerate(lines) if re.search(r"Press|Publications", ln))
    abstract = next(i for i, ln in enumerate(lines) if ln.startswith("Abstract."))
    keywords = next(i for i, ln in enumerate(lines) if ln.startswith("Keywords:"))
    body = next(i for i in range(keywords + 1, len(lines)) if starts[i])
    out[: publisher + 1] = ["small"] * (publisher + 1)
    out[publisher + 1 : abstract - 1] = ["title"] * (abstract - 2 - publisher)
    out[abstract - 1] = "gap"  # the author's line
    out[abstract : keywords + 1] = ["abstract"] * (keywords + 1 - abstract)
    out[keywords + 1 : body] = ["epigraph"] * (body - keywords - 1)
    out[keywords + 1] = out[body] = f"{out[body]} gap"
    out[keywords + 1] = "epigraph gap"
    return out


def _line_html(line: str, ligatures: bool) -> str:
    text = html.escape(line, quote=False)
    if ligatures:
        text = text.replace("fi rst", "\ufb01rst")  # a ligature glyph where the raw text split it
    return _MARKER.sub(r"<sup>\1</sup>", text)


def journal_html(
    raw: str,
    locators: list[str],
    *,
    cover: bool = True,
    stamps: bool = True,
    folio_at_foot: tuple[int, ...] = (),
    beyond: list[list[str]] | None = None,
    complete_last: list[str] | None = None,
    headings: tuple[str, ...] = (),
) -> str:
    """The article as print-ready HTML. `folio_at_foot`: pages whose number stands alone at the
    foot (the head at the top then has none). `complete_last`: lines that finish the last page
    where the excerpt stopped; `beyond`: more pages after it (a whole article, not an excerpt)."""
    pages = pages_of(raw)
    out = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{CSS}</style>"]
    out.append("</head><body>")
    if cover:
        out.append(
            "<section class='page cover'><p><b>Rivers and Realignments: The Logic of Hedging by "
            "Small Upstream States</b></p><p>Jane Q. Example</p><p>Journal of Invented Studies, "
            "Vol. 12, No. 1 (2001), pp. 101–120</p><p>Stable URL: "
            "https://library.example.edu/stable/00000</p><p>Your use of this archive indicates "
            "your acceptance of its Terms of Use.</p>"
            + (f"<div class='stamp'>{STAMP}</div>" if stamps else "")
            + "</section>"
        )
    extra = [Page(pages[-1].number + 1 + i, "", lines) for i, lines in enumerate(beyond or [])]
    for k, page in enumerate(pages + extra):
        lines = list(page.lines)
        if complete_last and k == len(pages) - 1:
            lines += complete_last
        classes = _classes(lines, locators, first_page=k == 0)
        body = []
        for line, cls in zip(lines, classes, strict=True):
            if line in headings:
                cls = "heading"
            elif line.startswith("\t"):  # a paragraph the structure map does not know
                line, cls = line[1:], "indent"
            body.append(f"<div class='ln {cls}'>{_line_html(line, ligatures=True)}</div>")
        recto = page.number % 2 == 1
        if page.number in folio_at_foot:
            words = re.sub(r"^\d+\s+|\s+\d+$", "", page.head) if page.head else "Journal"
            marks = f"<div class='head'>{html.escape(words)}</div>"
            marks += f"<div class='folio'>{page.number}</div>"
        else:
            head = page.head or f"Example: Rivers and Realignments {page.number}"
            marks = f"<div class='head{' recto' if recto else ''}'>{html.escape(head)}</div>"
        if stamps:
            marks += f"<div class='stamp'>{STAMP}</div><div class='side'>{STAMP}</div>"
        out.append(f"<section class='page'>{''.join(body)}{marks}</section>")
    out.append("</body></html>")
    return "".join(out)


def print_pdf(browser: Browser, page_html: str, path: Path) -> Path:
    """Chromium's own print to PDF of the page, as a student's browser would save it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(page_html, wait_until="load")
        page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    return path


def image_only_pdf(browser: Browser, path: Path) -> Path:
    """A 'scanned' PDF: a page that is a picture of text, with no text layer."""
    context = browser.new_context(viewport={"width": 600, "height": 200})
    try:
        page = context.new_page()
        page.set_content("<p style='font: 20px serif'>In the spring of 1999, Upriver signed</p>")
        png = page.screenshot(type="png")
        src = "data:image/png;base64," + base64.b64encode(png).decode()
        page.set_content(f"<img src='{src}' alt='' style='width: 100%'>", wait_until="load")
        page.pdf(path=str(path))
    finally:
        context.close()
    return path


def encrypted_pdf(path: Path) -> Path:
    """A PDF whose text needs a password: an /Encrypt dictionary whose check values match no
    password (pdf.js then asks for one), written by hand, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
        + b"> /P -4 >>",
    ]  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Encrypt 4 0 R "
        f"/ID [<{'ab' * 16}> <{'ab' * 16}>] >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(bytes(out))
    return path
