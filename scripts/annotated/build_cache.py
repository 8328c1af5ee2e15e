"""The build's cache files (build/cache/*.json): what an earlier build worked out, read back
only when the same code made it. Never more than a cache: a missing, damaged or older file reads
as nothing, and a file is replaced whole, so an interrupted build leaves no half of one."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any, Self, TypeVar

T = TypeVar("T")


def made_by(sources: Iterable[Path], packages: Iterable[str]) -> str:
    """A digest of the code that makes an entry: these source files and these packages' versions."""
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    digest.update(" ".join(version(p) for p in packages).encode())
    return digest.hexdigest()[:16]


def read(path: Path, maker: str, parse: Callable[[dict[str, Any]], T]) -> T | None:
    """`parse` of the file's data, if `maker` made it; None for no file, a damaged one, or one
    made by other code."""
    with contextlib.suppress(OSError, ValueError, AttributeError, KeyError, TypeError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("made_by") == maker:
            return parse(data)
    return None


def write(path: Path, maker: str, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"made_by": maker, **data}, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def read_entries(path: Path, maker: str) -> dict[str, Any]:
    """A memo's entries by key, as `write_entries` kept them; empty when `read` gives nothing."""
    return read(path, maker, lambda data: dict(data["entries"])) or {}


def write_entries(path: Path, maker: str, entries: dict[str, Any], used: Iterable[str]) -> None:
    """Only the entries this build used, so that the file never grows with stale ones."""
    write(path, maker, {"entries": {k: entries[k] for k in sorted(set(used)) if k in entries}})


@dataclass
class Entries:
    """A memo: entries by key, and the keys this build used (only those are saved). Each kind
    says what made its entries (`maker`), so that other code's file reads as empty."""

    entries: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @classmethod
    def maker(cls) -> str:
        raise NotImplementedError

    @classmethod
    def load(cls, path: Path) -> Self:
        return cls(read_entries(path, cls.maker()))

    def save(self, path: Path) -> None:
        write_entries(path, self.maker(), self.entries, self.used)

    def forget_unused(self) -> None:
        """Drop what was not asked for since the last call (the preview's memos, kept across
        its rebuilds: only the inputs as they are now)."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()
