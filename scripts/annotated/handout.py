"""`scripts/dev handout`: the companion edition printed to one PDF, a study pack for class.

The companion edition is built into a temporary folder; its home page, reading pages, glossary and
study guide are put one after another into a single page of that site (each part starting on a new
sheet), which Debian's Chromium prints through Playwright. The site's own print stylesheet and
sidenotes.js do the rest: the notes come numbered after their paragraphs and the printed pages of
the article stay in each paragraph's heading. Optional: not part of the build, and never published
(it is written to build/, which git ignores).

    python -m annotated.handout [--out build/handout.pdf] [--notes notes] [--docs docs]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from annotated.build import Options, build
from annotated.errors import InputError, Problem, UsageError
from annotated.notes import load_notes
from annotated.site import page_url, reading_page
from annotated.static_site import serve_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
# Only for the printout: each part on a new sheet; what only works on screen is left out.
PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  .handout-part { break-before: page; }
  .handout-part:first-child { break-before: auto; }
  .md-typeset .headerlink, .md-typeset .cite-link, .md-typeset .note-filter,
  .md-source-file, .md-content__button { display: none !important; }
}
"""


def handout_pages(notes_dir: Path) -> list[str]:
    """The pages of the pack, in reading order: home, each reading page, glossary, study guide."""
    structure = load_notes(notes_dir).structure
    parts = [reading_page(p.id) for p in structure.parts]
    return ["index.md", *parts, "glossary.md", "study-guide.md"]


def article_of(html: str, where: str) -> str:
    m = _ARTICLE.search(html)
    if not m:
        msg = "no <article> in the built page (has the theme changed?); this is a bug in handout.py"
        raise InputError(Problem(where, msg))
    return m.group(2)


def compose(home_html: str, articles: list[tuple[str, str]]) -> str:
    """The home page with its article replaced by every page's article, one section each."""
    sections = "".join(
        f'<section class="handout-part" data-page="{page}">{body}</section>'
        for page, body in articles
    )
    style = f"<style>{PRINT_CSS}</style>"
    composed = _ARTICLE.sub(lambda m: m.group(1) + sections + m.group(3), home_html, count=1)
    return composed.replace("</head>", f"{style}</head>", 1)


def print_pdf(site: Path, page_rel: str, pdf: Path) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        raise UsageError(f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium)")
    # Served over HTTP: Material's scripts (and so sidenotes.js) do not start on file:// pages.
    with serve_site(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # The site's Content-Security-Policy forbids eval, which Playwright's waiting uses.
            page = browser.new_page(bypass_csp=True)
            page.goto(base + page_rel, wait_until="load")
            # sidenotes.js (a deferred script: it has run once the page has loaded) lists the
            # notes for print when printing starts; page.pdf() fires no beforeprint, so the pack
            # does, and the listeners run before dispatchEvent returns.
            page.emulate_media(media="print")
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            page.pdf(
                path=str(pdf),
                prefer_css_page_size=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=(
                    '<div style="font-size:8px;width:100%;text-align:center">'
                    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
                ),
            )
        except PlaywrightError as e:
            msg = f"Chromium could not print the pack: {e.message.splitlines()[0]}"
            raise InputError(Problem(str(pdf), msg)) from None
        finally:
            browser.close()


def make_handout(out: Path, notes: Path, docs: Path, config: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="handout-") as tmp:
        site = Path(tmp) / "site"
        opts = Options(
            config=config, notes=notes, docs=docs, out=site, stage=Path(tmp) / "stage",
            edition="companion",
        )  # fmt: skip
        build(opts)
        pages = handout_pages(notes)
        articles = []
        for md in pages:
            built = site / page_url(md) / "index.html"
            articles.append((md, article_of(built.read_text(encoding="utf-8"), str(built))))
        home = (site / "index.html").read_text(encoding="utf-8")
        # Written at the site's root, so that its stylesheets and scripts load as on the home page.
        composed = site / "handout.html"
        composed.write_text(compose(home, articles), encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        print_pdf(site, composed.name, out)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/dev handout", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=Path("build/handout.pdf"), help="the PDF to write")
    p.add_argument("--notes", type=Path, default=Path("notes"), help="the notes folder")
    p.add_argument("--docs", type=Path, default=Path("docs"), help="hand-written pages")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    args = p.parse_args(argv)
    try:
        out = make_handout(args.out, args.notes, args.docs, args.config)
    except InputError as e:
        for problem in e.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"handout not written; {args.out} was left as it was", file=sys.stderr)
        return 1
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({out.stat().st_size / 1000:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
