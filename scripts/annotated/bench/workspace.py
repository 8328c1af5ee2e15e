"""Private copies of the project to build in, and whole commands run as measured child processes.

The benchmark never builds in the work tree: other people's `site/` and `build/` stay untouched,
and a synthetic course can replace the notes folder and the navigation without editing a file
anyone owns.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

# What a build reads. Everything else (.venv, site/, build/, .bench/, tools/) stays behind.
PROJECT_PARTS = ("mkdocs.yml", "docs", "notes", "overrides", "scripts", "pyproject.toml")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".ruff_cache")
# The hand-written pages link into the real article's pages; a synthetic course has its own.
HAND_WRITTEN = ("index.md", "theory-lens.md", "editorial-policy.md")


def copy_project(repo: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = repo / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=_IGNORE, dirs_exist_ok=True)
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest


def use_synthetic(work: Path, notes: Path, parts: list[str]) -> None:
    """Point a project copy at a synthetic notes folder, with a navigation for its parts."""
    shutil.rmtree(work / "notes")
    shutil.copytree(notes, work / "notes")
    for page in HAND_WRITTEN:
        title = page.removesuffix(".md").replace("-", " ").capitalize()
        text = f"# {title}\n\nAn invented page of a synthetic course, built to be measured.\n"
        (work / "docs" / page).write_text(text, encoding="utf-8")
    config = work / "mkdocs.yml"
    config.write_text(replace_nav(config.read_text(encoding="utf-8"), parts), encoding="utf-8")


_NAV = re.compile(r"^nav:\n(?:(?:[ \t]+.*|[ \t]*)\n?)*", re.M)


def replace_nav(config: str, parts: list[str]) -> str:
    """The same config with "The reading" section listing `parts`; other entries are kept."""
    found = _NAV.search(config)
    if not found:
        return config
    nav = yaml.safe_load(found.group(0))["nav"]
    reading = [{p: f"reading/{p}.md"} for p in parts]
    out: list = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        is_reading = isinstance(value, list) and any(
            "reading/" in str(v) for item in value for v in _values(item)
        )
        out.append({next(iter(entry)): reading} if is_reading else entry)
    text = yaml.safe_dump({"nav": out}, allow_unicode=True, sort_keys=False)
    return config[: found.start()] + text + config[found.end() :]


def _values(item: object) -> list[object]:
    return list(item.values()) if isinstance(item, dict) else [item]


@dataclass(frozen=True)
class Child:
    """One finished child process: wall time, peak resident memory, exit code, its last line."""

    seconds: float
    peak_bytes: int
    returncode: int
    tail: str
    timed_out: bool = False
    cpu_seconds: float = 0.0  # user + system time of the child and its children


def run_child(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None
) -> Child:
    """Run `cmd`, waiting with wait4 so the peak memory is this child's (and its children's).

    After `timeout` seconds the child's whole process group is killed and the result says so.
    """
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    full_env |= env or {}
    log = cwd / f".bench-child-{os.getpid()}.log"
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=full_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        fired = threading.Event()
        timer = threading.Timer(timeout, _kill_group, [proc.pid, fired]) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        timed_out = fired.is_set()
        if timer:
            timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [x for x in log.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
    tail = lines[-1].strip()[:240] if lines else ""
    log.unlink()
    if timed_out:
        tail = f"stopped after {timeout:.0f} s"
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    scale = 1 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Child(seconds, usage.ru_maxrss * scale, proc.returncode, tail, timed_out, cpu)


def _kill_group(pid: int, fired: threading.Event) -> None:
    fired.set()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def build_command(work: Path, out: Path, source: Path | None) -> list[str]:
    """The README's build command (`scripts/dev build` runs exactly this in .venv)."""
    cmd = [sys.executable, str(work / "scripts" / "build.py"), "--out", str(out)]
    return [*cmd, "--source", str(source)] if source else cmd


def mkdocs_command(work: Path, out: Path) -> list[str]:
    """A bare `mkdocs build` of whatever the last build staged (same config, same docs)."""
    return [sys.executable, "-m", "mkdocs", "build", "-f", str(work / "mkdocs.yml"), "-d", str(out)]
