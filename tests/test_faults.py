"""Runs the fault catalogue (tests/fault_catalogue.py): each mistake planted into a private copy
of the fixture site, then the real command line, in process. Every row must give its exit code,
exactly its line(s), no traceback, and leave the previous site as it was (bytes and modes)."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

import pytest

from annotated import article_copy
from fault_catalogue import FAULTS, Fault
from site_helpers import SiteCopy, copy_fixture

AREAS = ("notes", "pages", "copy", "config", "filesystem")


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        f.relative_to(folder).as_posix(): (
            hashlib.sha256(f.read_bytes()).hexdigest() if f.is_file() else "",
            f.stat().st_mode,
        )
        for f in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize("fault", [pytest.param(f, id=f.id) for f in FAULTS])
def test_fault(
    fault: Fault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if fault.root_skips and os.geteuid() == 0:
        pytest.skip("root ignores file modes, so this fault cannot be planted as root (CI too)")
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = copy_fixture(tmp_path / "s")
    # The previous good site: a stand-in is enough (a failed build must not touch any byte).
    site.out.mkdir()
    site.out.joinpath("index.html").write_text("<p>the last good site</p>", "utf-8")
    site.out.joinpath("assets").mkdir()
    site.out.joinpath("assets", "a.css").write_text("p{}", "utf-8")
    before = _snapshot(site.out)
    extra = fault.plant(site) or []
    try:
        code = site.build(*extra, source=fault.source)
        out, err = capsys.readouterr()
        _check(fault, site, code, out, err, before)
    finally:
        for p in site.root.rglob("*"):  # let tmp_path's clean-up remove what a row locked
            if not p.is_symlink() and p.stat().st_mode & 0o700 != 0o700 and p.is_dir():
                p.chmod(0o755)
            elif not p.is_symlink() and p.is_file() and p.stat().st_mode & 0o600 != 0o600:
                p.chmod(0o644)


def _check(
    fault: Fault, site: SiteCopy, code: int, out: str, err: str, before: dict[str, tuple[str, int]]
) -> None:
    assert "Traceback" not in out + err
    fill = {"notes": site.notes, "docs": site.docs, "root": site.root, "out": site.out}
    expected = fault.expected.format(**fill).splitlines()
    assert code == fault.code, err
    if fault.code == 0:
        said = err.splitlines() + out.splitlines()
        for line in expected:
            assert line in said, out + err
        return
    assert [ln.removeprefix("error: ") for ln in err.splitlines() if ln.startswith("error: ")] == (
        expected
    )
    assert _snapshot(site.out) == before


def test_the_catalogue_covers_every_area() -> None:
    counts = Counter(f.area for f in FAULTS)
    assert set(counts) == set(AREAS)
    assert len(FAULTS) >= 60
    assert len({f.id for f in FAULTS}) == len(FAULTS)


def test_the_material_features_are_those_of_the_pinned_theme() -> None:
    """annotated.mkdocs_config.MATERIAL_FEATURES against the installed Material: every flag its
    templates test (`"x" in features`) and its bundle reads (`feature("x")`), no more, no less."""
    import re

    import material

    from annotated.mkdocs_config import MATERIAL_FEATURES

    root = Path(material.__file__).parent / "templates"
    found: set[str] = set()
    for f in root.rglob("*.html"):
        found |= set(re.findall(r'"([a-z]+(?:\.[a-z]+)+)" in features', f.read_text("utf-8")))
    for f in (root / "assets" / "javascripts").glob("bundle.*.min.js"):
        found |= set(
            re.findall(
                r'\b[a-zA-Z]{1,3}\("((?:navigation|content|header|search|toc|'
                r'announce)\.[a-z.]+)"\)',
                f.read_text("utf-8"),
            )
        )
    found = {name for name in found if not name.startswith("search.result.")}  # translations
    assert found == set(MATERIAL_FEATURES)
