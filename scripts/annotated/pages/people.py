"""The people, organisations and places page, each entry linked back to its notes."""

from __future__ import annotations

from annotated.pages.lines import front, note_phrase
from annotated.pages.markup import Markup, layout
from annotated.site import Site

GROUPS = (("person", "People"), ("organisation", "Organisations"), ("place", "Places"))


def people_page(site: Site, description: str) -> str:
    n, page = site.notes, "people.md"
    out = front("People and organisations", description, f"{n.root.name}/people.yml")
    for kind, heading in GROUPS:
        members = sorted(
            ((aid, a) for aid, a in n.actors.items() if a.kind == kind),
            key=lambda kv: kv[1].name.casefold(),
        )
        if not members:
            continue
        out += [f"## {heading}", ""]
        for aid, a in members:
            where = n.lines.get(("people", aid), (f"{n.root.name}/people.yml", 1))
            actor = layout("people").actor(
                Markup(site.render(a.summary, page, where)),
                [(site.link("note", x, page), note_phrase(site, x)) for x in a.notes],
                [(site.link("glossary", t, page), n.glossary[t].term) for t in a.glossary],
                [(site.link("ref", k, page), site.labels[k]) for k in a.sources],
            )
            out += [f"### {a.name} {{#{aid}}}", "", str(actor), ""]
    return "\n".join(out)
