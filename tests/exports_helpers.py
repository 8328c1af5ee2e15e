"""Inputs for the export tests: the project's notes (companion) and the invented fixture article
(both editions, the full one with its text and anchors)."""

from __future__ import annotations

from functools import cache

from annotated.anchors import anchor
from annotated.exports import Inputs, export_all
from annotated.ingest import ingest_file
from annotated.notes import Notes, load_notes
from site_helpers import FIXTURE, NOTES

SITE_URL = "https://example.org/annotated-reading/"
FIXTURE_URL = "https://example.org/test-reading/"


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
