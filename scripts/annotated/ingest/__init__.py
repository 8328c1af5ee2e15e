"""Ingestion: a raw excerpt (text copied from a PDF or a publisher's preview) becomes an Article.

The stages are the modules of this package; `pipeline` wires them together. Its entry points are
imported on first use, so that a module that needs one stage (the own-copy reader's word list)
does not import them all (rapidfuzz, ftfy: a companion build reads no text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotated.ingest.markdown import article_markdown
    from annotated.ingest.pipeline import ingest, ingest_file

__all__ = ["article_markdown", "ingest", "ingest_file"]


def __getattr__(name: str) -> Any:
    if name == "article_markdown":
        from annotated.ingest.markdown import article_markdown

        return article_markdown
    if name in ("ingest", "ingest_file"):
        from annotated.ingest import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
