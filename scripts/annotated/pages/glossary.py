"""The glossary page: every term, its definition, how it applies here, and where it is used."""

from __future__ import annotations

from annotated.pages.lines import Use, front, use_text
from annotated.pages.markup import Markup, layout
from annotated.site import Site


def glossary_page(site: Site, uses: list[Use], description: str) -> str:
    n, page = site.notes, "glossary.md"
    root = n.root.name
    out = front("Glossary", description, f"{root}/glossary.yml")
    for gid, g in sorted(n.glossary.items(), key=lambda kv: kv[1].term.casefold()):
        where = n.lines.get(("glossary", gid), (f"{root}/glossary.yml", 1))
        used = [u for u in uses if gid in site.note_by_id[u.note_id].note.glossary]
        entry = layout("glossary").entry(
            g.aliases,
            Markup(site.render(g.definition, page, where)),
            g.authors,
            [(site.link("ref", k, page), site.labels[k]) for k in g.works],
            Markup(site.render(g.application, page, where)),
            [(site.link("glossary", t, page), n.glossary[t].term) for t in g.related],
            [(site.link("ref", k, page), site.labels[k]) for k in g.sources],
            [(site.link("note", u.note_id, page), use_text(u)) for u in used],
        )
        out += [f"## {g.term} {{#{gid}}}", "", str(entry), ""]
    return "\n".join(out)
