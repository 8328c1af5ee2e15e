"""The one reader of mkdocs.yml outside MkDocs itself, for the few keys the build needs.

Read without running the config's Python tags (`!!python/name:…` for Material's extensions,
`!ENV`), which only MkDocs should evaluate, and without MkDocs' own loader, which insists that
docs_dir already exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml


class _Loader(yaml.SafeLoader):
    pass


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_Loader.add_multi_constructor("", _untagged)


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    docs_dir: Path  # absolute
    site_url: str
    nav: list[Any]  # as written: titles mapped to pages or to nested lists
    repo_url: str = ""

    @property
    def url_path(self) -> str:
        """The path the site is served under ("/annotated-reading/"), from site_url."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


def read_config(path: Path) -> SiteConfig:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    docs = (path.parent / data.get("docs_dir", "docs")).resolve()
    return SiteConfig(
        path,
        docs,
        str(data.get("site_url") or ""),
        list(data.get("nav") or []),
        str(data.get("repo_url") or ""),
    )
