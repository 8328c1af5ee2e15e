"""The wide margin, measured (margin.mjs, margin-layout.mjs, reading.css): every note's entry level
with its phrase's line at 1280, 1440 and 1920 px (at least 95 % within 40 px, none over 160 px),
inside its own paragraph, the margin ending within 100 px of the text; each note opened in turn
stands beside its phrase and moves no text; the filter frees room at once.

Measured on the invented article of tests/fixtures/site/, built as the full edition with a
paragraph twice as dense as the real introduction's first added (tests/fixtures/dense/: 30 notes
in about ten lines), and, when ARTICLE_SOURCE names the real excerpt, on the real reading pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from browsing import READING_PAGES, REPO
from playwright.sync_api import Browser, Page, expect

from annotated.static_site import serve_site
from benchmark.browser import build_dense

pytestmark = pytest.mark.browser

FIXTURE_URL = "https://example.org/test-reading/"
WIDTHS = [1280, 1440, 1920]
FIXTURE_PAGES = ["reading/introduction/", "reading/rivers/"]  # rivers: the doubled density

# For every note shown: its phrase's first line, its entry (the note, or the group standing for
# it), its paragraph; and the boxes of every entry. Page coordinates.
MEASURE = """() => {
  const y = scrollY;
  const box = (r) => ({top: r.top + y, bottom: r.bottom + y, left: r.left, right: r.right});
  const groupOf = (id) => [...document.querySelectorAll('button.sn-group')]
    .find(b => b.getAttribute('aria-controls').split(' ').includes(id));
  const notes = [];
  for (const mark of document.querySelectorAll('.para-body mark.anchor[data-note]')) {
    const note = document.getElementById(mark.dataset.note);
    if (getComputedStyle(note).display === 'none') continue;  // a kind the filter hides
    const entry = note.hasAttribute('data-grouped') ? groupOf(note.id) : note;
    const para = mark.closest('.para');
    const next = para.nextElementSibling;
    notes.push({id: note.id, line: box(mark.getClientRects()[0]),
      entry: box(entry.getBoundingClientRect()), grouped: entry !== note,
      side: entry.dataset.side || '', para: box(para.getBoundingClientRect()),
      paraEnd: next ? next.getBoundingClientRect().top + y : Infinity});
  }
  const entries = [...document.querySelectorAll(`.para span.sidenote:not([data-grouped]),
      .para .sn-group, .para-body p:not(.page-between) .page-turn > a`)]
    .filter(e => e.checkVisibility())
    .map(e => ({id: e.id || e.textContent.trim(), side: e.dataset.side || '',
      ...box(e.getBoundingClientRect())}));
  const text = [...document.querySelectorAll('.para-body')]
    .map(p => box(p.getBoundingClientRect()));
  return {notes, entries, text, width: document.documentElement.clientWidth,
    laid: document.querySelector('.reading-edition').dataset.margin || ''};
}"""

# The middle of a letter of a phrase that is no other phrase's (phrases may nest), in the window.
OWN_LETTER = """m => {
  const walk = document.createTreeWalker(m, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    const el = t.parentElement;
    if (el.closest('mark.anchor') !== m || el.closest('.sidenote, .sn-ref')) continue;
    if (!t.data.trim()) continue;
    const i = t.data.search(/\\S/), range = document.createRange();
    range.setStart(t, i); range.setEnd(t, i + 1);
    const r = range.getClientRects()[0];
    return [r.left + r.width / 2, r.top + r.height / 2];
  }
}"""

# Where every word of the text is: what must not move when a note opens.
TEXT = """() => [...document.querySelectorAll('.para-body > p, .para-body mark.anchor')]
  .map(e => { const r = e.getBoundingClientRect();
    return [r.left, r.top + scrollY, r.width, r.height].map(v => Math.round(v * 10) / 10); })"""


def level_problems(m: dict) -> list[str]:
    """The limits the margin must meet, and the margin's own sanity: beside the text, no overlap."""
    problems: list[str] = []
    notes = m["notes"]
    distance = {n["id"]: abs(n["entry"]["top"] - n["line"]["top"]) for n in notes}
    within = sum(d <= 40 for d in distance.values())
    if within < 0.95 * len(notes):
        far = sorted(distance.items(), key=lambda kv: -kv[1])[:5]
        problems.append(f"only {within} of {len(notes)} notes within 40 px; farthest {far}")
    problems += [f"{k} is {d:.0f} px from its phrase" for k, d in distance.items() if d > 160]
    for n in notes:  # beside its own paragraph: from its top to the next one's
        if n["entry"]["top"] < n["para"]["top"] - 1 or n["entry"]["bottom"] > n["paraEnd"] + 1:
            problems.append(f"{n['id']} stands beside another paragraph")
    text_end = max(t["bottom"] for t in m["text"])
    margin_end = max(e["bottom"] for e in m["entries"])
    if margin_end > text_end + 100:
        problems.append(f"the margin ends {margin_end - text_end:.0f} px after the text")
    left = min(t["left"] for t in m["text"])
    right = max(t["right"] for t in m["text"])
    for e in m["entries"]:
        if not (e["left"] >= right + 8 or e["right"] <= left - 8):
            problems.append(f"{e['id']} is over the text")
        if e["left"] < 0 or e["right"] > m["width"]:
            problems.append(f"{e['id']} leaves the window")
    ordered = sorted(m["entries"], key=lambda e: e["top"])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a["side"] == b["side"] and b["top"] < a["bottom"] - 0.5:
                problems.append(f"{a['id']} overlaps {b['id']}")
    return problems


