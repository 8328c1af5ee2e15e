"""The text repairs: tables of what they mend and what they must leave alone, then properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list

from annotated.ingest.repairs import (
    LIGATURES,
    hyphen_join,
    join_hyphen_spaces,
    join_ligature_after_break,
    join_lines,
    join_split_ligatures,
    reflow,
)

LIGATURE_CASES = [
    ("it fi nally left", "it finally left"),  # fi, bare
    ("Fi nally, they met", "Finally, they met"),  # capital F
    ("the confl ict in policy", "the conflict in policy"),  # fl inside a word
    ("a signifi cant topic", "a significant topic"),  # the right part is a word itself
    ("I briefl y summarize", "I briefly summarize"),
    ("It fi nds that", "It finds that"),
    ("an eff ective tool", "an effective tool"),  # ff
    ("the offi cial talk", "the official talk"),  # ffi
    ("a baffl ing silence", "a baffling silence"),  # ffl
    ("the seasonal fl ow", "the seasonal flow"),
    ("in a diff erent way", "in a different way"),
    ("fi fi nally", "fi finally"),  # a join exposes no false second join
]

LIGATURE_KEPT = [
    "the staff room",  # `staffroom` is a word, but rarer than `staff`: two words
    "an off set",
    "the cliff face",
    "if it rains",
    "a sci-fi film",
    "12 ff. The",
    "a stiff upper lip",
]

HYPHEN_CASES = [
    ("strategic partner-\nship with", "strategic partnership with"),
    ("Russian for-\neign policy", "Russian foreign policy"),
    ("the Khanabad-\nQarshi base", "the Khanabad-Qarshi base"),  # a proper-name compound
    ("of post-\nindependence Uzbekistan", "of post-independence Uzbekistan"),
    ("national self-\ndetermination", "national self-determination"),
    ("a well-\nknown trap", "a well-known trap"),
    ("the pre-\nand post-war debates", "the pre- and post-war debates"),  # suspended hyphen
    ("an F-\n16 crossed", "an F-16 crossed"),
    ("Russian–\nUzbek relations", "Russian–Uzbek relations"),  # an en dash joins, no space
    ("his policy —\nand theirs", "his policy — and theirs"),  # a spaced dash stays spaced
    ("the agree- ment sat", "the agreement sat"),  # a line break already flattened
]


@pytest.mark.parametrize(("raw", "clean"), LIGATURE_CASES)
def test_split_ligatures_are_joined(raw: str, clean: str) -> None:
    assert join_split_ligatures(raw) == clean


@pytest.mark.parametrize("text", LIGATURE_KEPT)
def test_real_word_pairs_are_kept(text: str) -> None:
    assert join_split_ligatures(text) == text


@pytest.mark.parametrize(("raw", "clean"), HYPHEN_CASES)
def test_hyphens_at_line_breaks(raw: str, clean: str) -> None:
    assert join_hyphen_spaces(reflow(raw)) == clean


@pytest.mark.parametrize(
    ("left", "right", "between"),
    [
        ("partner", "ship", ""),
        ("for", "eign", ""),
        ("Khanabad", "Qarshi", "-"),
        ("post", "independence", "-"),
        ("self", "interest", "-"),
        ("well", "known", "-"),
        ("pre", "and", "- "),
        ("1991", "92", "-"),
    ],
)
def test_hyphen_join_decision(left: str, right: str, between: str) -> None:
    assert hyphen_join(left, right) == between


@pytest.mark.parametrize(
    ("prev", "line", "repaired"),
    [
        ("con", "fl ict in policy", "flict in policy"),  # `con-` / `fl ict`: conflict
        ("ef", "fi cient markets", "ficient markets"),
        ("", "fi nally left", "fi nally left"),  # no broken word before: the line's own repair
        ("the", "fl at land", "fl at land"),  # `thefl` + `at` is no word
    ],
)
def test_ligature_split_after_a_line_break(prev: str, line: str, repaired: str) -> None:
    assert join_ligature_after_break(prev, line) == repaired


def test_join_lines_says_where_the_next_line_starts() -> None:
    assert join_lines("a partner-", "ship") == ("a partnership", 9)
    assert join_lines("the recent", "Russian") == ("the recent Russian", 11)
    assert join_lines("post-", "independence") == ("post-independence", 5)


# --- properties ---------------------------------------------------------------------------------

# Clean prose: common English words (never a bare ligature fragment), real hyphenated compounds,
# a suspended hyphen, punctuation, capitals and numbers, as an edited text has them.
_VOCAB = [w for w in top_n_list("en", 3000) if w.isalpha() and w not in LIGATURES]
_word = st.one_of(
    st.sampled_from(_VOCAB),
    st.sampled_from(_VOCAB).map(str.capitalize),
    st.sampled_from(["well-known", "post-war", "self-interest", "Khanabad-Qarshi", "F-16", "K2"]),
    st.sampled_from(["pre- and post-war", "(Agency, 2005)", "28(3)", "1,500", "3.5"]),
    st.integers(1800, 2030).map(str),
)
_sentence = st.lists(_word, min_size=1, max_size=14).map(lambda ws: " ".join(ws) + ".")
clean_text = st.lists(_sentence, min_size=1, max_size=4).map(" ".join)

# Anything a PDF copy might hold: letters, ligature fragments, hyphens, dashes, breaks.
messy_text = st.lists(
    st.one_of(
        st.sampled_from(["fi", "fl", "ff", "ffi", "ffl", "Fi", "-", "–", " ", "\n", "- ", "-\n"]),
        st.sampled_from(_VOCAB),
        st.text(alphabet="abcdefilnorstuyACQ ", max_size=6),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(clean_text)
def test_clean_text_passes_unchanged(text: str) -> None:
    assert join_split_ligatures(text) == text
    assert join_hyphen_spaces(text) == text
    assert reflow(text) == text


@settings(max_examples=300, deadline=None)
@given(messy_text)
def test_each_repair_is_idempotent(text: str) -> None:
    for repair in (join_split_ligatures, join_hyphen_spaces, reflow):
        once = repair(text)
        assert repair(once) == once, repair.__name__


@settings(max_examples=200, deadline=None)
@given(clean_text, st.integers(min_value=20, max_value=80))
def test_reflow_undoes_line_breaks_of_clean_text(text: str, width: int) -> None:
    """Breaking clean text at spaces into lines and reflowing gives the text back."""
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    assert reflow("\n".join(lines)) == text
