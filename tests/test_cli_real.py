"""The project's own site: the real excerpt (where present) with the project's notes and docs.

Built once per session into a temporary folder with a private stage (tests/conftest.py `shared`),
so it never touches the repository's build/ or site/.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from annotated import article_copy
from annotated.ingest import ingest_file
from annotated.notes import load_notes
from site_helpers import REPO, ProjectBuild, Shared

pytestmark = pytest.mark.source


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def html(site: ProjectBuild, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site.out / rel / "index.html").read_text(encoding="utf-8"))


@pytest.mark.slow  # the whole real site (the fast loop builds the fixture site end to end)
def test_full_edition_of_the_real_excerpt(shared: Shared, source_path: Path) -> None:
    site = shared.project("full", source_path)
    assert site.code == 0, site.stderr
    total = len(load_notes(REPO / "notes").notes)
    summary = site.stdout.splitlines()[-1]
    assert f" {total} notes anchored, " in summary
    intro = html(site, "reading/introduction")
    assert intro.css_first("#p254.page-turn") is not None
    assert {p.attributes["id"] for p in intro.css(".para")} == {f"intro-{i}" for i in range(1, 6)}
    front = html(site, "reading/front-matter")
    assert front.css_first("#p253.page-turn") is not None
    assert front.css_first('#epigraph [lang="uz"]') is not None
    marks = [
        m.attributes["data-note"]
        for p in ("front-matter", "introduction", "path-to-independence")
        for m in html(site, f"reading/{p}").css("mark.anchor")
    ]
    assert len(marks) == total == len(set(marks))
    # Every footnote marker and every page of the excerpt is shown, once.
    article = ingest_file(source_path, REPO / "notes")
    pages = [html(site, f"reading/{p}") for p in ("front-matter", "introduction",
             "path-to-independence")]  # fmt: skip
    markers = [m.attributes["data-marker"] for p in pages for m in p.css("sup.fn-marker")]
    assert markers == [f.marker for b in article.blocks for f in b.footnotes]
    turns = [t.attributes["id"] for p in pages for t in p.css(".page-turn")]
    assert turns == [f"p{n}" for n in article.pages]


def test_companion_edition_without_the_text(shared: Shared) -> None:
    # The same build test_exports_build reads: shared, so the fast loop pays for it once.
    site = shared.project("companion")
    assert site.code == 0, site.stderr
    intro = html(site, "reading/introduction")
    assert intro.css_first("#p254.page-turn") is not None
    assert len(intro.css(".para .summary")) == 5
    # Without the text, the Uzbek words still reach screen readers marked as Uzbek.
    front = html(site, "reading/front-matter")
    assert front.css_first('#epigraph .para-begins [lang="uz"]').text().startswith("O’zbek")
    assert len(front.css('#epigraph .sn-lemma[lang="uz"]')) >= 2


@pytest.mark.slow  # the whole real site, checked against the whole text
def test_companion_edition_with_the_text_is_checked_for_leaks(
    shared: Shared, source_path: Path
) -> None:
    site = shared.project("companion", source_path)
    assert site.code == 0, site.stderr
    counts = Counter(n.path for n in load_notes(REPO / "notes").notes)
    drift = [ln for ln in site.stdout.splitlines() if ln.startswith("notes/")]
    assert drift == [
        f"{path}: {n} anchored, 0 ambiguous, 0 orphaned, 0 overlapping"
        for path, n in sorted(counts.items())
    ]
