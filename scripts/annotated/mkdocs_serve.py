"""The preview's server: `mkdocs serve` on the stage, given what the build gives MkDocs.

Run by `annotated.serve` as a child process (`python -m annotated.mkdocs_serve CONFIG ADDR
OPTIONS`), which it restarts when those options change. MkDocs watches the config; the stage is
rebuilt when `annotated.serve` says it is complete (a line on stdin), at once and never half
written, and MkDocs reloads the open page.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from typing import IO, Any, NoReturn

import jinja2
from mkdocs.livereload import LiveReloadServer
from mkdocs.theme import Theme


def _stop(*_: object) -> NoReturn:
    raise KeyboardInterrupt  # mkdocs serve then shuts down and removes its temporary site


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept across rebuilds (MkDocs loads the theme afresh on each), keyed
    by name and checked by Jinja against the source: a changed override is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def told_server(stage: str, commands: IO[str]) -> type[LiveReloadServer]:
    """MkDocs' livereload server, except that the stage is not polled (every 0.5 s, then 0.1 s of
    quiet) but rebuilt on each line read from `commands`, with no delay."""

    class Told(LiveReloadServer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.build_delay = 0  # a line comes once the stage is complete
            threading.Thread(target=self._listen, daemon=True).start()

        def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
            if os.path.abspath(path) != os.path.abspath(stage):
                super().watch(path, func, recursive=recursive)

        def _listen(self) -> None:
            for _ in commands:  # MkDocs 1.6's own flag and condition, as its watcher sets them
                with self._rebuild_cond:
                    self._want_rebuild = True
                    self._rebuild_cond.notify_all()

    return Told


def main(argv: list[str]) -> int:
    import mkdocs.commands.serve as mkdocs_serve

    config, addr, options = argv
    signal.signal(signal.SIGTERM, _stop)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    kwargs = json.loads(options)
    mkdocs_serve.LiveReloadServer = told_server(kwargs["docs_dir"], sys.stdin)  # type: ignore[misc]
    cache, get_env = _TemplateCache(), Theme.get_env

    def cached_env(theme: Theme) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = cache
        return env

    Theme.get_env = cached_env  # type: ignore[method-assign, assignment]
    mkdocs_serve.serve(config_file=config, dev_addr=addr, livereload=True, **kwargs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
