"""An MkDocs hook (mkdocs.yml `hooks:`): a generated page's edit action opens the notes file it was
made from, not the staged Markdown, which is in no repository.

The page names that file in its front matter (`edit_url`, relative to repo_url as edit_uri is:
annotated.pages.lines.EDIT_PREFIX); a hand-written page keeps MkDocs' own, docs/ + its path.
Material's actions partial shows page.edit_url as it is, so no copy of that partial is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def edit_url(repo_url: str | None, meta: Mapping[str, Any]) -> str | None:
    """The edit address a page's front matter asks for, or None to keep MkDocs' own."""
    target = meta.get("edit_url")
    if not target or not repo_url:
        return None
    return repo_url.rstrip("/") + "/" + str(target)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    url = edit_url(config.repo_url, page.meta)
    if url is not None:
        page.edit_url = url
    return markdown
