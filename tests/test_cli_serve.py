"""`scripts/build.py serve`: regenerate on change, mkdocs serve reloads, last good pages kept."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config import load_config

from annotated import article_copy, exports, mkdocs_run
from annotated.bodies import Memo as BodyMemo
from annotated.bodies import Renderer
from annotated.build import Memos, Options
from annotated.errors import InputError
from annotated.serve import regenerate, wanted
from site_helpers import copy_fixture

BUILD = Path(__file__).resolve().parent.parent / "scripts" / "build.py"


def test_regenerate_writes_only_what_changed(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path / "s")
    opts = Options(config=site.config, notes=site.notes, docs=site.docs, source=site.source)
    stage = tmp_path / "stage"
    first = regenerate(opts, stage)
    assert "reading/introduction.md" in first and "index.md" in first
    assert regenerate(opts, stage) == []
    site.edit("notes/glossary.yml", "Keeping options open", "Keeping all options open")
    assert regenerate(opts, stage) == ["glossary.md"]
    site.edit("notes/annotations/rivers.yml", "the dry summer", "the dry winter")
    with pytest.raises(InputError):
        regenerate(opts, stage)
    assert "Keeping all options open" in (stage / "glossary.md").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, until: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                body = r.read().decode()
                if until in body:
                    return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {until!r}")


@pytest.mark.slow  # a real server and a rebuild in a child process: 10-20 s
def test_serve_reloads_after_a_note_changes(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path / "s")
    port = _free_port()
    cmd = [
        sys.executable, str(BUILD), "serve",
        "--config", str(site.config), "--notes", str(site.notes), "--docs", str(site.docs),
        "--source", str(site.source), "--addr", f"127.0.0.1:{port}",
    ]  # fmt: skip
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/test-reading/glossary/"
        _get(url, "Keeping options open")
        site.edit("notes/glossary.yml", "Keeping options open", "Keeping every option open")
        _get(url, "Keeping every option open")
        # A bad edit: the open page reloads with the error lines over the last good text.
        site.edit("notes/glossary.yml", "Keeping every option open", "Keeping it open\n  trem: x")
        page = _get(url, "The last build failed")
        assert "Keeping every option open" in page and "trem" in page
        staged = (site.root / "stage" / "glossary.md").read_text()  # the last good stage, as is
        assert "Keeping every option open" in staged and "build-errors" not in staged
        site.edit("notes/glossary.yml", "Keeping it open\n  trem: x", "Keeping one option open")
        assert "The last build failed" not in _get(url, "Keeping one option open")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
    assert "watching" in (tmp_path / "serve.log").read_text()


def _files(root: Path) -> dict[str, bytes]:
    return {f.relative_to(root).as_posix(): f.read_bytes() for f in root.rglob("*") if f.is_file()}


def _plain(config: object) -> dict[str, str]:
    """A loaded MkDocs config as comparable text, key by key (plugins and theme by their repr's
    content: their classes and options)."""
    out = {}
    for key, value in dict(config).items():  # type: ignore[call-overload]
        out[key] = json.dumps(
            value,
            default=lambda o: sorted(vars(o)) if hasattr(o, "__dict__") else str(o),
            sort_keys=True,
        )
    return out


class _Counting(Renderer):
    """A renderer that lists the bodies it converts (not taken from its memo)."""

    def __init__(self, memo: BodyMemo) -> None:
        super().__init__(memo)
        self.converted: list[str] = []

    def _render(
        self, body: str, resolve: Callable[[str], str], inline: bool
    ) -> tuple[str, list[str]]:
        self.converted.append(body)
        return super()._render(body, resolve, inline)


def test_the_preview_renders_again_only_the_bodies_an_edit_changed(tmp_path: Path) -> None:
    """The preview keeps one renderer (and its memo) across rebuilds: after an edit, what it
    stages is what a fresh assembly stages, and only the edited body was converted again."""
    site = copy_fixture(tmp_path / "s")
    opts = Options(config=site.config, notes=site.notes, docs=site.docs, source=site.source)
    kept = _Counting(BodyMemo())
    wanted(opts, Memos(renderer=kept))
    assert kept.converted
    site.edit("notes/glossary.yml", "Keeping options open", "Keeping all options open")
    kept.converted.clear()
    assert wanted(opts, Memos(renderer=kept)).files == wanted(opts).files
    assert len(kept.converted) == 1 and "Keeping all options open" in kept.converted[0]


@pytest.mark.parametrize("source", [True, False], ids=["full", "companion"])
def test_the_preview_stages_and_configures_what_the_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: bool
):
    """One assembly (annotated.build.assemble) for both: the same staged files, byte for byte
    (generated pages, exports, the own-copy reader's data, word list and pdf.js), and MkDocs
    given the same configuration (the article's COinS in `extra` among it)."""
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")
    site = copy_fixture(tmp_path / "s")
    assert site.build(source=source) == 0
    built = _files(site.root / "stage")
    opts = Options(
        config=site.config, notes=site.notes, docs=site.docs, stage=tmp_path / "preview",
        source=site.source if source else None, edition=None if source else "companion",
    )  # fmt: skip
    assembly = wanted(opts)
    regenerate(opts, opts.stage_dir())
    assert _files(tmp_path / "preview") == built
    assert {"assets/your-copy/data.json", "assets/your-copy/words.gz"} <= set(built)
    assert exports.EXTRA_KEY in assembly.extra  # the article's COinS, for Zotero
    build_config = mkdocs_run.load(site.config, site.root / "stage", assembly.extra)
    preview_config = load_config(
        str(site.config),
        **mkdocs_run.serve_options(site.config, site.root / "stage", assembly.extra),
    )
    assert _plain(preview_config) == _plain(build_config)
    key = exports.EXTRA_KEY
    assert preview_config.extra[key] == build_config.extra[key] == assembly.extra[key]
