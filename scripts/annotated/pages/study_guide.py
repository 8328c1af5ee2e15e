"""The study guide: questions from recall to argument, each with the passages to reread."""

from __future__ import annotations

from annotated.notes.models import LEVELS
from annotated.pages.lines import front, note_phrase
from annotated.pages.markup import esc
from annotated.site import Site


def study_page(site: Site, description: str) -> str:
    n, page = site.notes, "study-guide.md"
    spath = f"{n.root.name}/study.yml"
    out = front("Study guide", description, spath)
    if n.study is None:
        out += ["No study questions yet.", ""]
        return "\n".join(out)
    out += ["## Before you read {#before-you-read}", ""]
    out += [site.render(n.study.before_you_read, page, n.where("study", "before_you_read")), ""]
    titles = {p.id: p.title for p in n.structure.parts}
    for i, sp in enumerate(n.study.pages):
        out += [f"## {titles[sp.part]} {{#study-{sp.part}}}", "", '<ol class="study-questions">']
        for j, q in enumerate(sp.questions):
            links = []
            for x in q.passages:
                scheme = "para" if x in site.block_page else "note"
                label = note_phrase(site, x) if scheme == "note" else para_label(site, x)
                links.append(f'<a href="{site.link(scheme, x, page)}">{esc(label)}</a>')
            where = n.where("study", str(i), str(j), "question")
            question = site.render(q.question, page, where, inline=True)
            out.append(
                f'<li class="study-question" data-level="{q.level}">'
                f'<span class="level">{LEVELS[q.level]}</span> {question} '
                f'<span class="passages">See: {", ".join(links)}</span></li>'
            )
        out += ["</ol>", ""]
    return "\n".join(out)


def para_label(site: Site, block_id: str) -> str:
    return site.notes.structure.part_of(block_id).passage_label(block_id)
