"""Margin notes in a real browser: layout from element boxes, toggles by mouse, touch and keys."""

from __future__ import annotations

import re
import statistics

import pytest
from browsing import PHONE, READING_PAGES, WIDE
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Boxes in page coordinates. A phrase may wrap: its note sits on the line where the phrase ends.
BOXES = """() => {
  const box = (r) =>
    ({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right});
  const toc = document.querySelector('.md-sidebar--secondary');
  return {
    text: [...document.querySelectorAll('.para > p')].filter(p => p.textContent.trim())
      .map(p => box(p.getBoundingClientRect())),
    notes: [...document.querySelectorAll('.sidenote')].map(n => {
      const rects = document.querySelector(`mark[data-note="${n.id}"]`).getClientRects();
      return {id: n.id, ...box(n.getBoundingClientRect()), phrase: box(rects[rects.length - 1])};
    }),
    turns: [...document.querySelectorAll('.page-turn > a')]
      .map(a => ({id: a.parentElement.id, ...box(a.getBoundingClientRect())})),
    toc: !!toc && toc.getBoundingClientRect().width > 0,
    width: document.documentElement.clientWidth,
  };
}"""

# Characters on each rendered line of the text, counted from the glyph boxes.
LINES = """() => [...document.querySelectorAll('.para > p:not(.locator, .para-notes, .page-turns)')]
  .map(p => {
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {acceptNode: t =>
      t.parentElement.closest('.sidenote, .sn-ref, .page-turn, sup') ? 2 : 1});
    const lines = new Map();
    for (let t = walk.nextNode(); t; t = walk.nextNode()) {
      for (let i = 0; i < t.length; i++) {
        const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
        const rect = r.getClientRects()[0];
        if (rect) lines.set(Math.round(rect.bottom), (lines.get(Math.round(rect.bottom)) || 0) + 1);
      }
    }
    return [...lines.values()];
  })"""

TRANSPARENT = "rgba(0, 0, 0, 0)"


def overlaps(a: dict, b: dict) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5
    )


def margin_problems(boxes: dict) -> list[str]:
    """Every note and page turn right of the text, inside the window, none overlapping."""
    text_right = max(b["right"] for b in boxes["text"])
    items = boxes["notes"] + boxes["turns"]
    problems = [
        f"{i['id']} is not right of the text column ({i['left']:.0f} < {text_right:.0f})"
        for i in items
        if i["left"] < text_right + 8
    ]
    problems += [f"{i['id']} leaves the window" for i in items if i["right"] > boxes["width"]]
    # Level with its phrase or lower, never higher: a float starts at the top of its line box,
    # a little above the phrase's own glyphs, so allow half the phrase's height.
    problems += [
        f"{n['id']} is above its phrase"
        for n in boxes["notes"]
        if n["top"] < n["phrase"]["top"] - (n["phrase"]["bottom"] - n["phrase"]["top"]) / 2
    ]
    ordered = sorted(items, key=lambda i: i["top"])
    for k, a in enumerate(ordered):
        problems += [f"{a['id']} overlaps {b['id']}" for b in ordered[k + 1 :] if overlaps(a, b)]
    return problems


@pytest.mark.parametrize("path", READING_PAGES)
def test_wide_notes_sit_in_the_margin_without_overlapping(open_tab, path: str) -> None:
    tab = open_tab(WIDE)
    tab.goto(path)
    boxes = tab.page.evaluate(BOXES)
    assert boxes["notes"], f"{path} has no margin notes"
    assert not boxes["toc"], "the table of contents should give way to the margin notes"
    assert margin_problems(boxes) == []
    # Opened in full, every note still clears the others: the later ones move down.
    tab.page.evaluate("() => document.querySelectorAll('button.sn-ref').forEach(b => b.click())")
    opened = tab.page.evaluate(BOXES)
    assert margin_problems(opened) == []
    heights = zip(boxes["notes"], opened["notes"], strict=True)
    assert any(o["bottom"] - o["top"] > b["bottom"] - b["top"] + 5 for b, o in heights)


