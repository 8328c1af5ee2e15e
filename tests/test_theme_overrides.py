"""overrides/partials: each file that takes the place of one of Material's partials is that
partial, at the pinned version, with only its intended change. Upgrading Material fails here
until each copy is compared with the new original again."""

from __future__ import annotations

import difflib
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from site_helpers import REPO

PARTIALS = Path(material.__file__).parent / "templates" / "partials"
OURS = REPO / "overrides" / "partials"
PINNED = "9.8.1"  # pyproject.toml's mkdocs-material, which each copy names as its original

# Each copy's intended change, as the lines removed from (-) and added to (+) Material's.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
INTENDED: dict[str, list[str]] = {
    # The dialog gets a name (axe: aria-dialog-name).
    "search.html": [
        f"-{SEARCH_DIALOG}>",
        f"+{SEARCH_DIALOG} aria-label=\"{{{{ lang.t('search') }}}}\">",
    ],
    # Emptied: no link to the repository, whose stock partial makes the theme call the GitHub
    # API (another host) for stars and forks.
    "source.html": [f"-{line}" for line in (PARTIALS / "source.html").read_text().splitlines()[3:]],
}
_LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def _body(path: Path) -> list[str]:
    """The template without its leading comment (Material's "generated" note, our reason)."""
    return _LEADING_COMMENT.sub("", path.read_text(encoding="utf-8"), count=1).splitlines()


def test_material_is_the_pinned_version() -> None:
    assert version("mkdocs-material") == PINNED
    assert f'"mkdocs-material=={PINNED}"' in (REPO / "pyproject.toml").read_text()


def test_every_copy_of_a_material_partial_has_its_intended_change_listed() -> None:
    copies = {p.name for p in OURS.iterdir() if (PARTIALS / p.name).is_file()}
    assert copies == set(INTENDED)


@pytest.mark.parametrize("name", sorted(INTENDED))
def test_a_copy_differs_from_the_pinned_original_only_by_its_change(name: str) -> None:
    diff = difflib.unified_diff(_body(PARTIALS / name), _body(OURS / name), lineterm="", n=0)
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == INTENDED[name]
    assert f"Material {PINNED}'s" in (OURS / name).read_text(encoding="utf-8")
