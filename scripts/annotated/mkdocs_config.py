"""The one reader of mkdocs.yml outside MkDocs itself, for the few keys the build needs.

Read without running the config's Python tags (`!!python/name:…` for Material's extensions),
which only MkDocs should evaluate, and without MkDocs' own loader, which insists that docs_dir
already exists. `!ENV` is evaluated as MkDocs does (the same pyyaml-env-tag): the site's address
and repository come from the deployment's environment (SITE_URL, REPO_URL).
"""

from __future__ import annotations

import copy
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

from annotated.errors import InputError, Problem, display_path


class _Loader(yaml.SafeLoader):
    """Pure Python: its syntax errors are the ones our messages are worded from."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml
    """libyaml, several times faster, for a file that parses."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


for _loader in (_Loader, _FastLoader):
    _loader.add_multi_constructor("", _untagged)
    _loader.add_constructor("!ENV", construct_env_tag)


# The feature flags Material for MkDocs 9.8.1 (pinned) reads, from its templates (`"…" in
# features`) and its JavaScript bundle (`feature("…")`); tests/test_mkdocs_config.py checks this
# list against the installed theme. Material ignores any other name without a word.
MATERIAL_FEATURES = (
    "announce.dismiss", "content.action.edit", "content.action.view", "content.code.annotate",
    "content.code.copy", "content.code.select", "content.footnote.tooltips", "content.lazy",
    "content.tabs.link", "content.tooltips", "header.autohide", "navigation.expand",
    "navigation.footer", "navigation.indexes", "navigation.instant", "navigation.instant.prefetch",
    "navigation.instant.preview", "navigation.instant.progress", "navigation.path",
    "navigation.prune", "navigation.sections", "navigation.tabs", "navigation.tabs.sticky",
    "navigation.top", "navigation.tracking", "search.highlight", "search.share",
    "search.suggest", "toc.follow", "toc.integrate",
)  # fmt: skip


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    docs_dir: Path  # absolute
    site_url: str
    nav: list[Any]  # as written: titles mapped to pages or to nested lists
    repo_url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # top-level key -> its line

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    @property
    def url_path(self) -> str:
        """The path the site is served under ("/annotated-reading/"), from site_url."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"


def load_config_data(path: Path) -> dict[str, Any]:
    """mkdocs.yml as a mapping; a missing, unreadable, oversized or malformed file is one
    `error: mkdocs.yml:LINE: …` line (MkDocs itself would show a traceback for most of these)."""
    from annotated.notes.yaml_source import read_bytes

    shown = display_path(path)
    return copy.deepcopy(_parsed(read_bytes(path, shown), shown, _environment())[0])


def _environment() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(os.environ.items()))


@functools.lru_cache(maxsize=4)
def _parsed(raw: bytes, shown: str, env: tuple[tuple[str, str], ...]) -> tuple[dict[str, Any], Any]:
    """The mapping and YAML's node tree of these bytes. The build reads mkdocs.yml several times
    (the site's address, docs_dir, repo_url, the theme's checks): parsed once per content and
    environment (`!ENV` reads it), which are all the result depends on."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise InputError(Problem(shown, "not UTF-8 text; save the file as UTF-8", line)) from None
    try:
        data, node = _document(_FastLoader(text), shown)
    except yaml.YAMLError:  # parsed again, for the message and the place we word it from
        data, node = _document(_Loader(text), shown, text)
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else repr(data)
        msg = f"expected MkDocs settings (site_name: …, nav: …), got {got}"
        raise InputError(Problem(shown, msg, 1))
    return data, node


def _document(loader: Any, shown: str, text: str | None = None) -> tuple[Any, Any]:
    """The loader's one document and its node; with `text`, a syntax error is our one line."""
    from annotated.notes.yaml_source import check_size, syntax_problem

    try:
        node = loader.get_single_node()
        if node is not None:
            check_size(node, shown)
        return (loader.construct_document(node) if node is not None else {}), node
    except yaml.MarkedYAMLError as e:
        if text is None:
            raise
        raise InputError(syntax_problem(e, text, shown)) from None
    except yaml.YAMLError as e:
        if text is None:
            raise
        raise InputError(Problem(shown, f"YAML syntax error: {e}")) from None
    finally:
        loader.dispose()


def read_config(path: Path) -> SiteConfig:
    data = load_config_data(path)
    text = read_bytes_text(path)
    docs = (path.parent / data.get("docs_dir", "docs")).resolve()
    lines = {m[1]: text.count("\n", 0, m.start()) + 1 for m in _KEY.finditer(text)}
    return SiteConfig(
        path,
        docs,
        _directory(str(data.get("site_url") or "")),
        list(data.get("nav") or []),
        str(data.get("repo_url") or ""),
        dict(data.get("extra") or {}),
        lines,
    )


def theme_problems(path: Path) -> list[Problem]:
    """`theme`'s name when no installed theme has it, and each `theme.features` name Material
    does not know, at their lines, with the nearest name. Ours, not MkDocs' message, because
    that one lists the installed themes in the order of the machine's entry points."""
    from mkdocs.utils import get_theme_names

    from annotated.errors import nearest_name
    from annotated.notes.yaml_source import read_bytes

    shown = display_path(path)
    raw = read_bytes(path, shown)  # a file MkDocs cannot read is refused first, in one line
    root = _parsed(raw, shown, _environment())[1]
    problems = []
    theme = _child(root, "theme")
    name = theme if isinstance(theme, yaml.ScalarNode) else _child(theme, "name")
    installed = sorted(get_theme_names())
    # A plain name (not !ENV, not null: a custom_dir theme has none) that no theme has.
    if (
        isinstance(name, yaml.ScalarNode)
        and name.tag.endswith(":str")
        and name.value not in installed
    ):
        near = nearest_name(name.value, installed)
        hint = f' (did you mean "{near}"?)' if near else ""
        msg = (
            f'theme: "{name.value}" is not an installed theme{hint}; installed: '
            f"{', '.join(installed)}"
        )
        problems.append(Problem(shown, msg, name.start_mark.line + 1))
    features = _child(theme, "features")
    if not isinstance(features, yaml.SequenceNode):
        return problems
    for item in features.value:
        feature = item.value if isinstance(item, yaml.ScalarNode) else None
        if feature in MATERIAL_FEATURES:
            continue
        near = nearest_name(str(feature), list(MATERIAL_FEATURES))
        hint = f' (did you mean "{near}"?)' if near else ""
        msg = (
            f'theme.features: "{feature}" is not a feature of Material for MkDocs{hint}; '
            "Material would drop it without a word"
        )
        problems.append(Problem(shown, msg, item.start_mark.line + 1))
    return problems


def read_bytes_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if getattr(k, "value", None) == key), None)


_KEY = re.compile(r"(?m)^([a-z_]+):")


def _directory(url: str) -> str:
    """site_url as MkDocs holds it (a folder: with its final slash), whatever way it was given;
    GitHub's Pages base URL comes without one."""
    return url if not url or url.endswith("/") else url + "/"
