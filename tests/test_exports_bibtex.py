"""references.bib, validated by biber against biblatex's data model (`biber --tool
--validate-datamodel`: the types and fields of biber's own biber-tool.conf), and the choice of
entry type by what each item is (annotated.exports.bibtex)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from annotated.citations import csl_items
from annotated.exports import bibtex
from exports_helpers import project_files, project_notes

NO_DATE = "Missing mandatory field - one of 'date, year' must be defined"
_WARN = re.compile(r"WARN - Datamodel: Entry '([^']+)' \([^)]*\): (.*)$", re.M)


def biber_path() -> str:
    found = shutil.which("biber")
    if found is None:
        reason = "biber is not installed (apt-get install --no-install-recommends biber)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI should have installed it (scripts/dev ensure_bib_tools): {reason}")
        pytest.skip(reason)
    return found


def datamodel_warnings(bib: bytes, tmp: Path) -> list[tuple[str, str]]:
    (tmp / "refs.bib").write_bytes(bib)
    run = subprocess.run(
        [biber_path(), "--tool", "--validate-datamodel",
         "--output-file", str(tmp / "out.bib"), "--logfile", str(tmp / "biber"), "refs.bib"],
        cwd=tmp, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    log = (tmp / "biber.blg").read_text(encoding="utf-8")
    assert run.returncode == 0 and "ERROR - " not in log, log[-3000:]
    return _WARN.findall(log)


def test_every_entry_meets_biblatex_data_model_but_the_dates_nobody_knows(tmp_path: Path) -> None:
    """The only warnings are for items whose date the bibliography does not give: they are
    left undated (never made up), and biblatex wants a date for every type."""
    undated = [i["id"] for i in csl_items(project_notes().references) if "issued" not in i]
    warnings = datamodel_warnings(project_files()[bibtex.PATH], tmp_path)
    assert sorted(warnings) == sorted((key, NO_DATE) for key in undated)


def test_the_check_catches_what_issue_19_found(tmp_path: Path) -> None:
    """A news item as @article without its journal, and a publisher on an @article."""
    bad = (
        b"@article{news, author = {{UzA}}, title = {A report}, date = {2005}}\n"
        b"@article{j, author = {A, B}, title = {T}, journal = {J}, publisher = {P},"
        b" date = {2001}}\n"
    )
    assert sorted(datamodel_warnings(bad, tmp_path)) == [
        ("j", "Invalid field 'publisher' for entrytype 'article'"),
        ("news", "Missing mandatory field 'journaltitle'"),
    ]


def item(type_: str, **fields: Any) -> dict[str, Any]:
    base = {"id": "x", "type": type_, "title": "T", "author": [{"family": "A", "given": "B"}]}
    return {**base, "issued": {"date-parts": [[2005, 7, 5]]}, **fields}


@pytest.mark.parametrize(
    ("csl", "kind", "fields"),
    [
        (item("article-newspaper", **{"container-title": "The Hindu"}), "article",
         {"journal": "The Hindu", "entrysubtype": "newspaper"}),
        (item("article-newspaper", URL="https://news.example/a"), "online",
         {"url": "https://news.example/a"}),
        (item("article-newspaper"), "misc", {"date": "2005-07-05"}),
        (item("article-journal", **{"container-title": "J", "publisher": "MIT Press"}), "article",
         {"journal": "J"}),
        (item("book"), "book", {"title": "T"}),
        (item("book", author=[], editor=[{"family": "E", "given": "F"}], publisher="P"),
         "collection", {"editor": "E, F", "publisher": "P"}),
        (item("webpage", URL="https://x.example/", publisher="Dept"), "online",
         {"organization": "Dept"}),
        (item("paper-conference", event="A conference"), "unpublished",
         {"eventtitle": "A conference"}),
        (item("report", publisher="CRS", genre="CRS Report", number="RS1"), "report",
         {"institution": "CRS", "type": "CRS Report", "number": "RS1"}),
        (item("speech", URL="https://x.example/s", genre="lecture slides"), "misc",
         {"type": "lecture slides"}),
    ],
)  # fmt: skip
def test_entry_type_is_what_the_item_is(
    csl: dict[str, Any], kind: str, fields: dict[str, str]
) -> None:
    got_kind, got = bibtex.entry_type(csl)
    assert got_kind == kind
    assert fields.items() <= got.items()
    if kind == "article":
        assert "publisher" not in got  # not a field of an article in biblatex's data model
