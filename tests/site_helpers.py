"""Helpers for tests that build the small invented site in tests/fixtures/site/ into tmp_path."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from annotated.cli import main

REPO = Path(__file__).resolve().parent.parent
NOTES = REPO / "notes"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


@dataclass
class SiteCopy:
    """A private copy of the fixture (notes, docs, config, article) that a test may break."""

    root: Path

    @property
    def notes(self) -> Path:
        return self.root / "notes"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def source(self) -> Path:
        return self.root / "article.txt"

    @property
    def out(self) -> Path:
        return self.root / "out"

    def args(self, *extra: str, source: bool = True) -> list[str]:
        args = [
            "--config", str(self.config),
            "--notes", str(self.notes),
            "--docs", str(self.docs),
            "--stage", str(self.root / "stage"),
            "--out", str(self.out),
        ]  # fmt: skip
        if source:
            args += ["--source", str(self.source)]
        return args + list(extra)

    def build(self, *extra: str, source: bool = True) -> int:
        return main(self.args(*extra, source=source))

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace `old` (which must be there) by `new` in one file of the copy."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy_fixture(dest: Path) -> SiteCopy:
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("stage", "out"))
    return SiteCopy(dest)
