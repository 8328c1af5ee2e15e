"""Every generated page, as Markdown text keyed by its path under the docs folder.

Pure: article (or None for the companion edition), notes and anchors in; pages and problems out.
One module per page family: `reading` (the reading pages, both editions), `glossary`,
`bibliography` (references, how to cite), `timeline`, `people`, `study_guide`; `lines` holds what
they share and `markup` the escaping, front matter and Jinja2 layouts (templates/).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from annotated.anchor_record import Place
from annotated.anchors import Anchors, normalise_phrase, number_unanchored
from annotated.article import Article
from annotated.bodies import Renderer
from annotated.citations import Citer
from annotated.errors import Problem, display_path, warning
from annotated.notes import Notes
from annotated.pages import reading
from annotated.pages.bibliography import how_to_cite_page, references_page
from annotated.pages.glossary import glossary_page
from annotated.pages.lines import Use
from annotated.pages.people import people_page
from annotated.pages.study_guide import study_page
from annotated.pages.timeline import timeline_page
from annotated.site import Site, reading_page

__all__ = ["Pages", "generate"]


@dataclass
class Pages:
    files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def generate(
    notes: Notes,
    article: Article | None,
    anchors: Anchors | None,
    edition: str,
    citer: Citer | None = None,
    places: Mapping[str, Place] | None = None,
    renderer: Renderer | None = None,
) -> Pages:
    """All generated pages. `article` is None in the companion edition (it never holds text).
    `citer` formats citations (through the build's memo); a fresh one when not given. `places`
    gives each note's phrase its own pages (annotated.anchor_record), in both editions.
    `renderer` renders the bodies (through the build's memo); a fresh one when not given."""
    site = Site(notes, citations=citer or Citer(), renderer=renderer or Renderer())
    meta = notes.structure.metadata
    who = f"{', '.join(meta.authors)} ({meta.year}), “{meta.title}”"
    text_article = article if edition == "full" else None
    numbers = number_unanchored(notes)
    ctx = reading.context(site, text_article, anchors, numbers, places or {})
    result = Pages()
    for part in notes.structure.parts:
        what = (
            "the text with margin notes on its theories, people and events"
            if edition == "full"
            else "each paragraph summarised, with notes on its theories, people and events"
        )
        desc = f"{part.title}, annotated: {who}; {what}, for students of international relations."
        result.files[reading_page(part.id)] = reading.reading_markdown(
            part, ctx, text_article, edition, desc
        )
        for b in part.blocks:
            if edition == "companion" and not b.summary and b.type != "heading":
                path, line = ctx.map_line(b.id)
                result.warnings.append(warning(path, f"{b.id} has no summary", line))
            if edition == "full" and b.summary:
                # Not shown in this edition, but its links must hold all the same.
                site.render(b.summary, reading_page(part.id), ctx.map_line(b.id))
    uses = _uses(notes, ctx.numbers, anchors)
    result.files["glossary.md"] = glossary_page(
        site, uses, f"Glossary of the alliance theory and regional terms in {who}."
    )
    result.files["references.md"] = references_page(
        site, f"The works cited in the notes on {who}, in APA style."
    )
    result.files["how-to-cite.md"] = how_to_cite_page(
        site, f"How to cite {who}: APA, Chicago and BibTeX, and the page of each passage."
    )
    result.files["timeline.md"] = timeline_page(site, f"Timeline of the events behind {who}.")
    result.files["people.md"] = people_page(
        site, f"People, organisations and places named in {who}."
    )
    result.files["study-guide.md"] = study_page(
        site, f"Study questions on {who}, from recall to argument."
    )
    result.files = {path: with_previews(text) for path, text in result.files.items()}
    result.problems = site.problems
    result.warnings += site.warnings + unused(site)
    return result


_GLOSSARY_LINK = re.compile(r'<a href="([^"]*glossary/#[^"]*)"')


def with_previews(text: str) -> str:
    """Links to a glossary entry open Material's instant preview (the `data-preview` opt-in)."""
    return _GLOSSARY_LINK.sub(r'<a href="\1" data-preview=""', text)


def unused(site: Site) -> list[Problem]:
    """Works declared and cited nowhere on the site (a link counts: the pages know them all).
    Glossary terms no note uses are annotated.content_check's to find."""
    n = site.notes
    cited = {k for scheme, k in site.used if scheme == "ref"} | {n.structure.metadata.bib_key}
    refs_path = display_path(n.root / "references.yml")
    return [
        warning(refs_path, f'reference "{ref["id"]}" is cited nowhere', _line(n, ref["id"]))
        for ref in n.references
        if ref["id"] not in cited
    ]


def _line(notes: Notes, ref_id: str) -> int | None:
    return notes.lines.get(("reference", ref_id), ("", None))[1]


def _uses(notes: Notes, numbers: dict[str, int], anchors: Anchors | None) -> list[Use]:
    """Every numbered note in reading order, with the page it stands on."""
    pages = {a.note.id: a.page for a in anchors.anchored} if anchors else {}
    structure = notes.structure
    order = {b.id: i for i, b in enumerate(structure.blocks())}
    where = {b.id: (p, b) for p in structure.parts for b in p.blocks}
    uses = []
    for ln in notes.notes:
        if ln.id not in numbers:
            continue
        part, block = where[ln.paragraph]
        page = pages.get(ln.id, block.pages[0])
        phrase = normalise_phrase(ln.note.phrase)
        use = Use(ln.id, part.title, part.id, numbers[ln.id], page, phrase)
        uses.append((order[ln.paragraph], use))
    return [u for _, u in sorted(uses, key=lambda ou: (ou[0], ou[1].number))]
