"""A built site served on 127.0.0.1 as a static host serves it: under site_url's path, with the
site's own 404 page, and (when asked) text gzipped. The browser tests, the benchmark and the
handout use it."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
    ".mjs": "text/javascript", ".json": "application/json", ".xml": "application/xml",
    ".svg": "image/svg+xml", ".png": "image/png", ".txt": "text/plain", ".gz": "application/gzip",
    ".pdf": "application/pdf", ".woff2": "font/woff2", ".wasm": "application/wasm",
}  # fmt: skip
_TEXT = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt")


def _handler(root: Path, prefix: str, compress: bool, urls: list[str], site_url: str) -> type:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            status, file = 404, root / "404.html"
            if path.startswith(prefix):
                candidate = (root / path[len(prefix) :]).resolve()
                if candidate.is_dir():
                    candidate = candidate / "index.html"
                if candidate.is_relative_to(root) and candidate.is_file():
                    status, file = 200, candidate
            body = file.read_bytes() if file.is_file() else b"not found"
            if file.name == "sitemap.xml" and site_url:
                body = body.replace(site_url.encode(), urls[0].encode())
            self.send_response(status)
            self.send_header("Content-Type", TYPES.get(file.suffix, "application/octet-stream"))
            if (
                compress
                and file.suffix in _TEXT
                and "gzip" in self.headers.get("Accept-Encoding", "")
            ):
                body = gzip.compress(body, mtime=0)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


@contextmanager
def serve_site(
    root: Path, prefix: str = "/", compress: bool = False, site_url: str = ""
) -> Iterator[str]:
    """Serve `root` at a free port for the duration; yields the base URL (ending in `prefix`).
    A sitemap naming `site_url` is rewritten to the local address."""
    urls: list[str] = []
    handler = _handler(root.resolve(), prefix, compress, urls, site_url)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    urls.append(f"http://127.0.0.1:{server.server_port}{prefix}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield urls[0]
    finally:
        server.shutdown()
        server.server_close()
