"""End-to-end builds of the small invented site, in both editions, asserting on the built HTML."""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import tomllib
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from annotated import article_copy
from annotated.content_check import content_findings
from annotated.notes import load_notes
from site_helpers import Shared, SharedSite, SiteCopy, copy_built, copy_fixture, snapshot

SCRIPT_REMOVED = (
    "{notes}/annotations/introduction.yml:6: removed <script>: a body holds Markdown (with "
    "links, emphasis, lists, quotes, code) and no other HTML"
)


@pytest.fixture(autouse=True)
def _no_ambient_source(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The companion tests must not pick up a copy of the real article from the environment.
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "no-such-source.txt")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def built(shared: Shared) -> dict[str, SiteCopy]:
    """The fixture built once per session in each edition (the tests below only read it)."""
    sites: dict[str, SiteCopy] = {}
    for edition in ("full", "companion"):
        site = shared.fixture(edition)
        assert site.code == 0, site.stderr
        sites[edition] = site
    return sites


def page(site: SiteCopy, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site.out / rel / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("edition", ["full", "companion"])
def test_every_note_has_its_hooks(built: dict[str, SiteCopy], edition: str) -> None:
    intro = page(built[edition], "reading/introduction")
    notes = intro.css(".sidenote")
    ids = [n.attributes["id"] for n in notes]
    assert ids == [
        "sn-water-treaty",
        "sn-second-treaty",
        "sn-water-over-arms",
        "sn-hedge",
        "sn-hedge-between-patrons-without-choosing-one",
        "sn-a-bargain",
        "sn-second-bargain",
    ]
    for n in notes:
        sid = n.attributes["id"]
        assert n.attributes["data-kind"] in ("event", "theory", "term")
        if edition == "full":  # the companion has no text to mark: each note quotes its phrase
            assert len(intro.css(f'mark[data-note="{sid}"]')) == 1
            assert len(intro.css(f'button[aria-controls="{sid}"]')) == 1
        else:
            assert n.css_first(".sn-lemma").text()
    numbers = [b.text() for b in intro.css(".sidenote .sn-num")]
    assert numbers == ["1", "2", "3", "4", "5", "6", "7"]


def test_full_edition_marks_phrases_page_turns_and_footnotes(built: dict[str, SiteCopy]) -> None:
    intro = page(built["full"], "reading/introduction")
    mark = intro.css_first('mark[data-note="sn-water-over-arms"]')
    # The phrase runs across the turn to p. 102, which stays inside the mark.
    assert mark.css_first(".page-turn").attributes["id"] == "p102"
    assert "the water treaty mattered more than the" in mark.text()
    assert [m.attributes["data-marker"] for m in intro.css("sup.fn-marker")] == ["2", "3"]
    assert "not part of this excerpt" in intro.css_first("sup.fn-marker").attributes["title"]
    front = page(built["full"], "reading/front-matter")
    assert front.css_first(".page-turn").attributes["id"] == "p101"
    assert front.css_first('#epigraph [lang="uz"]').text().startswith("Suv kelsa")
    # The epigraph's marker stood after its closing parenthesis, which is not shown: kept anyway.
    assert front.css_first("#epigraph .attribution sup.fn-marker").attributes["data-marker"] == "1"


def test_companion_edition_has_no_text_but_the_same_anchors(built: dict[str, SiteCopy]) -> None:
    full = page(built["full"], "reading/introduction")
    comp = page(built["companion"], "reading/introduction")
    assert {n.attributes["id"] for n in comp.css("[id]") if "sn-" in n.attributes["id"]} == {
        n.attributes["id"] for n in full.css("[id]") if "sn-" in n.attributes["id"]
    }
    assert comp.css_first("#p102.page-turn") is not None
    para = comp.css_first("#intro-1")
    assert para.css_first(".summary").text() == (
        "Upriver signed two treaties in one year; the article asks why."
    )
    assert para.css_first(".para-begins").text() == " · begins “In the spring of 1999 …”"
    front = page(built["companion"], "reading/front-matter")
    assert front.css_first('#epigraph .para-begins [lang="uz"]').text() == "Suv kelsa"
    assert "surprised observers" not in comp.body.text()


@pytest.mark.parametrize("edition", ["full", "companion"])
def test_glossary_backlinks_resolve(built: dict[str, SiteCopy], edition: str) -> None:
    site = built[edition]
    glossary = page(site, "glossary")
    used = glossary.css("#hedging ~ .glossary-entry .used-in a")
    hrefs = [a.attributes["href"] for a in glossary.css(".used-in a")]
    assert "../reading/introduction/#sn-second-bargain" in hrefs
    assert "../reading/front-matter/#sn-bargaining-chip" in hrefs
    assert used, "the hedging entry lists where it is used"
    intro = page(site, "reading/introduction")
    assert intro.css_first("#sn-second-bargain") is not None


def test_references_and_how_to_cite(built: dict[str, SiteCopy]) -> None:
    refs = page(built["full"], "references")
    assert refs.css_first("#ref-walt-1987").text().startswith("Walt, S. M. (1987).")
    cite = page(built["full"], "how-to-cite")
    assert "(Example, 2001, pp. 101–102)" in cite.body.text()
    assert "@article{example-2001," in cite.body.text()


def _digests(out: Path) -> dict[str, str]:
    return {rel: digest for rel, (digest, _) in snapshot(out).items() if digest}


def test_builds_are_byte_identical(shared: Shared, tmp_path: Path) -> None:
    # Two builds from two copies in two places: the session's shared one and one of our own.
    one = shared.fixture("full")
    two = copy_fixture(tmp_path / "two")
    assert two.build("--report", str(tmp_path / "two" / "report.json")) == 0
    for site in (one, two):
        sitemap = gzip.decompress((site.out / "sitemap.xml.gz").read_bytes()).decode()
        assert "<lastmod>2023-11-14</lastmod>" in sitemap  # from SOURCE_DATE_EPOCH
        json.loads((site.out / "search" / "search_index.json").read_text())
    digests = [_digests(one.out), _digests(two.out)]
    assert digests[0] == digests[1]
    assert "sitemap.xml.gz" in digests[0] and "search/search_index.json" in digests[0]


def test_summary_line_and_report(shared: Shared) -> None:
    site: SharedSite = shared.fixture("full")  # built with --report ROOT/report.json
    assert site.code == 0 and site.report is not None
    # Nothing on stderr but the warning the fixture asks for (a <script> in a note's body) and
    # the content bars, which the small invented site does not try to meet.
    assert site.stderr.splitlines() == [f"warning: {SCRIPT_REMOVED.format(notes=site.notes)}"] + [
        f"warning: {f}" for f in content_findings(load_notes(site.notes))
    ]
    out = site.stdout.splitlines()
    # The link count follows the pages' markup and the time the machine: both are masked.
    summary = re.sub(r"\d+ links checked, (.*), \d+\.\d s$", r"N links checked, \1, T s", out[-1])
    assert summary == f"built {site.out}: full edition: 10 pages, 10 notes anchored, " + (
        f"N links checked, {1 + len(content_findings(load_notes(site.notes)))} warnings, T s"
    )
    data = json.loads(site.report.read_text())
    counts = next(v for k, v in data["drift"].items() if k.endswith("introduction.yml"))
    assert counts == {"anchored": 7, "ambiguous": 0, "orphaned": 0, "overlapping": 0}
    hedge = next(n for n in data["notes"] if n["id"] == "hedge")
    assert hedge | {"file": "-"} == {
        "id": "hedge", "file": "-", "line": 24, "paragraph": "intro-2", "status": "anchored",
        "start": 219, "end": 240, "page": 102, "number": 4,
    }  # fmt: skip
    # Problems and warnings as objects, each with its file and line (the build's own lines).
    assert data["problems"] == []
    removed = next(w for w in data["warnings"] if "removed <script>" in w["message"])
    assert removed == {
        "file": f"{site.notes}/annotations/introduction.yml", "line": 6, "column": None,
        "message": SCRIPT_REMOVED.split(":6: ", 1)[1], "severity": "warning",
    }  # fmt: skip
    keys = {"file", "line", "column", "message", "severity"}
    assert all(set(w) == keys for w in data["warnings"])


def test_only_changed_files_are_staged(shared: Shared, tmp_path: Path) -> None:
    site = copy_built(shared.fixture("full"), tmp_path / "s")  # built once, with its stage
    staged = site.root / "stage" / "glossary.md"
    before = staged.stat().st_mtime_ns
    assert site.build() == 0
    assert staged.stat().st_mtime_ns == before


# --- fault injection: the build fails naming the fault, and the last good site survives ---------


def _good_site(shared: Shared, tmp_path: Path) -> tuple[SiteCopy, bytes]:
    site = copy_built(shared.fixture("full"), tmp_path / "s")  # a last good build of our own
    return site, (site.out / "reading" / "introduction" / "index.html").read_bytes()


FAULTS = [
    pytest.param(
        "docs/index.md",
        "(glossary.md#hedging)",
        "(glossary.md#hedgehog)",
        'error: {docs}/index.md:4: broken link "glossary.md#hedgehog": glossary.md has no anchor '
        '"#hedgehog"',
        id="markdown-anchor",
    ),
    pytest.param(
        "docs/index.md",
        "(reading/introduction.md)",
        "(reading/introductions.md)",
        'error: {docs}/index.md:3: broken link "reading/introductions.md": no such page',
        id="markdown-link",
    ),
    pytest.param(
        "docs/index.md",
        "A small site",
        '<a href="glossary/#nowhere">raw</a> A small site',
        'error: {out}/index.html: broken link "glossary/#nowhere": glossary/index.html has no '
        'anchor "#nowhere"',
        id="raw-html-anchor",
    ),
    pytest.param(
        "notes/annotations/rivers.yml",
        "phrase: the dry summer of 1998",
        "phrase: the wet summer of 1998",
        'error: {notes}/annotations/rivers.yml:3: phrase "the wet summer of 1998" not found in '
        'rivers-1; nearest (0.86): "the dry summer of 1998"',
        id="phrase",
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), FAULTS)
def test_fault_fails_the_build_and_keeps_the_last_site(
    shared: Shared,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    rel: str,
    old: str,
    new: str,
    expected: str,
) -> None:
    site, good = _good_site(shared, tmp_path)
    capsys.readouterr()
    site.edit(rel, old, new)
    assert site.build() == 1
    err = capsys.readouterr().err
    line = expected.format(docs=site.docs, notes=site.notes, out=site.out)
    assert line in err.splitlines(), err
    assert f"build failed (1 problem); {site.out} was left as it was" in err.splitlines()
    assert (site.out / "reading" / "introduction" / "index.html").read_bytes() == good
    assert not list(site.root.glob(".out.new-*")), "the temporary build is cleaned up"


@pytest.mark.parametrize("level", [logging.DEBUG, logging.ERROR])
def test_anchor_check_holds_whatever_the_log_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], level: int
) -> None:
    # MkDocs skips anchor validation at DEBUG (-v) and never counts warnings above WARNING (-q).
    site = copy_fixture(tmp_path / "s")
    site.edit("docs/index.md", "(glossary.md#hedging)", "(glossary.md#hedgehog)")
    logger = logging.getLogger("mkdocs")
    saved = logger.level
    logger.setLevel(level)
    try:
        assert site.build() == 1
    finally:
        logger.setLevel(saved)
    errors = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error: ")]
    assert errors == [
        f'error: {site.docs}/index.md:4: broken link "glossary.md#hedgehog": glossary.md has no '
        'anchor "#hedgehog"'
    ]


