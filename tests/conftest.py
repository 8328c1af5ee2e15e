"""Shared fixtures. Stage-specific fixtures live beside the tests that use them."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTES = REPO / "notes"
# The project's copy of the raw excerpt lives outside the repository (it is copyrighted).
SHARED_SOURCE = REPO.parent / "shared" / "sources" / "fumagalli-2007-excerpt.txt"
SKIP_NO_SOURCE = (
    f"the article's raw excerpt is not at {SHARED_SOURCE} (it is copyrighted and kept "
    "outside the repository); tests over the real text run where it is present"
)


@pytest.fixture
def source_path() -> Path:
    if not SHARED_SOURCE.is_file():
        pytest.skip(SKIP_NO_SOURCE)
    return SHARED_SOURCE
