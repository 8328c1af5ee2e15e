"""The anchoring (drift) report a build writes with --report: per notes file, then every note."""

from __future__ import annotations

import json
from pathlib import Path

from annotated.anchors import Anchors
from annotated.errors import InputError, Problem, display_path


def drift_report(
    edition: str, anchors: Anchors | None, problems: list[Problem], warnings: list[Problem]
) -> dict:
    """`problems` stop the build; `warnings` (reading the notes and the copy, anchoring) do not.
    Both are listed as objects, the same shape the build prints as `FILE:LINE: message`."""
    notes: list[dict[str, object]] = []
    if anchors:
        for a in anchors.anchored:
            ln = a.note
            notes.append(
                {"id": ln.id, "file": ln.path, "line": ln.line, "paragraph": a.block,
                 "status": "anchored", "start": a.start, "end": a.end, "page": a.page,
                 "number": a.number}
            )  # fmt: skip
        for m in anchors.misses:
            ln = m.note
            notes.append(
                {"id": ln.id, "file": ln.path, "line": ln.line, "paragraph": ln.paragraph,
                 "status": m.status, "message": m.problem.message}
            )  # fmt: skip
    return {
        "edition": edition,
        "drift": anchors.drift() if anchors else {},
        "notes": notes,
        "problems": [_problem(p) for p in problems],
        "warnings": [_problem(w) for w in warnings],
    }


def _problem(p: Problem) -> dict[str, object]:
    """`file` is "" for a problem of no file (a tool missing); `line`, `column` may be null."""
    return {"file": p.path, "line": p.line, "column": p.column, "message": p.message,
            "severity": p.severity}  # fmt: skip


def write_drift_report(path: Path, report: dict) -> None:
    """Written like --out: a missing folder is made. A folder at `path`, a file where a folder
    should be, or a folder that cannot be written is one located error, not a traceback."""
    try:
        if path.is_dir():
            name = display_path(path / "drift.json")
            msg = f"is a folder; give --report the path of a file, such as {name}"
            raise InputError(Problem(display_path(path), msg))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as e:
        raise InputError(_unwritable(path, e)) from None


def _unwritable(path: Path, e: OSError) -> Problem:
    """At the nearest existing folder or file on the way to `path`, what stopped the write."""
    at = path.parent
    while not at.exists() and at != at.parent:
        at = at.parent
    if at.exists() and not at.is_dir():
        msg = "is a file, so the report cannot be put inside it; give --report a path in a folder"
        return Problem(display_path(at), msg)
    if path.exists():
        at = path
    why = "permission denied" if isinstance(e, PermissionError) else (e.strerror or str(e))
    msg = f"cannot write the report here ({why}); give --report a path you can write to"
    return Problem(display_path(at), msg)
