"""The student's own layer in Chromium: highlights and notes that survive a reload and
a rebuild, My notes with its exports and import, deleting everything, and axe on the toolbar and
on My notes.

The sites are the invented article of tests/fixtures/site/ (its full edition, built with its
text, and its companion edition), with the project's theme overrides, assets and My notes page,
served on 127.0.0.1; every request that leaves it is refused and reported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from browsing import PHONE, REPO, WIDE
from journal_pdf import journal_html, print_pdf
from playwright.sync_api import Browser, BrowserContext, Page, expect

from annotated.static_site import serve_site

pytestmark = pytest.mark.browser

FIXTURE = REPO / "tests" / "fixtures" / "site"
PREFIX = "/test-reading/"
AXE_RUN = """async (selector) => {
  const result = await axe.run(selector ? document.querySelector(selector) : document);
  return result.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}));
}"""
# Words of the invented article (tests/fixtures/site/article.txt), one paragraph each.
WORDS = {"intro-1": "water treaty", "intro-2": "cannot replace"}


# ---- sites, built and served -------------------------------------------------------------------


@dataclass
class Sites:
    root: Path
    url: str  # the served root: www/ at PREFIX

    def build(self, name: str, *, article: Path | None, notes: Path = FIXTURE / "notes") -> str:
        """Build the fixture site into www/NAME (replacing a former build); its address."""
        address = f"{self.url}{name}/"
        text = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
        text = re.sub(r"(?m)^site_url:.*$", f"site_url: {address}", text)
        real = yaml.safe_load(
            re.sub(r"!!python\S*|!ENV\b", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
        )
        text = text.replace(
            "theme:\n  name: material\n",
            f"theme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n"
            f"  features: {real['theme']['features']!r}\n"
            f"  palette: {real['theme']['palette']!r}\n",  # light and dark, as the site
        )
        text = text.replace(
            "  - Study guide: study-guide.md\n",
            "  - Study guide: study-guide.md\n  - My notes: my-notes.md\n",
        )
        extra = {k: real[k] for k in ("extra_css", "extra_javascript")}
        hooks = [REPO / "scripts/annotated/minify.py", REPO / "scripts/annotated/post_build.py"]
        text += "\n" + yaml.safe_dump(extra) + "hooks:\n" + "".join(f"  - {h}\n" for h in hooks)
        config = self.root / f"{name}.yml"
        config.write_text(text, encoding="utf-8")
        docs = self.root / f"{name}-docs"
        shutil.rmtree(docs, ignore_errors=True)
        shutil.copytree(FIXTURE / "docs", docs)
        shutil.copytree(REPO / "docs" / "assets", docs / "assets")
        shutil.copy(REPO / "docs" / "my-notes.md", docs / "my-notes.md")
        # The project's home page holds the offline switch; the fixture's gets the same line.
        switch = next(
            line
            for line in (REPO / "docs" / "index.md").read_text(encoding="utf-8").splitlines()
            if "data-keep-offline" in line
        )
        with (docs / "index.md").open("a", encoding="utf-8") as home:
            home.write("\n" + switch + "\n")
        cmd = [sys.executable, "scripts/build.py", "build", "--config", str(config)]
        cmd += ["--notes", str(notes), "--docs", str(docs)]
        cmd += ["--stage", str(self.root / f"{name}-stage"), "--out", str(self.root / "www" / name)]
        cmd += ["--source", str(article)] if article else ["--edition", "companion"]
        env = {k: v for k, v in os.environ.items() if k != "ARTICLE_SOURCE"}
        run = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        if run.returncode != 0:
            pytest.fail(f"the {name} build failed:\n{run.stderr[-3000:]}", pytrace=False)
        return address


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    root = tmp_path_factory.mktemp("own-layer")
    (root / "www").mkdir()
    with serve_site(root / "www", PREFIX) as url:
        yield Sites(root, url)


@pytest.fixture(scope="module")
def full(sites: Sites) -> str:
    return sites.build("full", article=FIXTURE / "article.txt")


@pytest.fixture(scope="module")
def companion(sites: Sites) -> str:
    return sites.build("companion", article=None)


# ---- the browser -------------------------------------------------------------------------------


@dataclass
class Reader:
    """One browser profile: every request is logged, any to another host refused and reported."""

    context: BrowserContext
    page: Page
    origin: str
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, url, body
    errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        away = [
            f"request left {self.origin}: {u}"
            for _, u, _ in self.requests
            if not u.startswith(self.origin)
        ]
        return away + self.errors


@pytest.fixture
def reader(browser: Browser, sites: Sites) -> Iterator[callable]:
    made: list[Reader] = []
    origin = sites.url[: sites.url.index(PREFIX)]

    def factory(viewport: dict = WIDE, scheme: str = "light", route: bool = True) -> Reader:
        """route=False for the service worker's tests: Playwright's request interception keeps
        a service worker from installing (its own fetches stall); the request log still sees
        every request, and one to another host fails the test."""
        context = browser.new_context(viewport=viewport, color_scheme=scheme, accept_downloads=True)
        page = context.new_page()
        r = Reader(context, page, origin)
        context.on("request", lambda q: r.requests.append((q.method, q.url, q.post_data or "")))
        if route:
            context.route(
                "**/*",
                lambda rt: rt.continue_() if rt.request.url.startswith(origin) else rt.abort(),
            )
        page.on("pageerror", lambda e: r.errors.append(f"script error on {page.url}: {e}"))
        page.on(
            "console",
            lambda m: (
                m.type == "error" and r.errors.append(f"console error on {page.url}: {m.text}")
            ),
        )
        made.append(r)
        return r

    yield factory
    problems = [p for r in made for p in r.problems()]
    for r in made:
        r.context.close()
    assert not problems, "\n".join(problems)


SELECT = """([id, words]) => {
  const body = document.querySelector('#' + id + ' .para-body');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('.sidenote, .sn-ref')) continue;
    const at = n.data.indexOf(words);
    if (at === -1) continue;
    const r = document.createRange();
    r.setStart(n, at); r.setEnd(n, at + words.length);
    getSelection().removeAllRanges(); getSelection().addRange(r);
    return true;
  }
  return false;
}"""


def select(page: Page, paragraph: str, words: str) -> None:
    assert page.evaluate(SELECT, [paragraph, words]), f"{words!r} is not in {paragraph}"
    page.wait_for_selector(".own-toolbar", state="visible")


def highlight(page: Page, paragraph: str, words: str, color: str) -> None:
    select(page, paragraph, words)
    page.click(f".own-toolbar [data-highlight-color={color}]")
    page.wait_for_selector(f"#{paragraph} mark[data-highlight={color}]")


def save_note(page: Page, text: str) -> None:
    page.fill(".own-editor textarea", text)
    page.click(".own-editor [value=save]")
    page.wait_for_selector(f"[data-own-note]:has-text('{text}')")


def marks(page: Page) -> list[tuple[str, str, str]]:
    return [
        tuple(m)
        for m in page.eval_on_selector_all(
            "mark[data-highlight][tabindex]",
            "els => els.map(e => [e.closest('.para').id, e.dataset.highlight, e.textContent])",
        )
    ]


def own_notes(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("[data-own-note] .own-note-text").all_inner_texts()]


# ---- highlights and notes ----------------------------------------------------------------------


def test_a_highlight_and_a_note_survive_a_reload(reader, full: str) -> None:
    r = reader()
    r.page.goto(full + "reading/introduction/")
    highlight(r.page, "intro-1", WORDS["intro-1"], "green")
    select(r.page, "intro-2", WORDS["intro-2"])
    r.page.click(".own-toolbar [data-own-action=note]")
    save_note(r.page, "Leverage, not power")
    r.page.reload()
    r.page.wait_for_selector("[data-own-note]")
    assert marks(r.page) == [
        ("intro-1", "green", "water treaty"),
        ("intro-2", "green", "cannot replace"),  # "Note" on words: the last colour used
    ]
    assert own_notes(r.page) == ["Leverage, not power"]
    assert r.page.locator(".own-missed").count() == 0
    # Nothing left the page: no request carried a word of the marks or the note.
    for method, url, body in r.requests:
        assert method == "GET", url
        assert "Leverage" not in url and "Leverage" not in body


def test_a_selection_inside_words_takes_whole_words_and_colours_change(reader, full: str) -> None:
    r = reader()
    r.page.goto(full + "reading/introduction/")
    highlight(r.page, "intro-2", "annot repl", "pink")
    assert marks(r.page) == [("intro-2", "pink", "cannot replace")]
    r.page.click("mark[data-highlight=pink]")
    r.page.click(".own-toolbar [data-highlight-color=blue]")
    r.page.wait_for_selector("mark[data-highlight=blue]")
    r.page.click("mark[data-highlight=blue]")
    r.page.click(".own-toolbar [data-own-action=remove]")
    r.page.wait_for_selector("mark[data-highlight]", state="detached")


def test_the_toolbar_and_the_cite_button_leave_each_other_free(reader, full: str) -> None:
    """Both come under the selected words: a few letters selected would put the toolbar over
    "Cite selection"; it goes under the button instead, and the button still cites."""
    r = reader()
    r.page.goto(full + "reading/introduction/")
    select(r.page, "intro-2", "annot")
    cite = r.page.locator("button.cite-float")
    expect(cite).to_be_visible()
    a, b = cite.bounding_box(), r.page.locator(".own-toolbar").bounding_box()
    assert a and b
    apart = (
        a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
        or a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
    )  # fmt: skip
    assert apart, f"the toolbar {b} covers the cite button {a}"
    cite.click()
    expect(r.page.locator("dialog.cite-dialog")).to_be_visible()


def test_the_keyboard_reaches_the_toolbar_with_h_and_moves_with_arrows(reader, full: str) -> None:
    r = reader()
    r.page.goto(full + "reading/introduction/")
    select(r.page, "intro-1", WORDS["intro-1"])
    r.page.keyboard.press("h")
    focused = r.page.evaluate("document.activeElement.dataset.highlightColor")
    assert focused == "yellow"
    r.page.keyboard.press("ArrowRight")
    r.page.keyboard.press("Enter")
    r.page.wait_for_selector("mark[data-highlight=green]")
    # The new highlight has focus; Enter on it opens the toolbar for it, Escape closes it.
    assert r.page.evaluate("document.activeElement.dataset.highlight") == "green"
    r.page.keyboard.press("Enter")
    r.page.wait_for_selector(".own-toolbar [data-own-action=remove]", state="visible")
    r.page.keyboard.press("Escape")
    r.page.wait_for_selector(".own-toolbar", state="detached")
    assert r.page.evaluate("document.activeElement.dataset.highlight") == "green"


def test_a_selection_over_two_paragraphs_is_not_highlighted(reader, full: str) -> None:
    r = reader()
    r.page.goto(full + "reading/introduction/")
    r.page.evaluate(
        """() => {
          const r = document.createRange();
          r.setStart(document.querySelector('#intro-1 .para-body p').firstChild, 0);
          r.setEnd(document.querySelector('#intro-2 .para-body p').firstChild, 5);
          getSelection().removeAllRanges(); getSelection().addRange(r);
        }"""
    )
    r.page.wait_for_selector(".own-toolbar", state="visible")
    assert r.page.locator(".own-toolbar [data-highlight-color]:visible").count() == 0
    assert "within one paragraph" in r.page.inner_text(".own-toolbar-msg")


def test_the_companion_edition_takes_notes_on_paragraphs(reader, companion: str) -> None:
    r = reader(PHONE)
    r.page.goto(companion + "reading/introduction/")
    r.page.evaluate(
        """() => {
          const p = document.querySelector('#intro-2 .para-body p');
          const r = document.createRange(); r.selectNodeContents(p);
          getSelection().removeAllRanges(); getSelection().addRange(r);
        }"""
    )
    r.page.wait_for_selector(".own-toolbar", state="visible")
    assert r.page.locator(".own-toolbar [data-highlight-color]:visible").count() == 0
    # On a phone: under the selected words (a phone's own menu goes above them), on the screen.
    words = r.page.evaluate("getSelection().getRangeAt(0).getBoundingClientRect().toJSON()")
    bar = r.page.locator(".own-toolbar").bounding_box()
    assert bar is not None and bar["y"] >= words["bottom"] - 1
    assert bar["x"] >= 0 and bar["x"] + bar["width"] <= PHONE["width"]
    r.page.click(".own-toolbar [data-own-action=para-note]")
    save_note(r.page, "Compare with the dry summer")
    r.page.reload()
    r.page.wait_for_selector("#intro-2 [data-own-note]")
    assert own_notes(r.page) == ["Compare with the dry summer"]


def test_each_reading_page_reopens_where_the_student_left_it(reader, full: str) -> None:
    r = reader({"width": 390, "height": 360})  # the invented article is short
    r.page.goto(full + "reading/introduction/")
    r.page.evaluate("document.getElementById('intro-2').scrollIntoView({block: 'start'})")
    left = r.page.evaluate("scrollY")
    assert left > 200
    r.page.wait_for_timeout(800)  # the place is remembered once scrolling settles
    r.page.goto(full)
    r.page.goto(full + "reading/introduction/")
    r.page.wait_for_function("scrollY > 0")
    assert abs(r.page.evaluate("scrollY") - left) < 3
    r.page.goto(full + "reading/introduction/#intro-1")  # a link to a place wins
    assert r.page.evaluate("document.getElementById('intro-1').getBoundingClientRect().top") < 100


# ---- a new build -------------------------------------------------------------------------------


def test_a_rebuild_keeps_the_marks_and_reports_the_one_whose_words_changed(
    reader, sites: Sites, tmp_path: Path
) -> None:
    site = sites.build("rebuild", article=FIXTURE / "article.txt")
    r = reader()
    r.page.goto(site + "reading/introduction/")
    highlight(r.page, "intro-1", WORDS["intro-1"], "green")
    highlight(r.page, "intro-2", WORDS["intro-2"], "blue")
    # The same article with the words of one highlight changed, and an instructor's note
    # rewritten: the site is built again at the same address.
    text = (FIXTURE / "article.txt").read_text(encoding="utf-8")
    assert text.count("cannot replace") == 1
    article = tmp_path / "article.txt"
    article.write_text(text.replace("cannot replace", "cannot substitute"), encoding="utf-8")
    notes = tmp_path / "notes"
    shutil.copytree(FIXTURE / "notes", notes)
    intro = notes / "annotations" / "introduction.yml"
    before = intro.read_text(encoding="utf-8")
    after = re.sub(r"(?m)^(\s+body: \|?\s*\n?\s*)(\S)", r"\1Rewritten. \2", before, count=1)
    assert after != before
    intro.write_text(after, encoding="utf-8")
    # The instructor records the notes' new places, as the build asks when the text changes.
    record = [sys.executable, "scripts/build.py", "record", "--source", str(article)]
    subprocess.run([*record, "--notes", str(notes)], cwd=REPO, check=True, capture_output=True)
    sites.build("rebuild", article=article, notes=notes)
    r.page.reload()
    r.page.wait_for_selector(".own-missed")
    assert marks(r.page) == [("intro-1", "green", "water treaty")]
    missed = r.page.inner_text(".own-missed")
    assert 'cannot replace (intro-2): phrase "cannot replace" not found in intro-2' in missed
    # Kept, not dropped: My notes still lists it.
    r.page.goto(site + "my-notes/")
    r.page.wait_for_selector(".my-notes-item")
    assert r.page.locator(".my-notes-item").count() == 2


# ---- My notes: export, import, delete ----------------------------------------------------------


def test_export_then_import_in_a_fresh_profile_restores_everything(
    reader, full: str, tmp_path: Path
) -> None:
    a = reader()
    a.page.goto(full + "reading/introduction/")
    highlight(a.page, "intro-1", WORDS["intro-1"], "pink")
    a.page.click("mark[data-highlight=pink]")
    a.page.click(".own-toolbar [data-own-action=note]")
    save_note(a.page, "Check the date")
    select(a.page, "intro-2", WORDS["intro-2"])
    a.page.click(".own-toolbar [data-own-action=para-note]")
    save_note(a.page, "The core claim")
    a.page.goto(full + "my-notes/")
    a.page.wait_for_selector(".my-notes-item")
    files = {}
    for kind in ("jsonld", "hypothesis", "markdown"):
        with a.page.expect_download() as d:
            a.page.click(f"[data-export={kind}]")
        files[kind] = tmp_path / d.value.suggested_filename
        d.value.save_as(files[kind])
    assert {p.name for p in files.values()} == {
        "my-notes.jsonld",
        "my-notes-hypothesis.json",
        "my-notes.md",
    }
    doc = json.loads(files["jsonld"].read_text(encoding="utf-8"))
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 2
    hyp = json.loads(files["hypothesis"].read_text(encoding="utf-8"))
    assert hyp["annotations"][0]["text"] == "Check the date"
    md = files["markdown"].read_text(encoding="utf-8")
    assert "“water treaty” (p. 101, pink)\n  Check the date" in md
    assert "Note on the paragraph: The core claim" in md

    b = reader(PHONE)  # another profile: another browser, another device
    b.page.goto(full + "my-notes/")
    b.page.wait_for_selector("[data-my-notes][data-count='0']")
    b.page.set_input_files("[data-import]", files["jsonld"])
    b.page.wait_for_selector("[data-my-notes][data-count='2']")
    assert b.page.inner_text("[data-my-notes-status]") == "Imported 2 from my-notes.jsonld."
    b.page.set_input_files("[data-import]", files["jsonld"])
    b.page.wait_for_selector("[data-my-notes-status]:has-text('already here')")
    assert (
        b.page.inner_text("[data-my-notes-status]")
        == "Imported 0 from my-notes.jsonld; 2 already here."
    )
    b.page.goto(full + "reading/introduction/")
    b.page.wait_for_selector("[data-own-note]")
    assert marks(b.page) == [("intro-1", "pink", "water treaty")]
    assert sorted(own_notes(b.page)) == ["Check the date", "The core claim"]


def test_my_notes_filters_by_colour(reader, full: str) -> None:
    r = reader()
    r.page.goto(full + "reading/introduction/")
    highlight(r.page, "intro-1", WORDS["intro-1"], "green")
    highlight(r.page, "intro-2", WORDS["intro-2"], "blue")
    r.page.goto(full + "my-notes/")
    r.page.wait_for_selector(".my-notes-item")
    r.page.uncheck("[data-my-notes-filter] input[value=green]")
    shown = r.page.locator(".my-notes-item:visible q").all_inner_texts()
    assert shown == ["cannot replace"]


def test_delete_everything_erases_all_and_says_what(reader, full: str) -> None:
    r = reader()
    r.page.goto(full + "reading/introduction/")
    highlight(r.page, "intro-1", WORDS["intro-1"], "yellow")
    r.page.goto(full + "my-notes/")
    r.page.wait_for_selector(".my-notes-item")
    r.page.click("[data-delete-all]")
    r.page.click("[data-delete-dialog] [value=delete]")
    r.page.wait_for_selector("[data-my-notes][data-count='0']")
    said = r.page.inner_text("[data-my-notes-status]")
    assert said.startswith("Erased from this device: 1 highlight and notes")
    # Before the reading page's own scripts run again (they may note a new place on it):
    # nothing of the layer is left in localStorage either.
    left = r.page.evaluate("Object.keys(localStorage).filter(k => k.includes('own-layer'))")
    assert left == []
    r.page.goto(full + "reading/introduction/")
    assert marks(r.page) == []


# ---- accessibility -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_axe_finds_nothing_on_the_toolbar_the_editor_and_my_notes(
    reader, full: str, axe_source: str, viewport: dict, scheme: str
) -> None:
    r = reader(viewport, scheme)
    found: dict[str, list[str]] = {}

    def axe(where: str, selector: str | None = None) -> None:
        r.page.evaluate(axe_source)  # not a <script>: the policy allows no inline one
        for v in r.page.evaluate(AXE_RUN, selector):
            found[f"{where} {v['id']}"] = v["nodes"][:5]

    r.page.goto(full + "reading/introduction/")
    highlight(r.page, "intro-1", WORDS["intro-1"], "blue")
    select(r.page, "intro-2", WORDS["intro-2"])
    r.page.click(".own-toolbar [data-own-action=note]")
    save_note(r.page, "A note to check")
    select(r.page, "intro-2", "small")
    axe("reading page with the toolbar")
    r.page.click(".own-toolbar [data-own-action=para-note]")
    axe("the note editor", ".own-editor")
    r.page.keyboard.press("Escape")
    r.page.goto(full + "my-notes/")
    r.page.wait_for_selector(".my-notes-item")
    axe("my-notes/")
    assert not found, "axe-core violations:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())


# ---- the own copy: forget it, keep or erase the notes ------------------------------------------

DONE = "[data-your-copy-report]:not([hidden]), [data-your-copy-error]:not([hidden])"


def read_with_copy(page: Page) -> None:
    page.get_by_role("button", name="Read with your copy").click()
    page.fill("[data-your-copy-text]", (FIXTURE / "article.txt").read_text(encoding="utf-8"))
    page.click("[data-your-copy-read]")
    page.wait_for_selector(DONE, timeout=30_000)
    page.keyboard.press("Escape")
    page.wait_for_selector(".reading-edition[data-edition=full]", state="attached")


def forget_copy(page: Page, choice: str) -> None:
    page.get_by_role("button", name="Forget my copy").click()
    page.wait_for_selector("dialog[aria-labelledby=own-forget-title][open]")
    with page.expect_event("load", timeout=30_000):  # the reload: a new document (see below)
        page.click(f"dialog[aria-labelledby=own-forget-title] [value={choice}]")


def test_the_own_copy_takes_highlights_and_forgetting_it_keeps_or_erases_them(
    reader, companion: str
) -> None:
    r = reader()
    r.page.goto(companion + "reading/introduction/")
    read_with_copy(r.page)
    highlight(r.page, "intro-2", WORDS["intro-2"], "pink")
    forget_copy(r.page, "keep")
    # The companion edition again: the highlight is kept, and the page says why it is not shown.
    r.page.wait_for_selector(".own-hidden")
    assert r.page.inner_text(".own-hidden [data-count]") == "1"
    read_with_copy(r.page)
    r.page.wait_for_selector("mark[data-highlight=pink]")
    assert marks(r.page) == [("intro-2", "pink", "cannot replace")]
    forget_copy(r.page, "erase")
    r.page.goto(companion + "my-notes/")
    r.page.wait_for_selector("[data-my-notes][data-count='0']")


# ---- offline -----------------------------------------------------------------------------------


def nav_pages(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link[href]",
        "els => [...new Set(els.map(a => a.href.split('#')[0]))]",
    )


def test_kept_on_this_device_every_page_search_the_own_copy_and_highlights_work_offline(
    reader, browser: Browser, companion: str, tmp_path: Path
) -> None:
    structure = yaml.safe_load((FIXTURE / "notes" / "article.yml").read_text(encoding="utf-8"))
    locators = [b["locator"] for p in structure["parts"] for b in p["blocks"]]
    raw = (FIXTURE / "article.txt").read_text(encoding="utf-8")
    pdf = print_pdf(
        browser, journal_html(raw, locators, folio_at_foot=(102,)), tmp_path / "copy.pdf"
    )

    r = reader(route=False)
    r.page.goto(companion)
    switch = r.page.locator("[data-keep-offline]")
    assert switch.get_attribute("data-state") == "off"
    # The switch's module comes with its first press (boot.js), not with the page.
    r.page.wait_for_load_state("networkidle")
    assert not [u for _, u, _ in r.requests if u.endswith("/own-layer/offline.mjs")]
    switch.click()
    r.page.wait_for_selector("[data-keep-offline][data-state=ready]", timeout=60_000)
    pages = nav_pages(r.page)
    assert len(pages) >= 8
    sent = len(r.requests)

    r.context.set_offline(True)
    for url in pages:
        response = r.page.goto(url)
        assert response is not None and response.ok, url
        assert r.page.locator(".md-content h1").count() == 1, url
    # Search: Material's worker and the index come from the stored site.
    r.page.goto(companion + "reading/introduction/")
    r.page.keyboard.press("s")
    r.page.keyboard.type("treaty")
    r.page.wait_for_selector(".md-search-result__item", timeout=15_000)
    r.page.keyboard.press("Escape")
    # The own copy: a PDF read by pdf.js, stored with the site.
    r.page.get_by_role("button", name="Read with your copy").click()
    r.page.set_input_files("[data-your-copy]", str(pdf))
    r.page.wait_for_selector(DONE, timeout=30_000)
    assert r.page.locator("[data-your-copy-error]:not([hidden])").count() == 0
    r.page.keyboard.press("Escape")
    r.page.wait_for_selector(".reading-edition[data-edition=full]", state="attached")
    # A new highlight, and it is there after a reload, still offline.
    highlight(r.page, "intro-2", WORDS["intro-2"], "blue")
    r.page.reload()
    r.page.wait_for_selector("mark[data-highlight=blue]")
    assert marks(r.page) == [("intro-2", "blue", "cannot replace")]
    # Offline, no request went to another host, and none carried a word of the marks.
    offline = r.requests[sent:]
    assert offline and all(u.startswith((r.origin, "blob:", "data:")) for _, u, _ in offline)
    assert all(m == "GET" and "cannot replace" not in u for m, u, _ in offline)


# Whether the build that took over is in place: its worker activated (within 60 s), and none
# waiting or installing. Asked with evaluate, which awaits the promise (wait_for_function does
# not, and its polling compiles the predicate as the page's CSP forbids).
_TAKEN_OVER = """async () => {
  const sw = navigator.serviceWorker;
  const c = sw.controller;
  if (!c) return false;
  const activated = new Promise((done) => {
    if (c.state === "activated") done(true);
    c.addEventListener("statechange", () => c.state === "activated" && done(true));
  });
  if (!(await Promise.race([activated, new Promise((no) => setTimeout(no, 60000, false))])))
    return false;
  const r = await sw.getRegistration();
  return !!r && !r.waiting && !r.installing && r.active === c;
}"""


def test_a_new_build_replaces_the_kept_one_whole_and_the_notes_survive(
    reader, sites: Sites, tmp_path: Path
) -> None:
    site = sites.build("offline-update", article=FIXTURE / "article.txt")
    r = reader(route=False)
    r.page.goto(site)
    r.page.click("[data-keep-offline]")
    r.page.wait_for_selector("[data-keep-offline][data-state=ready]", timeout=60_000)
    r.page.goto(site + "reading/introduction/")
    highlight(r.page, "intro-1", WORDS["intro-1"], "green")
    old_title = r.page.title()
    # A new build: a changed home page and a changed note.
    notes = tmp_path / "notes"
    shutil.copytree(FIXTURE / "notes", notes)
    intro = notes / "annotations" / "introduction.yml"
    intro.write_text(
        intro.read_text(encoding="utf-8").replace(
            "The first of the two treaties", "The first treaty"
        ),
        encoding="utf-8",
    )
    sites.build("offline-update", article=FIXTURE / "article.txt", notes=notes)
    # The old build still answers until the new one is stored and taken: no page mixes them.
    r.page.goto(site)
    r.page.wait_for_selector("[data-offline-update]", timeout=60_000)
    r.page.goto(site + "reading/introduction/")
    # Waited for, not read at once: a loaded machine may show the page before its script is done.
    expect(r.page.locator("#intro-1")).to_contain_text("The first of the two treaties")
    r.page.goto(site)
    r.page.wait_for_selector("[data-offline-update]", timeout=60_000)
    # The page reloads once the new build has taken over. Waited for as a new document's load:
    # a navigation may also be Material's history update on the page as loaded before (the
    # test then went offline while the reload was on its way, and that reload aborted the next
    # page). Then the new build is in place: its worker activated, none waiting.
    with r.page.expect_event("load", timeout=60_000):
        r.page.click("[data-offline-update]")
    assert r.page.evaluate(_TAKEN_OVER)
    r.context.set_offline(True)
    r.page.goto(site + "reading/introduction/")
    expect(r.page.locator("#intro-1")).to_contain_text("The first treaty")
    assert "The first of the two treaties" not in r.page.inner_text("#intro-1")
    assert r.page.title() == old_title
    r.page.wait_for_selector("mark[data-highlight=green]")
    assert marks(r.page) == [("intro-1", "green", "water treaty")]
