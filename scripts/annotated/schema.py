"""What every closed model of an instructor's file shares: no unknown keys, readable ids, codes."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ConfigDict


class Closed(BaseModel):
    """A model that refuses unknown keys: a typo in a key is an error, not an ignored field."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def slugify(text: str) -> str:
    """A readable, stable id: 'Treaty of Allied Relations' -> 'treaty-of-allied-relations'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def check_lang(value: str) -> str:
    """A BCP 47 language code ("uz", "ru", "uz-Cyrl"), as HTML's lang attribute wants."""
    if value and not _LANG.fullmatch(value):
        raise ValueError(f'"{value}" is not a language code; write a short code such as "uz"')
    return value
