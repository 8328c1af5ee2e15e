"""The notes folder, read into closed, typed models, every problem located by file and line.

Modules, one job each: `yaml_source` (YAML with its `key path -> line` table), `models` (the
schema of every file), `messages` (validation errors in an instructor's words), `loading` (the
folder, file by file) and `crossrefs` (every id that one file names in another must exist).
The structure map's model is `annotated.structure`, shared with ingestion.
"""

from __future__ import annotations

from annotated.notes.loading import load_notes, load_structure
from annotated.notes.models import (
    KINDS,
    Actor,
    GlossaryEntry,
    LocatedNote,
    Note,
    Notes,
    Reference,
    StudyGuide,
    TimelineEvent,
)
from annotated.notes.yaml_source import Document, read_yaml
from annotated.schema import slugify
from annotated.structure import ArticleFacts, BlockMap, PartMap, StructureMap

__all__ = [
    "KINDS",
    "Actor",
    "ArticleFacts",
    "BlockMap",
    "Document",
    "GlossaryEntry",
    "LocatedNote",
    "Note",
    "Notes",
    "PartMap",
    "Reference",
    "StructureMap",
    "StudyGuide",
    "TimelineEvent",
    "load_notes",
    "load_structure",
    "read_yaml",
    "slugify",
]
