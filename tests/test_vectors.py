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
from rapidfuzz import fuzz

from annotated.anchors import anchor, nearest
from annotated.article import Article, Block, Footnote, Metadata, PageBreak
from annotated.errors import InputError
from annotated.exports import web_annotation
from annotated.exports.passages import Passage
from annotated.ingest import ingest
from annotated.ingest.blocks import check_against_map, map_segments
from annotated.ingest.front import parse_front, split_authors, split_keywords
from annotated.ingest.lines import Line, ends_sentence, head_page, take_markers
from annotated.ingest.repairs import (
    hyphen_join,
    join_hyphen_spaces,
    join_ligature_after_break,
    join_lines,
    join_split_ligatures,
    normalise,
    reflow,
)
from annotated.ingest.source import decode
from annotated.notes import LocatedNote, Notes, load_structure
from annotated.notes.models import Note
from annotated.pages import reading
from annotated.pages.reading import Numbered
from annotated.structure import ArticleFacts, BlockMap, PartMap, StructureMap

VECTORS = Path(__file__).parent / "vectors"
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
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


# ---- block location: where the map's blocks begin, and what the built blocks disagree with ----

BLOCKS = json.loads((VECTORS / "blocks.json").read_text(encoding="utf-8"))
_BLOCKS_MAP = StructureMap.model_validate({"metadata": _FACTS, **BLOCKS["structure"]})


def _map_segments(given: dict[str, Any]) -> dict[str, Any]:
    lines = [Line(i, text, 1) for i, text in enumerate(given["lines"], 1)]
    warnings: list[str] = []
    found = map_segments(lines, _BLOCKS_MAP, "copy.txt", warnings)
    segments = [[s.id, s.type, [ln.number for ln in s.lines]] for s in found or []]
    return {"segments": None if found is None else segments, "warnings": warnings}


def _check_against_map(given: dict[str, Any]) -> list[str]:
    blocks = [
        Block(b["id"], "paragraph", b["text"], b["pages"], truncated=b.get("truncated", False))
        for b in given["blocks"]
    ]
    return check_against_map(blocks, _BLOCKS_MAP, "copy.txt")


LOCATING: dict[str, Callable[[Any], Any]] = {
    "map_segments": _map_segments,
    "check_against_map": _check_against_map,
}


@pytest.mark.parametrize("case", BLOCKS["cases"], ids=[c["why"] for c in BLOCKS["cases"]])
def test_block_location_vector(case: dict[str, Any]) -> None:
    assert LOCATING[case["rule"]](case["input"]) == case["expected"]


# ---- fuzzy scores: rapidfuzz, which the build calls, and fuzz.mjs ----------------------------


def _nearest(pair: list[str]) -> list[str]:
    score, words = nearest(*pair)
    return [f"{score:.2f}", words]  # as the orphan message prints it


SCORES: dict[str, Callable[[Any], Any]] = {
    "ratio": lambda pair: fuzz.ratio(*pair),
    "partial_ratio": lambda pair: fuzz.partial_ratio(*pair),
    "nearest": _nearest,
}
FUZZ_CASES = _table("fuzz.json")["cases"]


@pytest.mark.parametrize("case", FUZZ_CASES, ids=_ids(FUZZ_CASES))
def test_fuzzy_score_vector(case: dict[str, Any]) -> None:
    assert SCORES[case["rule"]](case["input"]) == case["expected"]


def test_every_scoring_and_locating_rule_has_vectors() -> None:
    assert {c["rule"] for c in FUZZ_CASES} == set(SCORES)
    assert {c["rule"] for c in BLOCKS["cases"]} == set(LOCATING)


# ---- deliberate differences: the build's column (tests/js/differences.test.mjs: the browser's) --


def ingestion_input(given: dict[str, Any]) -> tuple[str, StructureMap]:
    """A fixture with its map, edited as the table's `about` says."""
    text = (FIXTURES / given["fixture"]).read_text(encoding="utf-8")
    if "drop_lines_containing" in given:
        text = "\n".join(ln for ln in text.split("\n") if given["drop_lines_containing"] not in ln)
    for old, new in given.get("replace", []):
        text = text.replace(old, new)
    if "cut_before" in given:
        text = text[: text.index(given["cut_before"])].rstrip()
    if "append" in given:
        text = "\n".join([text, *given["append"]])
    return text, load_structure(FIXTURES / "maps" / given["map"])


def build_outcome(case: dict[str, Any]) -> dict[str, Any]:
    if case["rule"] == "decode":
        data = b"\xff\xfe" + case["input"]["utf16le_with_bom"].encode("utf-16-le")
        try:
            return {"text": decode(data, "copy.txt")}
        except InputError as e:
            return {"error": str(e)}
    text, structure = ingestion_input(case["input"])
    article = ingest(text, "copy.txt", structure)
    last = article.blocks[-1]
    return {
        "paragraphs_from": article.paragraphs_from,
        "warnings": article.warnings,
        "last_block": [last.id, last.pages, last.text],
    }


DIFFERENCES = _table("differences.json")["cases"]


@pytest.mark.parametrize("case", DIFFERENCES, ids=_ids(DIFFERENCES))
def test_deliberate_difference_build_side(case: dict[str, Any]) -> None:
    assert case["build"] != case["browser"], "the same on both sides: move it to another table"
    assert build_outcome(case) == case["build"]


PAGE_SELECTORS = json.loads((VECTORS / "annotation-pages.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "case", PAGE_SELECTORS["cases"], ids=[c["why"] for c in PAGE_SELECTORS["cases"]]
)
def test_annotation_page_vector(case: dict[str, Any]) -> None:
    # The build's export reads these fields of a passage; the student's export (exports.mjs,
    # pageSelector) runs the same table.
    given = case["input"]
    passage = Passage.__new__(Passage)  # only the fields the selector reads
    quote = SimpleNamespace(exact=given["exact"], prefix=given["prefix"], suffix=given["suffix"])
    passage.__dict__.update(first_page=given["first"], last_page=given["last"])
    passage.__dict__.update(vars(quote))
    got = web_annotation.selector(passage, given["article_first_page"])  # type: ignore[arg-type]
    assert got == case["expected"]