# ---- the invented article, with the doubled density ---------------------------------------


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture with its dense paragraph (benchmark.browser.build_dense), built and served."""
    try:
        out = build_dense(REPO, tmp_path_factory.mktemp("margin"))
    except RuntimeError as e:
        pytest.fail(str(e), pytrace=False)
    with serve_site(out, "/test-reading/", site_url=FIXTURE_URL) as url:
        yield url


@pytest.fixture
def page_at(browser: Browser) -> Iterator[Callable[..., Page]]:
    """page_at(url, width, scheme="light") -> a page, loaded, its margin laid out; no errors."""
    errors: list[str] = []
    pages: list[Page] = []

    def open_page(url: str, width: int, scheme: str = "light") -> Page:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pages.append(page)
        page.goto(url, wait_until="load")
        page.wait_for_selector(".reading-edition[data-margin]", state="attached")
        return page

    yield open_page
    for page in pages:
        page.context.close()
    assert errors == []


def settle(page: Page) -> None:
    """Two animation frames: the margin is laid out in the next one after any change."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", FIXTURE_PAGES, ids=["introduction", "dense"])
def test_every_entry_is_level_with_its_phrase(page_at, fixture_url, path, width) -> None:
    page = page_at(fixture_url + path, width)
    m = page.evaluate(MEASURE)
    assert m["laid"] == "both" and len(m["notes"]) > 5
    assert level_problems(m) == []
    if path.endswith("rivers/"):
        # Twice the introduction's density: the two margins take most; a few lines are grouped.
        assert len(m["notes"]) == 31
        grouped = sum(n["grouped"] for n in m["notes"])
        assert grouped < len(m["notes"]) / 2, f"{grouped} of 31 grouped"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", READING_PAGES)
def test_every_entry_is_level_with_its_phrase_on_the_real_text(open_tab, edition, path, width):
    if edition == "companion":
        pytest.skip("the companion edition has no text: its notes stand under each paragraph")
    tab = open_tab({"width": width, "height": 900})
    tab.goto(path)
    tab.page.wait_for_selector(".reading-edition[data-margin]", state="attached")
    m = tab.page.evaluate(MEASURE)
    assert level_problems(m) == []


