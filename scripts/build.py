#!/usr/bin/env python3
"""The build script: `python scripts/build.py --help`. All the work is in scripts/annotated/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotated.cli import main

if __name__ == "__main__":
    sys.exit(main())
