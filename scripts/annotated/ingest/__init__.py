"""Ingestion: a raw excerpt (text copied from a PDF or a publisher's preview) becomes an Article.

The stages are the modules of this package; `pipeline` wires them together.
"""

from __future__ import annotations

from annotated.ingest.markdown import article_markdown
from annotated.ingest.pipeline import ingest, ingest_file

__all__ = ["article_markdown", "ingest", "ingest_file"]
