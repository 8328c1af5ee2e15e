"""The text repairs: properties that hold for any text.

The tables of what each repair mends and leaves alone are tests/vectors/repairs.json, shared with
the browser's port (tests/test_vectors.py runs them here, tests/js/ there).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list

from annotated.ingest.repairs import LIGATURES, join_hyphen_spaces, join_split_ligatures, reflow

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
