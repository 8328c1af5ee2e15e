"""Anchoring: exact unique matches, context to choose between repeats, and never a silent guess."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotated.anchors import anchor, nearest, occurrences, select
from annotated.article import Article, Block, Metadata, PageBreak
from annotated.errors import warning
from annotated.notes import LocatedNote, Note, Notes, StructureMap

STRUCTURE = StructureMap.model_validate(
    {
        "metadata": {
            "title": "T", "authors": ["A. Author"], "journal": "J", "year": 2001,
            "volume": "1", "issue": "1", "first_page": 1, "last_page": 9,
            "doi": "10.5555/t", "bib_key": "t",
        },
        "parts": [
            {"id": "one", "title": "One", "blocks": [
                {"id": "p1", "locator": "x", "pages": [1, 2]},
                {"id": "p2", "locator": "x", "pages": [2]},
            ]},
            {"id": "two", "title": "Two", "blocks": [{"id": "p3", "locator": "x", "pages": [2]}]},
        ],
    }
)  # fmt: skip


def article(*texts: str, breaks: list[PageBreak] | None = None) -> Article:
    blocks = [
        Block(f"p{i}", "paragraph", t, [1, 2] if i == 1 else [2], (breaks or []) if i == 1 else [])
        for i, t in enumerate(texts, 1)
    ]
    return Article(Metadata(), [1, 2], blocks, "structure-map")


def notes(*specs: tuple[str, dict]) -> Notes:
    located = []
    for i, (para, fields) in enumerate(specs, 1):
        note = Note(kind="term", body="b", sources=["t"], **fields)
        located.append(LocatedNote(note.id or f"n{i}", para, note, "notes/a.yml", i * 10))
    return Notes(Path("notes"), STRUCTURE, located, {}, [{"id": "t", "type": "book"}])


TEXT = "The river flows. The river turns, and the river stops."


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, None, [4, 21, 42]),
        ("and the", None, [42]),
        ("flows. The", None, [21]),
        (None, "turns,", [21]),
        (None, "stops", [42]),
        ("the", None, [42]),  # case matters
        ("nothing", None, []),
        ("  turns,   and  the ", " stops.", [42]),  # spacing in the note does not matter
    ],
)
def test_select_by_context(before: str | None, after: str | None, expected: list[int]) -> None:
    assert select(TEXT, "river", occurrences(TEXT, "river"), before, after) == expected


def test_occurrences_overlap() -> None:
    assert occurrences("aaaa", "aa") == [0, 1, 2]
    assert occurrences("abc", "") == []


def test_nearest_is_a_run_of_words() -> None:
    assert nearest(TEXT, "river flowed") == (0.83, "river flows.")
    assert nearest("", "x") == (0.0, "")


def test_unique_match_anchors_with_page_and_number() -> None:
    text = "Before the turn and after the turn we stop."
    art = article(text, "Second paragraph here.", "Third.", breaks=[PageBreak(2, 16)])
    result = anchor(art, notes(("p1", {"phrase": "turn and after"}), ("p2", {"phrase": "here"})))
    assert result.problems == []
    first, second = result.anchored
    assert (first.block, first.start, first.end, first.page) == ("p1", 11, 25, 1)
    assert text[first.start : first.end] == "turn and after"
    assert (second.block, second.page, second.number) == ("p2", 2, 2)  # numbered per part


def test_numbers_restart_on_each_page_and_follow_reading_order() -> None:
    art = article("alpha beta gamma", "delta", "epsilon")
    ns = notes(
        ("p1", {"phrase": "gamma"}),
        ("p1", {"phrase": "alpha"}),
        ("p2", {"phrase": "delta"}),
        ("p3", {"phrase": "epsilon"}),
    )
    result = anchor(art, ns)
    assert [(a.note.note.phrase, a.number) for a in result.anchored] == [
        ("alpha", 1), ("gamma", 2), ("delta", 3), ("epsilon", 1),
    ]  # fmt: skip
    assert result.warnings == [
        warning(
            "notes/a.yml",
            'the notes of p1 are not in reading order ("alpha" comes earlier in the text); '
            "reorder them so both editions number them alike",
            20,
        )
    ]


def test_phrase_may_cross_a_page_turn_but_not_a_paragraph() -> None:
    art = article("one two three", "four five", "six", breaks=[PageBreak(2, 4)])
    across_page = anchor(art, notes(("p1", {"phrase": "one two"})))
    assert across_page.anchored[0].page == 1 and not across_page.problems
    across_para = anchor(art, notes(("p1", {"phrase": "three four"})))
    assert across_para.anchored == []
    assert across_para.misses[0].status == "crossing"
    from_previous = anchor(art, notes(("p2", {"phrase": "three four"})))
    assert from_previous.misses[0].status == "crossing"


def test_orphan_names_where_the_phrase_does_occur() -> None:
    art = article("alpha beta", "gamma delta", "x")
    result = anchor(art, notes(("p1", {"phrase": "gamma delta"})))
    assert str(result.problems[0]) == (
        'notes/a.yml:10: phrase "gamma delta" not found in p1; nearest (0.57): "alpha beta"; '
        "it does occur in p2"
    )


def test_drift_counts_per_file() -> None:
    art = article("a b a", "c", "d")
    ns = notes(("p1", {"phrase": "a"}), ("p1", {"phrase": "b"}), ("p2", {"phrase": "zzz"}))
    assert anchor(art, ns).drift() == {
        "notes/a.yml": {"anchored": 1, "ambiguous": 1, "orphaned": 1, "overlapping": 0}
    }


@pytest.mark.parametrize(
    ("first", "second", "problem"),
    [
        ("alpha beta", "beta gamma",
         'notes/a.yml:20: phrase "beta gamma" overlaps the phrase of note "n1" (notes/a.yml:10); '
         "marked phrases may nest or follow each other, not overlap"),
        ("beta", "beta",
         'notes/a.yml:20: phrase "beta" is also the phrase of note "n1" (notes/a.yml:10); merge '
         "the two notes or mark different words"),
        ("alpha beta gamma", "beta", None),  # nested
        ("alpha", "beta", None),  # side by side
    ],
)  # fmt: skip
def test_phrases_nest_or_follow_but_never_overlap(
    first: str, second: str, problem: str | None
) -> None:
    result = anchor(
        article("alpha beta gamma", "x", "y"),
        notes(("p1", {"phrase": first}), ("p1", {"phrase": second})),
    )
    assert [str(p) for p in result.problems] == ([problem] if problem else [])
    assert len(result.anchored) == (1 if problem else 2)


def test_never_anchors_a_near_miss() -> None:
    art = article("the balance of threats", "x", "y")
    result = anchor(art, notes(("p1", {"phrase": "balance of threat."})))
    assert result.anchored == [] and result.misses[0].status == "orphaned"


_WORDS = st.lists(
    st.text(alphabet="abcdefgh’", min_size=1, max_size=6), min_size=2, max_size=40
).map(" ".join)


# No deadline: the machine running the suite may be busy; the property, not the speed, is tested.
@settings(deadline=None)
@given(text=_WORDS, data=st.data())
def test_any_unique_span_anchors_back_to_its_offsets(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    phrase = text[start:end]
    # Phrases are compared with their spacing normalised: keep spans that need no normalising.
    assume(phrase == phrase.strip() and "  " not in phrase)
    assume(len(occurrences(text, phrase)) == 1)
    result = anchor(article(text, "x", "y"), notes(("p1", {"phrase": phrase})))
    assert [(a.start, a.end) for a in result.anchored] == [(start, end)]


@settings(deadline=None)
@given(text=_WORDS, data=st.data())
def test_any_repeated_span_is_ambiguous_until_given_its_occurrence(
    text: str, data: st.DataObject
) -> None:
    doubled = f"{text} {text}"
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    phrase = text[start:end]
    assume(phrase == phrase.strip())
    found = occurrences(doubled, phrase)
    result = anchor(article(doubled, "x", "y"), notes(("p1", {"phrase": phrase})))
    assert result.anchored == [] and result.misses[0].status == "ambiguous"
    n = data.draw(st.integers(1, len(found)))
    chosen = anchor(article(doubled, "x", "y"), notes(("p1", {"phrase": phrase, "occurrence": n})))
    assert chosen.anchored[0].start == found[n - 1]
