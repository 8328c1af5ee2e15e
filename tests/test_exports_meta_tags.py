"""The citation_* meta tags: their values from the structure map, and on every page MkDocs builds
with the site's theme overrides (a small site in tmp_path, the real overrides/ folder)."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser

from annotated.exports import EXTRA_KEY, citation_meta
from exports_helpers import project_notes
from site_helpers import REPO

EXPECTED = [
    (
        "citation_title",
        "Alignments and Realignments in Central Asia: The Rationale and Implications of "
        "Uzbekistan’s Rapprochement with Russia",
    ),
    ("citation_author", "Matteo Fumagalli"),
    ("citation_publication_date", "2007/06/01"),
    ("citation_journal_title", "International Political Science Review"),
    ("citation_volume", "28"),
    ("citation_issue", "3"),
    ("citation_firstpage", "253"),
    ("citation_lastpage", "271"),
    ("citation_doi", "10.1177/0192512107077098"),
    ("citation_publisher", "Sage Publications"),
]


def test_values_come_from_the_structure_map() -> None:
    assert citation_meta(project_notes().structure) == EXPECTED


def page_tags(html: str) -> list[tuple[str, str]]:
    tree = LexborHTMLParser(html)
    return [
        (m.attributes["name"] or "", m.attributes["content"] or "")
        for m in tree.css('meta[name^="citation_"]')
    ]


def test_every_built_page_carries_them(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "other.md").write_text("# Other & more\n", encoding="utf-8")
    config = {
        "site_name": "Meta tags",
        "site_url": "https://example.org/x/",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "material", "custom_dir": str(REPO / "overrides"), "font": False},
        "extra": {EXTRA_KEY: [list(t) for t in citation_meta(project_notes().structure)]},
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(load_config(str(path)))
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert {p.relative_to(tmp_path / "site").as_posix() for p in pages} >= {
        "index.html",
        "other/index.html",
        "404.html",
    }
    for page in pages:
        assert page_tags(page.read_text(encoding="utf-8")) == EXPECTED, page
