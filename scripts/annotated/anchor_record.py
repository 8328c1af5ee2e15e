"""The note record, `notes/anchors.lock.json`: where each note anchors in the article, as numbers
only (its block, offsets and printed pages) with salted hashes of its phrase and of what places
it (paragraph, before, after, occurrence), never a word.

A build that has the text writes it (`scripts/build.py record`) and checks it: a stale record
fails the build, naming each note and what changed. A build without the text (a contributor's
clone, CI, the Pages workflow) reads it: every note gets its phrase's own page, and a phrase or
placement changed since the record was last checked against the text is an error, naming the
notes file and line, instead of being published unchecked. Salted hashes as in
`article-fingerprints.txt` (annotated.leakguard): one salt per record, kept when it is rewritten.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from annotated.anchors import Anchors, normalise_phrase
from annotated.article import Article
from annotated.errors import InputError, Problem, display_path
from annotated.notes import LocatedNote, Notes

RECORD = "anchors.lock.json"  # in the notes folder, beside article.yml
FORMAT = 1
RECORD_COMMAND = "scripts/build.py record --source PATH"


@dataclass(frozen=True)
class Place:
    """Where a note's phrase stands: its block, character offsets in the block's text (as the
    ingested article has it) and the printed pages on which the phrase begins and ends."""

    block: str
    start: int
    end: int
    first_page: int
    last_page: int

    @property
    def pages(self) -> list[int]:
        return list(range(self.first_page, self.last_page + 1))

    @property
    def pages_label(self) -> str:
        if self.first_page == self.last_page:
            return f"p. {self.first_page}"
        return f"pp. {self.first_page}–{self.last_page}"

    def describe(self) -> str:
        return f"{self.block} {self.start}–{self.end}, {self.pages_label}"


@dataclass(frozen=True)
class Entry:
    place: Place
    phrase: str  # salted hash of the phrase as anchored (spacing normalised)
    placing: str  # salted hash of paragraph, before, after and occurrence


@dataclass(frozen=True)
class Record:
    salt: str
    doi: str
    notes: dict[str, Entry]

    def digest(self, *parts: object) -> str:
        # 16 hex digits, as the fingerprints: no collision among a site's few hundred notes.
        data = self.salt + "\n" + "\n".join("" if p is None else str(p) for p in parts)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]

    def phrase_hash(self, ln: LocatedNote) -> str:
        return self.digest("phrase", normalise_phrase(ln.note.phrase))

    def placing_hash(self, ln: LocatedNote) -> str:
        n = ln.note
        before = normalise_phrase(n.before) if n.before else None
        after = normalise_phrase(n.after) if n.after else None
        return self.digest("placing", ln.paragraph, before, after, n.occurrence)

    def text(self) -> str:
        """JSON with one note a line, in id order, so that a change reads as a one-line diff."""
        head = {"format": FORMAT, "doi": self.doi, "salt": self.salt}
        lines = [json.dumps(head, sort_keys=True)[:-1] + ', "notes": {']
        entries = []
        for note_id in sorted(self.notes):
            e = self.notes[note_id]
            p = e.place
            value = {
                "block": p.block, "start": p.start, "end": p.end,
                "pages": [p.first_page, p.last_page], "phrase": e.phrase, "placing": e.placing,
            }  # fmt: skip
            entries.append(f"  {json.dumps(note_id)}: {json.dumps(value)}")
        return "\n".join([*lines, ",\n".join(entries), "}}"]) + "\n"


# --- made from the text ------------------------------------------------------------------------


def places_of(anchors: Anchors, article: Article) -> dict[str, Place]:
    """Every anchored note's place, from the text."""
    out = {}
    for a in anchors.anchored:
        block = article.block(a.block)
        last = block.page_at(max(a.start, a.end - 1))
        out[a.note.id] = Place(a.block, a.start, a.end, a.page, last)
    return out


def make_record(notes: Notes, places: dict[str, Place], doi: str, salt: str | None) -> Record:
    record = Record(salt or secrets.token_hex(16), doi, {})
    by_id = {ln.id: ln for ln in notes.notes}
    for note_id, place in places.items():
        ln = by_id[note_id]
        record.notes[note_id] = Entry(place, record.phrase_hash(ln), record.placing_hash(ln))
    return record


