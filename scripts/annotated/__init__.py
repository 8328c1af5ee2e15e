"""Annotated reading: a raw article excerpt plus an instructor's notes folder become a site.

Pipeline, one module per stage (each named for what it produces):
    ingest     raw excerpt text   -> Article        (article.py holds the typed data)
    notes      notes/ folder      -> Notes          (closed pydantic models)
    anchors    Article + Notes    -> Anchors        (phrase -> offsets, or a precise problem)
    pages      Article + Notes + Anchors -> generated Markdown pages
    linkcheck  built HTML         -> problems        (what MkDocs cannot see)
The build script (scripts/build.py -> annotated.cli) only wires them together.
"""
