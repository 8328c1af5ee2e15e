"""The timeline page: the events behind the article, in order, with where the sources disagree."""

from __future__ import annotations

from annotated.notes import TimelineEvent, slugify
from annotated.pages.lines import front, reading_line, sources_line
from annotated.site import Site


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
            body.append(reading_line(site, ev.notes, page))
        body.append(sources_line(site, ev.sources, page))
        body.append("</div>")
        out += ["\n".join(body), ""]
    return "\n".join(out)


def timeline_id(date: str, title: str) -> str:
    return f"t-{date}-{slugify(title)}"


def _timeline_line(site: Site, ev: TimelineEvent) -> tuple[str, int]:
    n = site.notes
    i = next(i for i, e in enumerate(n.timeline, 1) if e is ev)
    return n.lines.get(("timeline", str(i)), (f"{n.root.name}/timeline.yml", 1))
