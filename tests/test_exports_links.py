"""The exports' links to the site are checked against a built site, like the pages' own links."""

from __future__ import annotations

from pathlib import Path

from annotated.exports import export_all, links
from exports_helpers import FIXTURE_URL, fixture


def built(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "reading" / "introduction").mkdir(parents=True)
    (site / "index.html").write_text("<p id='top'>home</p>", encoding="utf-8")
    (site / "reading" / "introduction" / "index.html").write_text(
        "<p id='intro-1'>a</p><li id='sn-x'>b</li>", encoding="utf-8"
    )
    return site


def test_every_link_to_the_site_is_found_once_per_file() -> None:
    files = {
        "exports/a.json": f'"{FIXTURE_URL}reading/introduction/#sn-x" "{FIXTURE_URL}"'.encode(),
        "exports/b.txt": f'<a href\\="{FIXTURE_URL}reading/introduction/\\#intro-1">'.encode(),
    }
    assert links.site_links(files, FIXTURE_URL) == [
        ("exports/a.json", f"{FIXTURE_URL}reading/introduction/#sn-x"),
        ("exports/a.json", FIXTURE_URL),
        ("exports/b.txt", f"{FIXTURE_URL}reading/introduction/"),
    ]


def test_broken_links_name_the_export_and_the_target(tmp_path: Path) -> None:
    files = {
        "exports/a.json": (
            f'"{FIXTURE_URL}reading/introduction/#sn-x" "{FIXTURE_URL}reading/introduction/#sn-y" '
            f'"{FIXTURE_URL}glossary/#hedging"'
        ).encode()
    }
    checked, problems = links.check(files, built(tmp_path), FIXTURE_URL)
    assert checked == 3
    assert [str(p) for p in problems] == [
        f'exports/a.json: broken link "{FIXTURE_URL}reading/introduction/#sn-y": '
        'reading/introduction/index.html has no anchor "#sn-y"',
        f'exports/a.json: broken link "{FIXTURE_URL}glossary/#hedging": '
        "no page glossary/index.html",
    ]


def test_links_inside_the_qti_zip_are_found() -> None:
    files = export_all(fixture("companion"))
    qti = [u for f, u in links.site_links(files, FIXTURE_URL) if f.endswith(".zip")]
    # The question text is escaped XML there: a link ends where its markup does.
    assert f"{FIXTURE_URL}reading/introduction/#intro-1" in qti
    assert not any("&" in u or "<" in u for u in qti)


def test_without_a_site_url_nothing_is_taken_for_a_link() -> None:
    assert links.site_links({"exports/a.json": b'"reading/introduction/"'}, "") == []
