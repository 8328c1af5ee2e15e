"""What the first paint waits for: no script of ours holds it back; Material's bundle, as
Material writes it (parser-blocking at the end of the body, which scores higher on phones than
deferred: overrides/main.html), starts everything it and our scripts rely on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browsing import PHONE, READING_PAGES
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

pytestmark = pytest.mark.browser
BUNDLE = "assets/javascripts/bundle."  # Material's, with its hash after the dot


def test_no_script_of_ours_holds_back_the_first_paint(built_site: Path) -> None:
    """Every script that is fetched but Material's bundle is deferred (or a module, deferred by
    default), never async: the bundle runs after the inline scripts and `__config` it reads,
    before DOMContentLoaded (which starts `document$`) and before the scripts that subscribe to
    it. The small inline scripts that must run before the paint stay parser-blocking."""
    problems: list[str] = []
    for html in sorted(built_site.rglob("*.html")):
        name = str(html.relative_to(built_site))
        scripts = HTMLParser(html.read_text(encoding="utf-8")).css("script")
        fetched = [s.attributes for s in scripts if "src" in s.attributes]
        for a in fetched:
            if BUNDLE in str(a["src"]):
                if "defer" in a or "async" in a:
                    problems.append(f"{name}: Material's bundle is not as Material writes it")
            elif (a.get("type") != "module" and "defer" not in a) or "async" in a:
                problems.append(f"{name}: {a['src']} is neither deferred nor a module")
        srcs = [str(a["src"]) for a in fetched]
        if not srcs or BUNDLE not in srcs[0]:
            problems.append(f"{name}: Material's bundle is not the first script to run: {srcs}")
        first = next(i for i, s in enumerate(scripts) if "src" in s.attributes) if srcs else 0
        late = [s for s in scripts[first:] if "src" not in s.attributes]
        if late:  # an inline script after the bundle would run before it, not after
            problems.append(f"{name}: an inline script follows the bundle: {late[0].html[:80]}")
    assert problems == []


# Each class change on <html> after the first style restyles the whole page (Material's
# `table:not([class]) th > :first-child` rules): the head script sets every class the bundle adds.
RECORD_HTML_CLASSES = """new MutationObserver((records) => {
  for (const r of records) if (r.target === document.documentElement)
    (window.__classes ||= []).push([r.oldValue, document.readyState]);
}).observe(document, {subtree: true, attributeFilter: ["class"], attributeOldValue: true});"""


def test_after_the_head_script_no_script_changes_the_classes_of_html(open_tab) -> None:
    """The head script sets <html>'s classes in one change; Material's start-up, as the page is
    parsed and after, only re-sets them to what they are."""
    tab = open_tab(PHONE)
    tab.page.add_init_script(RECORD_HTML_CLASSES)
    tab.goto("glossary/")
    tab.page.wait_for_function("document.documentElement.hasAttribute('data-js-focus-visible')")
    changes = tab.page.evaluate(
        "(window.__classes || []).map(([old, state], i, all) =>"
        " [old, i + 1 < all.length ? all[i + 1][0] : document.documentElement.className, state])"
    )
    assert any(state == "loading" for _, _, state in changes), "the head script set no class"
    assert changes[0][2] == "loading" and "js-focus-visible" in changes[0][1]
    assert [c for c in changes[1:] if c[0] != c[1]] == []


def test_the_bundle_starts_materials_parts_on_a_phone(open_tab, edition: str) -> None:
    """document$, the palette, search and instant navigation, after a load with nothing cached."""
    tab = open_tab(PHONE, "dark")
    tab.goto(READING_PAGES[1])
    page = tab.page
    # The head script ran before any of it, and Material's bundle did not undo it.
    classes = page.evaluate("[...document.documentElement.classList]")
    assert "js" in classes and "no-js" not in classes
    emitted = "() => new Promise(r => document$.subscribe(d => r(d === document)))"
    assert page.evaluate(emitted) is True, "Material's document$ did not emit this document"
    # The palette: the system's dark scheme applied, the toggle swaps it (Material's own code).
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    theme = page.locator("meta[name=theme-color]")
    expect(theme).to_have_attribute("content", re.compile(r"#[0-9a-f]{6}"))
    page.locator("[data-md-component=palette] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    # Search, from the phone's header button: the worker answers from the index.
    page.locator("label.md-header__button[for=__search]").click()
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.type("omnibalancing")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.keyboard.press("Escape")
    # Instant navigation: the next page comes without a reload, and our scripts' document$
    # subscribers run on it: sidenotes.js opens a note (full edition), loader.js binds the
    # own-copy button that the companion's pages carry.
    page.evaluate("window.__same_document = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(f"**/{READING_PAGES[2]}")
    assert page.evaluate("window.__same_document") is True, "the page was reloaded"
    if edition == "full":
        button = page.locator("article button.sn-ref").first
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        note = page.locator(f"[id='{button.get_attribute('aria-controls')}']")
        expect(note).to_be_visible()
    else:
        page.get_by_role("button", name="Read with your copy").click()
        expect(page.locator("dialog.your-copy-panel[open]")).to_be_visible()
