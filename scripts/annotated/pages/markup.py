"""What every generated page shares: escaping, page labels, front matter and the HTML layouts.

The layouts are Jinja2 templates (templates/*.html) with autoescape on, so text is escaped by
construction; HTML that is already safe (a note body the site renderer sanitised, a fragment built
here) is passed in as `Markup`.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2 import __version__ as jinja2_version
from markupsafe import Markup

__all__ = [
    "Markup",
    "attr",
    "esc",
    "front_matter",
    "keep_compiled",
    "layout",
    "pages_label",
    "provenance",
]


def esc(text: str) -> str:
    """Text for an HTML text node: `&`, `<`, `>` only (quotes stay as typed)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def pages_label(pages: list[int]) -> str:
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}–{pages[-1]}"


def front_matter(fields: dict[str, Any]) -> str:
    """YAML front matter for MkDocs, written by a serializer (any title or description is safe)."""
    body = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n"


def provenance(what: str) -> str:
    """Where a generated page came from, for whoever edits it; readers never see it."""
    return f"<!-- {what.replace('--', '- -')} -->"


@cache
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


def keep_compiled(cache: Path) -> None:
    """Keep the layouts' compiled code under `cache` (the build's cache folder), as the theme's
    templates are (mkdocs_run): compiling them is most of generating the pages in a warm build.
    Jinja keys each by its file and checks it against the source, and its files name the Python
    that compiled them, so a changed layout or another Python compiles again; the folder names
    Jinja's version. It is ours alone: our environment's options (trim_blocks...) are not the
    theme's."""
    folder = cache / f"layouts-jinja2-{jinja2_version}"
    folder.mkdir(parents=True, exist_ok=True)
    _env().bytecode_cache = FileSystemBytecodeCache(str(folder))


@cache
def layout(name: str) -> Any:
    """The macros of one template file, as Python callables returning Markup."""
    return _env().get_template(f"{name}.html").module
