"""References and citations come from citeproc-py and CSL styles; only BibTeX is written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated import citations
from annotated.citations import (
    Citer,
    Memo,
    bibliography,
    bibtex,
    cite,
    csl_items,
    short_labels,
)

REFS = [
    {
        "id": "example-2001",
        "type": "article-journal",
        "title": "Rivers and Realignments",
        "author": [{"family": "Example", "given": "Jane Q."}],
        "container-title": "Journal of Invented Studies",
        "volume": 12,
        "issue": 1,
        "page": "101-120",
        "issued": "2001-03-01",
        "DOI": "10.5555/fixture.2001.001",
    },
    {
        "id": "walt-1987",
        "type": "book",
        "title": "The Origins of Alliances",
        "author": [{"family": "Walt", "given": "Stephen M."}],
        "publisher": "Cornell University Press",
        "publisher-place": "Ithaca",
        "issued": 1987,
    },
]


def test_csl_yaml_dates_and_numbers_become_csl_json() -> None:
    items = csl_items(REFS)
    assert items[0]["issued"] == {"date-parts": [[2001, 3, 1]]}
    assert items[1]["issued"] == {"date-parts": [[1987]]}
    assert items[0]["volume"] == "12"
    assert REFS[0]["issued"] == "2001-03-01"  # the input is left alone


def test_apa_bibliography_sorted_with_keys() -> None:
    entries = bibliography(REFS, "apa")
    assert [e.key for e in entries] == ["example-2001", "walt-1987"]
    assert entries[0].html == (
        "Example, J. Q. (2001). Rivers and Realignments. <i>Journal of Invented Studies</i>, "
        "<i>12</i>(1), 101–120. https://doi.org/10.5555/fixture.2001.001"
    )
    assert entries[1].html == (
        "Walt, S. M. (1987). <i>The Origins of Alliances</i>. Cornell University Press."
    )


@pytest.mark.parametrize(
    ("style", "page", "expected"),
    [
        ("apa", None, "(Example, 2001)"),
        ("apa", 102, "(Example, 2001, p. 102)"),
        ("chicago-author-date", 102, "(Example 2001, 102)"),
    ],
)
def test_in_text_citations(style: str, page: int | None, expected: str) -> None:
    assert cite(REFS, "example-2001", style, page) == expected


def test_a_cited_page_does_not_change_the_bibliography() -> None:
    cite(REFS, "example-2001", "chicago-author-date", 102)
    assert "12 (1): 101–20." in bibliography(REFS, "chicago-author-date")[0].html


def test_short_labels() -> None:
    assert short_labels(REFS) == {"example-2001": "Example (2001)", "walt-1987": "Walt (1987)"}


def test_bibtex() -> None:
    assert bibtex(REFS[0]) == (
        "@article{example-2001,\n"
        "  author = {Example, Jane Q.},\n"
        "  title = {Rivers and Realignments},\n"
        "  journal = {Journal of Invented Studies},\n"
        "  year = {2001},\n"
        "  volume = {12},\n"
        "  number = {1},\n"
        "  pages = {101--120},\n"
        "  doi = {10.5555/fixture.2001.001}\n"
        "}"
    )


def test_chicago_spells_out_given_names() -> None:
    # The CSL asks for it with initialize="false", which citeproc-py ignores; see citations._style.
    assert bibliography(REFS, "chicago-author-date")[1].html.startswith(
        "Walt, Stephen M. 1987. <i>The Origins of Alliances</i>."
    )


def test_same_author_same_year_labels_are_told_apart_by_title() -> None:
    second = {**REFS[1], "id": "walt-1987b", "title": "Alliances in Theory: A Second Look"}
    labels = short_labels([*REFS, second])
    assert labels["walt-1987"] == "Walt (1987, The Origins of Alliances)"
    assert labels["walt-1987b"] == "Walt (1987, Alliances in Theory)"
    assert labels["example-2001"] == "Example (2001)"


def test_citeproc_results_are_memoised_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo_file = tmp_path / "cache" / "citeproc.json"
    citer = Citer(Memo.load(memo_file))
    first = citer.bibliography(REFS, "apa")
    assert first == bibliography(REFS, "apa")
    citer.memo.save(memo_file)
    # A later build reads the memo and never calls citeproc-py for the same input.
    monkeypatch.setattr(citations, "_bibliography", lambda *a: pytest.fail("citeproc called"))
    assert Citer(Memo.load(memo_file)).bibliography(REFS, "apa") == first


def test_a_memo_from_another_citeproc_version_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo_file = tmp_path / "citeproc.json"
    citer = Citer(Memo.load(memo_file))
    citer.cite(REFS, "walt-1987", "apa", 12)
    citer.memo.save(memo_file)
    assert Memo.load(memo_file).entries == citer.memo.entries
    monkeypatch.setattr(citations, "ENGINE", "citeproc-py 99.0")
    assert Memo.load(memo_file).entries == {}


def test_a_memo_entry_names_the_style_it_was_made_with() -> None:
    memo = Memo()
    Citer(memo).cite(REFS, "walt-1987", "apa")
    Citer(memo).cite(REFS, "walt-1987", "chicago-author-date")
    assert len(memo.entries) == 2
    assert citations.style_digest("apa") != citations.style_digest("chicago-author-date")


def test_citeproc_warnings_are_returned_not_swallowed() -> None:
    item = {"id": "x", "type": "book", "title": "T", "titel": "typo"}
    assert citations.reference_warnings(item) == [
        "The following arguments for Reference are unsupported: titel"
    ]


def test_a_cited_items_reference_is_looked_up_once_and_is_its_own() -> None:
    from citeproc import Citation, CitationItem

    bib = citations._bibliography(REFS, "apa")
    items = [CitationItem(r["id"]) for r in REFS]
    for item in items:
        bib.register(Citation([item]))
    for item, ref in zip(items, REFS, strict=True):
        assert item.reference is item.reference
        assert item.reference.key == ref["id"].lower()
    assert "_reference" not in items[0]  # kept beside the item's CSL fields, not among them


def test_reference_warnings_are_memoised_with_the_citations() -> None:
    odd = REFS[0] | {"id": "odd", "bogus-field": "x"}
    memo = Memo()
    citer = Citer(memo)
    first = citer.reference_warnings(odd)
    assert first == citations.reference_warnings(odd) and first  # a field citeproc-py drops
    assert citer.reference_warnings(odd) == first and len(memo.entries) == 1


def test_citeproc_is_imported_only_when_something_is_formatted() -> None:
    # A warm build takes every citation from the memo: importing citeproc-py (~25 ms) is saved.
    import subprocess
    import sys

    code = "import sys, annotated.citations as c; print('citeproc' in sys.modules)"
    scripts = str(Path(__file__).resolve().parent.parent / "scripts")
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": scripts},
        check=True,
    )
    assert run.stdout.strip() == "False"
