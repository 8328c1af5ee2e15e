"""The whole site in a real browser: accessibility, privacy, palettes, search, previews, 404."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browsing import (
    DEPLOYED_REPO_URL,
    MISSING,
    PAGES,
    PHONE,
    READING_PAGES,
    SITE_URL,
    WIDE,
)
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

pytestmark = pytest.mark.browser
REPO_URL = DEPLOYED_REPO_URL + "/"

# url(//host/…), url(https://…) and @import "https://…" in a stylesheet.
REMOTE_CSS = re.compile(r"(?:url\(\s*|@import\s+)['\"]?((?:https?:)?//[^)'\";\s]+)")
AXE_RUN = """async () => {
  const result = await axe.run(document);
  return result.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_axe_finds_nothing_on_any_page(
    open_tab, axe_source: str, edition: str, viewport, scheme
) -> None:
    tab = open_tab(viewport, scheme)
    found: dict[str, list[str]] = {}
    # The editions differ only in their reading pages; the rest are checked once, with the
    # companion edition (the one every build can make).
    paths = [*PAGES, MISSING] if edition == "companion" else READING_PAGES
    for path in paths:
        tab.goto(path)
        expected = "slate" if scheme == "dark" else "default"
        assert tab.page.get_attribute("body", "data-md-color-scheme") == expected
        tab.page.evaluate(axe_source)  # not a <script>: the policy allows no inline one
        for v in tab.page.evaluate(AXE_RUN):
            found[f"/{path} {v['id']}"] = v["nodes"][:5]
    assert not found, "axe-core violations:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    """Fonts, scripts, styles, images and frames all come from the site itself."""
    loads = "script[src], link[href]:not([rel~=canonical]), img[src], iframe[src], source[src]"
    remote: list[str] = []
    for html in sorted(built_site.rglob("*.html")):
        for el in HTMLParser(html.read_text(encoding="utf-8")).css(loads):
            url = el.attributes.get("src") or el.attributes.get("href") or ""
            if re.match(r"^(https?:)?//", url) and not url.startswith(SITE_URL):
                remote.append(f"{html.relative_to(built_site)}: <{el.tag}> {url}")
    for css in sorted(built_site.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        remote += [f"{css.name}: {u}" for u in REMOTE_CSS.findall(text)]
    assert remote == []


def test_every_page_has_language_description_and_canonical_link(open_tab) -> None:
    tab = open_tab(WIDE)
    problems: list[str] = []
    for path in PAGES:
        tab.goto(path)
        page = tab.page
        description = page.get_attribute("meta[name=description]", "content") or ""
        canonical = page.get_attribute("link[rel=canonical]", "href")
        facts = {
            "lang": (page.get_attribute("html", "lang"), "en"),
            "canonical": (canonical, SITE_URL + path),
            "og:url": (page.get_attribute("meta[property='og:url']", "content"), canonical),
            "og:description": (
                page.get_attribute("meta[property='og:description']", "content"),
                description,
            ),
        }
        problems += [
            f"/{path} {k}: {got!r}, not {want!r}" for k, (got, want) in facts.items() if got != want
        ]
        if len(description) < 20:
            problems.append(f"/{path} has no real description: {description!r}")
    assert problems == []


def test_reader_pages_carry_no_instructor_text_and_edit_the_real_notes_file(
    built_site: Path,
) -> None:
    """Which file to edit is Material's edit action and an HTML comment, not a line of text."""
    problems: list[str] = []
    for path in PAGES:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        tree = HTMLParser(html)
        text = tree.body.text() if tree.body else ""
        problems += [f"/{path} says {s!r}" for s in ("Generated page", "To change") if s in text]
        problems += [f"/{path} has an edit hint" for _ in tree.css(".edit-hint")]
    assert problems == []
    edits = {}
    for path in [*READING_PAGES, "glossary/"]:
        tree = HTMLParser((built_site / path / "index.html").read_text(encoding="utf-8"))
        edits[path] = tree.css_first("a[rel=edit]").attributes["href"]
    assert edits == {
        "reading/front-matter/": REPO_URL + "edit/main/notes/annotations/front-matter.yml",
        "reading/introduction/": REPO_URL + "edit/main/notes/annotations/introduction.yml",
        "reading/path-to-independence/": REPO_URL
        + "edit/main/notes/annotations/path-to-independence.yml",
        "glossary/": REPO_URL + "edit/main/notes/glossary.yml",
    }
    for path in edits:  # the notes file is named for its editors in a comment too
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert "<!-- Generated " in html and edits[path].split("edit/main/")[1] in html


def test_the_uzbek_epigraph_is_marked_as_uzbek(open_tab, edition: str) -> None:
    if edition == "companion":
        pytest.skip("the companion edition does not show the epigraph's text")
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[0])
    assert tab.page.locator(".epigraph [lang=uz]").count() >= 1


