"""The ingested article kept between builds (annotated.ingest.memo)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotated.article import Article
from annotated.errors import InputError
from annotated.ingest import pipeline
from annotated.ingest.memo import IngestMemo
from site_helpers import FIXTURE


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The fixture article (written for the tests) and its notes, in a folder of our own."""
    shutil.copy(FIXTURE / "article.txt", tmp_path / "article.txt")
    shutil.copytree(FIXTURE / "notes", tmp_path / "notes")
    return tmp_path


def _no_ingestion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "ingest_file", lambda *a: pytest.fail("ingested again"))


def test_the_article_comes_back_from_its_json_form_exactly(copy: Path) -> None:
    article = pipeline.ingest_file(copy / "article.txt", copy / "notes")
    assert article.blocks and any(b.page_breaks for b in article.blocks)
    back = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert back == article and back.to_dict() == article.to_dict()


def test_a_second_ingestion_of_the_same_text_comes_from_the_memo_through_its_file(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo, kept = IngestMemo(), copy / "cache" / "article.json"
    first = memo.ingest_file(copy / "article.txt", copy / "notes")
    assert first == pipeline.ingest_file(copy / "article.txt", copy / "notes")
    memo.save(kept)
    _no_ingestion(monkeypatch)
    again = IngestMemo.load(kept).ingest_file(copy / "article.txt", copy / "notes")
    assert again == first and again is not first
    again.blocks[0].pages.append(999)  # each use has its own copy
    assert IngestMemo.load(kept).ingest_file(copy / "article.txt", copy / "notes") == first


@pytest.mark.parametrize("changed", ["article.txt", "notes/article.yml"])
def test_a_changed_text_or_structure_map_is_ingested_again(copy: Path, changed: str) -> None:
    memo, calls = IngestMemo(), []

    def words() -> None:  # what ingestion asks first: so, once per ingestion
        calls.append(1)

    memo.ingest_file(copy / "article.txt", copy / "notes", words)
    with (copy / changed).open("a", encoding="utf-8") as f:
        f.write("\n# an edit\n" if changed.endswith(".yml") else "\nA sentence added.\n")
    memo.ingest_file(copy / "article.txt", copy / "notes", words)
    assert len(calls) == 2 and len(memo.entries) == 2


def test_a_text_that_cannot_be_ingested_is_refused_every_time(copy: Path) -> None:
    memo, bad = IngestMemo(), copy / "empty.txt"
    bad.write_text("", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError, match="file is empty"):
            memo.ingest_file(bad, copy / "notes")
    with pytest.raises(InputError, match="file not found"):
        memo.ingest_file(copy / "gone.txt", copy / "notes")
    assert memo.entries == {}


def test_an_empty_structure_map_gets_ingestions_own_message(copy: Path) -> None:
    (copy / "notes" / "article.yml").write_bytes(b"")
    with pytest.raises(InputError) as memo_error:
        IngestMemo().ingest_file(copy / "article.txt", copy / "notes")
    with pytest.raises(InputError) as own_error:
        pipeline.ingest_file(copy / "article.txt", copy / "notes")
    assert str(memo_error.value) == str(own_error.value)


def test_a_memo_made_by_other_code_reads_as_empty(copy: Path) -> None:
    kept = copy / "article.json"
    memo = IngestMemo()
    memo.ingest_file(copy / "article.txt", copy / "notes")
    memo.save(kept)
    data = json.loads(kept.read_text(encoding="utf-8"))
    kept.write_text(json.dumps({**data, "made_by": "other"}), encoding="utf-8")
    assert IngestMemo.load(kept).entries == {}


def test_the_preview_keeps_only_the_article_as_it_is_now(copy: Path) -> None:
    memo = IngestMemo()
    memo.ingest_file(copy / "article.txt", copy / "notes")
    memo.forget_unused()
    with (copy / "article.txt").open("a", encoding="utf-8") as f:
        f.write("\nA sentence added.\n")
    now = memo.ingest_file(copy / "article.txt", copy / "notes")
    memo.forget_unused()
    assert len(memo.entries) == 1
    assert Article.from_dict(json.loads(next(iter(memo.entries.values())))) == now
