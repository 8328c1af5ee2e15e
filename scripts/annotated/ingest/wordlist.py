"""The word list every repair decision asks: wordfreq's English Zipf values, and the same list as
a compressed file for the browser, so that the student's own copy is repaired exactly as the build
repairs the text.

A decision only ever compares a value with 2.5 or 3.0, or a known word's value with another's
(see `repairs`), so a word rarer than 2.5 may as well be unknown: both sides say 0 for it. Only
alphabetic words are listed (wordfreq's keys with digits stand for whole families of numbers).
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

# Below this a word counts as unknown (a few uses per ten million words).
FLOOR = 2.5
# zipf = round(log10(frequency) + 9, 2): no rarer frequency can round up to FLOOR.
_MIN_FREQUENCY = 10 ** (FLOOR - 0.006 - 9)


# wordfreq's English list ("large_en", the one `get_frequency_dict("en")` reads), in the format
# wordfreq documents in `read_cBpack`: gzip'd msgpack, a header, then bin i holds the words whose
# frequency is 10 ** (-i / 100), commonest bin first.
_CBPACK = ("wordfreq", "data/large_en.msgpack.gz")


def _bins() -> list[list[str]]:
    """The list's bins, read as `wordfreq.read_cBpack` reads them, but without importing wordfreq
    (its tokenisers, ftfy, langcodes, regex: 0.1 s) or making its dict of all 321,000 words
    (0.1 s more), which a fresh clone's first build paid for a list of 51,000.
    tests/test_wordlist.py checks every value, and the words left out, against wordfreq's own."""
    import msgpack

    spec = importlib.util.find_spec(_CBPACK[0])
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{_CBPACK[0]} is not installed (scripts/dev installs it)")
    path = Path(spec.submodule_search_locations[0], _CBPACK[1])
    data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not the word list wordfreq 3 writes (header {header!r})")
    return list(data[1:])


def _zipf_of(frequency: float) -> float:
    """wordfreq's `zipf_frequency` for a word of its table, without tokenising the word again:
    three significant digits, then the Zipf value to hundredths, as `word_frequency` and
    `zipf_frequency` round."""
    rounded = round(frequency, math.floor(-math.log10(frequency)) + 3)
    return round(math.log10(rounded) + 9, 2)


# The list as an earlier build wrote it (`wordlist_bytes`, read back by `parse`), when the caller
# gives it (`given`): the same table as `words` (tests/test_wordlist.py), without reading
# wordfreq's file.
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
        table = words()
    w = word.lower()
    return table.get(w, 0.0) if w.isalpha() else 0.0


@cache
def words() -> dict[str, float]:
    """Every word for which `zipf` is not 0, with its value (one value per bin: a bin's words
    share their frequency). The caller must not change it."""
    table: dict[str, float] = {}
    for index, bin_words in enumerate(_bins()):
        frequency = 10 ** (-index / 100)  # wordfreq's cB_to_freq
        if frequency < _MIN_FREQUENCY:
            break
        value = _zipf_of(frequency)
        if value >= FLOOR:
            for w in bin_words:
                if w.isalpha() and w == w.lower():
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
