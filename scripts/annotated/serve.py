"""Live preview: regenerate the stage when notes, docs or the article change, and let
`mkdocs serve` (watching the stage and the theme overrides) rebuild and reload the browser.

The stage and what MkDocs is told come from `annotated.build.assemble`, as for the build: the
preview serves the same pages, exports, own-copy files and the article's COinS as the built site.

An error in the notes is printed (one line each) and the preview keeps the last good site: the
stage is left as it was, and `mkdocs serve` serves each page with the error lines in a banner over
it (annotated.mkdocs_serve), so the open page shows them after its reload, with no rebuild; the
next good build replaces them.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from annotated import mkdocs_run, site_address, staging
from annotated.article_copy import find_source
from annotated.build import Assembly, Memos, Options, assemble, prepare
from annotated.errors import InputError, UsageError
from annotated.mkdocs_config import read_config


def regenerate(opts: Options, stage_dir: Path, memos: Memos | None = None) -> list[str]:
    """Write the stage from the current inputs; returns what changed. Raises InputError."""
    return staging.sync(stage_dir, wanted(opts, memos).files)


def wanted(opts: Options, memos: Memos | None = None) -> Assembly:
    """What the stage should hold and MkDocs be told, for the current inputs. Raises
    InputError. One `memos` kept for the whole preview formats each citation, renders each
    note body and parses each notes file once: an edit parses again only the file it changed,
    and renders again only the bodies it changed."""
    memos = memos or Memos()
    prepared = prepare(opts, memos)
    memos.forget_unused()  # kept across rebuilds: only the files as they are now
    if prepared.problems:
        raise InputError(prepared.problems)
    return assemble(opts, prepared, memos.citer)


class _Server:
    """`mkdocs serve` in a child process (annotated.mkdocs_serve), started again when what
    MkDocs is told changes (the article's metadata, for its COinS), and told on its stdin to
    rebuild each time the stage is complete, and which errors to show over its pages."""

    def __init__(self, opts: Options, addr: str) -> None:
        self.opts, self.addr = opts, addr
        self.extra: dict[str, object] | None = None
        self.errors: list[str] = []
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, extra: dict[str, object]) -> bool:
        """Start it (it builds the stage first), unless it runs with these extras; True if it
        was started."""
        if self.process is not None and self.process.stdin is not None and extra == self.extra:
            return False
        self.stop()
        self.extra, self.errors = extra, []
        options = mkdocs_run.serve_options(self.opts.config, self.opts.stage_dir(), extra)
        scripts = str(Path(__file__).resolve().parent.parent)  # annotated's folder, for -m
        path = os.pathsep.join(p for p in (scripts, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
        cmd = [sys.executable, "-m", "annotated.mkdocs_serve", str(self.opts.config), self.addr]
        self.process = subprocess.Popen([*cmd, json.dumps(options)], env=env, stdin=subprocess.PIPE)
        return True

    def tell(self, rebuild: bool, errors: list[str]) -> None:
        """Rebuild the stage if asked, and show these errors (none: the pages as built); the
        open page reloads when either changes."""
        if self.process is None or self.process.stdin is None:
            return
        if not rebuild and errors == self.errors:
            return
        self.errors = errors
        line = json.dumps({"rebuild": rebuild, "errors": errors}) + "\n"
        self.process.stdin.write(line.encode())
        self.process.stdin.flush()

    def check(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise UsageError(f"mkdocs serve stopped (exit {self.process.returncode})")

    def stop(self) -> None:
        if self.process is not None:
            if self.process.stdin is not None:
                self.process.stdin.close()
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _report(
    opts: Options,
    stage_dir: Path,
    last_good: list[Assembly],
    memos: Memos,
    server: _Server,
    theme_changed: bool = False,
) -> None:
    try:
        assembly = wanted(opts, memos)
    except InputError as e:
        errors = [f"error: {p}" for p in e.problems]
        for line in errors:
            print(line, file=sys.stderr)
        print("the preview keeps the last good pages until this is fixed", file=sys.stderr)
        server.tell(rebuild=theme_changed, errors=errors)  # the stage stays the last good one
        return
    for w in assembly.warnings:
        if w not in last_good[0].warnings:
            print(f"warning: {w}", file=sys.stderr)
    last_good[0] = assembly
    changed = staging.sync(stage_dir, assembly.files)
    if not server.start(assembly.extra):
        server.tell(rebuild=bool(changed) or theme_changed, errors=[])
    print(f"regenerated: {len(changed)} file(s) changed", file=sys.stderr)


def serve(args: argparse.Namespace) -> int:
    from watchfiles import watch

    opts = Options.from_args(args)
    stage_dir = opts.stage_dir()
    source = find_source(opts.source)
    memos = Memos.load(opts)
    last_good = [wanted(opts, memos)]  # the first time, errors stop the preview (exit 1)
    for w in last_good[0].warnings:
        print(f"warning: {w}", file=sys.stderr)
    staging.sync(stage_dir, last_good[0].files)
    server = _Server(opts, args.addr)
    server.start(last_good[0].extra)
    # Stopped by a signal (a terminal closing, a supervisor): still stop mkdocs serve with us.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # mkdocs serve itself watches the config; we watch what the stage is made from and the theme
    # (overrides/), and tell it to rebuild once the stage is written. watchfiles yields a change
    # after 50 ms of quiet (its `step`; `debounce` only caps a stream of changes).
    overrides = opts.config.parent / "overrides"
    inputs = (opts.notes, opts.docs, source, overrides)
    watched = [p for p in inputs if p is not None and p.exists()]
    config = read_config(opts.config)
    url = f"http://{args.addr}{config.url_path}"
    print(site_address.describe(config), flush=True)
    print(f"watching {', '.join(map(str, watched))}; preview at {url}", flush=True)
    try:
        for changes in watch(*watched, stop_event=None, raise_interrupt=False):
            server.check()
            theme = any(Path(p).is_relative_to(overrides) for _, p in changes)
            _report(opts, stage_dir, last_good, memos, server, theme)
    finally:
        server.stop()
    return 0
