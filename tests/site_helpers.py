"""Helpers for tests that build the small invented site in tests/fixtures/site/ into tmp_path,
and the sites a session builds once for the tests that only read them (Shared)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

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


# --- sites built once per session, shared by the tests that only read them ---------------------
# A whole build costs seconds; most end-to-end tests only read the HTML it writes. tests/conftest.py
# builds each site the first time a test asks for it (fixture `shared`) and, when the session
# ends, fails if any shared site's bytes or modes changed: a test that needs to change inputs or
# rebuild takes a private copy (copy_built) or builds its own.

BUILD_EPOCH = "1700000000"  # SOURCE_DATE_EPOCH for every shared build (2023-11-14)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under `folder`: its bytes' digest and its mode."""
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "",
            p.stat().st_mode,
        )
        for p in sorted(folder.rglob("*"))
    }


@dataclass
class SharedSite(SiteCopy):
    """The fixture site built once (see Shared): read it; never edit or build it again."""

    code: int = 0
    stdout: str = ""
    stderr: str = ""
    report: Path | None = None

    def build(self, *extra: str, source: bool = True) -> int:
        raise AssertionError("a shared site is read-only: copy_built() it to build it again")

    def edit(self, rel: str, old: str, new: str) -> None:
        raise AssertionError("a shared site is read-only: copy_built() it to change its inputs")


@dataclass(frozen=True)
class ProjectBuild:
    """The project's own site (its mkdocs.yml, notes/ and docs/) built once into `root`."""

    root: Path
    code: int
    stdout: str
    stderr: str

    @property
    def out(self) -> Path:
        return self.root / "site"

    @property
    def report(self) -> Path:
        return self.root / "report.json"


def copy_built(site: SiteCopy, dest: Path) -> SiteCopy:
    """A private copy of a built fixture site, inputs, stage, caches and output (the last good
    build of the tests that break something), with its files' times kept."""
    shutil.copytree(site.root, dest, symlinks=True)
    return SiteCopy(dest)


class Shared:
    """The sites a session builds once, each on first use, in the environment the tests give
    their own builds (no copy of the article but the one passed, a fixed SOURCE_DATE_EPOCH).

    Under pytest-xdist every worker has its own Shared over one `root`: the first worker to ask
    for a site builds it under a file lock and records how the build went (code, output, the
    snapshot) beside it; the others wait for the lock and read that record, so a run builds each
    site once, not once per worker."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[str, tuple[Path, dict[str, tuple[str, int]]]] = {}
        self._fixture: dict[str, SharedSite] = {}
        self._project: dict[tuple[str, str], ProjectBuild] = {}

    def fixture(self, edition: str) -> SharedSite:
        """tests/fixtures/site built as `site.build()` ("full", with the fixture's article) or
        `site.build(source=False)` ("companion"), with --report report.json."""
        if edition not in self._fixture:
            dest = self.root / f"fixture-{edition}"

            def build() -> tuple[int, str, str]:
                site = copy_fixture(dest)
                args = site.args("--report", str(dest / "report.json"), source=edition == "full")
                return self._run(args)

            code, out, err = self._once(dest, build)
            self._fixture[edition] = SharedSite(dest, code, out, err, dest / "report.json")
        return self._fixture[edition]

    def project(self, edition: str, source: Path | None = None) -> ProjectBuild:
        """The project's site in `edition`, from the copy of the article at `source` if given."""
        key = (edition, str(source or ""))
        if key not in self._project:
            dest = self.root / f"project-{edition}{'-with-text' if source else ''}"
            args = [
                "--config", str(REPO / "mkdocs.yml"), "--notes", str(NOTES),
                "--docs", str(REPO / "docs"), "--stage", str(dest / "stage"),
                "--out", str(dest / "site"), "--report", str(dest / "report.json"),
                "--edition", edition,
            ]  # fmt: skip
            if source is not None:
                args += ["--source", str(source)]
            code, out, err = self._once(dest, lambda: self._run(args))
            self._project[key] = ProjectBuild(dest, code, out, err)
        return self._project[key]

    def _run(self, args: list[str]) -> tuple[int, str, str]:
        from annotated import article_copy

        out, err = io.StringIO(), io.StringIO()
        with pytest.MonkeyPatch.context() as mp:
            mp.delenv("ARTICLE_SOURCE", raising=False)
            mp.setattr(article_copy, "DEFAULT_SOURCE", self.root / "no-such-source.txt")
            mp.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(args)
        return code, out.getvalue(), err.getvalue()

    def _once(self, dest: Path, build: Callable[[], tuple[int, str, str]]) -> tuple[int, str, str]:
        """Build into `dest` unless another worker of this run has (see the class): how it went."""
        record = dest.with_name(dest.name + ".json")
        with FileLock(dest.with_name(dest.name + ".lock")):
            if record.is_file():
                done = json.loads(record.read_text(encoding="utf-8"))
            else:
                code, out, err = build()
                done = {"code": code, "stdout": out, "stderr": err, "snapshot": snapshot(dest)}
                record.write_text(json.dumps(done), encoding="utf-8")
        self.built[dest.name] = (dest, {k: (d, m) for k, (d, m) in done["snapshot"].items()})
        return done["code"], done["stdout"], done["stderr"]

    def changed(self) -> list[str]:
        """What tests changed in the shared sites since they were built (should be nothing)."""
        problems = []
        for name, (folder, before) in self.built.items():
            after = snapshot(folder)
            for rel in sorted(before.keys() | after.keys()):
                if before.get(rel) != after.get(rel):
                    problems.append(f"{name}/{rel}")
        return problems
