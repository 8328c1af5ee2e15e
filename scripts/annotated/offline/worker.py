"""The service worker: Workbox's precaching over the list `precache` makes, served from the
site itself (workbox-sw and the modules it loads, vendored from node_modules like pdf.js).

A new build is installed beside the one in use and takes over only when every one of its files
is stored and the student reloads (offline.mjs asks with "skip-waiting"): no page ever mixes
files of two builds. Workbox keeps one entry per URL and revision, and drops the old build's
when the new one takes over."""

from __future__ import annotations

import json
from pathlib import Path

from annotated.offline.precache import Entry

ROOT = "assets/own-layer/workbox"
NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"
# workbox-sw, and the modules workbox-precaching needs (their browser builds).
VENDORED = {
    "workbox-sw/build/workbox-sw.js": "workbox-sw.js",
    "workbox-core/build/workbox-core.prod.js": "workbox-core.prod.js",
    "workbox-routing/build/workbox-routing.prod.js": "workbox-routing.prod.js",
    "workbox-strategies/build/workbox-strategies.prod.js": "workbox-strategies.prod.js",
    "workbox-precaching/build/workbox-precaching.prod.js": "workbox-precaching.prod.js",
    "workbox-sw/LICENSE": "LICENSE",
}
LEFT_OUT = (
    "Workbox is not installed (run npm ci): this build cannot be kept for reading offline, and "
    "its home page says so"
)


def vendored(node_modules: Path | None = None) -> dict[str, bytes] | None:
    """Workbox's files for the site, by path in the site; None when npm has not installed them."""
    found = {}
    for source, name in VENDORED.items():
        path = (node_modules or NODE_MODULES) / source
        if not path.is_file():
            return None
        found[f"{ROOT}/{name}"] = path.read_bytes()
    return found


def service_worker(entries: list[Entry]) -> str:
    lines = (json.dumps({"url": e.url, "revision": e.revision}) for e in entries)
    manifest = "[\n  " + ",\n  ".join(lines) + "\n]"
    return f"""// Made by the build (scripts/annotated/offline/worker.py): the site, kept offline.
importScripts("{ROOT}/workbox-sw.js");
workbox.setConfig({{ modulePathPrefix: "{ROOT}/", debug: false }});
workbox.precaching.cleanupOutdatedCaches();
// A page's address ends in "/": its index.html is what is stored. The query of an address
// (Material's ?q= for search, a note's link) never names another file.
workbox.precaching.precacheAndRoute(self.__PRECACHE, {{
  directoryIndex: "index.html",
  ignoreURLParametersMatching: [/.*/],
}});
self.addEventListener("message", (event) => {{
  if (event.data === "skip-waiting") self.skipWaiting();
}});
""".replace("self.__PRECACHE", manifest)
