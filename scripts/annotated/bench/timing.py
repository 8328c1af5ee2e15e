"""The build's stages timed in process, each on the output of the one before.

Stages are looked up when the benchmark runs, so a stage whose module has not landed yet is
reported as skipped with the reason, and the rest are still measured.
"""

from __future__ import annotations

import logging
import shutil
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
    """Run `fn` `runs` times; the seconds of each run and the last result."""
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return samples, result


def traced_peak(fn: Callable[[], Any]) -> int:
    """Peak bytes Python allocated during one run of `fn` (tracemalloc; C libraries not seen)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def stage_docs(work: Path, files: dict[str, str], dest: Path) -> Path:
    """docs/ plus the generated pages, as the build stages them (for the in-process MkDocs run)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(work / "docs", dest)
    for rel, text in files.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


def mkdocs_build(config: Path, docs: Path, site: Path) -> None:
    """MkDocs's own build, in process, strict as configured, with its logging kept quiet."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    cfg = load_config(config_file=str(config), docs_dir=str(docs), site_dir=str(site))
    build(cfg)


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
    """Median-able samples for each stage of one edition (full when `source` is given)."""
    from annotated.anchors import anchor
    from annotated.notes import load_notes, load_structure
    from annotated.pages import generate

    edition = "full" if source else "companion"
    notes_dir = work / "notes"
    stages = {name: Stage(name) for name in STAGES}
    article = anchors = None
    if source:
        from annotated.ingest import ingest
        from annotated.ingest_source import read_source

        text = read_source(source)
        structure = load_structure(notes_dir)
        run = lambda: ingest(text, str(source), structure)  # noqa: E731
        stages["ingest"].samples, article = timed(run, runs)
        stages["ingest"].peak_bytes = traced_peak(run)
    else:
        stages["ingest"].skipped = "companion edition: no text to ingest"
    stages["notes"].samples, notes = timed(lambda: load_notes(notes_dir), runs)
    stages["notes"].peak_bytes = traced_peak(lambda: load_notes(notes_dir))
    if article is not None:
        run = lambda: anchor(article, notes)  # noqa: E731
        stages["anchor"].samples, anchors = timed(run, runs)
        stages["anchor"].peak_bytes = traced_peak(run)
    else:
        stages["anchor"].skipped = "companion edition: notes are numbered, not anchored"
    run = lambda: generate(notes, article, anchors, edition)  # noqa: E731
    stages["generate"].samples, pages = timed(run, runs)
    stages["generate"].peak_bytes = traced_peak(run)

    docs = stage_docs(work, pages.files, scratch / f"docs-{edition}")
    site = scratch / f"site-{edition}"
    mkdocs_build(work / "mkdocs.yml", docs, site)  # a warm-up: imports and theme loading
    run = lambda: mkdocs_build(work / "mkdocs.yml", docs, site)  # noqa: E731
    stages["mkdocs"].samples, _ = timed(run, runs)
    check, why = linkcheck_fn()
    if check is None:
        stages["linkcheck"].skipped = why
    else:
        stages["linkcheck"].samples, _ = timed(lambda: check(site), runs)
        stages["linkcheck"].peak_bytes = traced_peak(lambda: check(site))
    return list(stages.values())
