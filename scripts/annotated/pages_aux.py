"""The pages around the reading: glossary, references, how to cite, timeline, people, study guide.

Each is Markdown whose headings carry the agreed anchors ({#id} via attr_list) and whose bodies are
rendered and sanitised HTML (links resolved by links.Site). Each says which notes file to edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotated import citations
from annotated.notes import slugify
from annotated.pages_reading import _yaml_str, attr, esc, pages_label
from annotated.site import Site, reading_page


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
    return [
        "---",
        f"title: {_yaml_str(title)}",
        f"description: {_yaml_str(description)}",
        "---",
        "",
        f"# {title}",
        "",
        f'<p class="edit-hint">Generated page. To change it, edit <code>{edit}</code>.</p>',
        "",
    ]


def _links(site: Site, scheme: str, ids: list[str], page: str, label) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f'<a href="{site.link(scheme, i, page)}">{esc(label(i))}</a>' for i in ids)


def _use_link(site: Site, use: Use, page: str) -> str:
    href = site.link("note", use.note_id, page)
    text = f"{use.part_title}, note {use.number} (p. {use.page}): “{use.phrase}”"
    return f'<a href="{href}">{esc(text)}</a>'


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
            works = _links(site, "ref", g.works, page, lambda k: site.labels[k])
            body.append(f"<p><strong>Key works:</strong> {works}</p>")
        body.append("<p><strong>In this article:</strong></p>")
        body.append(site.render(g.application, page, where))
        if g.related:
            related = _links(site, "glossary", g.related, page, lambda t: n.glossary[t].term)
            body.append(f"<p><strong>Related:</strong> {related}</p>")
        body.append(_sources_line(site, g.sources, page))
        used = [u for u in uses if gid in _glossary_of(site, u.note_id)]
        if used:
            items = "".join(f"<li>{_use_link(site, u, page)}</li>" for u in used)
            body.append(
                f'<div class="used-in"><p><strong>Used in:</strong></p><ul>{items}</ul></div>'
            )
        body.append("</div>")
        out += ["\n".join(body), ""]
    return "\n".join(out)


def _glossary_of(site: Site, note_id: str) -> list[str]:
    return site.note_by_id[note_id].note.glossary


def references_page(site: Site, description: str) -> str:
    root = site.notes.root.name
    out = front("References", description, f"{root}/references.yml")
    out += [
        "Formatted in APA style by [citeproc-py](https://github.com/citeproc-py/citeproc-py).",
        "",
    ]
    for e in citations.bibliography(site.notes.references, "apa"):
        out += [f'<p class="reference" id="ref-{attr(e.key)}">{e.html}</p>', ""]
    return "\n".join(out)


def how_to_cite_page(site: Site, description: str) -> str:
    n = site.notes
    meta, refs = n.structure.metadata, n.references
    key = meta.bib_key
    item = next(r for r in refs if r["id"] == key)
    out = front("How to cite", description, f"{n.root.name}/references.yml")
    out.append("## The article {#the-article}")
    out.append("")
    for style, label in citations.STYLES.items():
        entry = citations.bibliography([item], style)[0]
        out += [
            f'<p class="citation" data-style="{style}"><strong>{label}:</strong> {entry.html}</p>'
        ]
        out.append("")
    out += ["**BibTeX:**", "", "```bibtex", citations.bibtex(item), "```", ""]
    out += ["## Cite this passage {#cite-this-passage}", ""]
    out += [
        "Quote or paraphrase a passage, then cite the page it is printed on. "
        "The links lead to the paragraph in the reading.",
        "",
        "| Passage | Pages | APA | Chicago (author-date) |",
        "|---|---|---|---|",
    ]
    for part in n.structure.parts:
        para_no = 0
        for b in part.blocks:
            if b.type == "heading":
                continue
            para_no += b.type == "paragraph"
            name = f"{part.title}, ¶ {para_no}" if b.type == "paragraph" else b.type.capitalize()
            locator = f"{b.pages[0]}-{b.pages[-1]}" if len(b.pages) > 1 else str(b.pages[0])
            apa = citations.cite([item], key, "apa", locator)
            chicago = citations.cite([item], key, "chicago-author-date", locator)
            link = f"{reading_page(part.id)}#{b.id}"
            out.append(f"| [{name}]({link}) | {pages_label(b.pages)} | {apa} | {chicago} |")
    out.append("")
    return "\n".join(out)


def timeline_page(site: Site, description: str) -> str:
    n, page = site.notes, "timeline.md"
    out = front("Timeline", description, f"{n.root.name}/timeline.yml")
    for ev in sorted(n.timeline, key=lambda e: e.date):
        where = _timeline_line(site, ev)
        when = ev.date + (f" – {ev.end}" if ev.end else "")
        out += [f"## {when}: {ev.title} {{#{timeline_id(ev.date, ev.title)}}}", ""]
        body = ['<div class="timeline-event">']
        if ev.body:
            body.append(site.render(ev.body, page, where))
        if ev.conflict:
            body.append(
                '<p class="conflict"><strong>The sources disagree:</strong> '
                f"{site.render(ev.conflict, page, where, inline=True)}</p>"
            )
        if ev.notes:
            body.append(_reading_line(site, ev.notes, page))
        body.append(_sources_line(site, ev.sources, page))
        body.append("</div>")
        out += ["\n".join(body), ""]
    return "\n".join(out)


def timeline_id(date: str, title: str) -> str:
    return f"t-{date}-{slugify(title)}"


def _timeline_line(site: Site, ev) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    n = site.notes
    i = next(i for i, e in enumerate(n.timeline, 1) if e is ev)
    return n.lines.get(("timeline", str(i)), (f"{n.root.name}/timeline.yml", 1))


def _reading_line(site: Site, note_ids: list[str], page: str) -> str:
    """ "In the reading:" with a link to each note, labelled by its phrase."""
    notes = _links(site, "note", note_ids, page, lambda x: _note_phrase(site, x))
    return f"<p><strong>In the reading:</strong> {notes}</p>"


def _sources_line(site: Site, keys: list[str], page: str) -> str:
    sources = _links(site, "ref", keys, page, lambda k: site.labels[k])
    return f"<p><strong>Sources:</strong> {sources}</p>"


def _note_phrase(site: Site, note_id: str) -> str:
    note = site.note_by_id[note_id]
    return f"“{' '.join(note.note.phrase.split())}”"


def people_page(site: Site, description: str) -> str:
    n, page = site.notes, "people.md"
    out = front("People and organisations", description, f"{n.root.name}/people.yml")
    groups = (("person", "People"), ("organisation", "Organisations"), ("place", "Places"))
    for kind, heading in groups:
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
                body.append(_reading_line(site, a.notes, page))
            if a.glossary:
                terms = _links(site, "glossary", a.glossary, page, lambda t: n.glossary[t].term)
                body.append(f"<p><strong>Glossary:</strong> {terms}</p>")
            body.append(_sources_line(site, a.sources, page))
            body.append("</div>")
            out += ["\n".join(body), ""]
    return "\n".join(out)


LEVELS = {
    "recall": "Recall",
    "understanding": "Understanding",
    "analysis": "Analysis",
    "argument": "Argument",
}


def study_page(site: Site, description: str) -> str:
    n, page = site.notes, "study-guide.md"
    spath = f"{n.root.name}/study.yml"
    out = front("Study guide", description, spath)
    if n.study is None:
        out += ["No study questions yet.", ""]
        return "\n".join(out)
    out += ["## Before you read {#before-you-read}", ""]
    out += [site.render(n.study.before_you_read, page, (spath, 1)), ""]
    titles = {p.id: p.title for p in n.structure.parts}
    for sp in n.study.pages:
        out += [f"## {titles[sp.part]} {{#study-{sp.part}}}", "", '<ol class="study-questions">']
        for q in sp.questions:
            links = []
            for x in q.passages:
                scheme = "para" if x in site.block_page else "note"
                label = _note_phrase(site, x) if scheme == "note" else _para_label(site, x)
                links.append(f'<a href="{site.link(scheme, x, page)}">{esc(label)}</a>')
            question = site.render(q.question, page, (spath, 1), inline=True)
            out.append(
                f'<li class="study-question" data-level="{q.level}">'
                f'<span class="level">{LEVELS[q.level]}</span> {question} '
                f'<span class="passages">See: {", ".join(links)}</span></li>'
            )
        out += ["</ol>", ""]
    return "\n".join(out)


def _para_label(site: Site, block_id: str) -> str:
    s = site.notes.structure
    part = s.part_of(block_id)
    no = 0
    for b in part.blocks:
        no += b.type == "paragraph"
        if b.id == block_id:
            return f"{part.title}, ¶ {no}" if b.type == "paragraph" else f"{b.type.capitalize()}"
    return block_id