@pytest.mark.parametrize("path", FIXTURE_PAGES, ids=["introduction", "dense"])
def test_each_note_opened_stands_beside_its_phrase_and_no_text_moves(page_at, fixture_url, path):
    page = page_at(fixture_url + path, 1440)
    text = page.evaluate(TEXT)
    marks = page.locator(".para-body mark.anchor[data-note]")
    for i in range(marks.count()):
        mark = marks.nth(i)
        nid = mark.get_attribute("data-note")
        note = page.locator(f"#{nid}")
        button = page.locator(f"button.sn-ref[aria-controls='{nid}']")
        # A phrase may hold another: click a letter that is this phrase's own.
        mark.scroll_into_view_if_needed()
        page.mouse.click(*mark.evaluate(OWN_LETTER))
        settle(page)
        assert button.get_attribute("aria-expanded") == "true", nid
        expect(note).to_have_class(re.compile(r"\bsn-full\b"))
        m = page.evaluate(MEASURE)
        opened = next(n for n in m["notes"] if n["id"] == nid)
        assert not opened["grouped"] or page.locator(f"#{nid}").is_visible()
        away = opened["entry"]["top"] - opened["line"]["top"]
        assert abs(away) <= 40, f"{nid} opened {away:.0f} px away"
        # Its full text, not cut; the others out of its way.
        assert note.evaluate("n => n.scrollHeight <= n.clientHeight + 1")
        assert note.evaluate("n => n.scrollWidth <= n.clientWidth + 1")
        box = opened["entry"]
        for e in m["entries"]:
            if e["id"] != nid and e["side"] == opened["side"]:
                assert e["top"] >= box["bottom"] - 0.5 or e["bottom"] <= box["top"] + 0.5, (
                    f"{e['id']} under the opened {nid}"
                )
        assert page.evaluate(TEXT) == text, f"the text moved when {nid} opened"
        page.keyboard.press("Escape")
        settle(page)
        assert button.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == nid
        page.locator("body").focus()  # leave the number: its focus would hold the note open
        page.mouse.move(0, 0)
        expect(note).not_to_have_class(re.compile(r"\bsn-full\b"))  # the pointer has left too
    assert page.evaluate(TEXT) == text


def test_keyboard_opens_each_note_beside_its_phrase_and_escape_closes_it(page_at, fixture_url):
    page = page_at(fixture_url + FIXTURE_PAGES[0], 1440)
    button = page.locator("button.sn-ref").nth(1)
    nid = button.get_attribute("aria-controls")
    assert button.get_attribute("aria-details") == nid  # the note, from the phrase's number
    button.focus()
    settle(page)
    note = page.locator(f"#{nid}")
    expect(note).to_have_class(re.compile(r"\bsn-full\b"))  # focus alone shows it in full
    page.keyboard.press("Escape")
    settle(page)
    expect(note).not_to_have_class(re.compile(r"\bsn-full\b"))
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == nid
    page.keyboard.press("Enter")  # opened and held; the focus goes into the note
    settle(page)
    assert page.evaluate("document.activeElement.id") == nid
    expect(note).to_have_class(re.compile(r"\bsn-full\b"))
    page.keyboard.press("Escape")
    settle(page)
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == nid


def test_hovering_a_phrase_opens_its_note_and_leaving_closes_it(page_at, fixture_url):
    page = page_at(fixture_url + FIXTURE_PAGES[0], 1440)
    mark = page.locator(".para-body mark.anchor").nth(2)
    note = page.locator(f"#{mark.get_attribute('data-note')}")
    mark.hover()
    expect(note).to_have_class(re.compile(r"\bsn-full\b"))
    page.mouse.move(5, 500)
    expect(note).not_to_have_class(re.compile(r"\bsn-full\b"))


