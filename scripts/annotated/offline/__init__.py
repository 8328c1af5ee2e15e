"""'Keep this reading on this device': what the built site needs to work offline.

- `precache`: every file of the built site as Workbox's precache list (URL and revision);
- `worker`: the service worker (`sw.js`, Workbox's workbox-sw, vendored from node_modules);
- `icons`: the app's icons, drawn here as PNG (no external asset);
- `manifest`: the web app manifest.
`annotated.post_build` (an MkDocs hook) writes them into the site after every build.
"""
