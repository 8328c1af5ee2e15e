"""The anchoring (drift) report a build writes with --report: per notes file, then every note."""

from __future__ import annotations

import json
from pathlib import Path

from annotated.anchors import Anchors
from annotated.errors import Problem


def drift_report(edition: str, anchors: Anchors | None, problems: list[Problem]) -> dict:
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
        "problems": [str(p) for p in problems],
    }


def write_drift_report(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
