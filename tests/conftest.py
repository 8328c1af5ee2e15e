"""Shared fixtures. Stage-specific fixtures live beside the tests that use them."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_helpers import NOTES, REPO, Shared

__all__ = ["NOTES", "REPO"]  # tests import them from site_helpers (two conftest modules exist)
# The article's raw text is copyrighted and never in the repository: tests over the real text
# read it from ARTICLE_SOURCE (the variable the build honours; .ci/run sets it when the project's
# copy is present) and skip, saying so, where it is not given.
_GIVEN = os.environ.get("ARTICLE_SOURCE", "")
ARTICLE_SOURCE: Path | None = Path(_GIVEN) if _GIVEN else None
SKIP_NO_SOURCE = (
    "the article's raw text is not given (set ARTICLE_SOURCE to your copy; it is copyrighted "
    "and kept outside the repository)"
    if ARTICLE_SOURCE is None
    else f"ARTICLE_SOURCE={ARTICLE_SOURCE} is not a file"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    # A .venv made before pytest-golden was dropped still has it, and it adds the same flag (with
    # the same meaning): pip never uninstalls, so take the flag as it is rather than fail to start.
    with contextlib.suppress(ValueError):
        parser.addoption(
            "--update-goldens",
            action="store_true",
            help="rewrite the golden files (tests/goldens.py) instead of comparing; review them: "
            "git diff",
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Property tests (hypothesis) are slow by nature: `scripts/dev test --fast` leaves them out.

    The browser tests run last: their session-wide Playwright keeps an event loop running until
    the session ends, and a later test that starts Playwright itself (the handout) would fail."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: "browser" in item.path.parts)


@pytest.fixture
def source_path() -> Path:
    if ARTICLE_SOURCE is None or not ARTICLE_SOURCE.is_file():
        pytest.skip(SKIP_NO_SOURCE)
    return ARTICLE_SOURCE


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    """Sites built once per session for the tests that only read them (site_helpers.Shared).

    At the end of the session, a test that changed one (bytes or modes) fails the run here.
    Under pytest-xdist (`scripts/dev test --fast`) the workers share them: they live in the run's
    base temporary folder, the parent of each worker's own."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = tmp_path_factory.getbasetemp().parent / "shared"
        root.mkdir(exist_ok=True)
    else:
        root = tmp_path_factory.mktemp("shared")
    sites = Shared(root)
    yield sites
    changed = sites.changed()
    assert not changed, f"tests changed the shared sites (take a copy_built() instead): {changed}"
