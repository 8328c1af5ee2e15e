"""Notes in a real browser (sidenotes.js, reading.css).

Full edition: the margin, from element boxes; toggles by mouse, touch and keys; one step from a
phrase to its note and back. Companion edition: every note readable in full without a click. Both:
the filter by kind, remembered on this device; print; the per-page set-up after the own-copy
reader replaces the blocks' bodies (page.js's textReplaced).
"""

from __future__ import annotations

import re
import statistics

import pytest
from browsing import PHONE, READING_PAGES, WIDE
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.browser

# Boxes in page coordinates. A phrase may wrap: its note sits on the line where the phrase ends.
BOXES = """() => {
  const box = (r) =>
    ({top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right});
  const toc = document.querySelector('.md-sidebar--secondary');
  return {
    text: [...document.querySelectorAll('.para-body > p')].filter(p => p.textContent.trim())
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
LINES = """() => [...document.querySelectorAll('.para-body > p')]
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
# Two animation frames: margin.mjs lays the margin out in the next one after a change.
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@pytest.fixture
def full(edition: str) -> None:
    """The margin, the marks and their numbers exist only where the text is on the page."""
    if edition == "companion":
        pytest.skip("the companion edition has no text: its notes stand in the main column")


def overlaps(a: dict, b: dict) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5
    )


def margin_problems(boxes: dict) -> list[str]:
    """Every note and page turn beside the text (either margin), inside the window, none
    overlapping another. How level each stands is test_margin_layout.py's to measure."""
    text_left = min(b["left"] for b in boxes["text"])
    text_right = max(b["right"] for b in boxes["text"])
    items = boxes["notes"] + boxes["turns"]
    problems = [
        f"{i['id']} is over the text column"
        for i in items
        if not (i["left"] >= text_right + 8 or i["right"] <= text_left - 8)
    ]
    problems += [
        f"{i['id']} leaves the window"
        for i in items
        if i["right"] > boxes["width"] or i["left"] < 0
    ]
    ordered = sorted(items, key=lambda i: i["top"])
    for k, a in enumerate(ordered):
        problems += [f"{a['id']} overlaps {b['id']}" for b in ordered[k + 1 :] if overlaps(a, b)]
    return problems


@pytest.mark.parametrize("path", READING_PAGES)
def test_wide_notes_sit_in_the_margin_without_overlapping(open_tab, full, path: str) -> None:
    tab = open_tab(WIDE)
    tab.goto(path)
    tab.page.wait_for_selector(".reading-edition[data-margin='both']", state="attached")
    boxes = tab.page.evaluate(BOXES)
    assert boxes["notes"], f"{path} has no margin notes"
    assert not boxes["toc"], "the table of contents should give way to the margin notes"
    assert not tab.page.locator(".md-sidebar--primary").is_visible(), "nor the navigation"
    assert margin_problems(boxes) == []
    # Opened in full, every note still clears the others: the later ones move down.
    tab.page.evaluate("() => document.querySelectorAll('button.sn-ref').forEach(b => b.click())")
    tab.page.evaluate(FRAMES)
    opened = tab.page.evaluate(BOXES)
    assert margin_problems(opened) == []
    heights = zip(boxes["notes"], opened["notes"], strict=True)
    assert any(o["bottom"] - o["top"] > b["bottom"] - b["top"] + 5 for b, o in heights)


# ---- where the wide margin is loaded (sidenotes.js imports margin.mjs) ---------------------

MARGIN_MODULES = ("margin.mjs", "margin-layout.mjs")


def margin_asked(page: Page) -> list[str]:
    """The names of the margin's modules this tab asks for, from now on (a list that grows)."""
    asked: list[str] = []

    def seen(request: Request) -> None:
        name = request.url.rsplit("/", 1)[1]
        if name in MARGIN_MODULES:
            asked.append(name)

    page.on("request", seen)
    return asked


