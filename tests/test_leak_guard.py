"""No file tracked by git holds a run of 12 or more consecutive words of the article's text, and
the committed fingerprints are those of the article (so that builds without it still check).

The article is copyrighted: short quoted anchors are fine, its prose is not. The check is the
project's own (annotated.leakguard), over `git ls-files`, against the text ARTICLE_SOURCE names.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from annotated.ingest import ingest_file
from annotated.leakguard import find_leaks, make_fingerprints, read_fingerprints

REPO = Path(__file__).resolve().parent.parent
TEXT_SUFFIXES = {".py", ".md", ".yml", ".yaml", ".txt", ".json", ".js", ".mjs", ".css", ".html"}


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
