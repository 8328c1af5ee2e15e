"""Content lines: footnote markers taken out, running heads found, lines joined into blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated.article import Metadata
from annotated.ingest.front import parse_front
from annotated.ingest.lines import (
    Line,
    head_page,
    join_block,
    page_lines,
    recurring_heads,
    take_markers,
)

ARTICLES = sorted((Path(__file__).parent / "fixtures" / "ingest").glob("*.txt"))


@pytest.mark.parametrize(
    ("line", "last", "clean", "markers"),
    [
        ("with the USA,2 Uzbekistan", 1, "with the USA, Uzbekistan", [("2", 13)]),
        ("domestic factors.3", 2, "domestic factors.", [("3", 17)]),
        ("(Karimov, 2005)1", None, "(Karimov, 2005)", [("1", 15)]),
        ("a “quarrel,”4 and", 3, "a “quarrel,” and", [("4", 12)]),
        ("(Tallen, 1998: 12).10", 9, "(Tallen, 1998: 12).", [("10", 19)]),
        ("harvest.11 In", 10, "harvest. In", [("11", 8)]),
        ("base (K2) finally", 1, "base (K2) finally", []),
        ("an F-16 crossed", 1, "an F-16 crossed", []),
        ("the G7 summit", 1, "the G7 summit", []),
        ("Review 28(3)", 1, "Review 28(3)", []),
        ("in 2005.", 1, "in 2005.", []),
        ("(UzA, 2005).", 1, "(UzA, 2005).", []),
        ("1,500 and 3.5 per cent", 1, "1,500 and 3.5 per cent", []),
        ("see p.12 and No.3", None, "see p.12 and No.3", []),
        ("signed in 2005.3 Then", 2, "signed in 2005. Then", [("3", 15)]),  # after a year
        ("in 2005,3 while", 2, "in 2005, while", [("3", 8)]),
        ("it grew 2.3 percent", 2, "it grew 2.3 percent", []),  # a decimal, not a marker
        ("in 2005.4 Then", 2, "in 2005.4 Then", []),  # only the very next number
        ("far ahead.9", 2, "far ahead.9", []),  # markers run in order; 9 cannot follow 2
        ("backwards.1", 4, "backwards.1", []),
    ],
)
def test_take_markers(line: str, last: int | None, clean: str, markers: list) -> None:
    assert take_markers(line, last)[:2] == (clean, markers)


@pytest.mark.parametrize(
    ("line", "page"),
    [
        ("Kestrel: Rivers and Treaties in the Veldan Basin 47", 47),
        ("46 Journal of Imaginary Borders 14(2)", 46),
        ("112 REVIEW OF FICTIONAL POLITICS 9(1)", 112),
        ("Okafor and Doe: Ports and Power 113", 113),
        ("The Salt Roads 203", 203),
        ("113 vessels called at the port of Lowmarsh in the year the first lease was", None),
        ("a line of prose that happens to end with 47", None),
    ],
)
def test_head_page(line: str, page: int | None) -> None:
    metas = [parse_front(p.read_text(encoding="utf-8").split("\n")).metadata for p in ARTICLES]
    assert {head_page(line, m) for m in metas} - {None} == ({page} if page else set())


def test_a_head_that_recurs_is_known_without_metadata() -> None:
    raw = ["12 Annals of Somewhere 4(1)", "text", "14 Annals of Somewhere 4(1)", "2005 was a year"]
    assert recurring_heads(raw) == {"annals of somewhere"}


def test_join_block_places_turns_and_markers_at_offsets() -> None:
    lines = [
        Line(1, "the broken partner-", 10, footnotes=[]),
        Line(3, "ship began,", 11, turn=True, footnotes=[("4", 11)]),
        Line(4, "and it ended.", 11),
    ]
    j = join_block(lines)
    assert j.text == "the broken partnership began, and it ended."
    assert [(b.page, j.text[b.offset :][:4]) for b in j.page_breaks] == [(11, "ship")]
    assert [(f.marker, j.text[: f.offset][-6:]) for f in j.footnotes] == [("4", "began,")]
    assert j.pages == [10, 11]


# Sentences of plain words (numbers among them); a marker may follow a sentence's punctuation.
_first = st.sampled_from(["The", "Treaty", "K2", "F-16", "(Agency, 2005)", "In 2005"])
_more = st.lists(st.sampled_from(["the", "treaty", "K2", "F-16", "28(3)", "1,500", "2005"]))
_words = st.tuples(_first, _more).map(lambda t: [t[0], *t[1][:5]])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(_words, st.sampled_from([".", ",", ";"]), st.booleans()), min_size=1, max_size=8
    )
)
def test_markers_round_trip(parts: list[tuple[list[str], str, bool]]) -> None:
    """Markers glued after punctuation come out in order, at the offsets where they stood, and
    the text without them is exactly the text that had none."""
    clean, marked, expected, n = "", "", [], 0
    for words, punct, has_marker in parts:
        piece = " ".join(words) + punct
        clean += piece
        marked += piece
        if has_marker:
            n += 1
            marked += str(n)
            expected.append((str(n), len(clean)))
        clean += " "
        marked += " "
    assert take_markers(marked, None)[:2] == (clean, expected)
    assert take_markers(clean, None)[:2] == (clean, [])


def test_pages_without_a_known_first_page() -> None:
    raw = [
        "A first line of prose on a page whose number is not printed above it.",
        "12 Annals of Somewhere 4(1)",
        "The next page begins here and runs on.",
        "Somebody: A Short Title 13",
        "And a third page.",
        "14 Annals of Somewhere 4(1)",
        "A fourth.",
        "Somebody: A Short Title 15",
        "The last one.",
    ]
    lines = page_lines(raw, 0, Metadata(), None)
    assert [(ln.page, ln.turn) for ln in lines] == [(11, 0), (12, 1), (13, 1), (14, 1), (15, 1)]
