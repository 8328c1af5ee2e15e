"""annotated.mkdocs_serve: MkDocs' livereload server told when to rebuild and which errors to show
over its pages; the template cache."""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
import material.plugins.search.plugin as search  # type: ignore[import-untyped]
import pytest
from mkdocs.structure.pages import Page

from annotated import mkdocs_run
from annotated.build import Options
from annotated.mkdocs_serve import (
    _RenderMemo,
    _TemplateCache,
    told_server,
    with_banner,
)
from annotated.serve import regenerate
from site_helpers import copy_fixture


def test_the_server_rebuilds_on_each_line_without_polling_the_stage(tmp_path: Path) -> None:
    stage, config = tmp_path / "stage", tmp_path / "mkdocs.yml"
    stage.mkdir()
    config.write_text("site_name: x\n")
    line = json.dumps({"rebuild": True, "errors": []}) + "\n"
    server = told_server(str(stage), io.StringIO(line))(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site")
    )
    try:
        server.watch(str(stage))
        server.watch(str(config))
        assert list(server._watched_paths) == [str(config)]  # the config is still MkDocs' to poll
        assert server.build_delay == 0
        deadline = time.monotonic() + 5
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server._want_rebuild
    finally:
        server.server_close()


def test_compiled_templates_are_reused_until_their_source_changes() -> None:
    cache, compiled = _TemplateCache(), []

    def env(source: str) -> jinja2.Environment:
        class Counting(jinja2.Environment):
            def _compile(self, source: str, filename: str):  # type: ignore[no-untyped-def]
                compiled.append(source)
                return super()._compile(source, filename)

        e = Counting(loader=jinja2.DictLoader({"t.html": source}), bytecode_cache=cache)
        return e

    assert env("Hello {{ x }}").get_template("t.html").render(x=1) == "Hello 1"
    assert env("Hello {{ x }}").get_template("t.html").render(x=2) == "Hello 2"
    assert len(compiled) == 1  # the second environment, as after a rebuild, loaded the bytecode
    assert env("Bye {{ x }}").get_template("t.html").render(x=3) == "Bye 3"
    assert len(compiled) == 2


