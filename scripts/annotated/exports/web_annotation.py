"""Every note as a W3C Web Annotation (JSON-LD): one AnnotationCollection, its one AnnotationPage.

Follows the W3C Web Annotation Data Model (Recommendation, 23 February 2017,
https://www.w3.org/TR/annotation-model/) and its Vocabulary (https://www.w3.org/TR/annotation-vocab/):
- §5.1/§5.2: the collection embeds its first page, which then carries no @context of its own, a
  `partOf`, a `startIndex` and the `items`; `total` counts them.
- §3.2 motivations: `commenting` for a note, `questioning` for a question note; each body's
  `purpose` says the same, and a second TextualBody with purpose `tagging` carries the note's kind.
- §3.2.4 TextualBody: the note as HTML (`format` text/html, `language` en), links absolute.
- The target's `source` is the article itself, by its DOI URL: the notes describe the article, not
  this site's pages.
- §4.2.9 refinement: the printed page is the broader selection and the phrase is found within it,
  so a FragmentSelector for the page is `refinedBy` the TextQuoteSelector (the spec's own example
  refines a paragraph by a phrase). The fragment is RFC 3778's `page=N` for PDF, N counted from
  the article's first printed page (the publisher's PDF of an article starts there). A phrase or
  paragraph over a page turn gets a RangeSelector (§4.2.8) from its first page to the start of
  the page after its last (the end selector is exclusive).
- §4.2.4 TextQuoteSelector: `exact` is the phrase. `prefix` and `suffix` (a few words) only in the
  full edition; the public companion edition never quotes the article beyond the phrase.
"""

from __future__ import annotations

import json
from typing import Any

from annotated.exports.passages import Inputs, Passage

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PDF_FRAGMENT = "http://tools.ietf.org/rfc/rfc3778"
PATH = "exports/annotations.jsonld"


def pdf_page(first_page: int, printed: int) -> str:
    return f"page={printed - first_page + 1}"


def selector(p: Passage, first_page: int) -> dict[str, Any]:
    quote = p.quote_selector()

    def page(n: int) -> dict[str, Any]:
        return {
            "type": "FragmentSelector",
            "conformsTo": PDF_FRAGMENT,
            "value": pdf_page(first_page, n),
        }

    if p.first_page == p.last_page:
        return {**page(p.first_page), "refinedBy": quote}
    return {
        "type": "RangeSelector",
        "startSelector": page(p.first_page),
        "endSelector": page(p.last_page + 1),
        "refinedBy": quote,
    }


def annotation(p: Passage, inputs: Inputs) -> dict[str, Any]:
    motivation = "questioning" if p.note.note.kind == "question" else "commenting"
    return {
        "id": p.url,
        "type": "Annotation",
        "motivation": motivation,
        "body": [
            {
                "type": "TextualBody",
                "value": p.html,
                "format": "text/html",
                "language": "en",
                "purpose": motivation,
            },
            {"type": "TextualBody", "value": p.note.note.kind, "purpose": "tagging"},
        ],
        "target": {
            "source": inputs.doi_url,
            "selector": selector(p, inputs.notes.structure.metadata.first_page),
        },
    }


def collection(inputs: Inputs) -> dict[str, Any]:
    meta = inputs.notes.structure.metadata
    cid = f"{inputs.site_url}{PATH}"
    items = [annotation(p, inputs) for p in inputs.placed]
    who = f"{', '.join(meta.authors)} ({meta.year}), “{meta.title}”"
    return {
        "@context": CONTEXT,
        "id": cid,
        "type": "AnnotationCollection",
        "label": f"Notes on {who} ({inputs.edition} edition)",
        "total": len(items),
        "first": {
            "id": f"{cid}#page-1",
            "type": "AnnotationPage",
            "partOf": cid,
            "startIndex": 0,
            "items": items,
        },
        "last": f"{cid}#page-1",
    }


def export(inputs: Inputs) -> dict[str, bytes]:
    text = json.dumps(collection(inputs), ensure_ascii=False, indent=2) + "\n"
    return {PATH: text.encode("utf-8")}