def test_a_group_opens_as_the_list_of_its_notes(page_at, fixture_url):
    page = page_at(fixture_url + FIXTURE_PAGES[1], 1280)
    group = page.locator("button.sn-group").first
    if group.count() == 0:
        pytest.skip("nothing grouped at this width")
    ids = group.get_attribute("aria-controls").split()
    assert len(ids) >= 2 and group.inner_text().startswith(f"{len(ids)} notes:")
    assert all(not page.locator(f"#{i}").is_visible() for i in ids)
    text = page.evaluate(TEXT)
    group.click()
    settle(page)
    assert group.get_attribute("aria-expanded") == "true"
    assert all(page.locator(f"#{i}").is_visible() for i in ids)
    assert page.evaluate(TEXT) == text
    page.keyboard.press("Escape")
    settle(page)
    assert group.get_attribute("aria-expanded") == "false"
    # A phrase of the group opens the list with its note in full.
    page.locator(f"mark[data-note='{ids[-1]}']").click()
    settle(page)
    expect(page.locator(f"#{ids[-1]}")).to_have_class(re.compile(r"\bsn-full\b"))
    assert group.get_attribute("aria-expanded") == "true"


# Where the focus is, as the margin sees it: the note it is in or whose phrase it is, the group
# button it is, and whether that element can be seen.
FOCUS = """() => {
  const a = document.activeElement;
  const note = a.closest('.para-body span.sidenote[id]');
  const ref = a.closest('button.sn-ref[aria-controls]');
  const group = a.closest('button.sn-group');
  return { note: note ? note.id : ref ? ref.getAttribute('aria-controls') : null,
           group: group ? group.getAttribute('aria-controls') : null,
           link: a.matches('a[href]') ? a.getAttribute('href') : null,
           visible: a.checkVisibility({ visibilityProperty: true }) };
}"""


def test_a_group_is_reached_opened_walked_and_closed_from_the_keyboard(page_at, fixture_url):
    """A closed group's notes are hidden, so their links cannot be reached by Tab: its button
    is, after the paragraph's phrases; Enter opens the list and moves the focus to its first
    note, Tab walks the list's links, Escape closes it and brings the focus back."""
    page = page_at(fixture_url + FIXTURE_PAGES[1], 1280)
    group = page.locator("button.sn-group").first
    expect(group).to_be_visible()
    ids = group.get_attribute("aria-controls").split()
    key = " ".join(ids)
    # From the paragraph's last phrase, Tab reaches the group's button (the paragraph's last
    # stop), never a hidden element on the way.
    para = group.locator("xpath=..")
    para.locator("button.sn-ref").last.focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        settle(page)
        at = page.evaluate(FOCUS)
        assert at["visible"], f"the focus went to something hidden: {at}"
        if at["group"] == key:
            break
    else:
        pytest.fail("Tab never reached the group's button")
    assert group.get_attribute("aria-expanded") == "false"  # focused, not yet opened
    text = page.evaluate(TEXT)
    page.keyboard.press("Enter")
    settle(page)
    assert group.get_attribute("aria-expanded") == "true"
    assert page.evaluate(FOCUS)["note"] == ids[0]  # the focus is in the list, on its first note
    assert all(page.locator(f"#{i}").is_visible() for i in ids)
    # Tab walks the list: every link of its notes, each seen, the list open all the while.
    links = {
        a.get_attribute("href")
        for i in ids
        for a in page.locator(f"#{i} a[href]:not(.sn-num)").all()
    }
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        settle(page)
        at = page.evaluate(FOCUS)
        if at["note"] not in ids:
            break
        assert at["visible"], at
        assert group.get_attribute("aria-expanded") == "true"
        if at["link"]:
            reached.add(at["link"])
    assert links and links <= reached, f"not reached: {links - reached}"
    # The focus has left the group: it closes.
    assert group.get_attribute("aria-expanded") == "false"
    # Opened again, Escape from inside the list closes it and returns the focus to its button.
    group.focus()
    page.keyboard.press("Enter")
    settle(page)
    page.keyboard.press("Tab")
    settle(page)
    assert page.evaluate(FOCUS)["note"] in ids
    page.keyboard.press("Escape")
    settle(page)
    assert page.evaluate(FOCUS)["group"] == key
    assert group.get_attribute("aria-expanded") == "false"
    assert all(not page.locator(f"#{i}").is_visible() for i in ids)
    assert page.evaluate(TEXT) == text  # the text never moved


