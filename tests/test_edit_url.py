"""edit_url (an MkDocs hook): a generated page's edit action opens the notes file it came from."""

from __future__ import annotations

import pytest

from annotated.edit_url import edit_url

REPO = "https://github.com/example/annotated-reading/"


@pytest.mark.parametrize(
    ("repo_url", "meta", "expected"),
    [
        (REPO, {"edit_url": "edit/main/notes/glossary.yml"}, REPO + "edit/main/notes/glossary.yml"),
        (REPO.rstrip("/"), {"edit_url": "edit/main/notes/x.yml"}, REPO + "edit/main/notes/x.yml"),
        (REPO, {}, None),  # a hand-written page: MkDocs' own edit_uri + its path
        (None, {"edit_url": "edit/main/notes/x.yml"}, None),  # no repository, no edit action
    ],
)
def test_the_front_matter_names_the_file_to_edit(
    repo_url: str | None, meta: dict[str, str], expected: str | None
) -> None:
    assert edit_url(repo_url, meta) == expected
