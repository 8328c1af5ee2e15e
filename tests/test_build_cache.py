"""The build's cache files (annotated.build_cache): read back only when the same code made them,
nothing when missing or damaged, replaced whole."""

from __future__ import annotations

from pathlib import Path

from annotated import build_cache


def test_what_is_written_reads_back_only_for_its_maker(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "memo.json"
    build_cache.write(path, "maker 1", {"entries": {"k": "v"}})
    assert build_cache.read(path, "maker 1", lambda d: d["entries"]) == {"k": "v"}
    assert build_cache.read(path, "maker 2", lambda d: d["entries"]) is None
    assert [p.name for p in path.parent.iterdir()] == ["memo.json"]  # no temporary file left


def test_a_missing_damaged_or_misshapen_file_reads_as_nothing(tmp_path: Path) -> None:
    path = tmp_path / "memo.json"
    assert build_cache.read(path, "m", lambda d: d) is None
    path.write_text("{not json", encoding="utf-8")
    assert build_cache.read(path, "m", lambda d: d) is None
    build_cache.write(path, "m", {"entries": 3})
    assert build_cache.read(path, "m", lambda d: dict(d["entries"])) is None


def test_the_maker_changes_with_a_source_or_a_package_version(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text("one", encoding="utf-8")
    first = build_cache.made_by([source], ["markdown"])
    assert build_cache.made_by([source], ["markdown"]) == first
    assert build_cache.made_by([source], ["markdown", "nh3"]) != first
    source.write_text("two", encoding="utf-8")
    assert build_cache.made_by([source], ["markdown"]) != first
