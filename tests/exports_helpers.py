"""Inputs for the export tests: the project's notes (companion) and the invented fixture article
(both editions, the full one with its text and anchors)."""

from __future__ import annotations

from functools import cache

from annotated.anchors import anchor
from annotated.exports import Inputs, export_all
from annotated.ingest import ingest_file
from annotated.mkdocs_config import read_config
from annotated.notes import Notes, load_notes
from site_helpers import FIXTURE, NOTES

SITE_URL = "https://example.org/annotated-reading/"  # any address: the exports are pure
# The fixture's own, for what a build of it writes (mkdocs.yml: SITE_URL, else the preview's).
FIXTURE_URL = read_config(FIXTURE / "mkdocs.yml").site_url


@cache
def project_notes() -> Notes:
    return load_notes(NOTES)


@cache
def fixture_notes() -> Notes:
    return load_notes(FIXTURE / "notes")


def companion() -> Inputs:
    return Inputs(project_notes(), SITE_URL, "companion")


def fixture(edition: str) -> Inputs:
    notes = fixture_notes()
    article = ingest_file(FIXTURE / "article.txt", FIXTURE / "notes")
    return Inputs(notes, FIXTURE_URL, edition, anchor(article, notes), article)


@cache
def project_files() -> dict[str, bytes]:
    return export_all(companion())
