"""The people, organisations and places page, each entry linked back to its notes."""

from __future__ import annotations

from annotated.pages.lines import front, links, reading_line, sources_line
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
            out += [f"### {a.name} {{#{aid}}}", ""]
            body = ['<div class="actor">', site.render(a.summary, page, where)]
            if a.notes:
                body.append(reading_line(site, a.notes, page))
            if a.glossary:
                terms = links(site, "glossary", a.glossary, page, lambda t: n.glossary[t].term)
                body.append(f"<p><strong>Glossary:</strong> {terms}</p>")
            body.append(sources_line(site, a.sources, page))
            body.append("</div>")
            out += ["\n".join(body), ""]
    return "\n".join(out)
