"""The preview's server: `mkdocs serve` on the stage, given what the build gives MkDocs.

Run by `annotated.serve` as a child process (`python -m annotated.mkdocs_serve CONFIG ADDR
OPTIONS`), which it restarts when those options change. MkDocs watches the config; the stage is
rebuilt when `annotated.serve` says it is complete (a line on stdin), at once and never half
written, and MkDocs reloads the open page.

The same line carries the errors of the last build, if it failed: the stage then keeps the last
good site, and each page is served with the errors in a banner over it. An error costs no rebuild,
only the open page's reload.

A rebuild is still MkDocs' full build (every page, the search index, the hooks), from the stage
as it is; what it would compute again unchanged is kept from the last one: Jinja's compiled
templates, each page's Markdown rendered to HTML while its text, the site's files and mkdocs.yml
are the same (`_RenderMemo`), and each page's entries in the search index while its HTML, title,
front matter and table of contents are (`mkdocs_run.SearchMemo`, which the build keeps on disk).
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import logging
import os
import posixpath
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any, NoReturn

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _Handler
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

from annotated.mkdocs_run import SearchMemo


def _stop(*_: object) -> NoReturn:
    raise KeyboardInterrupt  # mkdocs serve then shuts down and removes its temporary site


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept across rebuilds (MkDocs loads the theme afresh on each), keyed
    by name and checked by Jinja against the source: a changed override is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


BANNER_HEAD = "The last build failed; this is the last good page. Fix:"
# Material's content column: the banner goes first in it, where `.md-typeset` styles it.
_CONTENT = re.compile(rb'<article class="md-content__inner md-typeset"[^>]*>')


def banner(errors: list[str]) -> bytes:
    lines = "\n".join(html.escape(e, quote=False) for e in [BANNER_HEAD, *errors])
    return f'<pre class="build-errors" role="alert">{lines}</pre>'.encode()


def with_banner(page: bytes, errors: list[str]) -> bytes:
    """A served page with the error lines over it (none: the page as built)."""
    if not errors:
        return page
    found = _CONTENT.search(page)
    if found:
        return page[: found.end()] + banner(errors) + page[found.end() :]
    body = re.search(rb"<body[^>]*>", page)  # a page of another layout
    at = body.end() if body else 0
    return page[:at] + b'<div class="md-typeset">' + banner(errors) + b"</div>" + page[at:]


class _Handler304(_Handler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if str(code) != "304":  # MkDocs logs all but 200 as a warning; 304 is a cached file
            super().log_request(code, size)


def told_server(stage: str, commands: IO[str]) -> type[LiveReloadServer]:
    """MkDocs' livereload server, except that the stage is not polled (every 0.5 s, then 0.1 s of
    quiet) but rebuilt when a line read from `commands` asks, with no delay. Each line is JSON:
    `{"rebuild": bool, "errors": [line, ...]}`; the errors are served over every page."""

    class Told(LiveReloadServer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.build_delay = 0  # a line comes once the stage is complete
            self.RequestHandlerClass = _Handler304
            self.errors: list[str] = []
            threading.Thread(target=self._listen, daemon=True).start()

        def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
            if os.path.abspath(path) != os.path.abspath(stage):
                super().watch(path, func, recursive=recursive)

        def _listen(self) -> None:
            # MkDocs 1.6's own flags and conditions, as its watcher and build loop use them.
            for line in commands:
                told = json.loads(line)
                with self._rebuild_cond:
                    self.errors = list(told["errors"])
                    if told["rebuild"]:
                        self._want_rebuild = True
                        self._rebuild_cond.notify_all()
                    elif not self._want_rebuild and self._visible_epoch == self._wanted_epoch:
                        self._reload()  # else the build under way reloads the page when done

        def _reload(self) -> None:
            """The open pages reload, with no build: a newer epoch, at once visible."""
            with self._epoch_cond:
                epoch = max(round(time.monotonic() * 1000), self._visible_epoch + 1)
                self._wanted_epoch = self._visible_epoch = epoch
                self._epoch_cond.notify_all()

        def _serve_request(
            self, environ: dict[str, Any], start_response: Callable[..., Any]
        ) -> Iterable[bytes] | None:
            """Each file but a page with a validator, so that the reload of the open page fetches
            its HTML and what changed, and takes the rest from the browser's cache (304): MkDocs
            sends none, and the browser fetches every style and script again."""
            file = self._asset(environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore"))
            if file is None:
                return super()._serve_request(environ, start_response)  # a page, a folder, 404
            with self._epoch_cond:  # as MkDocs: never a file of a site half rebuilt
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            try:
                with open(file, "rb") as f:
                    data = f.read()
            except OSError:
                return None
            tag = f'"{hashlib.blake2b(data, digest_size=16).hexdigest()}"'  # of the bytes sent
            headers = [("ETag", tag), ("Cache-Control", "no-cache")]  # ask each time: no stale file
            if tag in environ.get("HTTP_IF_NONE_MATCH", ""):
                start_response("304 Not Modified", headers)
                return []
            kind = ("Content-Type", self._guess_type(file))
            start_response("200 OK", [kind, ("Content-Length", str(len(data))), *headers])
            return [data]

        def _asset(self, path: str) -> str | None:
            """The site's file that a request names, when it is a file and not a page."""
            if not (path + "/").startswith(self.mount_path) or path.endswith("/"):
                return None
            rel = posixpath.normpath("/" + path[len(self.mount_path) :]).lstrip("/")
            file = os.path.join(self.root, rel)
            return file if not file.endswith(".html") and os.path.isfile(file) else None

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            page: bytes = super()._inject_js_into_html(content, epoch)
            return with_banner(page, self.errors)

    return Told