@pytest.mark.parametrize("path", READING_PAGES)
def test_wide_text_keeps_a_readable_measure(open_tab, path: str) -> None:
    tab = open_tab(WIDE)
    tab.goto(path)
    lines = tab.page.evaluate(LINES)
    full_lines = [n for para in lines for n in para[:-1]]  # a paragraph's last line is short
    if len(full_lines) < 3:
        pytest.skip(f"{path} has too little running text to measure")
    assert 60 <= statistics.median(full_lines) <= 80, full_lines


def test_wide_note_opens_in_full_and_escape_closes_it(open_tab) -> None:
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    button = tab.page.locator("button.sn-ref").first
    note = tab.page.locator(f"#{button.get_attribute('aria-controls')}")
    closed = note.bounding_box()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert note.bounding_box()["height"] > closed["height"]
    tab.page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert note.bounding_box()["height"] == pytest.approx(closed["height"], abs=1)


def test_hovering_a_phrase_lights_its_note_and_the_reverse(open_tab) -> None:
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    mark = tab.page.locator("mark.anchor").first
    note = tab.page.locator(f"#{mark.get_attribute('data-note')}")
    expect(note).to_have_css("background-color", TRANSPARENT)
    mark.hover()
    expect(note).not_to_have_css("background-color", TRANSPARENT)
    tab.page.mouse.move(0, 0)
    expect(mark).to_have_css("background-color", TRANSPARENT)
    note.hover()
    expect(mark).not_to_have_css("background-color", TRANSPARENT)


@pytest.mark.parametrize("path", READING_PAGES)
def test_phone_notes_are_hidden_until_opened(open_tab, path: str) -> None:
    tab = open_tab(PHONE)
    tab.goto(path)
    page = tab.page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    notes = page.locator(".sidenote")
    assert notes.count() > 0
    assert not any(notes.nth(i).is_visible() for i in range(notes.count()))
    expanded = page.eval_on_selector_all(
        "button.sn-ref", "bs => bs.map(b => b.getAttribute('aria-expanded'))"
    )
    assert set(expanded) == {"false"}
    button = page.locator("button.sn-ref").first
    note = page.locator(f"#{button.get_attribute('aria-controls')}")
    button.click()
    assert note.is_visible() and button.get_attribute("aria-expanded") == "true"
    button.click()
    assert not note.is_visible() and button.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_without_javascript_every_note_is_shown_in_full(open_tab, viewport: dict) -> None:
    tab = open_tab(viewport, js=False)
    tab.goto(READING_PAGES[1])
    notes = tab.page.locator(".sidenote")
    assert all(notes.nth(i).is_visible() for i in range(notes.count()))
    metas = tab.page.locator(".sidenote .sn-meta")
    assert all(metas.nth(i).is_visible() for i in range(metas.count()))


def test_phone_keyboard_opens_and_closes_a_note(open_tab) -> None:
    tab = open_tab(PHONE)
    tab.goto(READING_PAGES[1])
    page = tab.page
    button = page.locator("button.sn-ref").nth(1)
    note = page.locator(f"#{button.get_attribute('aria-controls')}")
    button.focus()
    assert button.evaluate("b => b.matches(':focus-visible')")
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert note.is_visible() and button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not note.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate(
        "document.activeElement.getAttribute('aria-controls')"
    ) == note.get_attribute("id")
    page.keyboard.press("Space")
    assert note.is_visible() and button.get_attribute("aria-expanded") == "true"
    # Tab moves into the open note, where the reader meets it: right after its number.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.sidenote')") == (
        note.locator("a").count() > 0
    )
    page.keyboard.press("Escape")
    assert not note.is_visible()


