"""The build's date: SOURCE_DATE_EPOCH, else the last commit, else the newest input file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotated.build_date import newest_mtime, source_date_epoch


def test_the_environment_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234")
    assert source_date_epoch([tmp_path]) == "1234"


def test_without_git_the_newest_input_gives_the_date(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.chdir(tmp_path)  # not a git checkout
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "notes").mkdir()
    for name, when in (("notes/a.yml", 1_600_000_000), ("notes/b.yml", 1_700_000_000)):
        (tmp_path / name).write_text("x", encoding="utf-8")
        os.utime(tmp_path / name, (when, when))
    (tmp_path / "mkdocs.yml").write_text("x", encoding="utf-8")
    os.utime(tmp_path / "mkdocs.yml", (1_500_000_000, 1_500_000_000))
    assert source_date_epoch([Path("notes"), Path("mkdocs.yml")]) == "1700000000"


def test_no_inputs_give_zero(tmp_path: Path) -> None:
    assert newest_mtime([tmp_path]) == 0
