"""The web app manifest: the kept site installs as an app that opens on its home page."""

from __future__ import annotations

import json

THEME = "#4051b5"  # Material's indigo, the site's primary colour


def web_manifest(name: str, short_name: str, description: str, icons: dict[str, int]) -> str:
    return (
        json.dumps(
            {
                "name": name,
                "short_name": short_name,
                "description": description,
                "start_url": "./",
                "scope": "./",
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": THEME,
                "icons": [
                    {
                        "src": path,
                        "sizes": f"{size}x{size}",
                        "type": "image/png",
                        "purpose": "any maskable",
                    }
                    for path, size in icons.items()
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
