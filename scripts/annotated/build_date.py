"""The date a build stamps on what it writes (MkDocs' sitemap), fixed so that builds repeat."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path


def source_date_epoch(inputs: Iterable[Path]) -> str:
    """SOURCE_DATE_EPOCH when set; else the last commit's time; without git, the newest input."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        )
        if out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass  # not a git checkout (an unpacked archive), or no git installed
    return str(newest_mtime(inputs))


def newest_mtime(inputs: Iterable[Path]) -> int:
    """The modification time of the newest file among `inputs` (files or folders), 0 if none."""
    newest = 0.0
    for root in inputs:
        files = [root] if root.is_file() else (f for f in root.rglob("*") if f.is_file())
        for f in files:
            newest = max(newest, f.stat().st_mtime)
    return int(newest)
