"""An MkDocs hook (mkdocs.yml `hooks:`): what the built site needs once MkDocs has written it, in
`mkdocs build` (through scripts/build.py) and in `mkdocs serve` alike:

1. the Content-Security-Policy's script hashes in every page, in place of `'unsafe-inline'`
   (`annotated.csp`; not in the live preview, whose reload script no hash can allow);
2. for "Keep this reading on this device": the app's icons and manifest, and, when Workbox was
   vendored into the site (scripts/build.py stages it from node_modules, or says in one line
   that it cannot), the service worker with the precache list of every file, made last, so
   that it lists the pages as they are served (`annotated.offline`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from annotated import csp
from annotated.offline import icons, manifest, precache, worker

ICONS = {"assets/own-layer/icon-192.png": 192, "assets/own-layer/icon-512.png": 512}
MANIFEST = "manifest.webmanifest"

_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    pages = sorted(site.rglob("*.html"))
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    # Not in the live preview: `mkdocs serve` adds a reload script to every page it sends, a
    # new one each time, which no hash can allow; the preview keeps `'unsafe-inline'`.
    if _command["name"] != "serve":
        hashes = csp.site_hashes(list(texts.values()))
        for path, text in texts.items():
            new = csp.with_hashes(text, hashes)
            if new != text:
                path.write_text(new, encoding="utf-8")

    for rel, size in ICONS.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(icons.icon(size))
    name = config.site_name
    short = name.split(":")[0] if ":" in name else name
    text = manifest.web_manifest(name, short, config.site_description or name, ICONS)
    (site / MANIFEST).write_text(text, encoding="utf-8")

    if (site / worker.ROOT / "workbox-sw.js").is_file():
        entries = precache.entries(precache.read_site(site), _unused_folders(config))
        (site / "sw.js").write_text(worker.service_worker(entries), encoding="utf-8")


def _unused_folders(config: MkDocsConfig) -> tuple[str, ...]:
    """Material's search loads lunr's language files only for languages other than English."""
    search = config.plugins.get("search")
    langs = search.config.get("lang") if search is not None else None
    english = not langs or list(langs) == ["en"]
    return ("assets/javascripts/lunr/",) if english else ()
