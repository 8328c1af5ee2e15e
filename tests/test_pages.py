"""Generated Markdown: golden files for both editions, links resolved, bodies sanitised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import goldens
from annotated.anchor_record import RECORD, places_of, read_record, recorded
from annotated.anchors import anchor
from annotated.content_check import content_findings
from annotated.ingest import ingest_file
from annotated.notes import load_notes
from annotated.pages import generate
from annotated.site import Site, page_url, relative
from site_helpers import FIXTURE


@pytest.fixture(scope="module")
def notes():
    return load_notes(FIXTURE / "notes")


GOLDENS = Path(__file__).parent / "goldens" / "pages"


@pytest.mark.parametrize("edition", ["companion", "full"])
def test_generated_markdown(request: pytest.FixtureRequest, notes, edition: str) -> None:
    # One golden file per generated page, in tests/goldens/pages/EDITION/ (tests/goldens.py).
    article = ingest_file(FIXTURE / "article.txt", FIXTURE / "notes")
    anchors = anchor(article, notes)
    pages = generate(notes, article, anchors, edition, places=places_of(anchors, article))
    assert pages.problems == []
    goldens.check_files(request, GOLDENS / edition, pages.files)


def test_companion_without_text_numbers_and_pages_notes_like_the_full_edition(notes) -> None:
    """Without the text, the committed note record gives each phrase its own pages."""
    article = ingest_file(FIXTURE / "article.txt", FIXTURE / "notes")
    anchors = anchor(article, notes)
    with_text = generate(notes, article, anchors, "companion", places=places_of(anchors, article))
    record = read_record(FIXTURE / "notes" / RECORD)
    places = recorded(record, notes, FIXTURE / "notes" / RECORD).places
    without = generate(notes, None, None, "companion", places=places)
    assert with_text.files == without.files
    # In a paragraph across a page turn, a phrase on its first page has that page alone; a
    # phrase across the turn has both.
    intro = without.files["reading/introduction.md"]
    assert '<div class="para" id="intro-1" data-pages="101 102">' in intro
    assert re.search(r'id="sn-water-treaty" [^>]*data-pages="101">', intro)
    assert re.search(r'id="sn-water-over-arms" [^>]*data-pages="101 102">', intro)
    assert without.files != generate(notes, None, None, "companion").files


@pytest.mark.parametrize(
    ("from_md", "to_md", "fragment", "expected"),
    [
        ("reading/introduction.md", "glossary.md", "hedging", "../../glossary/#hedging"),
        ("glossary.md", "reading/introduction.md", "sn-x", "../reading/introduction/#sn-x"),
        ("reading/introduction.md", "reading/rivers.md", "p102", "../rivers/#p102"),
        ("reading/introduction.md", "reading/introduction.md", "p102", "#p102"),
        ("index.md", "references.md", "ref-a", "references/#ref-a"),
        ("glossary.md", "index.md", "", "../"),
    ],
)
def test_relative_links(from_md: str, to_md: str, fragment: str, expected: str) -> None:
    assert relative(from_md, to_md, fragment) == expected


def test_page_urls() -> None:
    assert [page_url(p) for p in ("index.md", "glossary.md", "reading/index.md")] == [
        "",
        "glossary/",
        "reading/",
    ]


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("See [hedging](glossary:hedging).",
         '<span class="sn-p">See <a href="../../glossary/#hedging">hedging</a>.</span>'),
        ("[Walt](ref:walt-1987), [p. 102](page:102), [¶](para:rivers-1), [n](note:hedge)",
         '<span class="sn-p"><a href="../../references/#ref-walt-1987">Walt</a>, '
         '<a href="#p102">p. 102</a>, <a href="../rivers/#rivers-1">¶</a>, '
         '<a href="#sn-hedge">n</a></span>'),
        ("One.\n\nTwo <script>x()</script><b onclick=\"y()\">bold</b>.",
         '<span class="sn-p">One.</span> <span class="sn-p">Two <b>bold</b>.</span>'),
        ("- a list\n- of two", '<span class="sn-p">a list</span> <span class="sn-p">of two</span>'),
        ("<https://example.org/x>",
         '<span class="sn-p"><a href="https://example.org/x">https://example.org/x</a></span>'),
        ("[bad](javascript:alert(1))", '<span class="sn-p"><a href="#">bad</a></span>'),
    ],
)  # fmt: skip
def test_sidenote_bodies_are_rendered_resolved_and_sanitised(notes, body: str, html: str) -> None:
    site = Site(notes)
    assert site.render(body, "reading/introduction.md", ("n.yml", 1), inline=True) == html


def test_unknown_targets_are_problems_with_the_nearest(notes) -> None:
    site = Site(notes)
    site.render("[x](note:hedg) [y](page:999) [z](para:intro-9)", "glossary.md", ("n.yml", 4))
    assert [str(p) for p in site.problems] == [
        'n.yml:4: broken link "note:hedg" (did you mean "note:hedge"?)',
        'n.yml:4: broken link "page:999"',
        'n.yml:4: broken link "para:intro-9" (did you mean "para:intro-1"?)',
    ]


def test_declared_and_never_used_is_reported(tmp_path) -> None:
    from site_helpers import copy_fixture

    site = copy_fixture(tmp_path / "s")
    site.edit("notes/annotations/introduction.yml", "    glossary: [balance-of-threat]\n", "")
    site.edit(
        "notes/references.yml",
        "- id: walt-1987",
        "- id: unused-1999\n  type: book\n  title: Never Cited\n- id: walt-1987",
    )
    notes = load_notes(site.notes)
    warnings = generate(notes, None, None, "companion").warnings
    assert all(w.severity == "warning" for w in warnings)
    assert [str(w).removeprefix(f"{site.notes}/") for w in warnings] == [
        "annotations/introduction.yml:6: removed <script>: a body holds Markdown (with links, "
        "emphasis, lists, quotes, code) and no other HTML",  # the fixture's deliberate <script>
        'references.yml:14: reference "unused-1999" is cited nowhere',
    ]
    # A glossary term no note uses is the content check's to report, and only its.
    everything = [str(w).removeprefix(f"{site.notes}/") for w in warnings + content_findings(notes)]
    assert [w for w in everything if "balance-of-threat" in w] == [
        'glossary.yml:10: glossary term "balance-of-threat" is defined but no note uses it; add it '
        "to a note's glossary list or link it as (glossary:balance-of-threat)"
    ]
