"""The content bars a notes folder must meet, checked on loaded notes and reported one line each.

Loading (annotated.notes) already refuses what is malformed or names a missing id. These are the
editorial bars on top: every paragraph annotated, every glossary entry used, every claim sourced,
and no note or entry resting on student notes alone. Pure: notes in, findings out (warnings,
each with its file and line); the build decides how to report them. Each rule is checked here
and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from annotated.errors import Problem, display_path, nearest_name, warning
from annotated.notes import Notes

MIN_NOTES_PER_BLOCK = 3
# Headings carry no prose of their own: notes on them are welcome but not required.
OPTIONAL_BLOCK_TYPES = frozenset({"heading"})
# CSL `genre` values that mark a reference as a student-note site (OneClass, Course Hero, …): a
# secondary summary of unknown authorship, fit to sit beside a scholarly source, never alone.
STUDENT_NOTE_GENRES = frozenset({"student notes"})
# Inline glossary links in Markdown bodies count as uses, as the `glossary:` lists do.
GLOSSARY_LINK = re.compile(r"\]\(glossary:([^)\s]+)\)")

Finding = Problem
Where = tuple[str, int | None]


def _at(n: Notes, fallback: str, *key: str) -> Where:
    """File and line of an entry's field; the file alone for notes built without a line table."""
    try:
        return n.where(*key)
    except KeyError:
        return fallback, None


def _file(n: Notes, *parts: str) -> str:
    return display_path(n.root.joinpath(*parts))


def thin_blocks(n: Notes) -> list[Finding]:
    """Paragraphs (not headings) with fewer notes than the bar."""
    counts = {b.id: 0 for b in n.structure.blocks() if b.type not in OPTIONAL_BLOCK_TYPES}
    for ln in n.notes:
        if ln.paragraph in counts:
            counts[ln.paragraph] += 1
    findings = []
    for block, count in counts.items():
        if count < MIN_NOTES_PER_BLOCK:
            path, line = _at(n, _file(n, "article.yml"), "block", block)
            notes_file = _file(n, "annotations", n.structure.part_of(block).id + ".yml")
            msg = (
                f"{block} has {count} note(s), at least {MIN_NOTES_PER_BLOCK} are wanted; add "
                f'notes under "{block}:" in {notes_file}'
            )
            findings.append(warning(path, msg, line))
    return findings


def glossary_used(n: Notes) -> dict[str, tuple[str, int]]:
    """Each glossary id a note uses, with where it is first used."""
    used: dict[str, tuple[str, int]] = {}
    for ln in n.notes:
        for term in ln.note.glossary:
            used.setdefault(term, (ln.path, ln.line_of("glossary")))
        for term in GLOSSARY_LINK.findall(ln.note.body):
            used.setdefault(term, (ln.path, ln.line_of("body")))
    return used


def glossary_gaps(n: Notes) -> list[Finding]:
    """Terms used by a note but not defined, and terms defined but used by no note."""
    used = glossary_used(n)
    terms = sorted(n.glossary)
    findings = []
    for term, (path, line) in sorted(used.items()):
        if term not in n.glossary:
            near = nearest_name(term, terms)
            hint = f' (did you mean "{near}"?)' if near else ""
            msg = f'glossary term "{term}" is used but not defined{hint}'
            findings.append(warning(path, msg, line))
    glossary_file = _file(n, "glossary.yml")
    for term in terms:
        if term not in used:
            where = _at(n, glossary_file, "glossary", term)
            msg = (
                f'glossary term "{term}" is defined but no note uses it; add it to a note\'s '
                f"glossary list or link it as (glossary:{term})"
            )
            findings.append(warning(where[0], msg, where[1]))
    return findings


def _cited(n: Notes) -> list[tuple[Where, str, list[str]]]:
    """(where, who, sources) for everything that must name its sources."""
    glossary, people, timeline = (
        _file(n, f) for f in ("glossary.yml", "people.yml", "timeline.yml")
    )
    cited: list[tuple[Where, str, list[str]]] = [
        ((ln.path, ln.line_of("sources")), f"note {ln.id}", ln.note.sources) for ln in n.notes
    ]
    cited += [
        (_at(n, glossary, "glossary", g, "sources"), f"glossary {g}", e.sources)
        for g, e in n.glossary.items()
    ]
    cited += [
        (_at(n, people, "people", a, "sources"), f"people {a}", e.sources)
        for a, e in n.actors.items()
    ]
    cited += [
        (
            _at(n, timeline, "timeline", str(i), "sources"),
            f"timeline event {i} ({e.title})",
            e.sources,
        )
        for i, e in enumerate(n.timeline, 1)
    ]
    return cited


def source_gaps(n: Notes) -> list[Finding]:
    """Everything must cite a source, and every source must be in references.yml."""
    known = n.reference_keys  # a set made from the list each time it is asked for
    keys = sorted(known)
    findings = []
    for where, who, sources in _cited(n):
        if not sources:
            msg = f"{who} cites no source; add an id from references.yml"
            findings.append(warning(where[0], msg, where[1]))
        for key in sources:
            if key not in known:
                near = nearest_name(key, keys)
                hint = f' (did you mean "{near}"?)' if near else ""
                msg = f'{who} cites unknown source "{key}"{hint}'
                findings.append(warning(where[0], msg, where[1]))
    return findings


def student_notes_alone(n: Notes) -> list[Finding]:
    """No note or glossary entry may rest on student notes with nothing scholarly beside them.

    The article itself does not count as that other source: it is the object of the claim about
    theory, not an authority for it.
    """
    student = {r["id"] for r in n.references if r.get("genre") in STUDENT_NOTE_GENRES}
    article = n.structure.metadata.bib_key
    findings = []
    for where, who, sources in _cited(n):
        if who.startswith(("people ", "timeline ")):
            continue
        leaning = [k for k in sources if k in student]
        others = [k for k in sources if k not in student and k != article]
        if leaning and not others:
            names = ", ".join(f'"{k}"' for k in leaning)
            msg = (
                f"{who} rests on student notes ({names}) with no other source but the article; "
                "add a scholarly source or summary (a review, handbook or encyclopedia entry, or "
                "a university course page) beside it"
            )
            findings.append(warning(where[0], msg, where[1]))
    return findings


RULES: tuple[Callable[[Notes], list[Finding]], ...] = (
    thin_blocks,
    glossary_gaps,
    source_gaps,
    student_notes_alone,
)


def content_findings(notes: Notes) -> list[Finding]:
    """Every content problem in the notes folder, each a warning with its file and line."""
    return [finding for rule in RULES for finding in rule(notes)]
