"""Pure text repairs for text copied out of a PDF: split ligatures and broken hyphens.

Every decision asks a maintained word list (wordfreq's Zipf frequencies, through `wordlist`: 0 is
unknown, 3 is about once per million words, 7 is "the") rather than a hand-made one, so the repairs
hold for other articles and other fields. The browser's port (docs/assets/your-copy/repairs.mjs)
asks the same list and runs the same table of cases, tests/vectors/repairs.json.

Each repair is idempotent and leaves clean text unchanged: it only acts on a pattern that a PDF
extraction produces and that prose without artefacts does not contain.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from annotated.ingest.wordlist import FLOOR, zipf

LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")

# Ligatures dropped into their own "word": `fi nally`, `confl ict`, `signifi cant`, `briefl y`,
# `eff ective`, `offi cial`, `baffl ing`. The extraction puts a space after the glyph. A left part
# ending in a lone `f` is a candidate too (`suf ficient`: an `ff` copied as two glyphs).
# The right part is only looked at, not consumed, so that it can be the next match's left part.
_SPLIT_LIGATURE = re.compile(r"\b([A-Za-z]*[Ff][il]?) (?=([a-z]+)\b)")

# A hyphen at a line break (`partner-` / `ship`), or one that a reflow left before a space.
_HYPHEN_SPACE = re.compile(r"\b([^\W\d_]+)- ([^\W\d_]+)\b")

# Words after which a hyphen is suspended, as in `pre- and post-war`: always kept as printed.
_SUSPENDED = {"and", "or", "nor", "to", "as", "than", "und", "et", "ou"}

# A joined form must be at least this common to count as a word (Zipf 2.5: a few per 10 million).
_WORD = FLOOR
# A fragment as common as this is a word in its own right (`staff`, `off`, `eff`), so the pair
# is joined only when the joined word is commoner than either part (`staff room` stays apart).
_COMMON = 3.0


def should_join_ligature(left: str, right: str) -> bool:
    """Is `left right` one word broken after a ligature glyph (`confl` + `ict`)?"""
    if right.lower() in LIGATURES:
        return False
    # A bare `fi`, `fl` or `ff` is not a word of English prose, whatever the list says.
    fragment = left.lower() in LIGATURES or zipf(left) < _WORD
    joined = zipf(left + right)
    if joined < _WORD:
        # A word the list does not know (rare, technical, a compound: `ultrafi ltration`) is
        # judged by its parts: joined only when neither is a word (`Hanafi jurisprudence` stays).
        return fragment and zipf(right) < _WORD
    if not left.lower().endswith(LIGATURES):
        # A lone `f`: only a part that is no word of its own (`suf ficient`; `ef` is in the list).
        return fragment
    if left.lower() in LIGATURES:
        return True
    if zipf(left) < _COMMON:
        return True
    return joined > max(zipf(left), zipf(right))


def join_split_ligatures(text: str) -> str:
    def fix(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        return left if should_join_ligature(left, right) else m.group(0)

    return _until_stable(lambda t: _SPLIT_LIGATURE.sub(fix, t), text)


def join_ligature_after_break(prev: str, line: str) -> str:
    """`con-` / `fl ict …`: a ligature split at the start of a line whose word began on the line
    before. The split is judged with the whole word (`confl` + `ict`), so that the hyphen join
    that follows sees `flict` and makes `conflict`."""
    m = re.match(r"([a-z]*f[il]?) ([a-z]+)\b", line)
    if not prev or not m or not should_join_ligature(prev + m.group(1), m.group(2)):
        return line
    return m.group(1) + line[m.end(1) + 1 :]


def hyphen_join(left: str, right: str) -> str:
    """What goes between `left-` and `right` when a hyphen ends a line.

    "" joins a broken word (`partner` + `ship`, `for` + `eign`, `rap` + `prochement`); "-" keeps a
    compound (`Khanabad-Qarshi`, `post-independence`, `self-determination`, `well-known`); "- "
    keeps a suspended hyphen (`pre- and post-war`).
    """
    if right.lower() in _SUSPENDED:
        return "- "
    if not right[:1].islower() or not left[-1:].isalpha():
        return "-"  # `Khanabad-Qarshi`, `F-16`, `1991-2`: never a broken word
    joined = zipf(left + right)
    if joined >= _COMMON:
        return ""
    # A part that is no word of its own was cut from a word: joined when the whole is a word the
    # list knows, however rare (`rapprochement`), or when neither part is a word (`bandwa` +
    # `goning`: a word the list does not know). Two words stay a compound.
    left_word, right_word = zipf(left) >= _WORD, zipf(right) >= _WORD
    if joined >= _WORD:
        return "" if not (left_word and right_word) else "-"
    return "" if not (left_word or right_word) else "-"


def join_hyphen_spaces(text: str) -> str:
    """`partner- ship` (a line break flattened into a space) becomes `partnership`."""

    def fix(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        return left + hyphen_join(left, right) + right

    return _until_stable(lambda t: _HYPHEN_SPACE.sub(fix, t), text)


def _until_stable(step: Callable[[str], str], text: str) -> str:
    """Apply `step` until nothing changes: a join can expose another (`fi fi nally`), and a
    repair must be idempotent. Each join removes a space, so this ends."""
    while (new := step(text)) != text:
        text = new
    return text


def reflow(text: str) -> str:
    """Hard line breaks become spaces, joining words broken by a line-end hyphen or dash."""
    lines = [ln.strip() for ln in text.split("\n")]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if not line:
            continue
        out = join_lines(out, line)[0] if out else line
    return out


def join_lines(left: str, right: str) -> tuple[str, int]:
    """`left` and the next line `right` as one text, and where `right` starts in it."""
    m = re.search(r"(\w+)-$", left)
    if m and right[:1].isalnum():
        word = re.match(r"\w+", right)
        sep = hyphen_join(m.group(1), word.group(0) if word else right)
        head = {"": left[:-1], "-": left}.get(sep, left + " ")
        return head + right, len(head)
    if re.search(r"\w[–—]$", left):
        return left + right, len(left)  # `Russian–` / `Uzbek`: a dash joins without a space
    return left + " " + right, len(left) + 1


# Ligature glyphs a copy may hold (`ﬁnally`): the letters they stand for, as a note's phrase
# spells them.
_LIGATURE_GLYPHS = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)


# A soft hyphen (U+00AD, where a web page may break a word) is invisible inside a line; at a
# line's end it is the break, and the word list decides as for a printed hyphen.
_SOFT_HYPHEN_AT_BREAK = re.compile("\u00ad(?=[ \n]|$)")


def normalise(text: str) -> str:
    """NFC, so that a letter and its combining accent compare equal to the precomposed letter;
    ligature glyphs spelled out; soft hyphens dropped, or made hyphens where a line breaks."""
    text = unicodedata.normalize("NFC", text).translate(_LIGATURE_GLYPHS)
    return _SOFT_HYPHEN_AT_BREAK.sub("-", text).replace("\u00ad", "")
