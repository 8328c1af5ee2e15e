"""The word list the repairs ask, and the file the browser gets of it."""

from __future__ import annotations

import gzip
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import get_frequency_dict, top_n_list, zipf_frequency

from annotated.ingest import repairs, wordlist
from annotated.ingest.wordlist import FLOOR, wordlist_bytes, words, zipf


def test_zipf_is_wordfreq_from_the_floor_up() -> None:
    assert zipf("the") == zipf_frequency("the", "en") == 7.73
    assert zipf("Finally") == zipf_frequency("finally", "en")
    assert zipf("nally") == 0.0  # 1.96 in wordfreq: below the floor
    assert zipf("h2o") == 0.0  # not alphabetic


@pytest.mark.slow  # 51,000 calls of wordfreq's own function: about 2 s
def test_every_listed_value_is_wordfreqs_own() -> None:
    table = words()
    assert len(table) > 50_000
    assert {w: v for w, v in table.items() if zipf_frequency(w, "en") != v} == {}


def test_the_table_is_wordfreqs_own_dict_from_the_floor_up() -> None:
    # The list is read from wordfreq's file without wordfreq (wordlist._bins): the same words
    # and values as its public table, every word left out being below the floor or not a word.
    expected = {}
    for w, frequency in _wordfreq_table().items():
        if w.isalpha() and w == w.lower() and wordlist._zipf_of(frequency) >= FLOOR:
            expected[w] = wordlist._zipf_of(frequency)
    assert words() == expected


def test_the_file_is_the_table_and_stable() -> None:
    data = wordlist_bytes()
    assert data == wordlist_bytes()
    table = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        value, ws = line.split("\t")
        table.update({w: int(value) / 100 for w in ws.split(" ")})
    assert table == words()
    assert all(v >= FLOOR for v in table.values())
    assert len(data) < 250_000  # 200 KB in 2026 (51,208 words): loaded only by the own-copy reader
    assert wordlist.parse(data) == table


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(["the", "Finally", "nally", "h2o", "ÉTÉ", "ﬁnal"]), st.text()))
def test_the_kept_list_answers_as_wordfreq_does(word: str) -> None:
    # What a warm full-edition build asks (your_copy.cached_words), and what a cold one asks,
    # against a lookup in wordfreq's own table.
    w = word.lower()
    frequency = _wordfreq_table().get(w) if w.isalpha() else None
    value = wordlist._zipf_of(frequency) if frequency else 0.0
    expected = value if value >= FLOOR else 0.0
    with wordlist.given(_kept()):
        assert zipf(word) == expected
    assert zipf(word) == expected


@cache
def _wordfreq_table() -> dict[str, float]:
    return get_frequency_dict("en")


_KEPT: list[dict[str, float]] = []


def _kept() -> dict[str, float]:
    if not _KEPT:
        _KEPT.append(wordlist.parse(wordlist_bytes()))
    return _KEPT[0]


# The claim the file rests on: a value below FLOOR never changes a decision. Decide with
# wordfreq's own values and with the floored ones, over pairs that reach every branch. The parts
# are alphabetic, as the repairs' patterns cut them (a `\w+` with digits is the one difference:
# wordfreq values `h2o`, the list does not).
_common = [w for w in top_n_list("en", 2000) if w.isalpha()]
_part = st.one_of(
    st.sampled_from(_common),
    st.sampled_from(["fi", "fl", "ff", "ffi", "ffl", "nally", "ict", "cial", "ective", "ing"]),
    st.text(alphabet="abcdefilnorstu", min_size=1, max_size=7),
)


@settings(max_examples=400, deadline=None)
@given(_part, _part)
def test_values_below_the_floor_change_no_decision(left: str, right: str) -> None:
    floored = (repairs.should_join_ligature(left, right), repairs.hyphen_join(left, right))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(repairs, "zipf", lambda w: zipf_frequency(w.lower(), "en"))
        exact = (repairs.should_join_ligature(left, right), repairs.hyphen_join(left, right))
    assert floored == exact
