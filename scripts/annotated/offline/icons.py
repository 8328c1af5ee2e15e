"""The app's icons, drawn here: an open book on the site's indigo, one line of it highlighted.
PNG written with zlib alone (no image library, no external asset); the drawing stays inside
the middle 80 %, the safe zone of a maskable icon."""

from __future__ import annotations

import struct
import zlib

INDIGO = (0x40, 0x51, 0xB5)
PAGE = (0xFF, 0xFF, 0xFF)
INK = (0x9F, 0xA8, 0xDA)
MARK = (0xFF, 0xE0, 0x66)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    raw = b"".join(b"\x00" + row for row in rows)  # filter 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


TOP, BOTTOM = 0.30, 0.70  # the two pages' top and bottom edges
LINES = (0.36, 0.44, 0.52, 0.60)  # the tops of the lines of text, each 0.035 high
OFF_PAGE = -2
BETWEEN_LINES = -1


def band(y: float) -> int:
    """Which horizontal band y (0 to 1) falls in: off the pages, on a page between the lines,
    or on line i. Every row of one band is drawn alike, so `icon` draws each band once."""
    if not TOP <= y <= BOTTOM:
        return OFF_PAGE
    for i, line in enumerate(LINES):
        if line <= y <= line + 0.035:
            return i
    return BETWEEN_LINES


def colour(x: float, row_band: int) -> tuple[int, int, int]:
    """The colour at x (0 to 1) in a row of that band."""
    # Two pages, each 0.27 wide and 0.44 high, with a gutter in the middle.
    if row_band != OFF_PAGE and (0.22 <= x <= 0.49 or 0.51 <= x <= 0.78):
        left = 0.22 if x < 0.5 else 0.51
        # Lines of text, the second one on the left page highlighted.
        if row_band >= 0 and 0.03 <= x - left <= 0.24:
            return MARK if row_band == 1 and left == 0.22 else INK
        return PAGE
    return INDIGO


def pixel(x: float, y: float) -> tuple[int, int, int]:
    """The colour at (x, y), both from 0 to 1."""
    return colour(x, band(y))


def icon(size: int) -> bytes:
    drawn: dict[int, bytes] = {}  # band -> its row: a few rows drawn pixel by pixel, not all
    rows = []
    for j in range(size):
        row_band = band((j + 0.5) / size)
        if row_band not in drawn:
            xs = ((i + 0.5) / size for i in range(size))
            drawn[row_band] = b"".join(bytes(colour(x, row_band)) for x in xs)
        rows.append(drawn[row_band])
    return png(size, size, rows)
