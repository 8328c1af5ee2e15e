"""Ingestion: golden JSON for invented fixture articles, the real excerpt's structure, helpers.

Goldens: tests/fixtures/ingest/NAME.json beside NAME.txt (NAME.map.json when ingested with the
fixture's structure map), checked by tests/goldens.py. Regenerate with
`pytest tests/test_ingest.py --update-goldens` and review the change with `git diff`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import goldens
from annotated.article import Article
from annotated.ingest import article_markdown, ingest, ingest_file
from annotated.notes import load_structure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLES = sorted(FIXTURES.glob("*.txt"))
MAPS = FIXTURES / "maps"
REAL_MAP = Path(__file__).resolve().parent.parent / "notes"

# Artefacts of a PDF copy that must not survive ingestion.
ARTEFACTS = re.compile(
    r"\b(?:fi|fl|ff|ffi|ffl) [a-z]|\b\w+(?:fi|fl|ff) (?:nally|ict|cant|y|nds|ective|cial|ing|ow)\b"
    r"|\w- (?!and |or |to )[a-z]|\b(?:partner-ship|for-eign)\b"
)


def _golden(request: pytest.FixtureRequest, path: Path, actual: dict) -> None:
    goldens.check(request, path, goldens.as_json(actual))


def _ingest_fixture(path: Path, with_map: bool = False) -> Article:
    structure = load_structure(MAPS / path.stem) if with_map else None
    return ingest(path.read_text(encoding="utf-8"), path.name, structure)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_fixture_matches_golden(request: pytest.FixtureRequest, path: Path) -> None:
    _golden(request, path.with_suffix(".json"), _ingest_fixture(path).to_dict())


@pytest.mark.parametrize("name", sorted(p.name for p in MAPS.iterdir()))
def test_fixture_with_its_map_matches_golden(request: pytest.FixtureRequest, name: str) -> None:
    article = _ingest_fixture(FIXTURES / f"{name}.txt", with_map=True)
    assert article.paragraphs_from == "structure-map"
    _golden(request, FIXTURES / f"{name}.map.json", article.to_dict())


def test_there_are_enough_fixtures() -> None:
    assert len(ARTICLES) >= 3


# --- what every fixture must show (the goldens pin the details) -------------------------------


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_fixture_structure(path: Path) -> None:
    a = _ingest_fixture(path)
    m = a.metadata
    assert m.title and m.authors and m.journal and m.doi and m.year
    assert m.first_page == a.pages[0] and len(a.pages) >= 4  # three page turns or more
    assert [b.type for b in a.blocks][:2] == ["abstract", "keywords"]
    assert sum(b.type == "heading" for b in a.blocks) == 2
    markers = [int(f.marker) for b in a.blocks for f in b.footnotes]
    assert markers == list(range(1, len(markers) + 1))
    for b in a.blocks:
        assert not ARTEFACTS.search(b.text), (b.id, ARTEFACTS.search(b.text))
        assert not re.search(r"(?i)cookie|continue reading|subscribe|full access", b.text)
        for br in b.page_breaks:
            assert 0 <= br.offset <= len(b.text)
        assert b.pages == sorted(b.pages)


def test_kestrel_details() -> None:
    """The hard cases, one by one, in the fixture that has them all."""
    a = _ingest_fixture(FIXTURES / "kestrel-2011.txt")
    text = " ".join(b.text for b in a.blocks)
    for word in ["finally", "conflict", "effective", "official", "baffling", "flow", "different"]:
        assert re.search(rf"\b{word}\b", text), word
    for kept in ["post-colonial", "self-reliance", "well-known", "Arvenia-Belmora", "pre- and"]:
        assert kept in text
    for joined in ["partnership", "government.", "became", "agreement sat"]:
        assert joined in text
    for number in ["G7", "28(3)", "1,500", "K2", "3.5 per cent", "F-16", "(Basin Agency, 2005)."]:
        assert number in text
    p3 = a.block("p3")
    (turn,) = p3.page_breaks
    assert turn.page == 47  # the page turns inside `govern-ment`, at the exact character
    assert (p3.text[turn.offset - 6 : turn.offset], p3.text[turn.offset :][:5]) == (
        "govern",
        "ment.",
    )
    assert [f.marker for f in p3.footnotes] == ["8", "9", "10"]
    assert p3.text[p3.footnotes[-1].offset - 1] == "."
    last = a.blocks[-1]
    assert last.truncated and last.page_breaks[0].offset == 0 and last.pages == [48]
    epigraph = a.block("epigraph")
    assert epigraph.translation == "Waters are not borders, waters are a road."
    assert epigraph.attribution == "Miro Tallen, speech at Ostrava, 1998"
    assert epigraph.text[: epigraph.footnotes[0].offset].endswith("1998)")


def test_map_decides_where_the_text_cannot() -> None:
    """A paragraph whose last line is nearly full runs on when inferred; the map splits it."""
    inferred = _ingest_fixture(FIXTURES / "kestrel-2011.txt")
    mapped = _ingest_fixture(FIXTURES / "kestrel-2011.txt", with_map=True)
    assert len(mapped.blocks) == len(inferred.blocks) + 1
    assert mapped.block("intro-3").text.startswith("I argue that delay")
    assert inferred.paragraphs_from == "inferred"
    assert mapped.warnings == [
        "kestrel-2011.txt: blocks of the structure map not in this excerpt: delay-3"
    ]


def test_a_map_for_another_article_is_not_used() -> None:
    path = FIXTURES / "okafor-doe-2019.txt"
    a = ingest(path.read_text(encoding="utf-8"), path.name, load_structure(MAPS / "kestrel-2011"))
    assert a.paragraphs_from == "inferred"
    assert "map not used" in a.warnings[0]


def test_a_map_whose_locator_is_wrong_falls_back(tmp_path: Path) -> None:
    src = (MAPS / "kestrel-2011" / "article.yml").read_text(encoding="utf-8")
    (tmp_path / "article.yml").write_text(src.replace("The puzzle is sharper", "The riddle"))
    path = FIXTURES / "kestrel-2011.txt"
    a = ingest(path.read_text(encoding="utf-8"), path.name, load_structure(tmp_path))
    assert a.paragraphs_from == "inferred"
    assert a.warnings[0] == (
        'kestrel-2011.txt: the structure map does not fit this text: block "intro-2" (locator not '
        "found before line 39); paragraphs inferred instead"
    )


def test_markdown_shows_page_turns_and_markers() -> None:
    md = article_markdown(_ingest_fixture(FIXTURES / "kestrel-2011.txt"))
    assert md.startswith("# Rivers and Treaties in the Veldan Basin: Water,")
    assert "government. [p. 47] Both" in md  # a turn inside a word is shown after it
    assert "rules.<sup>9</sup> When" in md
    assert "[p. 48] The same pattern" in md
    assert "## Delay as Strategy" in md
    assert "> Vode nisu granice" in md
    assert md.rstrip().endswith("towards the …")


# --- whole texts ------------------------------------------------------------------------------


def test_crlf_and_bom_give_the_same_article(tmp_path: Path) -> None:
    src = FIXTURES / "okafor-doe-2019.txt"
    windows = tmp_path / src.name
    windows.write_bytes(b"\xef\xbb\xbf" + src.read_bytes().replace(b"\n", b"\r\n"))
    a, b = ingest_file(src, None), ingest_file(windows, None)
    assert a.blocks == b.blocks and a.metadata == b.metadata


def test_plain_text_becomes_plain_paragraphs() -> None:
    a = ingest("First words of a note.\nIt goes on here.\n\nA second one.\n", "plain.txt")
    assert [b.text for b in a.blocks] == [
        "First words of a note. It goes on here.",
        "A second one.",
    ]
    assert [b.id for b in a.blocks] == ["p1", "p2"] and a.pages == []
    assert a.warnings == [
        "plain.txt: no article structure recognised (no journal line, abstract or keywords); "
        "ingested as 2 plain paragraph(s)"
    ]


# --- the real excerpt (shared copy, never in the repository) -----------------------------------


@pytest.fixture
def real(source_path: Path) -> Article:
    return ingest_file(source_path, REAL_MAP)


@pytest.mark.source
def test_real_metadata(real: Article) -> None:
    m = real.metadata
    assert m.title == "Alignments and Realignments in Central Asia"
    assert m.subtitle.startswith("The Rationale and Implications")
    assert m.authors == ["Matteo Fumagalli"]
    assert m.journal == "International Political Science Review"
    assert (m.year, m.volume, m.issue, m.first_page, m.last_page) == (2007, "28", "3", 253, 271)
    assert m.doi == "10.1177/0192512107077098"
    assert m.publisher == "Sage Publications"
    assert m.keywords == ["Alliances", "Alignment", "Realignment", "Russia", "Uzbekistan"]
    assert m.published_date == "2007-06-01"


@pytest.mark.source
def test_real_blocks_follow_the_structure_map(real: Article) -> None:
    structure = load_structure(REAL_MAP)
    assert real.paragraphs_from == "structure-map"
    assert real.warnings == []
    assert [(b.id, b.type) for b in real.blocks] == [(b.id, b.type) for b in structure.blocks()]
    for mapped, block in zip(structure.blocks(), real.blocks, strict=True):
        assert block.pages == mapped.pages, block.id
    assert real.pages == [253, 254]


@pytest.mark.source
def test_real_page_turn(real: Article) -> None:
    turns = [(b.id, br) for b in real.blocks for br in b.page_breaks]
    assert len(turns) == 1
    block_id, turn = turns[0]
    block = real.block(block_id)
    assert turn.page == 254
    assert block.text[turn.offset :].startswith("Russian–Uzbek rapprochement?")
    assert block.text[turn.offset - 1] == " "


@pytest.mark.source
def test_real_footnote_markers(real: Article) -> None:
    found = [(b.id, f) for b in real.blocks for f in b.footnotes]
    assert [f.marker for _, f in found] == [str(n) for n in range(1, 8)]
    assert found[0][0] == "epigraph"
    for block_id, f in found:
        text = real.block(block_id).text
        assert text[f.offset - 1] in ".,)”", (block_id, text[f.offset - 10 : f.offset])
        assert not text[f.offset : f.offset + 1].isdigit()


@pytest.mark.source
def test_real_front_blocks(real: Article) -> None:
    assert real.block("abstract").text.startswith("The eviction of the USA")
    assert real.block("keywords").keywords == real.metadata.keywords
    ep = real.block("epigraph")
    assert len(ep.lines) == 1 and ep.lines[0].startswith("O’zbek xalqi")
    assert ep.translation and ep.translation.startswith("The Uzbek people")
    assert ep.attribution and ep.attribution.startswith("Islam A. Karimov")
    heading = real.block("path-heading")
    assert heading.type == "heading" and heading.text == "Uzbekistan’s Path to Independence"


@pytest.mark.source
def test_real_text_is_clean(real: Article) -> None:
    *done, last = real.blocks
    assert last.id == "path-1" and last.truncated
    assert not any(b.truncated for b in done)
    text = "\n".join(b.text for b in real.blocks)
    for artefact in [
        "fi nally",
        "fi nds",
        "confl ict",
        "signifi cant",
        "briefl y",
        "partner- ship",
        "partner-ship",
        "for- eign",
        "for-eign",
        "\n254 ",
    ]:
        assert artefact not in text
    assert not ARTEFACTS.search(text)
    for kept in ["Khanabad-Qarshi", "post-independence", "post-cold-war", "(K2)", "(1991a, 1991b)"]:
        assert kept in text
    for joined in ["finally", "conflict", "significant", "briefly", "partnership", "foreign"]:
        assert joined in text
    assert not re.search(r"(?i)continue reading|trial|cookie|ACCEPT", text)


@pytest.mark.source
def test_real_without_map_is_inferred_and_says_so(source_path: Path) -> None:
    a = ingest(source_path.read_text(encoding="utf-8"), "excerpt.txt", None)
    assert a.paragraphs_from == "inferred"
    assert a.warnings and "inferred" in a.warnings[0]
    assert [b.type for b in a.blocks].count("heading") == 1
    assert a.blocks[-1].truncated


# --- the same layout with parts missing: the stage must not depend on any one of them ---------


def _without(text: str, *prefixes: str) -> str:
    return "\n".join(ln for ln in text.split("\n") if not ln.startswith(prefixes))


VARIANTS = {
    "no-database-lines": ("DOI10.", "Published date", "AuthorAda", "Date15", "Subject Matter"),
    "no-journal-line": ("Journal of Imaginary Borders (2011)",),
    "no-abstract-or-keywords": (
        "Abstract.",
        "Keywords:",
        "a water-sharing",
        "delay was not",
        "that the offi",
        "of credit",
    ),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_layout_with_parts_missing(variant: str) -> None:
    text = _without((FIXTURES / "kestrel-2011.txt").read_text(encoding="utf-8"), *VARIANTS[variant])
    a = ingest(text, "variant.txt")
    assert a.pages == [45, 46, 47, 48]
    assert a.metadata.title == "Rivers and Treaties in the Veldan Basin"
    assert a.metadata.authors == ["Ada Kestrel"]
    assert [b.id for b in a.blocks if b.type == "heading"] == ["h1", "h2"]
    assert a.blocks[0 if variant.startswith("no-abstract") else 2].id == "epigraph"
    assert [f.marker for b in a.blocks for f in b.footnotes] == [str(n) for n in range(1, 13)]
    assert a.blocks[-1].truncated and a.blocks[-1].page_breaks[0].offset == 0


def test_a_cookie_banner_above_the_excerpt_is_dropped_alone() -> None:
    text = (FIXTURES / "okafor-doe-2019.txt").read_text(encoding="utf-8")
    banner = (
        "We use cookies to improve your experience. By continuing you accept our cookie policy."
    )
    with_banner = ingest(f"{banner}\n{text}", "x.txt")
    plain = ingest(text, "x.txt")
    assert [b.text for b in with_banner.blocks] == [b.text for b in plain.blocks]
    assert with_banner.metadata.title == plain.metadata.title == "Ports and Power"


def test_a_running_head_inside_the_abstract_is_a_page_turn() -> None:
    """Found by the browser port's drift check (tests/js/drift.test.mjs): this once crashed."""
    text = (FIXTURES / "kestrel-2011.txt").read_text(encoding="utf-8").split("\n")
    at = text.index(
        "delay was not a failure of negotiation but a strategy of regime consolidation, and"
    )
    text.insert(at, "46 Journal of Imaginary Borders 14(2)")
    abstract = ingest("\n".join(text), "kestrel-2011.txt").block("abstract")
    assert abstract.pages == [45, 46]
    assert abstract.text[abstract.page_breaks[0].offset :].startswith("delay was not a failure")
