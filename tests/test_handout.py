"""The printable study pack: which pages, in what order, put together into one page; and one real
PDF of the small fixture site printed by Debian's Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotated import article_copy, handout
from annotated.errors import InputError
from site_helpers import FIXTURE, REPO, copy_fixture

HOME = (
    '<html><head><title>t</title></head><body><article class="md-content__inner md-typeset">'
    "<h1>Home</h1></article></body></html>"
)


def test_pages_in_reading_order() -> None:
    assert handout.handout_pages(FIXTURE / "notes") == [
        "index.md",
        "reading/front-matter.md",
        "reading/introduction.md",
        "reading/rivers.md",
        "glossary.md",
        "study-guide.md",
    ]


def test_compose_puts_every_article_in_the_home_page() -> None:
    composed = handout.compose(HOME, [("index.md", "<h1>Home</h1>"), ("glossary.md", "<h1>G</h1>")])
    assert re.search(
        r'<article class="md-content__inner md-typeset">'
        r'<section class="handout-part" data-page="index.md"><h1>Home</h1></section>'
        r'<section class="handout-part" data-page="glossary.md"><h1>G</h1></section></article>',
        composed,
    )
    assert composed.count("<style>") == 1 and "break-before: page" in composed


def test_a_page_without_its_article_is_one_clear_problem() -> None:
    with pytest.raises(InputError) as e:
        handout.article_of("<html><body><main></main></body></html>", "site/glossary/index.html")
    assert [str(p) for p in e.value.problems] == [
        "site/glossary/index.html: no <article> in the built page (has the theme changed?); "
        "this is a bug in handout.py"
    ]


@pytest.mark.browser
def test_prints_one_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not handout.CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {handout.CHROMIUM} (apt-get install chromium)")
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    site = copy_fixture(tmp_path / "fixture")
    out = tmp_path / "pack" / "handout.pdf"
    code = handout.main(
        ["--out", str(out), "--notes", str(site.notes), "--docs", str(site.docs),
         "--config", str(site.config)]
    )  # fmt: skip
    assert code == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    # Six parts, each starting on a new sheet.
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 6


@pytest.mark.browser
def test_prints_the_project_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real theme: its Content-Security-Policy and sidenotes.js's print lists."""
    if not handout.CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {handout.CHROMIUM} (apt-get install chromium)")
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")
    out = tmp_path / "handout.pdf"
    code = handout.main(
        ["--out", str(out), "--notes", str(REPO / "notes"), "--docs", str(REPO / "docs"),
         "--config", str(REPO / "mkdocs.yml")]
    )  # fmt: skip
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF-")
