"""All exports together: the files and their names, the same bytes on a second run, links that
stay on the site's address, and the sizes line of the build summary."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from annotated import leakguard
from annotated.anchors import anchor
from annotated.exports import FORMATS, Inputs, export_all, qti, sizes
from annotated.exports.passages import passages
from annotated.ingest import ingest_file
from exports_helpers import SITE_URL, companion, fixture, project_files, project_notes
from site_helpers import NOTES

PATHS = [
    "exports/annotations.jsonld",
    "exports/hypothesis.json",
    "exports/study-questions-moodle.gift.txt",
    "exports/study-questions-canvas-qti.zip",
    "exports/references.csl.json",
    "exports/references.ris",
    "exports/references.bib",
]


def test_every_format_writes_its_file() -> None:
    assert list(project_files()) == PATHS
    assert [f.PATH for f in FORMATS] == PATHS


def test_byte_identical_on_a_second_run() -> None:
    again = export_all(Inputs(project_notes(), SITE_URL, "companion"))
    assert again == project_files()
    assert export_all(fixture("full")) == export_all(fixture("full"))


def test_links_to_the_site_use_its_address() -> None:
    text = b"".join(v for k, v in project_files().items() if not k.endswith(".zip")).decode()
    site_links = set(re.findall(r"https://example\.org/[^\s\"'<>)\\]*", text))
    assert site_links
    assert all(u.startswith(SITE_URL) for u in site_links)
    other = export_all(Inputs(project_notes(), "https://courses.example.edu/ir101/", "companion"))
    assert b"example.org/annotated-reading" not in b"".join(other.values())


def test_sizes_line() -> None:
    line = sizes({"exports/a.json": b"x" * 999, "exports/b.zip": b"x" * 2500})
    assert line == "exports: a.json 999 B, b.zip 2.5 kB"


def test_companion_edition_never_carries_context() -> None:
    files = export_all(companion())
    assert all(b'"prefix"' not in v and b'"suffix"' not in v for v in files.values())


@pytest.mark.source
def test_public_exports_repeat_no_run_of_the_article(source_path: Path) -> None:
    article = ingest_file(source_path, NOTES)
    files = dict(project_files())
    with zipfile.ZipFile(io.BytesIO(files.pop(qti.PATH))) as z:
        files |= {f"{qti.PATH}/{n}": z.read(n) for n in z.namelist()}
    outputs = {path: data.decode("utf-8") for path, data in files.items()}
    meta = project_notes().structure.metadata
    allowed = [f"{meta.title}: {meta.subtitle}"]
    assert leakguard.find_leaks([b.text for b in article.blocks], outputs, allowed=allowed) == []


@pytest.mark.source
def test_full_edition_of_the_real_excerpt_quotes_a_few_words_around_each_phrase(
    source_path: Path,
) -> None:
    notes = project_notes()
    article = ingest_file(source_path, NOTES)
    full = Inputs(notes, SITE_URL, "full", anchor(article, notes), article)
    placed = passages(full)
    assert len(placed) == len(notes.notes)
    texts = {b.id: b.text for b in article.blocks}
    for p in placed:
        assert len(p.prefix.split()) <= 4 and len(p.suffix.split()) <= 4
        assert p.prefix + p.exact + p.suffix in texts[p.block.id]
        assert p.first_page in p.block.pages and p.last_page in p.block.pages
