"""The note record (annotated.anchor_record, notes/anchors.lock.json): numbers and salted hashes
only, made from the text, read without it; the project's record is current."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from annotated.anchor_record import (
    RECORD,
    Place,
    make_record,
    places_of,
    read_record,
    recorded,
    stale,
)
from annotated.anchors import anchor, normalise_phrase
from annotated.cli import main
from annotated.ingest import ingest_file
from annotated.notes import load_notes
from site_helpers import FIXTURE, NOTES, copy_fixture

REAL = Path(os.environ.get("ARTICLE_SOURCE") or "/nonexistent/article.txt")


def _fixture_places() -> tuple[object, dict[str, Place]]:
    notes = load_notes(FIXTURE / "notes")
    article = ingest_file(FIXTURE / "article.txt", FIXTURE / "notes")
    return notes, places_of(anchor(article, notes), article)


def test_the_record_round_trips_and_holds_numbers_and_hashes_only(tmp_path: Path) -> None:
    notes, places = _fixture_places()
    record = make_record(notes, places, "10.5555/x", "00" * 16)  # type: ignore[arg-type]
    path = tmp_path / RECORD
    path.write_text(record.text(), encoding="utf-8")
    assert read_record(path) == record
    data = json.loads(record.text())
    for entry in data["notes"].values():
        assert set(entry) == {"block", "start", "end", "pages", "phrase", "placing"}
        assert all(isinstance(n, int) for n in [entry["start"], entry["end"], *entry["pages"]])
        assert len(entry["phrase"]) == 16 and int(entry["phrase"], 16) >= 0
    # No phrase of any note is in the record, only its hash (the ids are the notes' own).
    phrases = [normalise_phrase(ln.note.phrase) for ln in notes.notes]  # type: ignore[attr-defined]
    text = record.text().replace(" ", "")
    assert not [p for p in phrases if len(p.split()) > 1 and p.replace(" ", "") in text]


def test_the_same_phrase_hashes_alike_and_the_salt_changes_every_hash() -> None:
    notes, places = _fixture_places()
    a = make_record(notes, places, "d", "a" * 32)  # type: ignore[arg-type]
    b = make_record(notes, places, "d", "b" * 32)  # type: ignore[arg-type]
    # "a bargain" is the phrase of two notes (told apart by before/after).
    assert a.notes["a-bargain"].phrase == a.notes["second-bargain"].phrase
    assert a.notes["a-bargain"].placing != a.notes["second-bargain"].placing
    assert not {e.phrase for e in a.notes.values()} & {e.phrase for e in b.notes.values()}


def test_a_place_across_a_page_turn_has_both_pages() -> None:
    _, places = _fixture_places()
    assert places["water-over-arms"].pages == [101, 102]
    assert places["water-over-arms"].pages_label == "pp. 101–102"
    assert places["water-treaty"].pages_label == "p. 101"


def test_the_committed_fixture_record_is_current() -> None:
    notes, places = _fixture_places()
    path = FIXTURE / "notes" / RECORD
    old = read_record(path)
    fresh = make_record(notes, places, old.doi, old.salt)  # type: ignore[arg-type]
    assert stale(old, fresh, notes, path) == []  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == fresh.text()


def test_the_projects_record_places_every_note_without_the_text() -> None:
    """What a clone, CI or the Pages workflow (no text) relies on: every note of notes/ is in
    notes/anchors.lock.json, its phrase as checked against the text."""
    notes = load_notes(NOTES)
    got = recorded(read_record(NOTES / RECORD), notes, NOTES / RECORD)
    assert got.problems == [] and got.unchecked == []
    assert len(got.places) == len(notes.notes)
    # Note 1 of the introduction, "though not unexpected", stands on p. 253 (its paragraph runs
    # on to p. 254): the example that was reported.
    assert got.places["not-unexpected"].pages_label == "p. 253"


def test_a_mistyped_phrase_of_the_project_is_named_without_the_text(tmp_path: Path) -> None:
    shutil.copytree(NOTES, tmp_path / "notes")
    intro = tmp_path / "notes" / "annotations" / "introduction.yml"
    text = intro.read_text(encoding="utf-8")
    intro.write_text(text.replace("though not unexpected", "though not unexpectd"), "utf-8")
    notes = load_notes(tmp_path / "notes")
    got = recorded(read_record(tmp_path / "notes" / RECORD), notes, tmp_path / "notes" / RECORD)
    assert [(p.path.endswith("introduction.yml"), p.line) for p in got.problems] == [(True, 7)]
    assert got.problems[0].message.startswith(
        'phrase "though not unexpectd" changed since it was last checked against the article'
    )


def test_the_projects_record_is_current_against_the_text() -> None:
    if not REAL.is_file():
        pytest.skip(f"the article's text is not given (ARTICLE_SOURCE; looked at {REAL})")
    notes = load_notes(NOTES)
    article = ingest_file(REAL, NOTES)
    old = read_record(NOTES / RECORD)
    fresh = make_record(notes, places_of(anchor(article, notes), article), old.doi, old.salt)
    assert stale(old, fresh, notes, NOTES / RECORD) == []
    assert (NOTES / RECORD).read_text(encoding="utf-8") == fresh.text()


def test_record_writes_the_file_and_keeps_its_salt(tmp_path: Path, capsys) -> None:
    site = copy_fixture(tmp_path / "s")
    path = site.notes / RECORD
    salt = read_record(path).salt
    path.unlink()
    args = ["record", "--notes", str(site.notes), "--source", str(site.source)]
    assert main(args) == 0
    assert capsys.readouterr().out == (
        f"wrote {path}: 10 notes placed, numbers and salted hashes only\n"
    )
    assert read_record(path).notes.keys() == read_record(FIXTURE / "notes" / RECORD).notes.keys()
    assert read_record(path).salt != salt  # a new record, a new salt ...
    again = read_record(path).salt
    assert main(args) == 0
    assert read_record(path).salt == again  # ... kept when it is remade


def test_record_needs_the_text(tmp_path: Path, monkeypatch, capsys) -> None:
    from annotated import article_copy

    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")
    assert main(["record", "--notes", str(FIXTURE / "notes")]) == 2
    assert capsys.readouterr().err == (
        "error: the note record is made from the article's text: give --source PATH, set "
        f"ARTICLE_SOURCE, or put it at {tmp_path / 'none.txt'}\n"
    )


def test_a_build_for_publishing_refuses_a_note_never_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Locally a warning (the page falls back to the paragraph's); for publishing, an error."""
    from annotated import article_copy

    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")
    site = copy_fixture(tmp_path / "s")
    site.edit("notes/annotations/introduction.yml", "    id: hedge\n", "    id: hedge-short\n")
    assert site.build("--edition", "companion", source=False) == 0
    err = capsys.readouterr().err
    assert 'note "hedge-short" not yet checked against the article' in err
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/t/")
    monkeypatch.setenv("REPO_URL", "https://github.com/someone/t")
    assert site.build("--edition", "companion", "--publish", source=False) == 1
    errors = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error:")]
    assert errors == [
        f'error: {site.notes}/annotations/introduction.yml:24: note "hedge-short" not yet '
        f"checked against the article ({site.notes}/anchors.lock.json has no place for them): "
        "their pages are their paragraphs'; with a copy, run "
        "`scripts/build.py record --source PATH`"
    ]
