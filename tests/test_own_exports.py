"""The student's own export (docs/assets/own-layer/exports.mjs) as other tools read it.

The JSON-LD is checked against the W3C Web Annotation test suite's own assertions
(web-platform-tests annotation-model: its JSON schemas, kept at
/work/shared/judge-data/wpt-annotation-model, or WPT_ANNOTATION_MODEL): every assertion that
`annotationMusts.test` and `collectionMusts.test` list must hold, each "implemented" assertion
for a feature we use (created, modified, motivation, stylesheet, styleClass, ...) must hold too,
and a JSON-LD processor (pyld) reads it back as RDF, one oa:Annotation per mark. The marks come
from tests/js/own-exports-fixture.mjs, which prints the exports; the tests need Node.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pyld import jsonld
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

REPO = Path(__file__).resolve().parents[1]
WPT = Path(
    os.environ.get("WPT_ANNOTATION_MODEL")
    or REPO.parent / "shared" / "judge-data" / "wpt-annotation-model"
)
CONTEXT = json.loads((REPO / "tests" / "schemas" / "anno.jsonld").read_text(encoding="utf-8"))
OA = "http://www.w3.org/ns/oa#"


@cache
def exports() -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs)")
    out = subprocess.run(
        [node, "tests/js/own-exports-fixture.mjs"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(out.stdout)


@cache
def registry() -> Registry:
    resources = []
    for path in sorted((WPT / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


def assertions(test_file: str) -> list[dict[str, Any]]:
    if not WPT.is_dir():
        pytest.skip(f"the W3C annotation-model test suite is not at {WPT}")
    listed = json.loads((WPT / test_file).read_text(encoding="utf-8"))["assertions"]
    assert all(isinstance(item, str) for item in listed), "the two .test files list paths only"
    return [json.loads((WPT / item).read_text(encoding="utf-8")) for item in listed]


def holds(schema: dict[str, Any], doc: dict[str, Any]) -> bool:
    validator = jsonschema.Draft4Validator(
        schema, registry=registry(), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    return validator.is_valid(doc)


def failures(test_file: str, doc: dict[str, Any]) -> list[str]:
    out = []
    for a in assertions(test_file):
        expected = a.get("expectedResult", "valid") == "valid"
        if holds(a, doc) != expected:
            out.append(f"{a.get('id')}: {a.get('errorMessage', a.get('title'))}")
    return out


def standalone(annotation: dict[str, Any]) -> dict[str, Any]:
    # In a collection the items share its @context; on its own an annotation names it.
    return {"@context": exports()["jsonld"]["@context"], **annotation}


def test_every_annotation_meets_every_must_of_the_w3c_test_suite() -> None:
    items = exports()["jsonld"]["first"]["items"]
    assert items
    for a in items:
        assert failures("annotations/annotationMusts.test", standalone(a)) == [], a["id"]


def test_the_collection_meets_every_must_of_the_w3c_test_suite() -> None:
    assert failures("collections/collectionMusts.test", exports()["jsonld"]) == []


FEATURES = [
    "annotations/3.3.1-annotationCreatedImplemented.json",
    "annotations/3.3.1-annotationModifiedImplemented.json",
    "annotations/3.3.5-annotationMotivationImplemented.json",
    "annotations/4.4-annotationStylesheetImplemented.json",
]


@pytest.mark.parametrize("assertion", FEATURES)
def test_the_features_used_are_recognised_by_the_suite(assertion: str) -> None:
    if not WPT.is_dir():
        pytest.skip(f"the W3C annotation-model test suite is not at {WPT}")
    schema = json.loads((WPT / assertion).read_text(encoding="utf-8"))
    highlights = [a for a in exports()["jsonld"]["first"]["items"] if "stylesheet" in a]
    for a in highlights:
        assert holds(schema, standalone(a)), f"{assertion} on {a['id']}"


def test_the_suite_is_really_checked_a_broken_annotation_fails() -> None:
    a = standalone(exports()["jsonld"]["first"]["items"][0])
    broken = {k: v for k, v in a.items() if k != "target"}
    assert failures("annotations/annotationMusts.test", broken) != []
    wrong = {**a, "type": "Note", "created": 2026}
    found = failures("annotations/annotationMusts.test", wrong)
    assert [f.split(":")[0] for f in found] == [
        "3.1-annotationTypeValidated.json",
        "3.3.1-annotationCreatedValidated.json",
    ]


def test_read_back_as_rdf_one_annotation_per_mark() -> None:
    def loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
        assert url == "http://www.w3.org/ns/anno.jsonld", url
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}

    doc = exports()["jsonld"]
    quads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": loader})
    lines = [ln for ln in quads.splitlines() if ln]
    annotations = [ln for ln in lines if f"> <{OA}Annotation>" in ln and "rdf-syntax-ns#type" in ln]
    assert len(annotations) == doc["total"] == 4
    assert sum(f"<{OA}styleClass>" in ln for ln in lines) == 3  # the three highlights
    assert sum(f"<{OA}motivatedBy> <{OA}highlighting>" in ln for ln in lines) == 2
    assert sum(f"<{OA}motivatedBy> <{OA}commenting>" in ln for ln in lines) == 2
