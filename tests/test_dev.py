"""`scripts/dev test`: the gates, the Node tests and pytest, the first two beside the third.

The real script runs in a copy of the repository whose tools are stand-ins (shell scripts that
say they ran, with what, and exit as told), so each can be made to fail on its own: whichever
fails, the command fails and shows that tool's output; when all pass, it passes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from site_helpers import REPO

TOOLS = {  # stand-in: where it lives in the copy
    "ruff": ".venv/bin/ruff",
    "mypy": ".venv/bin/mypy",
    "python": ".venv/bin/python",
    "biome": "node_modules/.bin/biome",
    "tsc": "node_modules/.bin/tsc",
    "node": "bin/node",
    "npm": "bin/npm",
    "biber": "bin/biber",
}


def _repo(root: Path, failing: str | None) -> Path:
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "dev", root / "scripts" / "dev")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "package-lock.json").write_text("{}", encoding="utf-8")
    for tool, rel in TOOLS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        code = 1 if tool == failing else 0
        path.write_text(f'#!/bin/sh\necho "{tool} ran: $*"\nexit {code}\n', encoding="utf-8")
        path.chmod(0o755)
    # Installed after their specifications changed: scripts/dev installs nothing.
    old = os.stat(root / "pyproject.toml").st_mtime - 10
    for rel in ("pyproject.toml", "package-lock.json"):
        os.utime(root / rel, (old, old))
    (root / ".venv" / ".installed-test").touch()
    return root


def _test(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not Path("/usr/bin/chromium").exists() and os.geteuid() == 0:
        pytest.skip("scripts/dev test would install Chromium first (apt-get)")
    env = {**os.environ, "PATH": f"{root / 'bin'}:{os.environ['PATH']}"}
    env.pop("CI", None)
    return subprocess.run(
        ["bash", str(root / "scripts" / "dev"), "test", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "full"])
def test_every_part_runs_and_all_passing_passes(tmp_path: Path, fast: bool) -> None:
    got = _test(_repo(tmp_path, None), *(["--fast", "-x"] if fast else ["-x"]))
    out = got.stdout + got.stderr
    assert got.returncode == 0, out
    for tool in ("ruff", "mypy", "biome", "tsc", "node"):
        assert f"{tool} ran" in out, out
    pytest_args = next(line for line in out.splitlines() if line.startswith("python ran"))
    if fast:  # no browser or slow test, spread over the cores; the caller's arguments follow
        assert pytest_args == (
            "python ran: -m pytest -m not browser and not slow -n auto --dist loadscope -x"
        )
        assert "node ran: --test tests/js/" in out
    else:  # everything, in one process
        assert pytest_args == "python ran: -m pytest -x"
    assert "== check-js: passed (ran beside pytest) ==" in out
    assert "== node-tests: passed (ran beside pytest) ==" in out


@pytest.mark.parametrize("failing", ["biome", "tsc", "node", "python"])
def test_a_failure_beside_pytest_or_in_it_fails_the_command(tmp_path: Path, failing: str) -> None:
    got = _test(_repo(tmp_path, failing), "--fast")
    out = got.stdout + got.stderr
    assert got.returncode != 0, out
    assert "python ran" in out, out  # pytest ran whatever failed beside it
    if failing != "python":
        part = "node-tests" if failing == "node" else "check-js"
        log = out[out.index(f"== {part}: FAILED (exit 1; ran beside pytest) ==\n") :]
        assert f"\n{failing} ran" in log.split("\n== ")[0], out  # its log, under its name


def test_a_failing_lint_stops_before_the_tests(tmp_path: Path) -> None:
    got = _test(_repo(tmp_path, "ruff"), "--fast")
    assert got.returncode != 0
    assert "python ran" not in got.stdout + got.stderr
