"""MkDocs, run in-process in strict mode, with its warnings turned into problems.

Two traps of MkDocs 1.6 decide how this is done. Strict mode counts WARNING records, and `-q`
raises the level so that they are never emitted: a broken link then builds "successfully". And at
DEBUG level (`-v`) pages skip anchor validation altogether. So the `mkdocs` logger is held at INFO
for the build, whatever the caller's logging says, and every warning is captured and reported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotated import build_cache
from annotated.errors import Problem
from annotated.mkdocs_config import read_config

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_ANCHOR = re.compile(
    r"Doc file '(?P<src>[^']+)' contains a link '(?P<link>[^']+)', but the doc "
    r"'(?P<doc>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)'"
)
_SAME_PAGE = re.compile(
    r"Doc file '(?P<src>[^']+)' contains a link '(?P<link>[^']+)', but there is no such anchor"
)
_MISSING = re.compile(
    r"Doc file '(?P<src>[^']+)' contains a (?:relative |unrecognized relative |absolute )?link "
    r"'(?P<link>[^']+)'(?:, it was left as is)?[,.] ?(?:but the target '(?P<target>[^']+)')?"
)


_NAV = re.compile(
    r"A reference to '(?P<page>[^']+)' is included in the 'nav' configuration, which is not found"
)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _held_logger():  # type: ignore[no-untyped-def]
    logger = logging.getLogger("mkdocs")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    capture = _Capture()
    logger.setLevel(logging.INFO)
    logger.propagate = False  # we print the problems ourselves, once, in our format
    logger.handlers = [capture]
    try:
        yield capture
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


_CONFIG_VALUE = re.compile(r"^Config value '(?P<key>[^']+)': (?P<msg>.*)", re.DOTALL)


def _line_of(path: str, needle: str, key: bool = False) -> int | None:
    """The first line of a hand-written file that holds `needle` (a top-level `needle:` when
    `key`); None for generated pages and files that cannot be read."""
    if path.endswith("(generated)"):
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for n, line in enumerate(lines, 1):
        if line.startswith(f"{needle}:") if key else needle in line:
            return n
    return None


def problem_of(message: str, page_label: dict[str, str]) -> Problem:
    """One MkDocs warning as a problem naming the page (its real file and line) and the target."""
    lines = message.strip().splitlines()
    first = lines[0]
    config = page_label.get("mkdocs.yml", "mkdocs.yml")
    value = _CONFIG_VALUE.match(message.strip())
    if value:  # a config error, a plugin's or a theme's among them: mkdocs.yml, at its key
        key = value["key"].split(".")[0]
        return Problem(config, f"{value['key']}: {value['msg']}", _line_of(config, key, True))
    if first.startswith("The following pages exist in the docs directory, but are not included"):
        pages = ", ".join(ln.strip(" -") for ln in lines[1:])
        msg = f"pages missing from nav: {pages}; add them to nav, or remove them"
        return Problem(page_label.get("mkdocs.yml", "mkdocs.yml"), msg)
    nav = _NAV.search(first)
    if nav:
        msg = f'nav names "{nav["page"]}", which is neither a hand-written nor a generated page'
        return Problem(page_label.get("mkdocs.yml", "mkdocs.yml"), msg)
    for pattern, what in ((_ANCHOR, "anchor"), (_SAME_PAGE, "anchor"), (_MISSING, "page")):
        m = pattern.search(first)
        if not m:
            continue
        where = page_label.get(m["src"], m["src"])
        if what == "anchor":
            doc = m.groupdict().get("doc") or m["src"]
            anchor = m.groupdict().get("anchor") or m["link"].partition("#")[2]
            msg = f'broken link "{m["link"]}": {doc} has no anchor "#{anchor}"'
        else:
            msg = f'broken link "{m["link"]}": no such page'
        return Problem(where, msg, _line_of(where, f"]({m['link']}") or _line_of(where, m["link"]))
    return Problem(config, first)


def load(
    config_file: Path, docs_dir: Path, extra: dict[str, Any] | None, **options: Any
) -> MkDocsConfig:
    """mkdocs.yml as the build and the preview both give it to MkDocs: the stage as docs_dir,
    and the build's `extra` (annotated.build.Assembly) added to the config's own."""
    from mkdocs.config import load_config

    options = _no_repository(config_file) | options
    config = load_config(str(config_file), docs_dir=str(docs_dir), **options)
    config.extra.update(extra or {})
    return config


def _no_repository(config_file: Path) -> dict[str, Any]:
    """Without repo_url (a local build: REPO_URL unset) no edit links at all, rather than
    edit_uri's paths joined to nothing, which MkDocs reports on every page."""
    return {} if read_config(config_file).repo_url else {"edit_uri": ""}


def serve_options(config_file: Path, docs_dir: Path, extra: dict[str, Any]) -> dict[str, Any]:
    """What the preview passes to `mkdocs serve` (which loads the config itself on every
    rebuild), so that it loads the config exactly as `load` does for the build."""
    merged = dict(load(config_file, docs_dir, extra).extra)
    return _no_repository(config_file) | {"docs_dir": str(docs_dir), "extra": merged}


