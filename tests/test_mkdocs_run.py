"""MkDocs run in-process (annotated.mkdocs_run): the theme's compiled templates and each page's
search entries kept in the build's cache, used only while what they are made from is unchanged,
and the same site either way. (Its warnings as problems are tested through the build:
tests/test_cli.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from annotated import mkdocs_run
from site_helpers import snapshot

CONFIG = """\
site_name: Templates
theme:
  name: material
  font: false
  custom_dir: overrides
plugins:
  - search
"""

OVERRIDE = '{% extends "base.html" %}\n{% block content %}<p>MARK</p>{{ super() }}{% endblock %}\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nA page.\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(OVERRIDE.replace("MARK", "one"), "utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from source, as it compiles them."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: Any, name: str | None = None, *a: Any) -> Any:
        names.append(str(name))
        return compile_source(self, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


def _build(root: Path, out: str, cache: Path | None) -> dict[str, tuple[str, int]]:
    docs, config = root / "docs", root / "mkdocs.yml"
    assert mkdocs_run.build_site(config, docs, root / out, {}, cache=cache) == []
    return snapshot(root / out)


def test_a_second_build_compiles_no_template_and_writes_the_same_site(
    project: Path, compiled: list[str]
) -> None:
    cache = project / "cache"
    first = _build(project, "one", cache)
    assert "main.html" in compiled and "base.html" in compiled
    assert any(mkdocs_run.template_cache_dir(cache).iterdir())
    compiled.clear()
    second = _build(project, "two", cache)
    assert compiled == []
    assert second == first == _build(project, "three", None)  # and as without the cache


def test_a_changed_template_is_compiled_again(project: Path, compiled: list[str]) -> None:
    cache = project / "cache"
    _build(project, "one", cache)
    (project / "overrides" / "main.html").write_text(OVERRIDE.replace("MARK", "two"), "utf-8")
    compiled.clear()
    _build(project, "two", cache)
    assert compiled == ["main.html"]
    assert "<p>two</p>" in (project / "two" / "index.html").read_text(encoding="utf-8")


def test_another_version_of_what_compiles_templates_has_its_own_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = mkdocs_run.template_cache_dir(tmp_path)
    installed = mkdocs_run._installed
    for package in mkdocs_run.TEMPLATE_ENGINE:
        monkeypatch.setattr(
            mkdocs_run, "_installed", lambda p, q=package: "0.0" if p == q else installed(p)
        )
        after = mkdocs_run.template_cache_dir(tmp_path)
        assert after.parent == before.parent == tmp_path and after != before, package


def test_a_second_build_indexes_only_the_pages_that_changed_and_writes_the_same_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import material.plugins.search.plugin as search  # type: ignore[import-untyped]

    (project / "docs" / "other.md").write_text("# Other\n\n## Part\n\nText.\n", "utf-8")
    indexed: list[str] = []
    add = search.SearchIndex.add_entry_from_context

    def counted(index: Any, page: Any) -> None:
        indexed.append(page.file.src_uri)
        add(index, page)

    monkeypatch.setattr(search.SearchIndex, "add_entry_from_context", counted)
    cache = project / "cache"
    first = _build(project, "one", cache)
    assert sorted(indexed) == ["index.md", "other.md"] and (cache / "search.json").is_file()
    indexed.clear()
    assert _build(project, "two", cache) == first and indexed == []
    (project / "docs" / "other.md").write_text("# Other\n\n## Part\n\nNew text.\n", "utf-8")
    third = _build(project, "three", cache)
    assert indexed == ["other.md"]
    assert third == _build(project, "four", None)  # as a build that indexed every page
    assert search.SearchIndex.add_entry_from_context is counted  # put back after each build


def test_search_entries_json_cannot_give_back_are_made_each_time() -> None:
    from types import SimpleNamespace

    page = SimpleNamespace(content="<h1>T</h1>", url="p/", title="T", toc=[])
    page.meta = {"search": {"boost": float("nan")}}  # NaN: JSON gives back no equal value
    made: list[int] = []

    def add(index: Any, page: Any) -> None:
        made.append(1)
        index.entries.append({"location": page.url, "boost": page.meta["search"]["boost"]})

    memo = mkdocs_run.SearchMemo(add)
    memo(SimpleNamespace(entries=[]), page)
    memo(SimpleNamespace(entries=[]), page)
    assert len(made) == 2 and memo.entries == {}