def test_phone_tap_on_the_phrase_toggles_its_note(open_tab) -> None:
    tab = open_tab(PHONE)
    tab.goto(READING_PAGES[1])
    mark = tab.page.locator("mark.anchor").nth(2)
    note = tab.page.locator(f"#{mark.get_attribute('data-note')}")
    button = tab.page.locator(f"button[aria-controls='{mark.get_attribute('data-note')}']")
    mark.click()
    assert note.is_visible() and button.get_attribute("aria-expanded") == "true"
    mark.click()
    assert not note.is_visible() and button.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_a_link_to_a_note_opens_it_and_scrolls_to_it(open_tab, viewport: dict) -> None:
    tab = open_tab(viewport)
    tab.goto(READING_PAGES[1])
    ids = tab.page.eval_on_selector_all(".sidenote", "ns => ns.map(n => n.id)")
    target = ids[len(ids) * 2 // 3]
    tab.goto(f"{READING_PAGES[1]}#{target}")
    note = tab.page.locator(f"#{target}")
    button = tab.page.locator(f"button[aria-controls='{target}']")
    assert button.get_attribute("aria-expanded") == "true"
    assert note.is_visible()
    note.evaluate("n => new Promise(r => setTimeout(r, 100))")
    box = note.bounding_box()
    assert 0 <= box["y"] < viewport["height"], "the note was not scrolled into view"


def test_notes_open_after_instant_navigation(open_tab) -> None:
    """Material swaps pages without reloading; the notes must still work on the new page."""
    tab = open_tab(PHONE)
    tab.goto("glossary/")
    page = tab.page
    page.evaluate("window.__same_document = true")
    link = page.locator("article a[href*='#sn-']").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/reading/**#{target}")
    page.locator(f"#{target}").wait_for(state="visible")
    assert page.evaluate("window.__same_document") is True, "the page was reloaded"
    assert (
        page.locator(f"button[aria-controls='{target}']").get_attribute("aria-expanded") == "true"
    )
    other = page.locator(f"button.sn-ref:not([aria-controls='{target}'])").first
    other.click()
    assert other.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("path", READING_PAGES)
def test_each_note_follows_its_phrase_and_page_turns_link_to_themselves(open_tab, path) -> None:
    tab = open_tab(WIDE)
    tab.goto(path)
    order = tab.page.eval_on_selector_all(
        ".sidenote",
        """ns => ns.map(n => [n.id, n.previousElementSibling.getAttribute('aria-controls'),
          n.previousElementSibling.previousElementSibling.closest('mark') ? 'mark' : '',
          n.getAttribute('role')])""",
    )
    assert all(b == sid and role == "note" for sid, b, _, role in order)
    turns = tab.page.eval_on_selector_all(
        ".page-turn",
        "ts => ts.map(t => [t.id, t.dataset.page, t.querySelector('a').getAttribute('href'),"
        " t.querySelector('a').textContent])",
    )
    for tid, page_no, href, text in turns:
        assert re.fullmatch(r"p\d+", tid) and tid == f"p{page_no}"
        # Material makes every link absolute for instant navigation; it must stay on this page.
        assert href == f"{tab.page.url.split('#')[0]}#{tid}" and text == f"p. {page_no}"


def test_footnote_markers_say_their_text_is_not_in_the_excerpt(open_tab, edition) -> None:
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    markers = tab.page.locator("sup.fn-marker")
    if markers.count() == 0:
        assert edition == "companion", "the full edition shows the article's footnote markers"
        pytest.skip("the companion edition has no text, so no footnote markers")
    titles = markers.evaluate_all("ms => ms.map(m => m.title)")
    assert all("not part of this excerpt" in t for t in titles)
    tooltip = tab.page.locator(".md-tooltip2", has_text="not part of this excerpt")
    markers.first.hover()
    expect(tooltip).to_be_visible()
    tab.page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)
    markers.nth(1).focus()  # keyboard readers reach the same tooltip
    expect(tooltip).to_be_visible()


def test_print_puts_numbered_notes_after_each_paragraph(open_tab) -> None:
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    page = tab.page
    page.emulate_media(media="print")
    paras = page.eval_on_selector_all(
        ".para",
        """ps => ps.map(p => [p.querySelectorAll('.sidenote').length,
          p.querySelectorAll(':scope > .sn-print-notes > li').length])""",
    )
    assert any(n for n, _ in paras)
    assert all(n == listed for n, listed in paras)
    assert not page.locator(".sidenote").first.is_visible()
    assert page.locator(".sn-print-notes").first.is_visible()
    turns = page.locator(".page-turn > a")
    assert all(turns.nth(i).is_visible() for i in range(turns.count()))
