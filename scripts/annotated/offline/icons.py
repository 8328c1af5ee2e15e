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


def pixel(x: float, y: float) -> tuple[int, int, int]:
    """The colour at (x, y), both from 0 to 1."""
    # Two pages, each 0.27 wide and 0.44 high, with a gutter in the middle.
    top, bottom = 0.30, 0.70
    if top <= y <= bottom and (0.22 <= x <= 0.49 or 0.51 <= x <= 0.78):
        left = 0.22 if x < 0.5 else 0.51
        col = x - left
        # Lines of text, the second one on the left page highlighted.
        for i, line in enumerate((0.36, 0.44, 0.52, 0.60)):
            if line <= y <= line + 0.035 and 0.03 <= col <= 0.24:
                if i == 1 and left == 0.22:
                    return MARK
                return INK
        return PAGE
    return INDIGO


def icon(size: int) -> bytes:
    rows = []
    for j in range(size):
        y = (j + 0.5) / size
        rows.append(bytes(c for i in range(size) for c in pixel((i + 0.5) / size, y)))
    return png(size, size, rows)