# What the compiled code of a theme template depends on besides its source (which Jinja's cache
# checks itself): Jinja, and the environment MkDocs and Material set up (Babel decides whether
# MkDocs adds Jinja's i18n extension). Python's version is in Jinja's own check.
TEMPLATE_ENGINE = ("jinja2", "mkdocs", "mkdocs-material", "babel")


def _installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "none"


def template_cache_dir(cache: Path) -> Path:
    """Where compiled theme templates are kept under the build's cache: a folder per version of
    what compiles them, so an upgrade never loads code compiled for another."""
    engine = " ".join(f"{p} {_installed(p)}" for p in TEMPLATE_ENGINE)
    return cache / f"templates-{hashlib.sha256(engine.encode()).hexdigest()[:16]}"


def _compiled_templates_kept(config: MkDocsConfig, cache: Path) -> None:
    """MkDocs compiles the theme's templates (Material's 50) from source in every build; Jinja can
    keep the compiled code (keyed by each template's source) in a folder instead. Set on every
    environment the theme makes: MkDocs' own, and the ones Material's search plugin makes."""
    import jinja2

    folder = template_cache_dir(cache)
    folder.mkdir(parents=True, exist_ok=True)
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    theme.get_env = get_env  # type: ignore[method-assign]  # this theme's, not the class's


def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    page_label: dict[str, str],
    extra: dict[str, Any] | None = None,
    cache: Path | None = None,
) -> list[Problem]:
    """Build with MkDocs (strict) into `site_dir`; the problems, empty when the build is clean.
    `extra` is added to the config's `extra` (what the build tells the theme); `cache`, when
    given, keeps the theme's compiled templates and each page's search entries between builds."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    with _held_logger() as capture, _search_entries_kept(cache):
        try:
            config = load(config_file, docs_dir, extra, site_dir=str(site_dir), strict=True)
            if cache is not None:
                _compiled_templates_kept(config, cache)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as e:
            if not capture.messages:
                return [Problem(page_label.get("mkdocs.yml", str(config_file)), f"MkDocs: {e}")]
        except Exception as e:  # a theme or extension error: still one clear line
            where = page_label.get("mkdocs.yml", str(config_file))
            return [Problem(where, f"MkDocs failed: {type(e).__name__}: {e}")]
    return [problem_of(m, page_label) for m in capture.messages]


class SearchMemo:
    """Material's search entries for each page (`SearchIndex.add_entry_from_context`, which parses
    the page's HTML into sections: a sixth of MkDocs' part of a warm build), kept while what they
    are made from is the same: the page's HTML, address, title, front matter and table of
    contents. Kept as JSON text, so that each use gets its own copy; a page whose entries JSON
    would not give back exactly is indexed every time. The build keeps it in build/cache/ (only
    the pages it indexed); the preview in memory (one version per page)."""

    def __init__(self, add: Any, entries: dict[str, str] | None = None) -> None:
        self.add = add
        self.entries = entries or {}
        self.used: dict[str, str] = {}  # page address -> its key in this build

    def __call__(self, index: Any, page: Any) -> None:
        made_of = [page.content, page.url, page.title, page.meta, _toc(page.toc)]
        try:
            key = hashlib.sha256(json.dumps(made_of, sort_keys=True).encode()).hexdigest()
        except (TypeError, ValueError):  # front matter JSON cannot hold
            self.add(index, page)
            return
        if (earlier := self.used.get(page.url)) not in (None, key):
            self.entries.pop(earlier, None)  # the preview's: the page's last version only
        self.used[page.url] = key
        if (kept := self.entries.get(key)) is not None:
            index.entries.extend(json.loads(kept))
            return
        before = len(index.entries)
        self.add(index, page)
        new = index.entries[before:]
        try:
            text = json.dumps(new)
        except (TypeError, ValueError):
            return
        if json.loads(text) == new:
            self.entries[key] = text

    @classmethod
    def load(cls, add: Any, path: Path) -> SearchMemo:
        return cls(add, build_cache.read_entries(path, _search_maker()))

    def save(self, path: Path) -> None:
        build_cache.write_entries(path, _search_maker(), self.entries, self.used.values())


def _search_maker() -> str:
    return build_cache.made_by([Path(__file__)], ["mkdocs-material", "mkdocs"])


def _toc(links: Any) -> list[Any]:
    return [[a.id, a.title, a.url, a.level, _toc(a.children)] for a in links]


@contextmanager
def _search_entries_kept(cache: Path | None) -> Iterator[None]:
    """Within: Material's search plugin takes each page's entries from `cache`/search.json when
    the page is as it was (SearchMemo). Without jieba only: with it, entries also depend on its
    dictionaries, which mkdocs.yml names."""
    import material.plugins.search.plugin as search  # type: ignore[import-untyped]

    if cache is None or search.jieba is not None:
        yield
        return
    original = search.SearchIndex.add_entry_from_context
    memo = SearchMemo.load(original, cache / "search.json")
    search.SearchIndex.add_entry_from_context = lambda index, page: memo(index, page)
    try:
        yield
    finally:
        search.SearchIndex.add_entry_from_context = original
    memo.save(cache / "search.json")
