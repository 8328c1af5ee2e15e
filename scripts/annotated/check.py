"""Content checks of the notes (coverage, notes per paragraph, …): findings, not errors.

The checks themselves are annotated.content_check's `content_findings(notes)`. The build prints
each finding as a warning; `scripts/build.py check` runs them alone and fails on any.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

from annotated.notes import Notes, load_notes


def content_findings(notes: Notes) -> list[str]:
    # The checks are written by the content stream; until its module is in the tree there are none.
    if importlib.util.find_spec("annotated.content_check") is None:
        return []
    module = importlib.import_module("annotated.content_check")
    return list(module.content_findings(notes))


def run_check(notes_dir: Path) -> int:
    findings = content_findings(load_notes(notes_dir))
    for f in findings:
        print(f"finding: {f}", file=sys.stderr)
    print(f"{len(findings)} findings in {notes_dir}")
    return 1 if findings else 0