def test_missing_pages_get_a_real_404_page(open_tab) -> None:
    tab = open_tab(PHONE)
    response = tab.goto("reading/no-such-part/", missing=True)
    assert response is not None and response.status == 404
    assert tab.page.title().startswith("Page not found")
    assert tab.page.get_attribute("meta[name=robots]", "content") == "noindex"
    # Its links are absolute, so they work from any depth: every one leads to a real page.
    hrefs = tab.page.eval_on_selector_all("article a", "as => as.map(a => a.href)")
    assert len(hrefs) >= len(PAGES) - 1
    for href in hrefs:
        assert tab.page.request.get(href).status == 200, href


def test_the_palette_toggle_switches_light_and_dark(open_tab) -> None:
    tab = open_tab(WIDE, "light")
    tab.goto("")
    body = tab.page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    # One label shows at a time, the one for the other palette (Material moves its title into a
    # tooltip while hovered, so find it by what it is for).
    toggle = tab.page.locator("[data-md-component=palette] label:visible")
    expect(toggle).to_have_attribute("title", "Switch to dark mode")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_search_finds_a_glossary_term_offline(open_tab) -> None:
    tab = open_tab(WIDE)
    tab.goto("")
    tab.page.keyboard.press("/")  # Material's shortcut to the search field
    expect(tab.page.locator("input.md-search__input")).to_be_focused()
    tab.page.keyboard.type("omnibalancing")
    results = tab.page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    assert tab.page.get_attribute(".md-search", "aria-label") == "Search"


@pytest.mark.parametrize("path", READING_PAGES)
def test_glossary_links_in_notes_have_previews(open_tab, path: str) -> None:
    tab = open_tab(WIDE)
    tab.goto(path)
    links = tab.page.locator("article a[href*='glossary/#']")
    assert links.count() > 0, f"{path} links to no glossary entry"
    missing = links.evaluate_all(
        "as => as.filter(a => !a.hasAttribute('data-preview')).map(a => a.textContent)"
    )
    assert missing == [], "glossary links without data-preview (Material's instant preview)"


@pytest.mark.parametrize("path", ["theory-lens/", READING_PAGES[1]], ids=["page", "note"])
def test_a_glossary_preview_shows_the_entry(open_tab, path: str) -> None:
    """Material's own preview, for a Markdown link on a page and for a link in a margin note."""
    tab = open_tab(WIDE)
    tab.goto(path)
    page = tab.page
    note = page.locator(".sidenote:has(a[data-preview][href*='glossary/#'])").first
    if note.count():  # open the note, so its links are all on screen (a companion's are)
        button = page.locator(f"button[aria-controls='{note.get_attribute('id')}']")
        if button.count():
            button.click()
        link = note.locator("a[data-preview][href*='glossary/#']").first
    else:
        link = page.locator("article a[data-preview][href*='glossary/#']").first
    entry = urlparse(link.get_attribute("href")).fragment
    link.hover()
    tooltip = page.locator(".md-tooltip2").first
    expect(tooltip).to_be_visible(timeout=10_000)
    glossary = HTMLParser(page.request.get(tab.base + "glossary/").text())
    heading = glossary.css_first(f"[id='{entry}']")
    assert heading is not None, f"glossary/ has no entry #{entry}"
    expect(tooltip).to_contain_text(heading.text(strip=True).rstrip("¶").strip())
