"""The exports in a real build: staged with the generated pages, copied into the site, their links
checked against it, their sizes in the summary; the home and "Use it elsewhere" pages link to each
one, and from every page of the project's site Zotero's Connector saves the article (COinS)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from annotated import anchor_record, exports
from annotated.exports import Inputs, export_all
from annotated.notes import load_notes
from exports_helpers import FIXTURE_URL, project_notes
from site_helpers import Shared, copy_built, copy_fixture
from test_exports import PATHS
from test_exports_coins import ARTICLE, page_url, saved_item


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_fixture_build_writes_every_export(shared: Shared, tmp_path: Path) -> None:
    built = shared.fixture("companion")  # the session's companion build of the fixture
    assert built.code == 0, built.stderr
    notes = load_notes(built.notes)
    # Without the text, each note's pages come from the committed note record.
    record = built.notes / anchor_record.RECORD
    places = anchor_record.recorded(anchor_record.read_record(record), notes, record).places
    expected = export_all(Inputs(notes, FIXTURE_URL, "companion", places=places))
    assert sorted(expected) == sorted(PATHS)
    for path, data in expected.items():
        assert (built.out / path).read_bytes() == data
    assert exports.sizes(expected) in built.stdout.splitlines()
    first = {p: (built.out / p).read_bytes() for p in PATHS}
    site = copy_built(built, tmp_path / "fixture")  # built again over its last build
    assert site.build("--edition", "companion", source=False) == 0
    assert {p: (site.out / p).read_bytes() for p in PATHS} == first


def test_a_broken_link_in_an_export_fails_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_fixture(tmp_path / "fixture")
    real = exports.export_all

    def broken(inputs: Inputs) -> dict[str, bytes]:
        files = real(inputs)
        files["exports/annotations.jsonld"] += f'"{FIXTURE_URL}glossary/#no-such-term"'.encode()
        return files

    monkeypatch.setattr(exports, "export_all", broken)
    assert site.build("--edition", "companion", source=False) == 1
    err = capsys.readouterr().err
    assert (
        f'error: exports/annotations.jsonld: broken link "{FIXTURE_URL}glossary/#no-such-term": '
        'glossary/index.html has no anchor "#no-such-term"'
    ) in err.splitlines()
    assert not site.out.exists()  # nothing was replaced


def test_project_site_links_every_export_and_saves_the_article_from_every_page(
    shared: Shared,
) -> None:
    build = shared.project("companion")  # the session's build, shared with test_cli_real
    assert build.code == 0, build.stderr
    site = build.out
    for page in ("index.html", "use-elsewhere/index.html"):
        tree = LexborHTMLParser((site / page).read_text(encoding="utf-8"))
        hrefs = {a.attributes.get("href") or "" for a in tree.css("article a[href]")}
        prefix = "" if page == "index.html" else "../"
        assert {f"{prefix}{p}" for p in PATHS} <= hrefs, page
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    site_url = "https://example.org/annotated-reading/"  # mkdocs.yml's, for the page's own URL
    for page in pages:
        assert saved_item(page.read_text(encoding="utf-8"), page_url(site, page, site_url)) == (
            ARTICLE
        ), page
    assert project_notes().structure.metadata.doi in (site / PATHS[0]).read_text(encoding="utf-8")
