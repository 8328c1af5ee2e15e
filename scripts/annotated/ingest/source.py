"""The raw excerpt's bytes, checked and decoded: UTF-8 text with `\\n` line ends, NFC.

Every refusal is one line that names the file (and the line and column where it can), says what
is wrong and what to do instead. A BOM and CRLF or CR line ends are accepted silently: they are
what Windows editors and some PDF readers write.
"""

from __future__ import annotations

from pathlib import Path

from annotated.errors import InputError, Problem, display_path
from annotated.ingest.repairs import normalise

# Control characters that never occur in copied text; a file with many of them is not text.
_TEXT_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


def read_source(path: Path) -> str:
    shown = display_path(path)
    if path.is_dir():
        raise InputError(Problem(shown, "is a directory; expected a text file (the raw excerpt)"))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            Problem(shown, "file not found; give the path of the raw excerpt (a .txt file)")
        ) from None
    except PermissionError:
        raise InputError(Problem(shown, "cannot be read (permission denied)")) from None
    return decode(data, shown)


def decode(data: bytes, shown: str) -> str:
    """The text of `data`, or an InputError saying why it is not an article excerpt."""
    if not data.strip():
        what = "file is empty" if not data else "file holds only blank lines and spaces"
        raise InputError(Problem(shown, f"{what}; expected the text of an article excerpt"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            Problem(
                shown, "UTF-16 text (it starts with a UTF-16 byte-order mark); re-save it as UTF-8"
            )
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            Problem(
                shown,
                f"binary file (NUL byte at byte {nul}); expected plain text copied from the "
                "article (save it as a .txt file in UTF-8)",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        bad = data[e.start : e.start + 1].hex().upper()
        raise InputError(
            Problem(
                shown,
                f"not UTF-8: byte 0x{bad} (byte {e.start}) cannot be decoded; re-save the "
                "file as UTF-8 (e.g. `iconv -f windows-1252 -t utf-8`)",
                line,
                column,
            )
        ) from None
    controls = sum(1 for ch in text if ch < " " and ch not in _TEXT_CONTROLS)
    if controls > max(8, len(text) // 100):
        raise InputError(
            Problem(
                shown,
                f"binary file ({controls} control characters); expected plain text copied from "
                "the article (save it as a .txt file in UTF-8)",
            )
        )
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return normalise(text)
