#!/usr/bin/env python3
"""The benchmark: `scripts/dev bench [--quick | --render]`. It lives in scripts/benchmark/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark.main import main

if __name__ == "__main__":
    sys.exit(main())
