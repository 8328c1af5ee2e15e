"""The pieces every page around the reading shares: its head (front matter, provenance, title)
and the one-line lists of links ("Sources:", "In the reading:")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotated.pages.markup import esc, front_matter, provenance
from annotated.site import Site

EDIT_PREFIX = "edit/main/"  # joined to repo_url by Material's edit action, as edit_uri is


@dataclass(frozen=True)
class Use:
    """One anchored note, as the glossary's "used in" and other backlinks show it."""

    note_id: str
    part_title: str
    part_id: str
    number: int
    page: int
    phrase: str


def front(title: str, description: str, edit: str) -> list[str]:
    """Front matter (with the edit action's target), provenance, then the page's title."""
    fields = {"title": title, "description": description, "edit_url": EDIT_PREFIX + edit}
    return [
        front_matter(fields),
        provenance(f"Generated from {edit} by scripts/build.py: edit that file, not this page."),
        "",
        f"# {title}",
        "",
    ]


def links(site: Site, scheme: str, ids: list[str], page: str, label: Callable[[str], str]) -> str:
    return ", ".join(f'<a href="{site.link(scheme, i, page)}">{esc(label(i))}</a>' for i in ids)


def use_text(use: Use) -> str:
    return f"{use.part_title}, note {use.number} (p. {use.page}): “{use.phrase}”"


def reading_line(site: Site, note_ids: list[str], page: str) -> str:
    """ "In the reading:" with a link to each note, labelled by its phrase."""
    notes = links(site, "note", note_ids, page, lambda x: note_phrase(site, x))
    return f"<p><strong>In the reading:</strong> {notes}</p>"


def sources_line(site: Site, keys: list[str], page: str) -> str:
    sources = links(site, "ref", keys, page, lambda k: site.labels[k])
    return f"<p><strong>Sources:</strong> {sources}</p>"


def note_phrase(site: Site, note_id: str) -> str:
    note = site.note_by_id[note_id]
    return f"“{' '.join(note.note.phrase.split())}”"
