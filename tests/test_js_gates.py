"""The browser code's gates (`scripts/dev check-js`, run by `scripts/dev test` and `--fast`):
Biome's lint and format check, then tsc over the site's scripts and the Node tests. Each fault
below is put into a copy of the repository's browser code, which the real gates then refuse."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from site_helpers import REPO

CONFIGS = ["biome.json", "tsconfig.json", "tests/js/tsconfig.json", "package.json", ".gitignore"]


def _tools() -> None:
    if not (REPO / "node_modules" / ".bin" / "biome").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("node_modules has no Biome: scripts/dev installs it with npm ci")
        pytest.skip("node_modules is not installed (scripts/dev installs it when npm is there)")


def _browser_code(into: Path) -> Path:
    """The files the gates read, with the repository's node_modules."""
    for rel in [*CONFIGS, "scripts/dev"]:
        (into / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, into / rel)
    for pattern in ("docs/assets/**/*.js", "docs/assets/**/*.mjs", "tests/js/*.mjs"):
        for path in REPO.glob(pattern):
            target = into / path.relative_to(REPO)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    (into / "node_modules").symlink_to(REPO / "node_modules")
    return into


def _check_js(root: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run(
        ["bash", str(root / "scripts" / "dev"), "check-js"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("path", "fault", "says"),
    [
        # The review's case: 35 tests that build the site passed with it.
        ("docs/assets/javascripts/sidenotes.js", "\n}}(\n", r"sidenotes\.js:\d+:\d+ parse"),
        ("docs/assets/your-copy/loader.js", "\nconst unused = 1\n", r"loader\.js format"),
        pytest.param(
            "docs/assets/your-copy/anchor.mjs",
            "\nexport const pages = [253, 254].map((page) => page.toUpperCase());\n",
            r"anchor\.mjs\(\d+,\d+\): error TS2339: Property 'toUpperCase' does not exist",
            id="types",
            marks=pytest.mark.slow,  # a cold tsc over every file (10-20 s); --fast runs tsc itself
        ),
    ],
    ids=["syntax", "format", "types"],
)
def test_a_fault_in_browser_code_fails_the_gates(tmp_path: Path, path: str, fault: str, says: str):
    _tools()
    root = _browser_code(tmp_path)
    with (root / path).open("a", encoding="utf-8") as f:
        f.write(fault)
    got = _check_js(root)
    assert got.returncode != 0
    assert re.search(says, got.stdout + got.stderr), got.stdout + got.stderr