@pytest.mark.parametrize("with_text", [True, False], ids=["against-the-text", "fingerprints"])
def test_companion_leak_guard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], with_text: bool
) -> None:
    """With the text or, in a clone without it, with the committed fingerprints only."""
    site = copy_fixture(tmp_path / "s")
    copied = "The argument runs as follows. A small upstream state holds one asset that larger"
    site.edit("notes/article.yml", "Water is the small state's asset", copied)
    assert site.build("--edition", "companion", source=with_text) == 1
    errors = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error: ")]
    assert errors == [
        f"error: {where}: the companion edition repeats 12 or more words of the article: "
        '"the argument runs as follows a small upstream state holds one asset"; '
        "say it in your own words"
        for where in (
            "generated reading/introduction.md",
            "reading/introduction/index.html",
            "search/search_index.json",
        )
    ]
    assert not site.out.exists()


def test_a_companion_build_without_fingerprints_says_it_was_not_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_fixture(tmp_path / "s")
    (site.root / "article-fingerprints.txt").unlink()
    assert site.build(source=False) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"warning: {site.root}/article-fingerprints.txt: no fingerprints of the article, so this "
        "companion edition was not checked for its text; make them with "
        "`scripts/build.py fingerprint PATH`"
    )


def test_out_that_is_not_a_site_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_fixture(tmp_path / "s")
    site.out.mkdir()
    (site.out / "precious.txt").write_text("keep me")
    assert site.build() == 2
    errors = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error: ")]
    assert errors == [f"error: {site.out} exists and is not a built site; refusing to replace it"]
    assert (site.out / "precious.txt").read_text() == "keep me"


