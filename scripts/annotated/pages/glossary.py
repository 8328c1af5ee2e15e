"""The glossary page: every term, its definition, how it applies here, and where it is used."""

from __future__ import annotations

from annotated.pages.lines import Use, front, links, sources_line, use_link
from annotated.pages.markup import esc
from annotated.site import Site


def glossary_page(site: Site, uses: list[Use], description: str) -> str:
    n, page = site.notes, "glossary.md"
    root = n.root.name
    out = front("Glossary", description, f"{root}/glossary.yml")
    for gid, g in sorted(n.glossary.items(), key=lambda kv: kv[1].term.casefold()):
        where = n.lines.get(("glossary", gid), (f"{root}/glossary.yml", 1))
        out += [f"## {g.term} {{#{gid}}}", ""]
        body = ['<div class="glossary-entry">']
        if g.aliases:
            body.append(f'<p class="gl-aliases">Also: {esc(", ".join(g.aliases))}</p>')
        body.append(site.render(g.definition, page, where))
        if g.authors:
            body.append(f"<p><strong>Key authors:</strong> {esc(', '.join(g.authors))}</p>")
        if g.works:
            works = links(site, "ref", g.works, page, lambda k: site.labels[k])
            body.append(f"<p><strong>Key works:</strong> {works}</p>")
        body.append("<p><strong>In this article:</strong></p>")
        body.append(site.render(g.application, page, where))
        if g.related:
            related = links(site, "glossary", g.related, page, lambda t: n.glossary[t].term)
            body.append(f"<p><strong>Related:</strong> {related}</p>")
        body.append(sources_line(site, g.sources, page))
        used = [u for u in uses if gid in site.note_by_id[u.note_id].note.glossary]
        if used:
            items = "".join(f"<li>{use_link(site, u, page)}</li>" for u in used)
            body.append(
                f'<div class="used-in"><p><strong>Used in:</strong></p><ul>{items}</ul></div>'
            )
        body.append("</div>")
        out += ["\n".join(body), ""]
    return "\n".join(out)
