"""your_copy: the files the own-copy reader needs, from the invented fixture's notes."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest

from annotated import article_copy, your_copy
from annotated.ingest.wordlist import wordlist_bytes
from annotated.notes import load_notes
from annotated.pages import with_previews
from annotated.pages.markup import layout
from annotated.pages.reading import _body, _meta, body_shells, epigraph_langs
from annotated.pages.shells import fill
from annotated.site import Site
from site_helpers import FIXTURE, REPO, copy_fixture


@pytest.fixture(scope="module")
def notes():
    return load_notes(FIXTURE / "notes")


@pytest.fixture
def pdfjs(tmp_path: Path) -> Path:
    for src in your_copy.PDFJS_FILES:
        (tmp_path / src).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / src).write_bytes(f"contents of {src}".encode())
    return tmp_path


def data_of(out: your_copy.OwnCopyFiles) -> dict:
    return json.loads(out.files["assets/your-copy/data.json"])


def test_the_reader_gets_every_note_with_the_full_editions_own_fragments(notes, pdfjs) -> None:
    data = data_of(your_copy.site_files(notes, pdfjs))
    site = Site(notes)
    assert [n["id"] for n in data["notes"]] == [ln.id for ln in notes.notes]
    for ln, got in zip(notes.notes, data["notes"], strict=True):
        assert got["paragraph"] == ln.paragraph
        assert (got["phrase"], got["before"], got["after"], got["occurrence"]) == (
            ln.note.phrase, ln.note.before, ln.note.after, ln.note.occurrence,
        )  # fmt: skip
        m = layout("reading")
        assert got["mark_open"] == str(m.mark_open(ln.id, ln.note.kind, ln.note.lang or ""))
        page_md = site.block_page[ln.paragraph]
        body, meta = _body(ln, site, page_md), _meta(ln, site, page_md)
        for number in (1, 7, 12):
            want = with_previews(str(m.note_after(ln.id, number, ln.note.kind, body, meta)))
            assert fill(got["note_after"], number=number) == want
    shells = data["shells"]
    assert shells == json.loads(json.dumps(dataclasses.asdict(body_shells(epigraph_langs(notes)))))
    assert fill(shells["page_turn"], page=254) == str(layout("reading").page_turn(254))
    assert fill(shells["footnote_marker"], marker="3") == str(m.footnote_marker("3"))
    assert data["structure"] == notes.structure.model_dump(mode="json")
    assert data["pages"] == {
        "front-matter": "reading/front-matter.md",
        "introduction": "reading/introduction.md",
        "rivers": "reading/rivers.md",
    }


def test_pdfjs_and_the_word_list_are_served_from_the_site(notes, pdfjs) -> None:
    out = your_copy.site_files(notes, pdfjs)
    assert out.warnings == []
    assert sorted(out.files) == [
        "assets/your-copy/data.json",
        "assets/your-copy/pdfjs/LICENSE",
        "assets/your-copy/pdfjs/pdf.min.mjs",
        "assets/your-copy/pdfjs/pdf.worker.min.mjs",
        "assets/your-copy/words.gz",
    ]
    assert out.files["assets/your-copy/pdfjs/pdf.min.mjs"] == b"contents of build/pdf.min.mjs"
    assert data_of(out)["pdf"] == {"lib": "pdfjs/pdf.min.mjs", "worker": "pdfjs/pdf.worker.min.mjs"}
    assert out.files["assets/your-copy/words.gz"] == wordlist_bytes()
    assert gzip.decompress(out.files["assets/your-copy/words.gz"])


def test_without_pdfjs_the_build_says_so_in_one_line_and_the_reader_knows(notes, tmp_path) -> None:
    out = your_copy.site_files(notes, tmp_path / "no-node-modules")
    assert [(str(w), w.severity) for w in out.warnings] == [
        (
            "pdf.js is not installed (run npm ci): the own-copy reader of this site reads pasted "
            "text only, and its panel says that PDFs are left out",
            "warning",
        )
    ]
    assert not any("pdfjs" in f for f in out.files)
    assert data_of(out)["pdf"] is None


def test_the_files_are_the_same_bytes_every_time(notes, pdfjs, tmp_path) -> None:
    first = your_copy.site_files(notes, pdfjs, tmp_path / "cache")
    again = your_copy.site_files(notes, pdfjs, tmp_path / "cache")  # the word list from the cache
    assert first.files == again.files
    assert [p.name.startswith("words-") for p in (tmp_path / "cache").iterdir()] == [True]


def test_the_loader_every_page_carries_stays_under_a_kilobyte() -> None:
    """Pages that do not use the feature carry at most 1 KB more: the loader, as the built site
    serves it (minified by the minify hook: docs/ keeps its comments), and its tag. (What it
    imports, page.js and storage.js, every page loads for sidenotes.js anyway.)"""
    from annotated.minify import MINIFIED, MINIFIERS

    path = "assets/your-copy/loader.js"
    assert path in MINIFIED
    loader = MINIFIERS[".js"]((REPO / "docs" / path).read_text(encoding="utf-8")).encode("utf-8")
    tag = b'<script type="module" src="../assets/your-copy/loader.js"></script>'
    assert len(gzip.compress(loader, 9)) + len(tag) <= 1024


@pytest.fixture
def no_copy_given(monkeypatch):
    """The companion edition: no article's text from the environment or the default path."""
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", Path("/nonexistent/article.txt"))


def test_the_build_puts_the_reader_into_the_site(
    tmp_path: Path, pdfjs: Path, monkeypatch, no_copy_given
) -> None:
    monkeypatch.setattr(your_copy, "PDFJS", pdfjs)
    site = copy_fixture(tmp_path / "s")
    assert site.build(source=False) == 0
    # Beside the reader's scripts, which docs/assets/your-copy/ holds (the fixture has none).
    served = site.out / "assets" / "your-copy"
    for name in ("data.json", "words.gz", "pdfjs/pdf.min.mjs", "pdfjs/pdf.worker.min.mjs"):
        assert (served / name).is_file(), name


def test_without_pdfjs_the_build_succeeds_and_says_so_in_one_line(
    tmp_path: Path, monkeypatch, capsys, no_copy_given
) -> None:
    monkeypatch.setattr(your_copy, "PDFJS", tmp_path / "no-node-modules")
    site = copy_fixture(tmp_path / "s")
    assert site.build(source=False) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"warning: {your_copy.LEFT_OUT}" in err
    assert not (site.out / "assets" / "your-copy" / "pdfjs").exists()