def test_only_a_page_that_shows_the_text_on_a_wide_screen_loads_the_margin(
    open_tab, edition
) -> None:
    """Home, glossary and the companion's reading pages never fetch the margin's modules (4.6 KB
    gzip), nor a phone on any page; the full edition's reading page on a wide screen does, and
    lays its margin out."""
    phone = open_tab(PHONE)
    asked = margin_asked(phone.page)
    for path in ("", "glossary/", READING_PAGES[1]):
        phone.goto(path)
        phone.page.wait_for_load_state("networkidle")
    assert asked == [], "a phone has no margin"
    tab = open_tab(WIDE)
    asked = margin_asked(tab.page)
    for path in ("", "glossary/"):
        tab.goto(path)
        tab.page.wait_for_load_state("networkidle")
    assert asked == [], "a page without the text has no margin"
    tab.goto(READING_PAGES[1])
    if edition == "companion":
        tab.page.wait_for_load_state("networkidle")
        assert asked == [], "the companion edition has no text to sit beside"
        assert tab.page.locator("[data-side]").count() == 0
        return
    tab.page.wait_for_selector(".reading-edition[data-margin='both']", state="attached")
    assert sorted(asked) == sorted(MARGIN_MODULES)  # preloaded once, imported from there
    assert margin_problems(tab.page.evaluate(BOXES)) == []


def test_the_margin_lays_out_after_instant_navigation_and_leaves_with_the_text(
    open_tab, full
) -> None:
    """Home, then the introduction through Material's instant navigation (no new load): the
    margin's modules come then, and its entries stand level with their phrases; on to the next
    reading page and back, laid out each time; back home, nothing of the margin stays."""
    tab = open_tab(WIDE)
    tab.goto("")
    page = tab.page
    asked = margin_asked(page)
    page.wait_for_load_state("networkidle")  # Material's sitemap, which instant navigation needs
    page.evaluate("window.__same_document = true")
    page.locator(f".md-sidebar--primary a[href$='/{READING_PAGES[1]}']").first.click()
    page.wait_for_url(f"**/{READING_PAGES[1]}")
    page.wait_for_selector(".reading-edition[data-margin='both']", state="attached")
    page.evaluate(FRAMES)
    assert sorted(asked) == sorted(MARGIN_MODULES)
    boxes = page.evaluate(BOXES)
    assert margin_problems(boxes) == []
    # Level with its phrase's last line, loosely (test_margin_layout.py measures it closely).
    level = [abs(n["top"] - n["phrase"]["top"]) <= 40 for n in boxes["notes"]]
    assert sum(level) >= 0.9 * len(level), boxes["notes"]
    for step, path in (
        (lambda: page.locator("a.md-footer__link--next").click(), READING_PAGES[2]),
        (page.go_back, READING_PAGES[1]),
    ):
        step()
        part = path.strip("/").rsplit("/", 1)[1]
        page.wait_for_selector(
            f".reading-edition[data-part='{part}'][data-margin='both']", state="attached"
        )
        page.evaluate(FRAMES)
        assert margin_problems(page.evaluate(BOXES)) == []
    page.go_back()
    page.wait_for_function("() => !document.querySelector('.md-content .reading-edition')")
    page.evaluate(FRAMES)
    assert page.evaluate("window.__same_document") is True, "a page was reloaded"
    assert page.locator("[data-side], button.sn-group").count() == 0
    assert asked.count("margin.mjs") == 1, "loaded once, and kept for the pages that follow"


@pytest.mark.parametrize("path", READING_PAGES)
def test_wide_text_keeps_a_readable_measure(open_tab, full, path: str) -> None:
    tab = open_tab(WIDE)
    tab.goto(path)
    lines = tab.page.evaluate(LINES)
    full_lines = [n for para in lines for n in para[:-1]]  # a paragraph's last line is short
    if len(full_lines) < 3:
        pytest.skip(f"{path} has too little running text to measure")
    assert 60 <= statistics.median(full_lines) <= 80, full_lines