def test_the_installed_command_is_the_build_script() -> None:
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
    assert project["project"]["scripts"] == {"annotated-reading": "annotated.cli:main"}


def test_a_second_build_formats_no_citation_again(
    shared: Shared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotated import citations

    site = copy_built(shared.fixture("full"), tmp_path / "s")  # built once, with its cache
    assert (site.root / "cache" / "citeproc.json").is_file()  # beside the stage
    monkeypatch.setattr(citations, "_bibliography", lambda *a: pytest.fail("citeproc called"))
    assert site.build() == 0


def test_a_second_full_build_reads_the_kept_word_list_not_wordfreq(
    shared: Shared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotated.ingest import wordlist

    first = shared.fixture("full")
    site = copy_built(first, tmp_path / "s")  # built once: the word list is in its cache
    monkeypatch.setattr(wordlist, "_bins", lambda: pytest.fail("wordfreq's list read"))
    wordlist.words.cache_clear()
    assert site.build() == 0
    assert _digests(site.out) == _digests(first.out)


@pytest.mark.parametrize("edition", ["full", "companion"])
def test_the_site_has_the_modes_a_web_server_can_read(
    built: dict[str, SiteCopy], edition: str
) -> None:
    """Built in a private temporary folder (mkdtemp: 0700) and renamed into place, the site must
    still come out as mkdir and open would make it under the user's umask (0755 / 0644 under
    022): copied with `cp -a` or `rsync -a` to a server running as another user, 0700 is 403."""
    umask = os.umask(0)
    os.umask(umask)
    out = built[edition].out
    modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in out.rglob("*")}
    modes["."] = out.stat().st_mode & 0o777
    dirs = {0o777 & ~umask}
    files = {0o666 & ~umask}
    wrong = {
        rel: oct(mode)
        for rel, mode in modes.items()
        if mode not in (dirs if (out / rel).is_dir() else files)
    }
    assert not wrong
