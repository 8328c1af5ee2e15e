"""Every id that one notes file names in another must exist: glossary terms, bibliography keys,
note ids, parts and paragraphs. Each problem points at the line of the field that names it."""

from __future__ import annotations

from annotated.errors import InputError, Problem, nearest_name
from annotated.notes.models import Notes


def check_references(n: Notes) -> None:
    """Raises InputError naming every unknown id, with the nearest existing one."""
    problems: list[Problem] = []
    keys = sorted(n.reference_keys)
    terms = sorted(n.glossary)
    note_ids = sorted(x.id for x in n.notes)
    block_ids = [b.id for b in n.structure.blocks()]
    pools = {
        "bibliography key": keys,
        "glossary term": terms,
        "note id": note_ids,
        "part": [p.id for p in n.structure.parts],
        "passage": block_ids + note_ids,
    }

    def check(kind: str, names: list[str], where: tuple[str, int]) -> None:
        pool = pools[kind]
        for name in names:
            if name in pool:
                continue
            near = nearest_name(name, pool)
            hint = f' (did you mean "{near}"?)' if near else ""
            problems.append(Problem(where[0], f'unknown {kind} "{name}"{hint}', where[1]))

    check("bibliography key", [n.structure.metadata.bib_key], n.where("structure", "bib_key"))
    for ln in n.notes:
        check("bibliography key", ln.note.sources, (ln.path, ln.line_of("sources")))
        check("glossary term", ln.note.glossary, (ln.path, ln.line_of("glossary")))
    for gid, g in n.glossary.items():
        check("bibliography key", g.sources, n.where("glossary", gid, "sources"))
        check("bibliography key", g.works, n.where("glossary", gid, "works"))
        check("glossary term", g.related, n.where("glossary", gid, "related"))
    for aid, a in n.actors.items():
        check("bibliography key", a.sources, n.where("people", aid, "sources"))
        check("note id", a.notes, n.where("people", aid, "notes"))
        check("glossary term", a.glossary, n.where("people", aid, "glossary"))
    for i, ev in enumerate(n.timeline, 1):
        check("bibliography key", ev.sources, n.where("timeline", str(i), "sources"))
        check("note id", ev.notes, n.where("timeline", str(i), "notes"))
    if n.study:
        for i, page in enumerate(n.study.pages):
            check("part", [page.part], n.where("study", str(i), "part"))
            for j, q in enumerate(page.questions):
                for k, passage in enumerate(q.passages):
                    check("passage", [passage], n.where("study", str(i), str(j), str(k)))
    if problems:
        raise InputError(problems)
