"""The preview's server: `mkdocs serve` on the stage, given what the build gives MkDocs.

Run by `annotated.serve` as a child process (`python -m annotated.mkdocs_serve CONFIG ADDR
OPTIONS`), which it restarts when those options change; MkDocs itself watches the stage, the
config and the theme, and reloads the open page.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from typing import NoReturn


def _stop(*_: object) -> NoReturn:
    raise KeyboardInterrupt  # mkdocs serve then shuts down and removes its temporary site


def main(argv: list[str]) -> int:
    from mkdocs.commands.serve import serve

    config, addr, options = argv
    signal.signal(signal.SIGTERM, _stop)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    serve(config_file=config, dev_addr=addr, livereload=True, **json.loads(options))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