def test_wide_note_opens_in_full_and_escape_closes_it(open_tab, full) -> None:
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


def test_hovering_a_phrase_lights_its_note_and_the_reverse(open_tab, full) -> None:
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
def test_phone_notes_are_hidden_until_opened(open_tab, full, path: str) -> None:
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


def test_phone_keyboard_opens_and_closes_a_note(open_tab, full) -> None:
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


def test_phone_tap_on_the_phrase_toggles_its_note(open_tab, full) -> None:
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
def test_a_link_to_a_note_opens_it_and_scrolls_to_it(open_tab, edition, viewport: dict) -> None:
    tab = open_tab(viewport)
    tab.goto(READING_PAGES[1])
    ids = tab.page.eval_on_selector_all(".sidenote", "ns => ns.map(n => n.id)")
    target = ids[len(ids) * 2 // 3]
    tab.goto(f"{READING_PAGES[1]}#{target}")
    note = tab.page.locator(f"#{target}")
    if edition == "full":
        button = tab.page.locator(f"button[aria-controls='{target}']")
        assert button.get_attribute("aria-expanded") == "true"
    assert note.is_visible()
    note.evaluate("n => new Promise(r => setTimeout(r, 100))")
    box = note.bounding_box()
    assert 0 <= box["y"] < viewport["height"], "the note was not scrolled into view"


def test_notes_open_after_instant_navigation(open_tab, edition) -> None:
    """Material swaps pages without reloading; a deep link must still land on its note."""
    tab = open_tab(PHONE)
    tab.goto("glossary/")
    page = tab.page
    # Material takes over links once its sitemap has come (fetched after load): a click before
    # that is an ordinary navigation, which a loaded machine made this test see.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__same_document = true")
    link = page.locator("article a[href*='#sn-']").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/reading/**#{target}")
    page.locator(f"#{target}").wait_for(state="visible")
    assert page.evaluate("window.__same_document") is True, "the page was reloaded"
    if edition == "companion":
        return
    assert (
        page.locator(f"button[aria-controls='{target}']").get_attribute("aria-expanded") == "true"
    )
    other = page.locator(f"button.sn-ref:not([aria-controls='{target}'])").first
    other.click()
    assert other.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("path", READING_PAGES)
def test_each_note_follows_its_phrase_and_page_turns_link_to_themselves(
    open_tab, edition, path
) -> None:
    tab = open_tab(WIDE)
    tab.goto(path)
    if edition == "full":
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


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_print_puts_numbered_notes_after_each_paragraph(open_tab, edition, viewport) -> None:
    tab = open_tab(viewport)
    tab.goto(READING_PAGES[1])
    page = tab.page
    notes_in_dom = page.locator("*").count()
    page.emulate_media(media="print")
    if edition == "companion":  # a study pack: the summary, then the notes, as on screen
        notes = page.locator(".para .para-notes > li.sidenote")
        assert notes.count() > 0
        assert all(notes.nth(i).is_visible() for i in range(notes.count()))
        assert page.locator(".sn-print-notes").count() == 0
    else:
        paras = page.eval_on_selector_all(
            ".para",
            """ps => ps.map(p => [p.querySelectorAll('.sidenote').length,
              p.querySelectorAll(':scope > .sn-print-notes > li').length])""",
        )
        assert any(n for n, _ in paras)
        assert all(n == listed for n, listed in paras)
        assert not page.locator(".sidenote").first.is_visible()
        assert page.locator(".sn-print-notes").first.is_visible()
        numbers = page.locator(".sn-print-notes li .sn-num").all_text_contents()
        assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
    turns = page.locator(".page-turn > a")
    assert all(turns.nth(i).is_visible() for i in range(turns.count()))
    assert page.locator(".note-filter").is_hidden() and page.locator(".cite-link").first.is_hidden()
    # Built for printing only: back on screen the page is as it was.
    page.emulate_media(media="screen")
    expect(page.locator(".sn-print-notes")).to_have_count(0)
    assert page.locator("*").count() == notes_in_dom


# ---- the companion edition: a commentary to read beside the PDF -------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_companion_notes_are_readable_in_full_without_a_click(
    open_tab, edition, viewport, scheme
) -> None:
    if edition == "full":
        pytest.skip("the full edition's notes open from the text (tested above)")
    tab = open_tab(viewport, scheme)
    tab.goto(READING_PAGES[1])
    page = tab.page
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    facts = page.eval_on_selector_all(
        ".para-notes > li.sidenote",
        """ns => ns.map(n => ({
          clipped: n.scrollHeight > n.clientHeight + 1
            || getComputedStyle(n).overflow !== 'visible',
          visible: n.checkVisibility(),
          lead: ['.sn-num', '.sn-kind', '.sn-lemma']
            .map(s => n.querySelector(s)).map(e => e && e.textContent.trim()),
          main: n.getBoundingClientRect().right
            <= n.closest('.para').getBoundingClientRect().right + 1,
        }))""",
    )
    assert len(facts) > 20
    assert [f for f in facts if f["clipped"] or not f["visible"] or not f["main"]] == []
    assert all(all(f["lead"]) for f in facts), "each note leads with number, kind and phrase"
    assert [int(f["lead"][0]) for f in facts] == list(range(1, len(facts) + 1))
    # Where the page turns, its number stands between the blocks, with the full edition's id.
    turn = page.locator(".para + .para .page-between .page-turn, .para .page-between .page-turn")
    assert turn.count() > 0
    assert re.fullmatch(r"p\d+", turn.first.get_attribute("id"))


def test_companion_block_heads_say_where_to_find_the_block(open_tab, edition) -> None:
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    head = tab.page.locator(".para .para-head").first
    if edition == "companion":
        assert re.fullmatch(r"¶ 1 · pp?\. \d+(–\d+)? · begins “.+ …” Cite", head.inner_text())
    else:  # the words themselves are on the page
        assert re.fullmatch(r"¶ 1 · pp?\. \d+(–\d+)? Cite", head.inner_text())


# ---- the full edition: a calmer margin ------------------------------------------------------


def test_wide_closed_entries_are_one_line_glosses(open_tab, full) -> None:
    """Closed, an entry is one line: its number, its kind and the note's first words."""
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    tab.page.wait_for_selector(".reading-edition[data-margin]", state="attached")
    entries = tab.page.eval_on_selector_all(
        ".para-body .sidenote:not([data-grouped])",
        """ns => ns.map(n => ({id: n.id,
          lines: n.clientHeight / parseFloat(getComputedStyle(n).lineHeight),
          lead: [n.querySelector('.sn-num').textContent, n.querySelector('.sn-kind').textContent],
          meta: n.querySelector('.sn-meta').checkVisibility(),
          ellipsis: getComputedStyle(n).textOverflow}))""",
    )
    assert len(entries) > 20
    assert [e["id"] for e in entries if not 0.9 < e["lines"] < 1.3] == []
    assert all(e["lead"][0].isdigit() and e["lead"][1] for e in entries)
    assert not any(e["meta"] for e in entries) and {e["ellipsis"] for e in entries} == {"ellipsis"}


def test_one_step_from_phrase_to_note_and_back_by_keyboard(open_tab, full) -> None:
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    page = tab.page
    button = page.locator("button.sn-ref").nth(3)
    target = button.get_attribute("aria-controls")
    assert re.fullmatch(r"Note 4, \w+", button.get_attribute("aria-label"))
    button.focus()
    page.keyboard.press("Enter")
    focused = page.evaluate(
        "[document.activeElement.id, document.activeElement.getAttribute('role'),"
        " document.activeElement.getAttribute('aria-label')]"
    )
    assert focused[0] == target and focused[1] == "note" and focused[2].startswith("Note 4, ")
    mark = page.locator(f"mark[data-note='{target}']")
    expect(mark).not_to_have_css("background-color", TRANSPARENT)  # phrase and note light up
    back = page.locator(f"#{target} a.sn-num")
    assert back.get_attribute("title") == "Back to the text"
    back.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == target


# ---- both editions: the filter by kind ----------------------------------------------------------


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_filter_hides_and_restores_by_kind_and_survives_a_reload(open_tab, edition, viewport):
    tab = open_tab(viewport)
    tab.goto(READING_PAGES[1])
    page = tab.page
    # What stands for a note on screen: the note itself (companion), its number (full edition,
    # whose notes wait closed on a phone).
    each = (
        ".para .sidenote[data-kind={k}]"
        if edition == "companion"
        else "mark[data-kind={k}] + .sn-ref"
    )
    shown = "sel => [...document.querySelectorAll(sel)].filter(n => n.checkVisibility()).length"
    kinds = page.eval_on_selector_all(".note-filter input", "bs => bs.map(b => b.value)")
    counts = page.eval_on_selector_all(
        ".note-filter label", "ls => ls.map(l => +l.querySelector('.nf-count').textContent)"
    )
    real = [page.locator(f".para .sidenote[data-kind={k}]").count() for k in kinds]
    assert counts == real and len(kinds) >= 3
    assert page.locator(".note-filter input:checked").count() == len(kinds), "all by default"

    def visible() -> dict[str, int]:
        return {k: page.evaluate(shown, each.format(k=k)) for k in kinds}

    before = visible()
    assert all(before.values())
    kind = kinds[-1]
    page.locator(f".note-filter input[value={kind}]").uncheck()
    assert visible() == {**before, kind: 0}
    assert page.locator(f".para .sidenote[data-kind={kind}]").evaluate_all(
        "ns => ns.every(n => getComputedStyle(n).display === 'none')"
    )
    page.reload()
    assert page.locator(f".note-filter input[value={kind}]").is_checked() is False
    assert visible() == {**before, kind: 0}
    page.locator(f".note-filter input[value={kind}]").check()
    assert visible() == before
    page.reload()
    assert page.locator(".note-filter input:checked").count() == len(kinds)
    assert visible() == before
    assert page.evaluate("Object.keys(localStorage).filter(k => k.endsWith('/hide'))") == []


# The module a page preloads (overrides/main.html), by its file name.
MODULE = "name => import(document.querySelector(`link[rel=modulepreload][href$='/${name}']`).href)"


def test_the_head_script_reads_the_filter_where_storage_js_keeps_it(open_tab) -> None:
    """overrides/main.html restores the filter before the first paint by its own copy of the
    key's rule: with sidenotes.js emptied, the reloaded page still hides the unticked kind."""
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    page = tab.page
    kind = page.locator(".note-filter input[value]").last.get_attribute("value")
    page.locator(f".note-filter input[value={kind}]").uncheck()
    key = page.evaluate(f"({MODULE})('storage.js').then(m => m.keyOf(m.HIDE))")
    assert key.endswith("/hide") and page.evaluate(f"localStorage.getItem({key!r})") == kind
    page.route("**/sidenotes.js", lambda r: r.fulfill(body="", content_type="text/javascript"))
    page.reload()
    assert page.evaluate("document.documentElement.dataset.hide") == kind


def test_a_link_to_a_note_of_a_hidden_kind_shows_that_kind_again(open_tab) -> None:
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    page = tab.page
    note = page.locator(".para .sidenote").nth(2)
    nid, kind = note.get_attribute("id"), note.get_attribute("data-kind")
    page.locator(f".note-filter input[value={kind}]").uncheck()
    assert note.is_hidden()
    tab.goto(f"{READING_PAGES[1]}#{nid}")
    expect(page.locator(f"#{nid}")).to_be_visible()
    assert page.locator(f".note-filter input[value={kind}]").is_checked()


def test_without_javascript_the_filter_is_not_offered(open_tab) -> None:
    tab = open_tab(WIDE, js=False)
    tab.goto(READING_PAGES[1])
    assert tab.page.locator(".note-filter").is_hidden()


# ---- after the own-copy reader swaps the blocks' bodies ----------------------------------------

# What the own-copy reader does, in miniature: one block's body replaced by text with a page turn
# and one marked phrase (invented words, and the build's own fragments copied from this page),
# data-edition set to "full", then page.js's textReplaced().
# The own-copy reader's swap, made of the site's own shells (data.json) as render.mjs joins them.
SWAP = """async ([nid, turnPage]) => {
  const base = document.querySelector('script[src*="your-copy/loader.js"]').src;
  const d = await (await fetch(new URL('data.json', base))).json();
  const { fill } = await import(new URL('render.mjs', base).href);
  const note = d.notes.find((n) => 'sn-' + n.id === nid);
  const turn = turnPage ? fill(d.shells.page_turn, { page: turnPage }) : '';
  const text = 'Invented words, ' + note.mark_open + 'a phrase before the turn ' + turn +
    'and after it' + fill(note.note_after, { number: 1 }) + ' to end.';
  const marker = document.querySelector('.reading-edition');
  marker.dataset.edition = 'full';
  marker.dataset.copy = 'own';
  const body = document.querySelector('.para .para-body');
  body.innerHTML = fill(d.shells.prose.paragraph, { text, tail: '' });
  (await (MODULE)('page.js')).textReplaced();
}""".replace("MODULE", MODULE)


def test_set_up_runs_again_after_the_own_copy_swap(open_tab, edition) -> None:
    if edition == "full":
        pytest.skip("the own-copy reader swaps the companion edition's bodies")
    tab = open_tab(WIDE)
    tab.goto(READING_PAGES[1])
    page = tab.page
    first = page.locator(".para").first
    pages = first.get_attribute("data-pages").split()
    note = first.locator("li.sidenote").first
    nid, kind = note.get_attribute("id"), note.get_attribute("data-kind")
    total = page.locator(f".para .sidenote[data-kind={kind}]").count()
    in_first = first.locator(f"li.sidenote[data-kind={kind}]").count()
    page.evaluate(SWAP, [nid, int(pages[-1]) if len(pages) > 1 else 0])
    # The counts follow the notes now on the page; the margin takes the swapped note.
    count = page.locator(f".note-filter label[data-kind={kind}] .nf-count").text_content()
    assert int(count) == total - in_first + 1
    page.wait_for_selector(".reading-edition[data-margin]", state="attached")
    page.evaluate(FRAMES)
    assert page.locator(f"#{nid}").get_attribute("data-side") in ("left", "right")
    page.locator(f".note-filter input[value={kind}]").uncheck()
    assert page.locator(f"#{nid}").is_hidden()
    page.locator(f".note-filter input[value={kind}]").check()
    page.locator(f"button[aria-controls='{nid}']").click()
    assert page.locator(f"button[aria-controls='{nid}']").get_attribute("aria-expanded") == "true"
    if len(pages) < 2:
        return
    # Cite by selection now works on this page: across the swapped-in turn, both pages.
    page.evaluate(
        """() => {
          const p = document.querySelector('.para .para-body p');
          const range = document.createRange();
          range.setStart(p.firstChild, 0);
          range.setEnd(p.querySelector('.page-turn').nextSibling, 3);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }"""
    )
    page.locator("button.cite-float").click()
    label = f"pp. {pages[0]}–{pages[-1]}"
    expect(page.locator("dialog.cite-dialog h2")).to_have_text(f"Cite the selected words, {label}")
    page.keyboard.press("Escape")
    # The swapped-in phrase runs across the turn: its note cites both pages.
    page.locator(f"#{nid} a.cite-link").click()
    expect(page.locator("dialog.cite-dialog h2")).to_have_text(f"Cite note 1, {label}")
