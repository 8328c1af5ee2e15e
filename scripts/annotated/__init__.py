"""Annotated reading: a raw article excerpt plus an instructor's notes folder become a site.

Pipeline, one module (or package) per stage, each named for what it produces:
    ingest/    raw excerpt text        -> Article   (article.py holds the typed data)
    notes/     notes folder            -> Notes     (closed pydantic models, every line known)
    anchors    Article + Notes         -> Anchors   (phrase -> offsets, or a precise problem)
    pages/     Notes + Article + Anchors -> generated Markdown (through site, bodies, citations)
    staging    docs + generated files  -> the folder MkDocs builds (mkdocs_run)
    linkcheck, leakguard   built site  -> problems  (what MkDocs cannot see; the article's text)
The command (cli) runs the one orchestrator (build), which only wires these together.
"""
