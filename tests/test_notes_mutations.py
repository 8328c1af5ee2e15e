"""Property: whatever one does to a valid notes file (drop, duplicate or rename a key, change a
value's type, cut the file short, put a bad byte in it), the build never shows a traceback. It
either succeeds or fails with `error: FILE:LINE: …` lines and exit 1, the last good site intact."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from annotated import article_copy
from site_helpers import FIXTURE, SiteCopy, copy_fixture

NOTES_FILES = sorted(p.relative_to(FIXTURE).as_posix() for p in (FIXTURE / "notes").rglob("*.yml"))
ERROR_LINE = re.compile(r"error: [^:\n]+\.yml:\d+(:\d+)?: \S.*")
FAILED = re.compile(r"build failed \((1 problem|\d+ problems)\); .* was left as it was")
KEY = re.compile(rb"^(\s*-?\s*)([A-Za-z_][\w-]*):", re.MULTILINE)
VALUES = [b"[]", b"{}", b"3", b"true", b"null", b"'x'", b"[a, b]", b"- x", b"2005-13-45", b'"']


def _digest(folder: Path) -> dict[str, str]:
    return {
        f.relative_to(folder).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.rglob("*"))
        if f.is_file()
    }


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file, its mutated bytes)."""
    rel = draw(st.sampled_from(NOTES_FILES))
    data = (FIXTURE / rel).read_bytes()
    lines = data.split(b"\n")
    keys = list(KEY.finditer(data))
    how = draw(st.sampled_from(["drop", "duplicate", "rename", "retype", "truncate", "bad-byte"]))
    if how == "drop":
        i = draw(st.integers(0, len(lines) - 1))
        return rel, b"\n".join(lines[:i] + lines[i + 1 :])
    if how == "duplicate":
        i = draw(st.integers(0, len(lines) - 1))
        return rel, b"\n".join(lines[: i + 1] + lines[i:])
    if how in ("rename", "retype") and keys:
        m = draw(st.sampled_from(keys))
        if how == "rename":
            name = draw(st.text("abcdefghijklmnopqrstuvwxyz_-", min_size=1, max_size=10))
            return rel, data[: m.start(2)] + name.encode() + data[m.end(2) :]
        end = data.find(b"\n", m.end())
        end = len(data) if end < 0 else end
        return rel, data[: m.end()] + b" " + draw(st.sampled_from(VALUES)) + data[end:]
    if how == "truncate":
        return rel, data[: draw(st.integers(0, len(data) - 1))]
    at = draw(st.integers(0, len(data)))
    return rel, data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe2\x80"])) + data[at:]


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> SiteCopy:
    mp = pytest.MonkeyPatch()
    mp.delenv("ARTICLE_SOURCE", raising=False)
    mp.setattr(article_copy, "DEFAULT_SOURCE", Path("/nonexistent/article.txt"))
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = copy_fixture(tmp_path_factory.mktemp("good") / "site")
    try:
        assert site.build() == 0
    finally:
        mp.undo()
    return site


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=mutations())
def test_a_mutated_notes_file_fails_cleanly_or_builds(
    good_site: SiteCopy,
    mutation: tuple[str, bytes],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    rel, data = mutation
    site = copy_fixture(tmp_path_factory.mktemp("mutated") / "site")
    shutil.copytree(good_site.out, site.out)
    before = _digest(site.out)
    (site.root / rel).write_bytes(data)
    capsys.readouterr()
    code = site.build()
    event(f"exit {code}")
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code == 0:
        return  # the mutation happened to be valid (a dropped optional key, say)
    assert code == 1, err
    lines = [ln for ln in err.splitlines() if not ln.startswith("warning: ")]
    assert lines and FAILED.fullmatch(lines[0]), err
    assert all(ERROR_LINE.fullmatch(ln) for ln in lines[1:]), err
    assert _digest(site.out) == before


def _keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return {str(k) for k in data} | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


@st.composite
def breaking_mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file, bytes) made invalid by construction: a byte that is never UTF-8, or a real key
    renamed to a name no schema has (checked: YAML reads it as a key, not as a body's text)."""
    rel = draw(st.sampled_from(NOTES_FILES))
    data = (FIXTURE / rel).read_bytes()
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        return rel, data[:at] + b"\xff" + data[at:]
    import yaml

    # An entry's own id (glossary.yml's, people.yml's, at the left margin) may be renamed freely.
    free = rel in ("notes/glossary.yml", "notes/people.yml")
    m = draw(st.sampled_from([k for k in KEY.finditer(data) if not free or k.group(1)]))
    name = "zq" + draw(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6))
    mutated = data[: m.start(2)] + name.encode() + data[m.end(2) :]
    try:
        renamed = name in _keys(yaml.safe_load(mutated.decode("utf-8")))
    except yaml.YAMLError:
        renamed = True  # not even YAML any more: invalid all the same
    assume(renamed)
    return rel, mutated


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=breaking_mutations())
def test_an_invalid_notes_file_never_builds_in_silence(
    good_site: SiteCopy,
    mutation: tuple[str, bytes],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever the mutation that makes a notes file invalid, the build says so (exit 1, an
    `error:` line naming that file) and the last good site stays."""
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    rel, data = mutation
    site = copy_fixture(tmp_path_factory.mktemp("broken") / "site")
    shutil.copytree(good_site.out, site.out)
    before = _digest(site.out)
    (site.root / rel).write_bytes(data)
    capsys.readouterr()
    code = site.build()
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == 1, f"{rel} was accepted: {err}"
    errors = [ln for ln in err.splitlines() if ln.startswith("error: ")]
    assert any(f"{site.root / rel}:" in ln or f"/{rel}:" in ln for ln in errors), err
    assert _digest(site.out) == before
