"""What the build makes for "Keep this reading on this device" (annotated.offline, written by the
annotated.post_build hook): the precache list of every file with revisions that follow their
bytes, the service worker over it with Workbox served from the site, the manifest and icons, and
a build that still succeeds without node_modules and says so in one line."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct
import zlib
from pathlib import Path

import pytest

from annotated.offline import icons, manifest, precache, worker
from site_helpers import REPO, SiteCopy, copy_fixture


def test_every_file_is_listed_once_with_a_revision_that_follows_its_bytes() -> None:
    files = {"b/index.html": b"<p>b</p>", "a.css": b"x", "sw.js": b"self", "a.js.map": b"{}"}
    first = precache.entries(files)
    assert [e.url for e in first] == ["a.css", "b/index.html"]
    again = precache.entries({**files, "a.css": b"y"})
    assert first[0].revision != again[0].revision
    assert first[1] == again[1]
    assert precache.entries(files, ("b/",)) == first[:1]


def test_the_worker_precaches_the_list_with_workbox_from_the_site() -> None:
    entries = precache.entries({"index.html": b"home", "x/y.js": b"1"})
    text = worker.service_worker(entries)
    assert text.count("importScripts(") == 1
    assert 'importScripts("assets/own-layer/workbox/workbox-sw.js")' in text
    assert 'modulePathPrefix: "assets/own-layer/workbox/"' in text
    listed = json.loads(re.search(r"precacheAndRoute\((\[.*?\])", text, re.S).group(1))
    assert listed == [{"url": e.url, "revision": e.revision} for e in entries]
    # A new build takes over only when told (offline.mjs), never by itself.
    assert "skipWaiting()" in text and 'event.data === "skip-waiting"' in text
    assert "clientsClaim" not in text


def _pixels(png: bytes) -> tuple[int, bytes]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + data) == crc, kind
        if kind == b"IHDR":
            size = struct.unpack(">II", data[:8])[0]
        if kind == b"IDAT":
            idat += data
        pos += 12 + length
    return size, zlib.decompress(idat)


@pytest.mark.parametrize("size", [192, 512])
def test_the_icons_are_real_pngs_of_their_size(size: int) -> None:
    got, raw = _pixels(icons.icon(size))
    assert got == size and len(raw) == size * (3 * size + 1)
    row = size * (3 * size + 1) // size
    corner = raw[1:4]
    middle = raw[(size // 2) * row + 1 + 3 * (size // 2 - size // 8) :][:3]
    assert corner == bytes(icons.INDIGO) and middle != corner


# The icons' bytes as first drawn pixel by pixel: drawing faster must not change one of them.
ICON_SHA256 = {
    192: "c5f9f92c87383863f3ff4694d3634e79721a2f936dff2fc86aede67aadad7b01",
    512: "07b534f590525537b0b01b4a9f00ff4ca0ed2aeee87c1103dcb2a95c6c9642ba",
}


@pytest.mark.parametrize("size", [192, 512])
def test_the_icons_bytes_are_unchanged(size: int) -> None:
    assert hashlib.sha256(icons.icon(size)).hexdigest() == ICON_SHA256[size]


@pytest.mark.parametrize("size", [7, 50, 192])
def test_the_icon_drawn_by_bands_is_the_icon_drawn_pixel_by_pixel(size: int) -> None:
    _, raw = _pixels(icons.icon(size))
    centre = [(i + 0.5) / size for i in range(size)]
    slow = b"".join(b"\x00" + bytes(c for x in centre for c in icons.pixel(x, y)) for y in centre)
    assert raw == slow


def test_the_manifest_names_the_site_and_its_icons() -> None:
    data = json.loads(
        manifest.web_manifest("Annotated reading: X", "Annotated reading", "d", {"i.png": 192})
    )
    assert data["start_url"] == "./" and data["scope"] == "./" and data["display"] == "standalone"
    assert data["icons"] == [
        {"src": "i.png", "sizes": "192x192", "type": "image/png", "purpose": "any maskable"}
    ]


def _with_the_project_theme(site: SiteCopy) -> SiteCopy:
    """The fixture's config with the project's overrides (the policy) and its post-build hook."""
    text = site.config.read_text(encoding="utf-8")
    text = text.replace(
        "theme:\n  name: material\n",
        f"theme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n",
    )
    site.config.write_text(
        text + f"hooks:\n  - {REPO / 'scripts/annotated/post_build.py'}\n", encoding="utf-8"
    )
    return site


def test_the_built_site_lists_every_file_it_serves(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    if worker.vendored() is None:
        pytest.skip("node_modules has no Workbox (npm ci)")
    site = _with_the_project_theme(copy_fixture(tmp_path / "s"))
    assert site.build(source=False) == 0
    text = (site.out / "sw.js").read_text(encoding="utf-8")
    listed = json.loads(re.search(r"precacheAndRoute\((\[.*?\])", text, re.S).group(1))
    served = precache.read_site(site.out)
    expected = precache.entries(served, ("assets/javascripts/lunr/",))
    assert listed == [{"url": e.url, "revision": e.revision} for e in expected]
    urls = {e["url"] for e in listed}
    assert {"index.html", "manifest.webmanifest", "search/search_index.json"} <= urls
    assert "assets/own-layer/workbox/workbox-precaching.prod.js" in urls
    data = json.loads((site.out / "manifest.webmanifest").read_text(encoding="utf-8"))
    for icon in data["icons"]:
        assert (site.out / icon["src"]).is_file()


def test_without_workbox_the_build_succeeds_and_says_so_in_one_line(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(worker, "NODE_MODULES", tmp_path / "no-node-modules")
    site = _with_the_project_theme(copy_fixture(tmp_path / "s"))
    assert site.build(source=False) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"warning: {worker.LEFT_OUT}" in err
    assert not (site.out / "sw.js").exists()
    assert (site.out / "manifest.webmanifest").is_file()


def test_a_page_that_does_not_use_the_layer_carries_under_1_kb_more() -> None:
    """Every page loads boot.js (minified in the site by the minify hook) by one script tag;
    the rest of the layer, the worker and the manifest load only when the student uses them."""
    from annotated import minify

    path = "assets/own-layer/boot.js"
    script = (REPO / "docs" / path).read_text(encoding="utf-8")
    assert path in minify.MINIFIED
    minified = minify.MINIFIERS[".js"](script).encode("utf-8")
    tag = f'<script src="../../{path}" defer></script>\n'.encode()
    extra = len(gzip.compress(minified, 9)) + len(tag)
    assert extra < 1024, f"{extra} bytes"
    main = (REPO / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "manifest.webmanifest" not in main and "sw.js" not in main
