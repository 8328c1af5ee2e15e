"""Live preview: regenerate the staged pages when notes, docs or the article change, and let
`mkdocs serve` (watching the stage and the theme overrides) rebuild and reload the browser.

An error in the notes is printed (one line each) and the preview keeps the last good pages, with
the error lines in a banner over each of them (so the open page shows them after its reload); the
next good build replaces them, banner and all.
"""

from __future__ import annotations

import argparse
import html
import os
import signal
import subprocess
import sys
from pathlib import Path

from annotated import staging
from annotated.article_copy import find_source
from annotated.build import Options, generated_files, prepare
from annotated.citations import Citer, Memo
from annotated.errors import InputError, UsageError
from annotated.mkdocs_config import read_config


def regenerate(opts: Options, stage_dir: Path, citer: Citer | None = None) -> list[str]:
    """Write the stage from the current inputs; returns what changed. Raises InputError."""
    return staging.sync(stage_dir, wanted(opts, citer))


def wanted(opts: Options, citer: Citer | None = None) -> dict[str, bytes | Path]:
    """What the stage should hold for the current inputs. Raises InputError. One `citer` kept
    for the whole preview formats each citation once."""
    prepared = prepare(opts, citer)
    if prepared.problems:
        raise InputError(prepared.problems)
    return staging.wanted_files(opts.docs, generated_files(prepared))


BANNER_HEAD = "The last build failed; this is the last good page. Fix:"


def with_errors(files: dict[str, bytes | Path], errors: list[str]) -> dict[str, bytes | Path]:
    """The same files, each Markdown page with the error lines in a banner at its top."""
    lines = "\n".join(html.escape(e, quote=False) for e in [BANNER_HEAD, *errors])
    banner = f'<pre class="build-errors" role="alert">{lines}</pre>\n\n'.encode()
    out: dict[str, bytes | Path] = {}
    for rel, content in files.items():
        if not rel.endswith(".md"):
            out[rel] = content
            continue
        text = content.read_bytes() if isinstance(content, Path) else content
        head = b""
        if text.startswith(b"---\n") and b"\n---\n" in text[3:]:  # after the front matter
            end = text.index(b"\n---\n", 3) + 5
            head, text = text[:end], text[end:]
        out[rel] = head + banner + text
    return out


def _report(
    opts: Options, stage_dir: Path, last_good: list[dict[str, bytes | Path]], citer: Citer
) -> None:
    try:
        files = wanted(opts, citer)
    except InputError as e:
        errors = [f"error: {p}" for p in e.problems]
        for line in errors:
            print(line, file=sys.stderr)
        print("the preview keeps the last good pages until this is fixed", file=sys.stderr)
        staging.sync(stage_dir, with_errors(last_good[0], errors))
        return
    last_good[0] = files
    changed = staging.sync(stage_dir, files)
    print(f"regenerated: {len(changed)} file(s) changed", file=sys.stderr)


def serve(args: argparse.Namespace) -> int:
    from watchfiles import watch

    opts = Options.from_args(args)
    stage_dir = opts.stage_dir()
    source = find_source(opts.source)
    citer = Citer(Memo.load(opts.memo_file()))
    last_good = [wanted(opts, citer)]  # the first time, errors stop the preview (exit 1)
    staging.sync(stage_dir, last_good[0])
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
            _report(opts, stage_dir, last_good, citer)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
