"""The leak guard (annotated.leakguard): no run of 12 words of the article's text, in a companion
edition's pages (the guard's functions, over an invented source) nor in any file tracked by git
(the guard over the real text, which ARTICLE_SOURCE names; the committed fingerprints are its).
The article is copyrighted: short quoted anchors are fine, its prose is not.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from annotated import leakguard
from annotated.errors import InputError
from annotated.ingest import ingest_file
from annotated.leakguard import (
    Checked,
    find_fingerprinted,
    find_leaks,
    html_text,
    make_fingerprints,
    read_fingerprints,
    words,
)

REPO = Path(__file__).resolve().parent.parent
TEXT_SUFFIXES = {".py", ".md", ".yml", ".yaml", ".txt", ".json", ".js", ".mjs", ".css", ".html"}

SOURCE = (
    "Rulers who control the water can offer it, or threaten to withhold it, and so hedge "
    "between patrons without choosing one for good."
)


@pytest.mark.parametrize(
    ("output", "leaks"),
    [
        ("Rulers who control the water can offer it, or threaten to", []),  # 11 words
        ("Rulers who control the water can offer it, or threaten to withhold", ["out"]),
        ("RULERS who control the water — can offer it; or threaten to withhold it!", ["out"]),
        ("In our words: rulers trade water for support.", []),
    ],
)
def test_twelve_words_in_a_row_leak(output: str, leaks: list[str]) -> None:
    assert [leak.where for leak in find_leaks([SOURCE], {"out": output})] == leaks


def test_the_leak_is_named() -> None:
    (leak,) = find_leaks([SOURCE], {"page.html": "x " + SOURCE})
    assert leak.words == "rulers who control the water can offer it or threaten to withhold"


def test_words_are_normalised_like_the_project_leak_check() -> None:
    assert words("Tashkent’s with-\ndrawal, fi rst") == ["tashkent's", "withdrawal", "first"]


def test_html_text_skips_scripts_and_styles() -> None:
    html = "<html><head><style>p{}</style></head><body><p>One</p><script>two()</script></body>"
    assert html_text(html).split() == ["One"]


@pytest.mark.parametrize(
    ("output", "found"),
    [
        ("Rulers who control the water can offer it, or threaten to", []),
        ("x RULERS who control the water can offer it, or threaten to withhold", ["out"]),
    ],
)
def test_fingerprints_find_what_the_text_finds(output: str, found: list[str]) -> None:
    prints = make_fingerprints([SOURCE], salt="s")
    assert [leak.where for leak in find_fingerprinted(prints, {"out": output})] == found


def test_texts_found_clean_are_not_checked_again_and_leaks_always_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prints = make_fingerprints([SOURCE], salt="s")
    outputs = {"clean": "In our words: rulers trade water for support.", "leak": "x " + SOURCE}
    path = tmp_path / "cache" / "leakguard.json"
    first = Checked.load(path)
    assert [leak.where for leak in find_fingerprinted(prints, outputs, first)] == ["leak"]
    first.save(path)
    seen: list[str] = []
    monkeypatch.setattr(leakguard, "words", lambda text: seen.append(text) or words(text))
    again = Checked.load(path)
    assert [leak.where for leak in find_fingerprinted(prints, outputs, again)] == ["leak"]
    assert seen == [outputs["leak"]]
    # Other fingerprints, or another version of the guard: every text is checked again.
    other = make_fingerprints([SOURCE], salt="t")
    seen.clear()
    find_fingerprinted(other, outputs, Checked.load(path))
    assert seen == [outputs["clean"], outputs["leak"]]
    seen.clear()
    monkeypatch.setattr(leakguard, "_checker", lambda: b"a changed guard")
    find_fingerprinted(prints, outputs, Checked.load(path))
    assert seen == [outputs["clean"], outputs["leak"]]


def test_the_texts_found_clean_keep_only_this_builds(tmp_path: Path) -> None:
    prints = make_fingerprints([SOURCE], salt="s")
    path = tmp_path / "leakguard.json"
    checked = Checked()
    find_fingerprinted(prints, {"a": "one text", "b": "another text"}, checked)
    checked.save(path)
    checked = Checked.load(path)
    find_fingerprinted(prints, {"a": "one text"}, checked)
    checked.save(path)
    assert len(Checked.load(path).clean) == 1
    path.write_text("{not json", encoding="utf-8")
    assert Checked.load(path) == Checked()


def test_fingerprints_round_trip_and_hold_no_words(tmp_path: Path) -> None:
    prints = make_fingerprints([SOURCE])
    path = tmp_path / "prints.txt"
    path.write_text(prints.text(), encoding="utf-8")
    assert read_fingerprints(path) == prints
    assert len(prints.hashes) == len(words(SOURCE)) - 11
    assert not {w for w in words(SOURCE) if len(w) > 3} & set(words(path.read_text()))


def test_the_same_salt_gives_the_same_fingerprints() -> None:
    assert make_fingerprints([SOURCE], "a") == make_fingerprints([SOURCE], "a")
    assert make_fingerprints([SOURCE], "a").hashes != make_fingerprints([SOURCE], "b").hashes


def test_a_run_is_hashed_as_the_committed_fingerprints_were() -> None:
    # article-fingerprints.txt was written with this definition; a faster hashing must keep it.
    prints = make_fingerprints([SOURCE], "a")
    run = " ".join(words(SOURCE)[:12])
    expected = hashlib.sha256(("a\n" + run).encode("utf-8")).hexdigest()[:16]
    assert prints.digest_run(run) == prints.digest_run(run) == expected
    assert expected in prints.hashes


def test_a_file_that_is_not_fingerprints_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "prints.txt"
    path.write_text("hello\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_fingerprints(path)
    assert [p.message for p in e.value.problems] == [
        "not a fingerprint file; make it again with: scripts/build.py fingerprint PATH"
    ]


# ---- the repository itself, against the real text -----------------------------------------


def _tracked_texts() -> dict[str, str]:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git work tree (or git is not installed): no tracked files to check")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True)
    texts = {}
    for name in listed.stdout.decode().split("\0"):
        path = REPO / name
        if name and path.suffix in TEXT_SUFFIXES | {""} and path.is_file():
            texts[name] = path.read_text(encoding="utf-8", errors="replace")
    assert texts, "git ls-files listed nothing"
    return texts


@pytest.mark.source
def test_no_tracked_file_repeats_the_article(source_path: Path) -> None:
    article = ingest_file(source_path, None)
    title = f"{article.metadata.title}: {article.metadata.subtitle}"  # citing it is fine
    texts = [b.text for b in article.blocks]
    assert [leak.where for leak in find_leaks(texts, _tracked_texts(), allowed=[title])] == []


@pytest.mark.source
def test_the_committed_fingerprints_are_the_articles(source_path: Path) -> None:
    committed = read_fingerprints(REPO / "article-fingerprints.txt")
    article = ingest_file(source_path, None)
    title = f"{article.metadata.title}: {article.metadata.subtitle}"
    remade = make_fingerprints([b.text for b in article.blocks], committed.salt, [title])
    assert remade.hashes == committed.hashes, "run: scripts/build.py fingerprint YOUR-COPY"
