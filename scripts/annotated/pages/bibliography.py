"""The references page and the how-to-cite page (the article, and the page of every passage)."""

from __future__ import annotations

from annotated import citations
from annotated.pages.lines import front
from annotated.pages.markup import attr, pages_label
from annotated.site import Site, reading_page


def references_page(site: Site, description: str) -> str:
    root = site.notes.root.name
    out = front("References", description, f"{root}/references.yml")
    out += [
        "Formatted in APA style by [citeproc-py](https://github.com/citeproc-py/citeproc-py).",
        "",
    ]
    for e in site.citations.bibliography(site.notes.references, "apa"):
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
        entry = site.citations.bibliography([item], style)[0]
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
        for b in part.blocks:
            if b.type == "heading":
                continue
            name = part.passage_label(b.id)
            locator = f"{b.pages[0]}-{b.pages[-1]}" if len(b.pages) > 1 else str(b.pages[0])
            apa = site.citations.cite([item], key, "apa", locator)
            chicago = site.citations.cite([item], key, "chicago-author-date", locator)
            link = f"{reading_page(part.id)}#{b.id}"
            out.append(f"| [{name}]({link}) | {pages_label(b.pages)} | {apa} | {chicago} |")
    out.append("")
    return "\n".join(out)
