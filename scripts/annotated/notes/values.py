"""Values that pass the schema but cannot be true: a day that no calendar has, an event that ends
before it starts, a reference with nothing to cite it by, a glossary entry related to itself, a
text far longer than a note can be. Each is an error at the line of the field that holds it."""

from __future__ import annotations

import datetime
import re
from typing import Any

from annotated.errors import InputError, Problem
from annotated.markdown_refs import undefined_references
from annotated.notes.models import Notes

# A margin note or an entry is a few sentences: this site's longest is about 1,200 characters. A
# text ten times that is a paste gone wrong, or an essay that belongs on a page of its own.
MAX_TEXT = 10_000
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
DATE_FIELDS = ("issued", "accessed", "original-date")


def check_values(n: Notes) -> None:
    """Raises InputError naming every value that cannot be true, one line each."""
    problems = [*_timeline(n), *_references(n), *_glossary(n), *_lengths(n), *_links(n)]
    if problems:
        raise InputError(problems)


def _problem(where: tuple[str, int], msg: str) -> Problem:
    return Problem(where[0], msg, where[1])


def _timeline(n: Notes) -> list[Problem]:
    out = []
    for i, ev in enumerate(n.timeline, 1):
        # Compared at the precision both are written in: 1999 does not end before 1999-04.
        k = min(len(ev.end or ""), len(ev.date))
        if ev.end is not None and ev.end[:k] < ev.date[:k]:
            msg = f"entry {i}: end: {ev.end} is before the date {ev.date}; it cannot end first"
            out.append(_problem(n.where("timeline", str(i), "end"), msg))
    return out


def _real_parts(parts: list[Any]) -> bool:
    nums = [p for p in parts if isinstance(p, int) and not isinstance(p, bool)]
    if len(nums) != len(parts) or not nums:
        return True  # not numbers: the schema and citeproc-py's warnings speak for these
    try:
        datetime.date(nums[0], *[*nums[1:3], 1, 1][:2])
    except ValueError:
        return False
    return True


def _csl_date_problem(value: Any) -> str | None:
    """The date as written, when it names a day or month that does not exist."""
    if isinstance(value, str):
        m = _ISO.fullmatch(value.strip())
        if m and not _real_parts([int(x) for x in m.groups() if x]):
            return value.strip()
    if isinstance(value, dict):
        for parts in value.get("date-parts") or []:
            if isinstance(parts, list) and not _real_parts(parts):
                return "-".join(str(p) for p in parts)
    return None


def _references(n: Notes) -> list[Problem]:
    out = []
    for ref in n.references:
        rid = ref["id"]
        at = n.where("reference", rid)
        if not str(ref.get("title") or "").strip():
            msg = f'{rid}: no title; add "title:" (a reference is cited and listed by its title)'
            out.append(_problem(at, msg))
        for name in DATE_FIELDS:
            bad = _csl_date_problem(ref.get(name))
            if bad:
                msg = f"{rid}: {name}: {bad} is not a real date (YYYY, YYYY-MM or YYYY-MM-DD)"
                out.append(_problem(at, msg))
    return out


def _glossary(n: Notes) -> list[Problem]:
    out = []
    for gid, entry in n.glossary.items():
        if gid in entry.related:
            msg = f'{gid}: related: "{gid}" is the entry itself; list other glossary ids'
            out.append(_problem(n.where("glossary", gid, "related"), msg))
        for name, ids in (("related", entry.related), ("sources", entry.sources)):
            twice = sorted({x for x in ids if ids.count(x) > 1})
            if twice:
                msg = f'{gid}: {name}: "{twice[0]}" is listed twice; keep one'
                out.append(_problem(n.where("glossary", gid, name), msg))
    for ln in n.notes:
        for name, ids in (("sources", ln.note.sources), ("glossary", ln.note.glossary)):
            twice = sorted({x for x in ids if ids.count(x) > 1})
            if twice:
                msg = f'{ln.paragraph} note: {name}: "{twice[0]}" is listed twice; keep one'
                out.append(Problem(ln.path, msg, ln.line_of(name)))
    return out


def _too_long(what: str, text: str) -> str | None:
    if len(text) <= MAX_TEXT:
        return None
    return (
        f"{what}: {len(text):,} characters, more than the {MAX_TEXT:,} one text here may hold; "
        "shorten it, or put the long text on a hand-written page and link to it"
    )


def _lengths(n: Notes) -> list[Problem]:
    out = []
    for ln in n.notes:
        msg = _too_long(f"{ln.paragraph} note {ln.id}: body", ln.note.body)
        if msg:
            out.append(Problem(ln.path, msg, ln.line_of("body")))
    for gid, entry in n.glossary.items():
        for name in ("definition", "application"):
            msg = _too_long(f"{gid}: {name}", getattr(entry, name))
            if msg:
                out.append(_problem(n.where("glossary", gid, name), msg))
    for i, ev in enumerate(n.timeline, 1):
        msg = _too_long(f"entry {i}: body", ev.body)
        if msg:
            out.append(_problem(n.where("timeline", str(i), "body"), msg))
    for aid, actor in n.actors.items():
        msg = _too_long(f"{aid}: summary", actor.summary)
        if msg:
            out.append(_problem(n.where("people", aid, "summary"), msg))
    for block in n.structure.blocks():
        msg = _too_long(f"{block.id}: summary", block.summary or "")
        if msg:
            out.append(_problem(n.where("block", block.id), msg))
    return out


def _links(n: Notes) -> list[Problem]:
    """Reference-style links without their definition, at the line of the field that holds them."""
    texts: list[tuple[tuple[str, int], str]] = [
        ((ln.path, ln.line_of("body")), ln.note.body) for ln in n.notes
    ]
    for gid, entry in n.glossary.items():
        texts += [
            (n.where("glossary", gid, f), getattr(entry, f)) for f in ("definition", "application")
        ]
    texts += [(n.where("timeline", str(i), "body"), ev.body) for i, ev in enumerate(n.timeline, 1)]
    texts += [(n.where("people", a, "summary"), actor.summary) for a, actor in n.actors.items()]
    texts += [(n.where("block", b.id), b.summary or "") for b in n.structure.blocks()]
    return [_problem(at, msg) for at, text in texts for _, msg in undefined_references(text)]
