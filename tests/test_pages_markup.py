"""The page layouts' environment (annotated.pages.markup): compiled code kept between builds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from annotated.pages import markup


def _forget_loaded() -> None:
    """As in a new process: no environment made, no layout loaded."""
    markup._env.cache_clear()
    markup.layout.cache_clear()


@pytest.fixture
def fresh() -> Iterator[None]:
    """A process that has not loaded the layouts yet, as each build is (and after: the same)."""
    _forget_loaded()
    yield
    _forget_loaded()


def _next_build(cache: Path, compiled: list[str]) -> None:
    """What the next build does before it asks for a layout: a new process keeping `cache`."""
    _forget_loaded()
    compiled.clear()
    markup.keep_compiled(cache)


def _compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def spy(
        self: jinja2.Environment, source: Any, name: str | None = None, *a: Any, **k: Any
    ) -> Any:
        names.append(str(name))
        return compile_(self, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


def test_a_second_build_compiles_no_layout_and_gets_the_same_markup(
    fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _compiled(monkeypatch)
    pairs = [("../glossary/#omnibalancing", "Omnibalancing <term>"), ("#p3", "¶ 3")]
    markup.keep_compiled(tmp_path)
    first = str(markup.layout("common").line("See", pairs))
    assert "common.html" in compiled and any(tmp_path.rglob("*.cache"))
    _next_build(tmp_path, compiled)
    assert str(markup.layout("common").line("See", pairs)) == first
    assert compiled == []
    assert "Omnibalancing &lt;term&gt;" in first  # still escaped: the same environment's code


def test_a_changed_layout_is_compiled_again(
    fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _compiled(monkeypatch)
    pairs = [("#a", "a"), ("#b", "b")]
    markup.keep_compiled(tmp_path)
    assert str(markup.layout("common").links(pairs)) == '<a href="#a">a</a>, <a href="#b">b</a>'
    get_source = jinja2.FileSystemLoader.get_source

    def edited(self: jinja2.FileSystemLoader, env: jinja2.Environment, name: str) -> Any:
        source, filename, uptodate = get_source(self, env, name)
        return source.replace('", "', '"; "'), filename, uptodate

    monkeypatch.setattr(jinja2.FileSystemLoader, "get_source", edited)
    _next_build(tmp_path, compiled)
    assert str(markup.layout("common").links(pairs)) == '<a href="#a">a</a>; <a href="#b">b</a>'
    assert compiled == ["common.html"]
