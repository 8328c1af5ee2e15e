"""An MkDocs hook (mkdocs.yml `hooks:`): the stylesheet and scripts of ours that every reading page
loads, minified in the built site only. docs/ keeps them commented; their comments were more than
a third of what a reading page fetched of ours (8.6 KB gzip, 5.4 KB minified).

Not mkdocs-minify-plugin (0.8.0), which always renames what it minifies to `*.min.css` and
`*.min.js`, with no option to keep the names: it rewrites extra_css and extra_javascript to match,
but overrides/main.html names loader.js itself, so that page's script would be missing; and the
benchmark tells our files from Material's by their path in docs/. Here each file keeps its name and
path. rjsmin and rcssmin only drop comments and whitespace (they rename nothing, and keep unnested
template literals, regular expressions and `?.`, `??`, `||=`), and give the same bytes every time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePosixPath

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

# Paths in the site (as in docs/): what every page loads of ours, and the wide margin, which the
# full edition's reading pages load on a wide screen. cite.js and the own-copy reader's other
# files load only on use.
MINIFIED = (
    "assets/stylesheets/reading.css",
    "assets/javascripts/sidenotes.js",
    "assets/javascripts/page.js",
    "assets/javascripts/storage.js",
    "assets/javascripts/margin.mjs",
    "assets/javascripts/margin-layout.mjs",
    "assets/your-copy/loader.js",
    "assets/own-layer/boot.js",
)
# By suffix: our scripts are ES modules, named .js or .mjs alike (import/export and import.meta
# pass through rjsmin unchanged).
MINIFIERS: dict[str, Callable[[str], str]] = {
    ".css": rcssmin.cssmin,
    ".js": rjsmin.jsmin,
    ".mjs": rjsmin.jsmin,
}

log = logging.getLogger("mkdocs.hooks.minify")  # under "mkdocs": a warning fails the strict build


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path in MINIFIED:
        file = files.get_file_from_path(path)
        if file is None:
            log.warning(
                f"scripts/annotated/minify.py: {path} is not in the site; "
                "update MINIFIED to the file's new path, or remove it"
            )
            continue
        minify = MINIFIERS[PurePosixPath(path).suffix]
        file.content_string = minify(file.content_string)  # written as is, in place of a copy
    return files
