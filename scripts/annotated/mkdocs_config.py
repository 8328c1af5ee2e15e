"""The one reader of mkdocs.yml outside MkDocs itself, for the few keys the build needs.

Read without running the config's Python tags (`!!python/name:…` for Material's extensions),
which only MkDocs should evaluate, and without MkDocs' own loader, which insists that docs_dir
already exists. `!ENV` is evaluated as MkDocs does (the same pyyaml-env-tag): the site's address
and repository come from the deployment's environment (SITE_URL, REPO_URL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

from annotated.errors import InputError, Problem, display_path


class _Loader(yaml.SafeLoader):
    pass


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_Loader.add_multi_constructor("", _untagged)
_Loader.add_constructor("!ENV", construct_env_tag)


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
    from annotated.notes.yaml_source import check_size, read_bytes, syntax_problem

    shown = display_path(path)
    raw = read_bytes(path, shown)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise InputError(Problem(shown, "not UTF-8 text; save the file as UTF-8", line)) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_size(node, shown)
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as e:
        raise InputError(syntax_problem(e, text, shown)) from None
    except yaml.YAMLError as e:
        raise InputError(Problem(shown, f"YAML syntax error: {e}")) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else repr(data)
        msg = f"expected MkDocs settings (site_name: …, nav: …), got {got}"
        raise InputError(Problem(shown, msg, 1))
    return data


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

    load_config_data(path)  # a file MkDocs cannot read is refused first, in one line
    shown = display_path(path)
    loader = _Loader(read_bytes_text(path))
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
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
