"""The build's stages timed in process, each on the output of the one before.

Stages are looked up when the benchmark runs, so a stage whose module has not landed yet is
reported as skipped with the reason, and the rest are still measured.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STAGES = ("ingest", "notes", "anchor", "generate", "mkdocs", "linkcheck")


@dataclass
class Stage:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds
    skipped: str = ""  # why it was not measured
    peak_bytes: int = 0  # tracemalloc peak of one extra, traced run


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """Run `fn` `runs` times; the CPU seconds of each run (this process) and the last result.

    CPU time, not wall time: on a shared machine other processes' load inflates the wall clock
    of an in-process, single-threaded stage but not its CPU time.
    """
    samples, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = fn()
        samples.append(time.process_time() - start)
    return samples, result


def traced_peak(fn: Callable[[], Any]) -> int:
    """Peak bytes Python allocated during one run of `fn` (tracemalloc; C libraries not seen)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def mkdocs_build(config: Path, docs: Path, site: Path) -> None:
    """MkDocs's own build, in process and strict, the way the build command runs it."""
    from annotated.mkdocs_run import build_site

    problems = build_site(config, docs, site, {})
    if problems:
        raise RuntimeError(f"MkDocs reported {len(problems)} problems, first: {problems[0]}")


def linkcheck_fn() -> tuple[Callable[[Path], Any] | None, str]:
    """The link check's entry point (a function of the built site folder), or why there is none."""
    try:
        from annotated import linkcheck
    except ImportError as e:
        return None, f"annotated.linkcheck does not import ({str(e).splitlines()[0][:80]})"
    fn = getattr(linkcheck, "check_site", None)
    if not callable(fn):
        return None, "annotated.linkcheck has no check_site(site) yet"
    return fn, ""


def breakdown(work: Path, source: Path | None, runs: int, scratch: Path) -> list[Stage]:
    """Samples for each stage of one edition (full when `source` is given), each stage run on
    the output of the one before, with the functions the build command itself calls."""
    from annotated import staging
    from annotated.anchors import anchor
    from annotated.notes import load_notes
    from annotated.pages import generate

    edition = "full" if source else "companion"
    notes_dir = work / "notes"
    stages = {name: Stage(name) for name in STAGES}

    def measure(name: str, fn: Callable[[], Any]) -> Any:
        stages[name].samples, result = timed(fn, runs)
        stages[name].peak_bytes = traced_peak(fn)
        return result

    article = anchors = None
    notes = measure("notes", lambda: load_notes(notes_dir))
    if source:
        from annotated.ingest import ingest_file

        article = measure("ingest", lambda: ingest_file(source, notes_dir))
        anchors = measure("anchor", lambda: anchor(article, notes))
    else:
        stages["ingest"].skipped = "companion edition: no text to ingest"
        stages["anchor"].skipped = "companion edition: notes are numbered, not anchored"
    docs = scratch / f"docs-{edition}"

    def generate_and_stage() -> None:
        pages = generate(notes, article, anchors, edition)
        staging.sync(docs, staging.wanted_files(work / "docs", pages.files))

    measure("generate", generate_and_stage)
    site = scratch / f"site-{edition}"
    mkdocs_build(work / "mkdocs.yml", docs, site)  # a warm-up: imports and theme loading
    stages["mkdocs"].samples, _ = timed(lambda: mkdocs_build(work / "mkdocs.yml", docs, site), runs)
    check, why = linkcheck_fn()
    if check is None:
        stages["linkcheck"].skipped = why
    else:
        measure("linkcheck", lambda: check(site))
    return list(stages.values())
