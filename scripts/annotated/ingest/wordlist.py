"""The word list every repair decision asks: wordfreq's English Zipf values, and the same list as
a compressed file for the browser, so that the student's own copy is repaired exactly as the build
repairs the text.

A decision only ever compares a value with 2.5 or 3.0, or a known word's value with another's
(see `repairs`), so a word rarer than 2.5 may as well be unknown: both sides say 0 for it. Only
alphabetic words are listed (wordfreq's keys with digits stand for whole families of numbers).
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache

# Below this a word counts as unknown (a few uses per ten million words).
FLOOR = 2.5
# zipf = round(log10(frequency) + 9, 2): no rarer frequency can round up to FLOOR.
_MIN_FREQUENCY = 10 ** (FLOOR - 0.006 - 9)


@cache
def _frequencies() -> dict[str, float]:
    """wordfreq's English table. Imported here, not above: importing wordfreq (its tokenisers,
    ftfy, langcodes, regex) is a third of a build's imports, and a build that neither reads a copy
    nor remakes the browser's list (its file is cached) never needs it."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def _zipf_of(frequency: float) -> float:
    """wordfreq's `zipf_frequency` for a word that is one key of its table, without tokenising
    the word again (51,000 tokenisations were half of a cold build): three significant digits,
    then the Zipf value to hundredths, as `word_frequency` and `zipf_frequency` round.
    tests/test_wordlist.py checks every listed word against wordfreq itself."""
    rounded = round(frequency, math.floor(-math.log10(frequency)) + 3)
    return round(math.log10(rounded) + 9, 2)


# The list as an earlier build wrote it (`wordlist_bytes`, read back by `parse`), when the caller
# gives it (`given`): the same values as wordfreq's (tests/test_wordlist.py), without importing
# wordfreq and reading its table (0.3 s of a full-edition build).
_GIVEN: ContextVar[dict[str, float] | None] = ContextVar("wordlist", default=None)


@contextmanager
def given(table: dict[str, float] | None) -> Iterator[None]:
    """Within this block (in this thread), `zipf` answers from `table` when it is not None."""
    token = _GIVEN.set(table)
    try:
        yield
    finally:
        _GIVEN.reset(token)


def zipf(word: str) -> float:
    """The word's Zipf value, or 0.0 when it is not an alphabetic word of the list at FLOOR."""
    table = _GIVEN.get()
    if table is None:
        return _zipf(word)
    w = word.lower()
    return table.get(w, 0.0) if w.isalpha() else 0.0


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    w = word.lower()
    frequency = _frequencies().get(w) if w.isalpha() else None
    if not frequency:
        return 0.0
    value = _zipf_of(frequency)
    return value if value >= FLOOR else 0.0


def words() -> dict[str, float]:
    """Every word for which `zipf` is not 0, with its value."""
    table: dict[str, float] = {}
    for w, frequency in _frequencies().items():
        if frequency >= _MIN_FREQUENCY and w.isalpha() and w == w.lower():
            value = _zipf_of(frequency)
            if value >= FLOOR:
                table[w] = value
    return table


def wordlist_bytes() -> bytes:
    """The list as the browser reads it: UTF-8 lines `{Zipf × 100}<TAB>{words, space-separated}`,
    commonest first, words sorted; gzip with no timestamp, so that two builds write the same bytes.
    """
    by_value: dict[int, list[str]] = {}
    for w, value in words().items():
        by_value.setdefault(round(value * 100), []).append(w)
    text = "".join(
        f"{hundredths}\t{' '.join(sorted(ws))}\n"
        for hundredths, ws in sorted(by_value.items(), reverse=True)
    )
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def parse(data: bytes) -> dict[str, float]:
    """`wordlist_bytes` read back: the table `words` makes."""
    table: dict[str, float] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        hundredths, _, listed = line.partition("\t")
        value = int(hundredths) / 100
        table.update(dict.fromkeys(listed.split(), value))
    return table
