"""The whole bibliography as CSL-JSON (CSL 1.0.2, csl-data.json): the items of
notes/references.yml as citeproc reads them, CSL-YAML's short dates expanded to `date-parts`
(annotated.citations.csl_items). Zotero imports the file as it is."""

from __future__ import annotations

import json
from typing import Any

from annotated.citations import csl_items
from annotated.exports.passages import Inputs

PATH = "exports/references.csl.json"


def csl_json(references: list[dict[str, Any]]) -> bytes:
    text = json.dumps(csl_items(references), ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8")


def export(inputs: Inputs) -> dict[str, bytes]:
    return {PATH: csl_json(inputs.notes.references)}
