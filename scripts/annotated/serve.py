"""Live preview: regenerate the staged pages when notes, docs or the article change, and let
`mkdocs serve` (watching the stage and the theme overrides) rebuild and reload the browser.

An error in the notes is printed (one line each) and the preview keeps the last good pages.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from annotated import staging
from annotated.article_copy import find_source
from annotated.build import Options, prepare
from annotated.errors import InputError, UsageError
from annotated.mkdocs_config import read_config


def regenerate(opts: Options, stage_dir: Path) -> list[str]:
    """Write the stage from the current inputs; returns what changed. Raises InputError."""
    prepared = prepare(opts)
    if prepared.problems:
        raise InputError(prepared.problems)
    return staging.sync(stage_dir, staging.wanted_files(opts.docs, prepared.pages.files))


def _report(opts: Options, stage_dir: Path) -> None:
    try:
        changed = regenerate(opts, stage_dir)
        print(f"regenerated: {len(changed)} file(s) changed", file=sys.stderr)
    except InputError as e:
        for p in e.problems:
            print(f"error: {p}", file=sys.stderr)
        print("the preview keeps the last good pages until this is fixed", file=sys.stderr)


def serve(args: argparse.Namespace) -> int:
    from watchfiles import watch

    opts = Options.from_args(args)
    stage_dir = opts.stage_dir()
    source = find_source(opts.source)
    regenerate(opts, stage_dir)  # the first time, errors stop the preview (exit 1)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(opts.config), "-a", args.addr]
    server = subprocess.Popen(cmd, env=env)
    # Stopped by a signal (a terminal closing, a supervisor): still stop mkdocs serve with us.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # mkdocs serve itself watches the stage, the config and the theme (overrides/); we watch what
    # the stage is made from. overrides/ is listed too, so a template change also re-checks notes.
    overrides = opts.config.parent / "overrides"
    inputs = (opts.notes, opts.docs, source, overrides)
    watched = [p for p in inputs if p is not None and p.exists()]
    url = f"http://{args.addr}{read_config(opts.config).url_path}"
    print(f"watching {', '.join(map(str, watched))}; preview at {url}", flush=True)
    try:
        for _changes in watch(*watched, stop_event=None, raise_interrupt=False):
            if server.poll() is not None:
                raise UsageError(f"mkdocs serve stopped (exit {server.returncode})")
            _report(opts, stage_dir)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
