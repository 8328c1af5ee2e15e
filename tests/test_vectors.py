"""The shared tables of tests/vectors/, run through the Python functions.

tests/js/ runs the same files through the browser's modules (docs/assets/your-copy/), so the
build and the student's own copy cannot decide a repair, a marker or an anchor differently.
A new case is a new line in the table, never a new test here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotated.article import Metadata
from annotated.ingest.lines import ends_sentence, head_page, take_markers
from annotated.ingest.repairs import (
    hyphen_join,
    join_hyphen_spaces,
    join_ligature_after_break,
    join_lines,
    join_split_ligatures,
    reflow,
)

VECTORS = Path(__file__).parent / "vectors"


def _head_page(case: dict[str, Any]) -> int | None:
    fields = case["metadata"]
    meta = Metadata(
        title=fields["title"],
        subtitle=fields["subtitle"],
        authors=fields["authors"],
        journal=fields["journal"],
    )
    return head_page(case["line"], meta, set(case["recurring"]))


def _take_markers(text: str, last: int | None) -> list[Any]:
    clean, found, last = take_markers(text, last)
    return [clean, [list(f) for f in found], last]


REPAIRS: dict[str, Callable[[Any], Any]] = {
    "join_split_ligatures": join_split_ligatures,
    "join_hyphen_spaces": join_hyphen_spaces,
    "reflow": reflow,
    "reflow_then_join_hyphen_spaces": lambda raw: join_hyphen_spaces(reflow(raw)),
    "hyphen_join": lambda pair: hyphen_join(*pair),
    "join_ligature_after_break": lambda pair: join_ligature_after_break(*pair),
    "join_lines": lambda pair: list(join_lines(*pair)),
    "take_markers": lambda pair: _take_markers(*pair),
    "head_page": _head_page,
    "ends_sentence": ends_sentence,
}


def _table(name: str) -> list[dict[str, Any]]:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def _ids(cases: list[dict[str, Any]]) -> list[str]:
    return [f"{i}-{c['rule']}" for i, c in enumerate(cases, 1)]


REPAIR_CASES = _table("repairs.json")


@pytest.mark.parametrize("case", REPAIR_CASES, ids=_ids(REPAIR_CASES))
def test_repair_vector(case: dict[str, Any]) -> None:
    assert REPAIRS[case["rule"]](case["input"]) == case["expected"]


def test_every_repair_rule_has_vectors() -> None:
    assert {c["rule"] for c in REPAIR_CASES} == set(REPAIRS)
