"""CSL-JSON items read the same way by every reference export: dates, pages, names, one line."""

from __future__ import annotations

import re
from typing import Any

_SPACE = re.compile(r"\s+")


def one_line(value: Any) -> str:
    return _SPACE.sub(" ", str(value)).strip()


def date(item: dict[str, Any], key: str) -> list[int]:
    parts = item.get(key, {}).get("date-parts") or [[]]
    return [int(p) for p in parts[0]]


def pages(page: Any) -> tuple[str, str]:
    first, _, last = re.sub(r"[–—]", "-", str(page)).partition("-")
    return first.strip(), last.strip()


def names(item: dict[str, Any], key: str) -> list[dict[str, str]]:
    return list(item.get(key, []))