# Markdown extensions whose output is a function of the page's text, its file, the site's files
# and mkdocs.yml, and of nothing else (no file they include, no clock): with any other, every
# page is rendered again on every rebuild.
PURE_EXTENSIONS = frozenset(
    {
        *("abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes"),
        *("md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks"),
        *("pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.emoji"),
        *("pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark"),
        *("pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed"),
        *("pymdownx.tasklist", "pymdownx.tilde", "material.extensions.preview"),
    }
)


class _Quiet(logging.Handler):
    """Whether MkDocs said anything while a page rendered (a warning must be said each time)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.said = False

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True


class _RenderMemo:
    """Each page's Markdown rendered to HTML in the last rebuild (`Page.render`'s results), kept
    while the page's text, its file, the site's files and mkdocs.yml are all the same: one page
    edited is one page rendered again. A page whose rendering logged anything (a broken link) is
    rendered every time, so that each rebuild says it again."""

    def __init__(self, render: Any) -> None:
        self.render = render
        self.pages: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
        self._site: tuple[Files, tuple[Any, ...]] | None = None  # this build's files, and what

    def __call__(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        key = self._key(page, config, files)
        kept = self.pages.get(page.file.src_uri)
        same = key is not None and kept is not None and kept[0] == key
        if same and kept is not None and _restore(page, files, kept[1]):
            return
        quiet, logger = _Quiet(), logging.getLogger("mkdocs")
        logger.addHandler(quiet)
        try:
            self.render(page, config, files)
        finally:
            logger.removeHandler(quiet)
        if key is not None and not quiet.said:
            self.pages[page.file.src_uri] = (key, _results(page))
        else:
            self.pages.pop(page.file.src_uri, None)

    def _key(self, page: Page, config: MkDocsConfig, files: Files) -> tuple[Any, ...] | None:
        names = [e if isinstance(e, str) else None for e in config.markdown_extensions]
        if not set(names) <= PURE_EXTENSIONS or config.config_file_path is None:
            return None
        if self._site is None or self._site[0] is not files:
            site = tuple((f.src_uri, f.dest_uri, f.url, f.inclusion) for f in files)
            self._site = (files, site)
        settings = Path(config.config_file_path).read_bytes()  # reloaded on each rebuild
        where = (page.file.src_uri, page.file.dest_uri, page.file.url)
        return (page.markdown, where, self._site[1], settings)


def _results(page: Page) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": copy.deepcopy(page.toc),
        "title": page._title_from_render,
        "anchors": set(page.present_anchor_ids or ()),
        "links": None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
    }


def _restore(page: Page, files: Files, kept: dict[str, Any]) -> bool:
    """The page as its rendering left it; False when a page it links to is not in the site."""
    links = None
    if kept["links"] is not None:
        links = {}
        for src, anchors in kept["links"].items():
            target = files.get_file_from_path(src)
            if target is None:
                return False
            links[target] = dict(anchors)
    page.content = kept["content"]
    page.toc = copy.deepcopy(kept["toc"])
    page._title_from_render = kept["title"]
    page.present_anchor_ids = set(kept["anchors"])
    page.links_to_anchors = links
    return True


def main(argv: list[str]) -> int:
    import material.plugins.search.plugin as search  # type: ignore[import-untyped]
    import mkdocs.commands.serve as mkdocs_serve

    config, addr, options = argv
    signal.signal(signal.SIGTERM, _stop)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    kwargs = json.loads(options)
    mkdocs_serve.LiveReloadServer = told_server(kwargs["docs_dir"], sys.stdin)  # type: ignore[misc]
    cache, get_env = _TemplateCache(), Theme.get_env

    def cached_env(theme: Theme) -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = cache
        return env

    Theme.get_env = cached_env  # type: ignore[method-assign, assignment]
    memo = _RenderMemo(Page.render)

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        memo(page, config, files)

    Page.render = render  # type: ignore[method-assign, assignment]
    if search.jieba is None:  # with it, entries also depend on its dictionaries (mkdocs.yml)
        index = SearchMemo(search.SearchIndex.add_entry_from_context)

        def add(self: Any, page: Page) -> None:
            index(self, page)

        search.SearchIndex.add_entry_from_context = add
    mkdocs_serve.serve(config_file=config, dev_addr=addr, livereload=True, **kwargs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
