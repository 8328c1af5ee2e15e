"""The stage MkDocs reads: the wanted files, written only when changed; the swap of --out."""

from __future__ import annotations

from pathlib import Path

from annotated.staging import replace_dir, sync, wanted_files


def test_sync_writes_changes_and_removes_stale_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "index.md").write_text("# Home")
    (docs / "assets" / "a.css").write_text("p{}")
    stage = tmp_path / "stage"
    files = wanted_files(docs, {"glossary.md": "# Glossary", "reading/intro.md": "# Intro"})
    assert sorted(sync(stage, files)) == [
        "assets/a.css", "glossary.md", "index.md", "reading/intro.md",
    ]  # fmt: skip
    assert sync(stage, files) == []
    (stage / "old" / "gone.md").parent.mkdir()
    (stage / "old" / "gone.md").write_text("stale")
    files = wanted_files(docs, {"glossary.md": "# Glossary, changed"})
    assert sorted(sync(stage, files)) == ["glossary.md", "old/gone.md", "reading/intro.md"]
    assert sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*")) == [
        "assets", "assets/a.css", "glossary.md", "index.md",
    ]  # fmt: skip


def test_replace_dir_swaps_in_the_new_site(tmp_path: Path) -> None:
    out, new = tmp_path / "site", tmp_path / ".site.new"
    out.mkdir()
    (out / "index.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    replace_dir(new, out)
    assert (out / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
