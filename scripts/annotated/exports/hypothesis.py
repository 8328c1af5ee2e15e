"""Every note in the JSON that Hypothesis's import dialog reads, for an instructor's group.

The shape follows the Hypothesis client (github.com/hypothesis/client, read at commit 9d28950c):
- src/sidebar/helpers/import.ts (`readExportFile`) reads a JSON object whose `annotations` is an
  array;
- src/sidebar/components/SharePanel/ImportAnnotations.tsx lists the file's users
  (helpers/annotations-by-user.ts, replies left out) by the name helpers/annotation-user.ts gives:
  `user_info.display_name` only where the `client_display_names` feature flag is on or the user
  is of another authority, otherwise the username of `acct:username@authority`;
- src/sidebar/services/import-annotations.ts (`ImportAnnotationsService.import`) skips an
  annotation whose text, tags and quote equal one already there, keeps `target`, `text`, `tags`,
  `uri` and `document`, and makes the rest the importing user's, shared with their group when
  `isShared(permissions)` (helpers/permissions.ts: a `group:` principal in `permissions.read`),
  private otherwise. Without `permissions` every import fails, so ours are shared.
`target` selectors are the client's own (src/types/api.ts): a TextQuoteSelector and a
PageSelector (`index` from 0, `label` the printed number) of the page the phrase starts on, as
the client's own PDF anchoring describes a selection (src/annotator/anchoring/pdf.ts `describe`).
The client anchors text by the quote; the page selector is what it shows as the annotation's page.
A phrase in a paragraph that crosses a page has its page only where the build knows it (the full
edition); the companion edition gives the page only for paragraphs on one page. `text` is the
note in Markdown, which the client renders, with links absolute. `uri` is the article's DOI URL and
`document.highwire.doi` its DOI: Hypothesis's server (h/util/document_claims.py) turns that into a
`doi:` equivalence claim, the same one the publisher's page makes with its citation_doi meta tag,
so the notes appear on the article wherever Hypothesis knows it by its DOI.
Companion edition: the phrase only, never prefix or suffix.
"""

from __future__ import annotations

import json
from typing import Any

from annotated.exports.passages import Inputs, Passage

PATH = "exports/hypothesis.json"
USER = "acct:annotated_reading@hypothes.is"
# Shared, as the client reads it (isShared); the import then shares each note with the group the
# instructor has chosen. "__world__" is Hypothesis's public group: the principal the h API gives
# a public annotation.
PERMISSIONS = {"read": ["group:__world__"], "update": [USER], "delete": [USER]}


def _text(p: Passage, labels: dict[str, str]) -> str:
    sources = ", ".join(labels.get(k, k) for k in p.note.note.sources)
    where = f"{p.part.title} · {p.pages_label} · [note {p.number} on the reading site]({p.url})"
    return f"{p.markdown}\n\nSources: {sources}.\n\n{where}"


def _annotation(p: Passage, inputs: Inputs, labels: dict[str, str], title: str) -> dict[str, Any]:
    meta = inputs.notes.structure.metadata
    selectors = [p.quote_selector()]
    if p.page is not None:
        index = p.page - meta.first_page
        selectors.append({"type": "PageSelector", "index": index, "label": str(p.page)})
    return {
        "uri": inputs.doi_url,
        "document": {"title": [title], "highwire": {"doi": [meta.doi]}},
        "target": [{"source": inputs.doi_url, "selector": selectors}],
        "text": _text(p, labels),
        "tags": [p.note.note.kind, *p.note.note.glossary],
        "user": USER,
        "permissions": PERMISSIONS,
        "user_info": {"display_name": "Annotated reading notes"},
    }


def export(inputs: Inputs) -> dict[str, bytes]:
    meta = inputs.notes.structure.metadata
    title = f"{meta.title}: {meta.subtitle}" if meta.subtitle else meta.title
    items = [_annotation(p, inputs, inputs.site.labels, title) for p in inputs.placed]
    text = json.dumps({"annotations": items}, ensure_ascii=False, indent=2) + "\n"
    return {PATH: text.encode("utf-8")}
