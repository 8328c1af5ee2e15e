"""The check of the built HTML: links, anchors, ids and references inside raw HTML."""

from __future__ import annotations

from pathlib import Path

from annotated.linkcheck import check_site


def write(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def messages(site: Path) -> list[str]:
    return [str(p) for p in check_site(site, "site").problems]


def test_a_clean_site(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<a href="glossary/#hedging">g</a><a href="#top" id="top">t</a>')
    write(
        tmp_path,
        "glossary/index.html",
        '<h2 id="hedging">H</h2><a href="../">home</a><a href="../index.html#top">top</a>'
        '<mark data-note="sn-a">a</mark><button aria-controls="sn-a">1</button>'
        '<span id="sn-a">note</span><a name="old-style"></a><a href="#old-style">o</a>',
    )
    report = check_site(tmp_path, "site")
    assert report.problems == []
    assert report.checked == 7


def test_broken_pages_anchors_and_references(tmp_path: Path) -> None:
    write(
        tmp_path,
        "reading/introduction/index.html",
        '<a href="../../glossary/#hedgehog">a</a><a href="../../nowhere/">b</a>'
        '<a href="#p999">c</a><mark data-note="sn-missing">m</mark>'
        '<button aria-controls="sn-gone">1</button><p id="x"></p><p id="x"></p>',
    )
    write(tmp_path, "glossary/index.html", '<h2 id="hedging">H</h2>')
    assert messages(tmp_path) == [
        'site/reading/introduction/index.html: duplicate id "x" on the page',
        'site/reading/introduction/index.html: broken link "../../glossary/#hedgehog": '
        'glossary/index.html has no anchor "#hedgehog"',
        'site/reading/introduction/index.html: broken link "../../nowhere/": no page '
        "nowhere/index.html",
        'site/reading/introduction/index.html: broken link "#p999": '
        'reading/introduction/index.html has no anchor "#p999"',
        'site/reading/introduction/index.html: data-note="sn-missing" points to no element on '
        "the page",
        'site/reading/introduction/index.html: aria-controls="sn-gone" points to no element on '
        "the page",
    ]


def test_external_links_are_listed_not_fetched(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.html",
        '<a href="https://example.org/b">b</a><a href="https://example.org/a">a</a>'
        '<a href="https://example.org/a">again</a><a href="mailto:x@example.org">m</a>',
    )
    report = check_site(tmp_path, "site")
    assert report.external == ["https://example.org/a", "https://example.org/b"]
    assert report.problems == [] and report.checked == 0


def test_the_404_page_is_not_checked(tmp_path: Path) -> None:
    # MkDocs writes 404.html with links relative to the site root, valid wherever it is served.
    write(tmp_path, "404.html", '<a href="/nowhere/">x</a>')
    assert messages(tmp_path) == []


def test_external_links_are_fetched_only_on_request(monkeypatch) -> None:
    import urllib.error
    import urllib.request

    from annotated.linkcheck import check_external

    class Answer:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            return None

    def fake(req, timeout):
        if "down" in req.full_url:
            raise urllib.error.URLError("no route to host")
        return Answer()

    monkeypatch.setattr(urllib.request, "urlopen", fake)
    problems = check_external(["https://example.org/up", "https://example.org/down"])
    assert [str(p) for p in problems] == [
        "https://example.org/down: external link does not answer: <urlopen error no route to host>"
    ]


def test_links_are_resolved_as_a_web_server_would(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (tmp_path / "outside.html").write_text("<p>not served</p>", encoding="utf-8")
    write(site, "index.html", '<a href="glossary">g</a><a href="./glossary/#hedging">h</a>')
    write(site, "glossary/index.html", '<h2 id="hedging">H</h2><a href="./../index.html">i</a>')
    write(site, "a/b.html", '<a href="../../outside.html">out</a>')
    write(site, "a-b.html", '<a href="a/missing.html">m</a>')
    report = check_site(site, "site")
    assert report.checked == 5
    # Pages in the order of their paths' parts (a/ before a-b.html); a link out of the site is
    # broken wherever the site is served, even where a file stands there on this disk.
    assert [str(p) for p in report.problems] == [
        'site/a/b.html: broken link "../../outside.html": no page ../outside.html',
        'site/a-b.html: broken link "a/missing.html": no page a/missing.html',
    ]
