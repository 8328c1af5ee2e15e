"""The minify hook (scripts/annotated/minify.py) over the real docs/ files, without a build."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files

from annotated import minify
from site_helpers import REPO


def files_of(docs: Path, paths: list[str]) -> Files:
    return Files([File(p, str(docs), "/unused", use_directory_urls=True) for p in paths])


def test_our_files_are_minified_under_their_own_names() -> None:
    docs = REPO / "docs"
    files = minify.on_files(files_of(docs, list(minify.MINIFIED)), config=None)
    for path in minify.MINIFIED:
        out, source = files.get_file_from_path(path), (docs / path).read_text(encoding="utf-8")
        assert out is not None and out.dest_uri == path  # loader.js is named in overrides/main.html
        assert "/*" not in out.content_string and len(out.content_string) < 0.75 * len(source)
    sidenotes = files.get_file_from_path("assets/javascripts/sidenotes.js")
    assert sidenotes is not None
    assert '`button.sn-ref[aria-controls="${CSS.escape(note.id)}"]`' in sidenotes.content_string


@pytest.mark.parametrize(
    "path", [*[p for p in minify.MINIFIED if p.endswith(".js")], "assets/your-copy/main.mjs"]
)
def test_our_minified_modules_still_parse_as_modules(tmp_path: Path, path: str) -> None:
    """rjsmin keeps import, export and import.meta: node --check reads the output as a module."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed (apt-get install nodejs)")
    source = (REPO / "docs" / path).read_text(encoding="utf-8")
    out = tmp_path / "minified.mjs"
    out.write_text(minify.MINIFIERS[Path(path).suffix](source), encoding="utf-8")
    assert "export " in out.read_text(encoding="utf-8") or "export " not in source
    checked = subprocess.run(["node", "--check", str(out)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_a_listed_file_that_is_gone_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.minify"):
        minify.on_files(files_of(REPO / "docs", []), config=None)
    assert caplog.messages[0] == (
        "scripts/annotated/minify.py: assets/stylesheets/reading.css is not in the site; "
        "update MINIFIED to the file's new path, or remove it"
    )
