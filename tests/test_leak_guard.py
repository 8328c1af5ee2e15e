"""No file tracked by git holds a run of 12 or more consecutive words of the article's text.

The article is copyrighted: short quoted anchors are fine, its prose is not. The check itself is
the project's shared tool (../shared/tools/leakcheck.py), run over `git ls-files`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LEAKCHECK = REPO.parent / "shared" / "tools" / "leakcheck.py"


@pytest.mark.source
def test_no_tracked_file_repeats_the_article(source_path: Path) -> None:
    if not LEAKCHECK.is_file():
        pytest.skip(f"the shared leak check is not at {LEAKCHECK}")
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git work tree (or git is not installed): no tracked files to check")
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    files = [f for f in tracked if f and (REPO / f).is_file()]
    assert files, "git ls-files listed nothing"
    run = subprocess.run(
        [sys.executable, str(LEAKCHECK), str(source_path), *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and not run.stdout, run.stdout + run.stderr


@pytest.mark.source
def test_the_check_catches_a_leak(source_path: Path, tmp_path: Path) -> None:
    """Proof that the guard can fail: a run of the article's words, copied at test time from
    the shared source into a temporary file (never into the repository), is reported."""
    if not LEAKCHECK.is_file():
        pytest.skip(f"the shared leak check is not at {LEAKCHECK}")
    lines = source_path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Abstract."))
    leak = tmp_path / "leak.md"
    leak.write_text(" ".join(lines[start + 1 : start + 4]), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(LEAKCHECK), str(source_path), str(leak)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1 and "leak.md" in run.stdout
