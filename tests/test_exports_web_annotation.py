"""The W3C Web Annotation export: valid against a schema written from the specification, read
back as RDF by a JSON-LD processor (pyld), one annotation per note, no article text in public."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pyld import jsonld

from annotated.exports import web_annotation
from annotated.exports.passages import passages
from exports_helpers import companion, fixture, project_files, project_notes

SCHEMAS = Path(__file__).parent / "schemas"
SCHEMA = json.loads((SCHEMAS / "web-annotation.schema.json").read_text(encoding="utf-8"))
# The W3C context (https://www.w3.org/ns/anno.jsonld), kept here: tests never use the network.
CONTEXT = json.loads((SCHEMAS / "anno.jsonld").read_text(encoding="utf-8"))
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
    assert url == web_annotation.CONTEXT, url
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def collection() -> dict[str, Any]:
    return json.loads(project_files()[web_annotation.PATH])


def quads(doc: dict[str, Any]) -> list[str]:
    out = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": loader})
    return [line for line in out.splitlines() if line]


def walk_selectors(sel: dict[str, Any]) -> list[dict[str, Any]]:
    found = [sel]
    for key in ("refinedBy", "startSelector", "endSelector"):
        if key in sel:
            found += walk_selectors(sel[key])
    return found


def test_valid_against_the_schema_written_from_the_specification() -> None:
    jsonschema.validate(collection(), SCHEMA)
    jsonschema.validate(web_annotation.collection(fixture("full")), SCHEMA)


def test_the_schema_refuses_what_the_specification_forbids() -> None:
    doc = collection()
    doc["first"]["items"][0]["target"]["selector"]["refinedBy"].pop("exact")
    with pytest.raises(jsonschema.ValidationError) as missing:
        jsonschema.validate(doc, SCHEMA)
    assert missing.value.message == "'exact' is a required property"
    doc = collection()
    doc["first"]["items"][0]["motivation"] = "annotating"
    with pytest.raises(jsonschema.ValidationError) as unknown:
        jsonschema.validate(doc, SCHEMA)
    assert unknown.value.message.startswith("'annotating' is not one of ['assessing',")


def test_read_back_as_rdf_one_annotation_per_note() -> None:
    lines = quads(collection())
    annotations = [ln for ln in lines if f"<{RDF_TYPE}> <{OA}Annotation>" in ln]
    assert len(annotations) == len(project_notes().notes) == collection()["total"]
    exacts = [ln for ln in lines if f"<{OA}exact>" in ln]
    assert len(exacts) == len(project_notes().notes)
    # Every quote is reached from its page selector through oa:refinedBy.
    assert sum(f"<{OA}refinedBy>" in ln for ln in lines) == len(project_notes().notes)
    questions = [n for n in project_notes().notes if n.note.kind == "question"]
    assert sum(f"<{OA}motivatedBy> <{OA}questioning>" in ln for ln in lines) == len(questions)


def test_public_edition_quotes_the_phrase_only() -> None:
    items = collection()["first"]["items"]
    phrases = {p.note.id: p.exact for p in passages(companion())}
    for item in items:
        quote = [s for s in walk_selectors(item["target"]["selector"]) if "exact" in s]
        assert len(quote) == 1
        assert set(quote[0]) == {"type", "exact"}
        assert quote[0]["exact"] == phrases[item["id"].rpartition("#sn-")[2]]


def test_companion_edition_quotes_nothing_more_even_when_the_text_was_read() -> None:
    with_text = web_annotation.export(fixture("companion"))[web_annotation.PATH]
    assert b'"prefix"' not in with_text and b'"suffix"' not in with_text


def test_full_edition_adds_a_few_words_of_context_from_the_text() -> None:
    inputs = fixture("full")
    assert inputs.article is not None
    texts = {b.id: b.text for b in inputs.article.blocks}
    for p in passages(inputs):
        assert p.prefix or p.suffix
        assert len(p.prefix.split()) <= 4 and len(p.suffix.split()) <= 4
        assert p.prefix + p.exact + p.suffix in texts[p.block.id]


def test_target_is_the_article_refined_from_its_printed_page() -> None:
    items = collection()["first"]["items"]
    assert {i["target"]["source"] for i in items} == {"https://doi.org/10.1177/0192512107077098"}
    by_id = {i["id"].rpartition("#sn-")[2]: i["target"]["selector"] for i in items}
    notes = {n.id: n for n in project_notes().notes}
    # intro-2 is printed on p. 254, the article's second page; intro-1 runs from 253 to 254.
    on_254 = next(i for i, n in notes.items() if n.paragraph == "intro-2")
    assert by_id[on_254] == {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3778",
        "value": "page=2",
        "refinedBy": by_id[on_254]["refinedBy"],
    }
    spanning = next(i for i, n in notes.items() if n.paragraph == "intro-1")
    assert by_id[spanning]["type"] == "RangeSelector"
    assert by_id[spanning]["startSelector"]["value"] == "page=1"
    assert by_id[spanning]["endSelector"]["value"] == "page=3"


def test_bodies_link_absolutely_to_the_site() -> None:
    items = collection()["first"]["items"]
    html = [b["value"] for i in items for b in i["body"] if b.get("format") == "text/html"]
    hrefs = [h for v in html for h in v.split('href="')[1:]]
    assert hrefs, "the notes link to the glossary and to one another"
    assert all(h.startswith(("https://", "http://")) for h in hrefs)
    assert any(h.startswith("https://example.org/annotated-reading/glossary/#") for h in hrefs)
