"""annotated.mkdocs_serve: MkDocs' livereload server told when to rebuild; the template cache."""

from __future__ import annotations

import io
import time
from pathlib import Path

import jinja2

from annotated.mkdocs_serve import _TemplateCache, told_server


def test_the_server_rebuilds_on_each_line_without_polling_the_stage(tmp_path: Path) -> None:
    stage, config = tmp_path / "stage", tmp_path / "mkdocs.yml"
    stage.mkdir()
    config.write_text("site_name: x\n")
    server = told_server(str(stage), io.StringIO("rebuild\n"))(
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
