"""Golden files, one mechanism for every generated output (ingested articles, generated pages).

A golden is a plain file in the repository holding the expected output, laid out one element per
line so that a change reads as a short diff. `check` compares, and with `--update-goldens` (an
option of tests/conftest.py) rewrites the file instead; review the change with `git diff`.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest

# Generated HTML runs long lines of nested elements. For the golden, each of these tags starts a
# line, after a tab (BREAK), which no line of the generated Markdown begins with; so the
# layout is undone exactly (`compact`) and the comparison stays byte for byte.
BREAK = "\n\t"
_STARTS = re.compile(
    r"(?<!\n)(?=<(?:/?(?:div|ol|ul|fieldset|blockquote)\b|(?:p|li|label|legend|button|mark)\b"
    r'|span class="(?:sidenote|page-turn)"))'
)


def one_element_per_line(text: str) -> str:
    laid_out = _STARTS.sub(BREAK, text)
    if compact(laid_out) != text:  # pragma: no cover - a guard on the golden format itself
        raise ValueError("text already holds the golden layout's line break")
    return laid_out


def compact(laid_out: str) -> str:
    return laid_out.replace(BREAK, "")


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def check(request: pytest.FixtureRequest, path: Path, actual: str) -> None:
    """`actual` (already laid out) must equal the golden at `path`."""
    update = bool(request.config.getoption("--update-goldens", default=False))
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{path.name} did not exist and was written; review it and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    if expected != actual:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"{path} (golden)",
                f"{path} (now)",
            )
        )
        pytest.fail(f"output differs from {path}; if intended, --update-goldens\n{diff}")


def check_files(request: pytest.FixtureRequest, folder: Path, files: dict[str, str]) -> None:
    """A set of generated files against the goldens in `folder`, one golden file each; a golden
    with no file generated any more is a difference too."""
    for name, text in sorted(files.items()):
        check(request, folder / name, one_element_per_line(text))
    stale = (
        sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        if folder.exists()
        else []
    )
    gone = [s for s in stale if s not in files]
    if gone and request.config.getoption("--update-goldens", default=False):
        for s in gone:
            (folder / s).unlink()
    elif gone:
        pytest.fail(f"goldens with no generated file: {', '.join(gone)}; --update-goldens")
