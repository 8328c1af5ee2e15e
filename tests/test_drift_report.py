"""The drift report's JSON (annotated.drift_report): problems and warnings as objects, and a
report that cannot be written said in one located line (tests/fault_catalogue.py has the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated.drift_report import drift_report, write_drift_report
from annotated.errors import InputError, Problem, display_path, warning


def test_problems_and_warnings_are_objects_with_their_file_and_line() -> None:
    error = Problem("notes/annotations/introduction.yml", 'phrase "x" not found', 7, 5)
    told = warning("notes/glossary.yml", 'term "hedging" is never linked', 3)
    tool = warning("", "pdf.js is not installed; the reader takes pasted text only")
    report = drift_report("full", None, [error], [told, tool])
    assert report["problems"] == [
        {"file": "notes/annotations/introduction.yml", "line": 7, "column": 5,
         "message": 'phrase "x" not found', "severity": "error"},
    ]  # fmt: skip
    assert report["warnings"] == [
        {"file": "notes/glossary.yml", "line": 3, "column": None,
         "message": 'term "hedging" is never linked', "severity": "warning"},
        {"file": "", "line": None, "column": None,
         "message": "pdf.js is not installed; the reader takes pasted text only",
         "severity": "warning"},
    ]  # fmt: skip


def test_a_folder_that_refuses_the_report_is_one_located_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission denied, planted by the write itself: root (CI) ignores a folder's mode."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)
    with pytest.raises(InputError) as caught:
        write_drift_report(tmp_path / "drift.json", {})
    assert [str(p) for p in caught.value.problems] == [
        f"{display_path(tmp_path)}: cannot write the report here (permission denied); give "
        "--report a path you can write to"
    ]