class _Lines(io.StringIO):
    """stdin as the preview writes it: lines that come one at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[str] = []
        self.ready = threading.Condition()

    def send(self, rebuild: bool, errors: list[str]) -> None:
        with self.ready:
            self.queue.append(json.dumps({"rebuild": rebuild, "errors": errors}) + "\n")
            self.ready.notify_all()

    def __iter__(self):  # type: ignore[override]
        while True:
            with self.ready:
                self.ready.wait_for(lambda: self.queue)
                yield self.queue.pop(0)


def _until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


@contextmanager
def _serving(root: Path, lines: _Lines, builds: list[int]) -> Iterator[tuple[Any, str]]:
    """The told server on `root` (a built site), in a thread; it and its address."""
    config = root.parent / "mkdocs.yml"
    config.write_text("site_name: x\n")
    server = told_server(str(root.parent / "stage"), lines)(
        builder=lambda: builds.append(1), host="127.0.0.1", port=0, root=str(root)
    )
    server.watch(str(config))  # as MkDocs does: pages get the reload script
    threading.Thread(target=server.serve, daemon=True).start()
    try:
        _until(lambda: server.serve_thread.is_alive(), "the server never started")
        yield server, f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), ""


def test_errors_are_served_over_each_page_with_a_reload_and_no_rebuild(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    page = '<html><body><article class="md-content__inner md-typeset"><h1>Hi</h1></article>'
    (site / "index.html").write_text(page + "</body></html>")
    builds: list[int] = []
    lines = _Lines()
    with _serving(site, lines, builds) as (server, url):
        before = server._visible_epoch
        assert "build-errors" not in _get(url)[2]
        lines.send(False, ["error: notes/glossary.yml:3: <trem>"])
        _until(lambda: server._visible_epoch > before, "the open page was not reloaded")
        assert (
            '<article class="md-content__inner md-typeset"><pre class="build-errors" role="alert">'
            "The last build failed; this is the last good page. Fix:\n"
            "error: notes/glossary.yml:3: &lt;trem&gt;</pre><h1>Hi</h1>"
        ) in _get(url)[2]
        assert builds == []  # the last good site, as it was built
        reloaded = server._visible_epoch
        lines.send(True, [])
        _until(lambda: server._visible_epoch > reloaded, "the rebuild never finished")
        assert builds == [1]
        assert "build-errors" not in _get(url)[2]


def test_files_but_pages_are_revalidated_by_their_content(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<html><body>Hi</body></html>")
    (site / "assets" / "a.css").write_text("p { color: red }")
    with _serving(site, _Lines(), []) as (_, url):
        status, headers, body = _get(url + "assets/a.css")
        assert (status, body, headers["Cache-Control"]) == (200, "p { color: red }", "no-cache")
        assert headers["Content-Type"] == "text/css"
        tag = headers["ETag"]
        assert _get(url + "assets/a.css", {"If-None-Match": tag})[:1] == (304,)
        (site / "assets" / "a.css").write_text("p { color: blue }")  # as a rebuild writes it
        status, headers, body = _get(url + "assets/a.css", {"If-None-Match": tag})
        assert (status, body) == (200, "p { color: blue }") and headers["ETag"] != tag
        status, headers, body = _get(url)  # a page: as MkDocs serves it, with the reload script
        assert status == 200 and "ETag" not in headers and "livereload" in body
        assert _get(url + "assets/none.css")[0] == 404


def test_the_banner_goes_first_in_the_content_or_else_first_in_the_body() -> None:
    page = b'<body class="x"><article class="md-content__inner md-typeset">A</article></body>'
    banner = b'<pre class="build-errors" role="alert">The last build failed'
    assert with_banner(page, []) == page
    assert banner + b"; this is the last good page. Fix:\nerror: x</pre>A" in with_banner(
        page, ["error: x"]
    )
    other = with_banner(b"<html><body>B</body></html>", ["error: y"])
    assert other.startswith(b'<html><body><div class="md-typeset">' + banner)
    assert other.endswith(b"error: y</pre></div>B</body></html>")


def _site(root: Path) -> dict[str, bytes]:
    return {f.relative_to(root).as_posix(): f.read_bytes() for f in root.rglob("*") if f.is_file()}


def test_a_rebuild_renders_and_indexes_again_only_the_pages_whose_text_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_fixture(tmp_path / "s")
    opts = Options(
        config=site.config, notes=site.notes, docs=site.docs, stage=tmp_path / "stage",
        source=site.source,
    )  # fmt: skip
    regenerate(opts, opts.stage_dir())
    rendered: list[str] = []
    original = Page.render

    def counted(page: Page, config: Any, files: Any) -> None:
        rendered.append(page.file.src_uri)
        original(page, config, files)

    memo = _RenderMemo(counted)
    monkeypatch.setattr(Page, "render", lambda page, config, files: memo(page, config, files))
    indexed: list[str] = []
    add = search.SearchIndex.add_entry_from_context

    def index_counted(index: Any, page: Page) -> None:
        indexed.append(page.file.src_uri)
        add(index, page)

    index = mkdocs_run.SearchMemo(index_counted)
    monkeypatch.setattr(search.SearchIndex, "add_entry_from_context", lambda i, p: index(i, p))

    def build(out: str) -> dict[str, bytes]:
        assert mkdocs_run.build_site(site.config, opts.stage_dir(), tmp_path / out, {}) == []
        return _site(tmp_path / out)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build("first")
    assert "glossary.md" in rendered and len(rendered) > 5
    site.edit("notes/glossary.yml", "Keeping options open", "Keeping every option open")
    assert regenerate(opts, opts.stage_dir()) == ["glossary.md"]
    rendered.clear()
    indexed.clear()
    again = build("again")
    assert rendered == indexed == ["glossary.md"]
    monkeypatch.setattr(Page, "render", original)
    monkeypatch.setattr(search.SearchIndex, "add_entry_from_context", add)
    assert again == build("fresh")  # the same bytes as a build that rendered every page
    assert "Keeping every option open" in again["glossary/index.html"].decode()
