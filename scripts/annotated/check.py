"""Content checks of the notes (coverage, notes per paragraph, sources): findings, not errors.

The bars themselves are annotated.content_check's. The build prints each finding as a warning
and counts it in its summary; `scripts/build.py check` runs them alone and fails on any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotated.content_check import content_findings
from annotated.errors import counted
from annotated.notes import load_notes

__all__ = ["content_findings", "run_check"]


def run_check(notes_dir: Path) -> int:
    findings = content_findings(load_notes(notes_dir))
    for f in findings:
        print(f"finding: {f}", file=sys.stderr)
    print(f"{counted(len(findings), 'finding')} in {notes_dir}")
    return 1 if findings else 0
