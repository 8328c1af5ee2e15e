"""The article's reference on every page, as COinS (an OpenURL ContextObject in a span), so that
Zotero's Connector saves the article itself, not the page, from anywhere on the site.

Why COinS and not the Highwire `citation_*` meta tags the pages used to carry: Google Scholar's
inclusion guidelines ask that those tags describe the scholarly work the page itself holds, and
our pages hold commentary on the article, not the article. Zotero's Embedded Metadata translator
also fills what the tags leave out from the page itself: the abstract from `og:description` or
`description`, the URL from the page's address, the library catalogue from its host
(zotero/translators `Embedded Metadata.js`: addLowQualityMetadata). The COinS translator
(zotero/translators `COinS.js`, priority 310, tried before Embedded Metadata's 320) takes every
field from the ContextObject alone (zotero/utilities `openurl.js` parseContextObject), and a
ContextObject refers to a work a page cites, which is what our pages do.

The ContextObject: OpenURL 1.0 KEV (Z39.88-2004), journal format. Each value is percent-encoded
whole; parseContextObject reads `+` and `%2B` as spaces, so a value must hold neither (checked).
The DOI goes in twice, as `info:doi/` (Zotero's DOI field) and as its https://doi.org address
(Zotero's URL field, with no access date).
"""

from __future__ import annotations

from urllib.parse import quote

from annotated.structure import StructureMap

EXTRA_KEY = "article_coins"  # config.extra key; overrides/partials/citation-meta.html writes it


def context_object(structure: StructureMap) -> str:
    m = structure.metadata
    title = f"{m.title}: {m.subtitle}" if m.subtitle else m.title
    date = m.published_date or str(m.year)
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
        ("rft_id", f"info:doi/{m.doi}"),
        ("rft_id", f"https://doi.org/{m.doi}"),
        ("rft.genre", "article"),
        ("rft.atitle", title),
        ("rft.jtitle", m.journal),
        ("rft.date", date),
        ("rft.volume", m.volume),
        ("rft.issue", m.issue),
        ("rft.spage", str(m.first_page)),
        ("rft.epage", str(m.last_page)),
    ]
    pairs += [("rft.au", a) for a in m.authors]
    for key, value in pairs:
        if "+" in str(value):
            raise ValueError(
                f"article metadata: {key}: Zotero reads '+' in a ContextObject as a space, "
                f"so it cannot carry {value!r}"
            )
    return "&".join(f"{k}={quote(str(v), safe='')}" for k, v in pairs)


def citation_meta(structure: StructureMap) -> str:
    """What the build hands every page (config.extra[EXTRA_KEY]): the article's ContextObject."""
    return context_object(structure)
