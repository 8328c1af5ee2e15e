"""The ingested article kept between builds (build/cache/article.json): a warm full-edition
build would otherwise ingest the same text again, importing ingestion and reading the word list
to do it (0.05 s of its 0.9 s of CPU).

An entry is keyed by everything ingestion reads (the text's bytes, the structure map's, the path
its messages name) and made by this package's code, the word list's source and Python's Unicode
data; only an article that JSON gives back exactly is kept, and a text that cannot be read or
ingested is never kept, so its error comes from ingestion itself every time.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotated import build_cache
from annotated.article import Article
from annotated.errors import display_path

# Ingestion's result depends on our code (ingestion, the article's and the structure map's
# models, the YAML reader), on these packages and on Python's Unicode tables (NFC, isalpha).
_PACKAGES = ["wordfreq", "msgpack", "rapidfuzz"]


@dataclass
class IngestMemo(build_cache.Entries):
    # entries: a digest of what ingestion reads -> the article's JSON

    @classmethod
    def maker(cls) -> str:
        sources = sorted(Path(__file__).parents[1].rglob("*.py"))  # the whole annotated package
        return f"{build_cache.made_by(sources, _PACKAGES)} python {platform.python_version()}"

    def ingest_file(
        self,
        path: Path,
        notes_dir: Path | None,
        words: Callable[[], dict[str, float] | None] = lambda: None,
    ) -> Article:
        """`pipeline.ingest_file(path, notes_dir, words())`, from the memo when it has it."""
        key = _key(path, notes_dir)
        if key is not None:
            self.used.add(key)
            if (kept := self.entries.get(key)) is not None:
                return Article.from_dict(json.loads(kept))
        from annotated.ingest.pipeline import ingest_file

        article = ingest_file(path, notes_dir, words())
        if key is not None:
            text = json.dumps(article.to_dict(), ensure_ascii=False)
            if Article.from_dict(json.loads(text)) == article:
                self.entries[key] = text
        return article


def _key(path: Path, notes_dir: Path | None) -> str | None:
    """A digest of what ingestion reads; None when a file cannot be read (ingestion says why)."""
    parts: list[Any] = [display_path(path)]
    try:
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
        if notes_dir is not None:
            structure = notes_dir / "article.yml"
            shown = display_path(notes_dir / "article.yml")
            data = structure.read_bytes() if structure.is_file() else None
            parts += [shown, None if data is None else hashlib.sha256(data).hexdigest()]
    except OSError:
        return None
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()
