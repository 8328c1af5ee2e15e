"""The shared tables of tests/vectors/, run through the Python functions.

tests/js/ runs the same files through the browser's modules (docs/assets/your-copy/), so the
build and the student's own copy cannot decide a repair, a marker or an anchor differently.
A new case is a new line in the table, never a new test here.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from annotated.anchors import anchor
from annotated.article import Article, Block, Footnote, Metadata, PageBreak
from annotated.ingest.front import parse_front, split_authors, split_keywords
from annotated.ingest.lines import ends_sentence, head_page, take_markers
from annotated.ingest.repairs import (
    hyphen_join,
    join_hyphen_spaces,
    join_ligature_after_break,
    join_lines,
    join_split_ligatures,
    normalise,
    reflow,
)
from annotated.notes import LocatedNote, Notes
from annotated.notes.models import Note
from annotated.pages import reading
from annotated.pages.reading import Numbered
from annotated.structure import ArticleFacts, BlockMap, PartMap, StructureMap

VECTORS = Path(__file__).parent / "vectors"
# What a structure map needs besides the parts' block ids, which are all anchoring reads of it.
_FACTS = {
    "title": "T", "authors": ["A. N. Author"], "journal": "J", "year": 2000, "volume": "1",
    "issue": "1", "first_page": 1, "last_page": 2, "doi": "10.5555/x", "bib_key": "x",
}  # fmt: skip


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
    "normalise": normalise,
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


def _breaks(block: dict[str, Any]) -> list[PageBreak]:
    return [PageBreak(**br) for br in block["page_breaks"]]


def anchor_vector(case: dict[str, Any]) -> dict[str, Any]:
    """Anchor a vector's notes in its blocks with the build's anchors.py, in the table's terms."""
    blocks = [
        Block(b["id"], "paragraph", b["text"], b["pages"], _breaks(b)) for b in case["blocks"]
    ]
    parts = [
        PartMap(
            id=p["id"],
            title=p["id"],
            blocks=[BlockMap(id=b["id"], locator="x", pages=[1]) for b in p["blocks"]],
        )
        for p in case["structure"]["parts"]
    ]
    structure = StructureMap(metadata=ArticleFacts(**_FACTS), parts=parts)
    located = [
        LocatedNote(
            n["id"],
            n["paragraph"],
            Note(
                phrase=n["phrase"],
                kind="term",
                body="b",
                sources=["x"],
                before=n.get("before"),
                after=n.get("after"),
                occurrence=n.get("occurrence"),
            ),
            n["path"],
            n["line"],
        )
        for n in case["notes"]
    ]
    notes = Notes(Path("notes"), structure, located, {}, [])
    result = anchor(Article(Metadata(), [], blocks), notes)
    return {
        "anchored": [
            [a.note.id, a.block, a.start, a.end, a.page, a.number] for a in result.anchored
        ],
        "misses": [[m.note.id, m.status, m.problem.message] for m in result.misses],
        "warnings": [str(w) for w in result.warnings],
    }


ANCHORS = json.loads((VECTORS / "anchors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ANCHORS["cases"], ids=[c["why"] for c in ANCHORS["cases"]])
def test_anchor_vector(case: dict[str, Any]) -> None:
    full = {**ANCHORS["article"], "structure": ANCHORS["structure"], **case["input"]}
    assert anchor_vector(full) == case["expected"]


def render_vector(table: dict[str, Any], case: dict[str, Any]) -> str:
    """A block's `.para-body` by the build's `full_body`, with the vector's stand-in shells (the
    browser gets the real ones from the build, so only the rule is shared)."""
    b = case["block"]
    block = Block(
        b["id"], b["type"], b["text"], b["pages"], _breaks(b),
        [Footnote(**f) for f in b["footnotes"]], b["truncated"], b["lines"], b["translation"],
        b["attribution"], b["keywords"],
    )  # fmt: skip
    numbered = [Numbered(SimpleNamespace(id=a["id"]), a["number"]) for a in case["anchored"]]
    note = table["note"]
    ctx = SimpleNamespace(
        numbered_in=lambda block_id: sorted(numbered, key=lambda n: n.number),
        spans={a["id"]: (a["start"], a["end"]) for a in case["anchored"]},
        turns=SimpleNamespace(at={block.id: dict(case["turns"])}),
        shells=reading.BodyShells(**table["shells"]),
        note_shells=lambda ln: reading.NoteShells(
            note["mark_open"].format(id=ln.id), note["note_after"]
        ),
    )
    return reading.full_body(block, SimpleNamespace(lang=case["lang"]), ctx)


RENDER = json.loads((VECTORS / "render.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", RENDER["cases"], ids=[c["why"] for c in RENDER["cases"]])
def test_render_vector(case: dict[str, Any]) -> None:
    assert render_vector(RENDER, case["input"]) == case["expected"]


def _parse_front(lines: list[str]) -> dict[str, Any]:
    f = parse_front(lines)
    return {
        "metadata": dataclasses.asdict(f.metadata),
        "found": f.found,
        "first_page": f.first_page,
        "abstract": f.abstract,
        "keywords_line": f.keywords_line,
        "body_start": f.body_start,
        "title_lines": f.title_lines,
    }


FRONT: dict[str, Callable[[Any], Any]] = {
    "split_authors": split_authors,
    "split_keywords": split_keywords,
    "parse_front": _parse_front,
}
FRONT_CASES = _table("front.json")


@pytest.mark.parametrize("case", FRONT_CASES, ids=_ids(FRONT_CASES))
def test_front_vector(case: dict[str, Any]) -> None:
    assert FRONT[case["rule"]](case["input"]) == case["expected"]