def stale(old: Record, new: Record, notes: Notes, path: Path) -> list[Problem]:
    """A build with the text: what the committed record no longer says truly, note by note."""
    where = display_path(path)
    fix = f"run `{RECORD_COMMAND}` and commit {where}"
    problems = []
    if old.doi != new.doi:
        msg = f'{where} is the record of another article (DOI "{old.doi}", not "{new.doi}"); {fix}'
        return [Problem(where, msg)]
    for ln in notes.notes:
        e, fresh = old.notes.get(ln.id), new.notes.get(ln.id)
        if fresh is None:
            continue  # not anchored: the anchoring said why
        line = ln.line_of("phrase")
        if e is None:
            msg = f'note "{ln.id}" is not in {where} yet; {fix}'
            problems.append(Problem(ln.path, msg, line))
            continue
        changes = []
        if e.phrase != fresh.phrase:
            changes.append("its phrase")
        if e.placing != fresh.placing:
            changes.append("its paragraph, before, after or occurrence")
        if e.place != fresh.place:
            changes.append(f"its place ({e.place.describe()} → {fresh.place.describe()})")
        if changes:
            msg = f'{where} is stale for note "{ln.id}": {" and ".join(changes)} changed; {fix}'
            problems.append(Problem(ln.path, msg, line))
    ids = {ln.id for ln in notes.notes}
    for note_id in sorted(set(old.notes) - ids):
        msg = f'{where} records note "{note_id}", which no notes file has any more; {fix}'
        problems.append(Problem(where, msg, _line_of(path, note_id)))
    return problems


# --- read without the text ---------------------------------------------------------------------


@dataclass
class Recorded:
    """What a build without the text takes from the record."""

    places: dict[str, Place]
    problems: list[Problem]
    unchecked: list[LocatedNote]  # notes the record does not know yet


def recorded(record: Record, notes: Notes, path: Path) -> Recorded:
    where = display_path(path)
    out = Recorded({}, [], [])
    for ln in notes.notes:
        e = record.notes.get(ln.id)
        if e is None:
            out.unchecked.append(ln)
            continue
        line = ln.line_of("phrase")
        if e.phrase != record.phrase_hash(ln):
            phrase = normalise_phrase(ln.note.phrase)
            msg = (
                f'phrase "{phrase}" changed since it was last checked against the article '
                f"({where}); check it against your copy, then run `{RECORD_COMMAND}`"
            )
            out.problems.append(Problem(ln.path, msg, line))
        elif e.placing != record.placing_hash(ln):
            msg = (
                f'note "{ln.id}": its paragraph, before, after or occurrence changed since it '
                f"was last checked against the article ({where}); check it against your copy, "
                f"then run `{RECORD_COMMAND}`"
            )
            out.problems.append(Problem(ln.path, msg, line))
        else:
            out.places[ln.id] = e.place
    return out


def unchecked(notes: list[LocatedNote], path: Path) -> Problem:
    """Notes the record does not know yet (written since it was last made from the text)."""
    first = notes[0]
    more = f" and {len(notes) - 1} more" if len(notes) > 1 else ""
    msg = (
        f'note "{first.id}"{more} not yet checked against the article ({display_path(path)} '
        f"has no place for them): their pages are their paragraphs'; with a copy, run "
        f"`{RECORD_COMMAND}`"
    )
    return Problem(first.path, msg, first.line_of("phrase"))


# --- the file ----------------------------------------------------------------------------------


def read_record(path: Path) -> Record:
    where = display_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f'"format" is {data.get("format")!r}, not {FORMAT}')
        notes = {}
        for note_id, v in data["notes"].items():
            first, last = v["pages"]
            place = Place(str(v["block"]), int(v["start"]), int(v["end"]), int(first), int(last))
            notes[note_id] = Entry(place, str(v["phrase"]), str(v["placing"]))
        return Record(str(data["salt"]), str(data["doi"]), notes)
    except json.JSONDecodeError as e:
        raise InputError(Problem(where, f"not valid JSON: {e.msg}", e.lineno, e.colno)) from e
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        msg = f"not a note record ({type(e).__name__}: {e}); remake it with `{RECORD_COMMAND}`"
        raise InputError(Problem(where, msg)) from e


def write_record(path: Path, record: Record) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(record.text(), encoding="utf-8")
    tmp.replace(path)


def _line_of(path: Path, note_id: str) -> int | None:
    m = re.search(rf"(?m)^  {re.escape(json.dumps(note_id))}:", path.read_text(encoding="utf-8"))
    return path.read_text(encoding="utf-8").count("\n", 0, m.start()) + 1 if m else None