def test_the_filter_frees_the_room_at_once(page_at, fixture_url):
    page = page_at(fixture_url + FIXTURE_PAGES[1], 1280)
    before = page.evaluate(MEASURE)
    grouped = sum(n["grouped"] for n in before["notes"])
    far = sum(abs(n["entry"]["top"] - n["line"]["top"]) for n in before["notes"])
    kinds = ["place", "organisation", "event", "term"]
    for kind in kinds:
        page.locator(f".note-filter input[value={kind}]").uncheck()
    settle(page)
    after = page.evaluate(MEASURE)
    assert len(after["notes"]) < len(before["notes"])
    assert level_problems(after) == []
    left = sum(n["grouped"] for n in after["notes"])
    assert left == 0 or left < grouped, "the hidden kinds' room was not given back"
    moved = sum(abs(n["entry"]["top"] - n["line"]["top"]) for n in after["notes"])
    assert moved / len(after["notes"]) <= far / len(before["notes"])
    for kind in kinds:
        page.locator(f".note-filter input[value={kind}]").check()
    settle(page)
    assert page.evaluate(MEASURE)["notes"] == before["notes"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_notes_and_groups_open(page_at, fixture_url, axe_source, scheme):
    page = page_at(fixture_url + FIXTURE_PAGES[1], 1280, scheme)
    page.locator(".para-body mark.anchor").nth(1).click()
    group = page.locator("button.sn-group").first
    if group.count():
        group.click()
    settle(page)
    page.add_script_tag(content=axe_source)
    found = page.evaluate(
        """async () => (await axe.run(document)).violations
          .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"""
    )
    assert found == []


def test_without_javascript_every_note_is_whole_in_the_margin(browser: Browser, fixture_url):
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(fixture_url + FIXTURE_PAGES[1], wait_until="load")
    notes = page.locator(".para-body .sidenote")
    assert notes.count() == 31
    assert all(notes.nth(i).is_visible() for i in range(notes.count()))
    assert notes.first.evaluate("n => getComputedStyle(n).float") == "right"
    context.close()


def test_phones_keep_the_notes_in_the_text(page_at, fixture_url, browser: Browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(fixture_url + FIXTURE_PAGES[0], wait_until="load")
    settle(page)
    assert page.locator("button.sn-group").count() == 0
    note = page.locator(".para-body .sidenote").first
    assert not note.is_visible()
    page.locator("button.sn-ref").first.click()
    assert note.is_visible() and note.evaluate("n => getComputedStyle(n).position") == "static"
    context.close()


def test_a_gloss_titles_the_closed_entry_and_the_body_follows_when_opened(
    page_at, fixture_url, browser: Browser
):
    """tests/fixtures/dense/ gives Kestrel Sluice's note `gloss: A sluice that feeds the fields`."""
    page = page_at(fixture_url + FIXTURE_PAGES[1], 1440)
    note = page.locator("#sn-kestrel-sluice")
    gloss, body = note.locator(".sn-gloss"), note.locator(".sn-p").first
    if note.get_attribute("data-grouped") is not None:
        pytest.skip("the note is grouped at this width")
    expect(gloss).to_have_text("A sluice that feeds the fields")
    assert gloss.is_visible()
    entry = note.bounding_box()
    assert entry["height"] < 30, "one line"
    # Closed, the body stands past the line's end (clipped, still in the page for screen readers).
    assert body.bounding_box()["x"] >= entry["x"] + entry["width"] - 1 or body.evaluate(
        "b => b.getBoundingClientRect().right > b.parentElement.getBoundingClientRect().right"
    )
    page.locator("mark[data-note='sn-kestrel-sluice']").click()
    settle(page)
    assert gloss.is_visible() and body.evaluate("b => getComputedStyle(b).display") == "inline"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(fixture_url + FIXTURE_PAGES[1], wait_until="load")
    phone.locator("button[aria-controls='sn-kestrel-sluice']").click()
    assert phone.locator("#sn-kestrel-sluice").is_visible()
    assert not phone.locator("#sn-kestrel-sluice .sn-gloss").is_visible()
    context.close()
