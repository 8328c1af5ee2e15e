"""The Highwire Press `citation_*` meta tags for the article, on every page of the site.

Google Scholar's inclusion guidelines (scholar.google.com/intl/en/scholar/inclusion.html) name
these tags: citation_title, one citation_author per author, citation_publication_date as
YYYY/MM/DD, citation_journal_title, citation_volume, citation_issue, citation_firstpage,
citation_lastpage, citation_doi, citation_publisher. Zotero's Embedded Metadata translator reads the
same tags, so the connector saves the article (not this site) from any page. The build hands the
pairs to MkDocs as `extra.citation_meta`; overrides/partials/citation-meta.html writes them.
"""

from __future__ import annotations

from annotated.structure import StructureMap

EXTRA_KEY = "citation_meta"


def citation_meta(structure: StructureMap) -> list[tuple[str, str]]:
    m = structure.metadata
    title = f"{m.title}: {m.subtitle}" if m.subtitle else m.title
    tags = [("citation_title", title)]
    tags += [("citation_author", a) for a in m.authors]
    date = m.published_date.replace("-", "/") if m.published_date else str(m.year)
    tags += [
        ("citation_publication_date", date),
        ("citation_journal_title", m.journal),
        ("citation_volume", m.volume),
        ("citation_issue", m.issue),
        ("citation_firstpage", str(m.first_page)),
        ("citation_lastpage", str(m.last_page)),
        ("citation_doi", m.doi),
    ]
    if m.publisher:
        tags.append(("citation_publisher", m.publisher))
    return tags
