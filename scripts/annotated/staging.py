"""The staging folder MkDocs reads: the hand-written docs plus the generated pages.

Only changed files are written, so `mkdocs serve` reloads just what changed and an unchanged build
touches nothing; files that are neither hand-written nor generated any more are removed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from annotated.errors import InputError, Problem, UsageError, display_path


def wanted_files(docs: Path, generated: Mapping[str, str | bytes]) -> dict[str, bytes | Path]:
    """Every file the stage should hold: relative path -> bytes (generated) or source path."""
    files: dict[str, bytes | Path] = {}
    if docs.is_dir():
        for f in sorted(docs.rglob("*")):
            if f.is_file():
                files[f.relative_to(docs).as_posix()] = f
    for rel, content in generated.items():
        files[rel] = content.encode("utf-8") if isinstance(content, str) else content
    return files


def sync(stage: Path, files: dict[str, bytes | Path]) -> list[str]:
    """Make `stage` hold exactly `files`; returns the relative paths written or removed."""
    changed = []
    if stage.exists() and not stage.is_dir():
        msg = "is a file, not a folder; give --stage a folder for the generated pages"
        raise InputError(Problem(display_path(stage), msg))
    stage.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        target = stage / rel
        data = content.read_bytes() if isinstance(content, Path) else content
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)  # a watcher never sees a half-written page
        changed.append(rel)
    for f in sorted(stage.rglob("*"), reverse=True):
        rel = f.relative_to(stage).as_posix()
        if f.is_file() and rel not in files:
            f.unlink()
            changed.append(rel)
        elif f.is_dir() and not any(f.iterdir()):
            f.rmdir()
    return changed


def check_replaceable(out: Path) -> None:
    """Never replace a folder that is not a built site (say, --out . by mistake), nor a file."""
    if out.exists() and not out.is_dir():
        msg = "is a file, not a folder; give --out a folder for the site (new or a built site)"
        raise InputError(Problem(display_path(out), msg))
    if out.exists() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise UsageError(f"{out} exists and is not a built site; refusing to replace it")


def replace_dir(new: Path, out: Path) -> None:
    """Put the freshly built `new` at `out`; the old site is removed only once `new` is in place."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        os.replace(out, old)
    os.replace(new, out)
    if old.exists():
        shutil.rmtree(old)
