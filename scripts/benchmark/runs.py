"""Private copies of the project, commands run as measured child processes, and statistics. The benchmark never
builds in the work tree (others' site/ and build/ stay untouched); an invented course replaces the notes folder and
the navigation of a copy only."""

import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What a user's clone builds from (the fingerprints too: every companion build runs the leak guard).
PARTS = "mkdocs.yml docs notes overrides scripts pyproject.toml node_modules article-fingerprints.txt".split()
_READING = re.compile(r"^( +)- .*: reading/.*\n(?:^ +- .*: reading/.*\n)*", re.M)  # the nav's reading pages


def copy_project(repo: Path, dest: Path) -> Path:
    caches = shutil.ignore_patterns("__pycache__", "*.pyc", ".ruff_cache", ".mypy_cache")
    skip = lambda d, names: [n for n in names if Path(d) == repo and n not in PARTS] + list(caches(d, names))  # noqa: E731
    shutil.copytree(repo, dest, ignore=skip, symlinks=True)
    return dest


def use_course(work: Path, notes: Path, parts: list[str]) -> None:
    """Point a project copy at an invented notes folder, its parts in place of the reading's pages."""
    shutil.rmtree(work / "notes")
    shutil.copytree(notes, work / "notes")
    for page in (work / "docs").glob("*.md"):  # hand-written pages link into the real notes
        page.write_text(f"# {page.stem}\n\nAn invented page.\n", "utf-8")
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    nav = lambda m: "".join(f"{m.group(1)}- {p}: reading/{p}.md\n" for p in parts)  # noqa: E731
    config, found = _READING.subn(nav, config, count=1)
    assert found, "mkdocs.yml's nav lists no reading/ page"
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")


def stock_site(root: Path) -> Path:
    """A one-page site of stock Material: the baseline for page weight and Lighthouse."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Stock\n\nA stock Material page.\n")
    (root / "mkdocs.yml").write_text("site_name: Stock\ntheme:\n  name: material\n")
    run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], root)
    return root / "site"


@dataclass(frozen=True)
class Child:
    cpu: float  # user + system of the child and its children: what other load does not inflate
    peak: int  # bytes
    code: int
    tail: str


def run(cmd: list[str], cwd: Path, timeout: float = 900) -> Child:
    """Run `cmd`, waited for with wait4 so that CPU time and peak memory are its own."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ARTICLE_SOURCE", None)  # each command says which edition it builds
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as scripts/dev: compiled modules are kept
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        log.seek(0)
        lines = [x for x in log.read().decode(errors="replace").splitlines() if x.strip()]
    code = os.waitstatus_to_exitcode(status)
    tail = f"stopped after {timeout:.0f} s" if code == -9 else (lines[-1][:240] if lines else "")
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # Linux: KiB
    return Child(usage.ru_utime + usage.ru_stime, peak, code, tail)


def build_cmd(work: Path, out: Path, source: Path | None) -> list[str]:
    """The README's build command (what `scripts/dev build` runs), in the copy."""
    cmd = [sys.executable, str(work / "scripts" / "build.py"), "--out", str(out)]
    return [*cmd, "--source", str(source)] if source else [*cmd, "--edition", "companion"]


def mkdocs_cmd(work: Path, out: Path) -> list[str]:
    """A bare `mkdocs build` of what the last build staged: same config, same pages."""
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(out)]


def timed(fn: Callable[[], Any], runs: int) -> tuple[dict[str, float], Any]:
    """`fn` run `runs` times: the summary of its wall-clock seconds, and its last result."""
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return summary(samples), result


def summary(samples: list[float]) -> dict[str, float]:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def growth(sizes: list[float], costs: list[float]) -> float:
    """Slope of the least-squares line through (log size, log cost): 1 is linear growth."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(c, 1e-9)) for c in costs]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
