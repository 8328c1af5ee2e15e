"""The Hypothesis import file: the shape the client's import dialog reads, one annotation per note,
quote and page selectors the client knows, the phrase alone in the public edition."""

from __future__ import annotations

import json
from typing import Any

from annotated.exports import hypothesis
from annotated.exports.passages import passages
from exports_helpers import companion, fixture, project_files, project_notes


def annotations() -> list[dict[str, Any]]:
    data = json.loads(project_files()[hypothesis.PATH])
    # src/sidebar/helpers/import.ts: an object whose `annotations` is an array.
    assert isinstance(data, dict) and isinstance(data["annotations"], list)
    return data["annotations"]


def test_one_annotation_per_note_with_what_an_import_keeps() -> None:
    anns = annotations()
    assert len(anns) == len(project_notes().notes)
    for a in anns:
        assert {"target", "text", "tags", "uri", "document", "user"} <= set(a)
        assert a["uri"] == a["target"][0]["source"] == "https://doi.org/10.1177/0192512107077098"
        assert a["document"]["highwire"]["doi"] == ["10.1177/0192512107077098"]
    assert len({a["user"] for a in anns}) == 1  # the dialog offers one user to import


def test_selectors_quote_the_phrase_and_name_the_printed_page() -> None:
    for a, p in zip(annotations(), passages(companion()), strict=True):
        quote, *rest = a["target"][0]["selector"]
        assert quote == {"type": "TextQuoteSelector", "exact": p.exact}
        if p.first_page == p.last_page:
            assert rest == [
                {"type": "PageSelector", "index": p.first_page - 253, "label": str(p.first_page)}
            ]
        else:
            assert rest == []


def test_text_is_markdown_with_absolute_links_and_the_note_on_the_site() -> None:
    first = annotations()[0]
    p = passages(companion())[0]
    assert first["text"].startswith(p.markdown)
    assert first["text"].endswith(
        f"Title, abstract and epigraph · p. 253 · [note 1 on the reading site]({p.url})"
    )
    assert "](note:" not in json.dumps(annotations()) and "](glossary:" not in json.dumps(
        annotations()
    )


def test_full_edition_may_add_context() -> None:
    data = json.loads(hypothesis.export(fixture("full"))[hypothesis.PATH])
    quotes = [a["target"][0]["selector"][0] for a in data["annotations"]]
    assert all("prefix" in q or "suffix" in q for q in quotes)
