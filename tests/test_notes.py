"""The notes folder: closed schema, renamed keys, file:line messages, cross-references."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated.errors import InputError
from annotated.notes import load_notes, read_yaml, slugify
from site_helpers import FIXTURE, copy_fixture


def problems(root: Path) -> list[str]:
    with pytest.raises(InputError) as e:
        load_notes(root)
    return [str(p).removeprefix(f"{root}/") for p in e.value.problems]


def test_the_fixture_loads() -> None:
    notes = load_notes(FIXTURE / "notes")
    assert [n.id for n in notes.notes][:3] == [
        "bargaining-chip",
        "everyone-is-a-friend",
        "water-treaty",
    ]
    assert notes.notes[2].line_of("occurrence") == 5
    assert sorted(notes.glossary) == ["balance-of-threat", "hedging"]
    assert notes.reference_keys == {"example-2001", "walt-1987"}


@pytest.mark.parametrize(
    ("phrase", "slug"),
    [
        ("Treaty of Allied Relations", "treaty-of-allied-relations"),
        ("Tashkent’s recent turnaround", "tashkents-recent-turnaround"),
        ("  O’zbek xalqi  ", "ozbek-xalqi"),
        ("(K2)", "k2"),
    ],
)
def test_slugify(phrase: str, slug: str) -> None:
    assert slugify(phrase) == slug


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        ("notes/glossary.yml", "  definition:", "  meaning:",
         'glossary.yml:4: hedging: unknown key "meaning"; allowed: term, aliases, definition, '
         "authors, works, application, related, sources"),
        ("notes/glossary.yml", "  works: [walt-1987]", "  refs: [walt-1987]",
         'glossary.yml:14: balance-of-threat: key "refs" was renamed to "sources"'),
        ("notes/timeline.yml", 'date: "1998"', "date: 1998-13-45",
         "timeline.yml:5: entry 2: date: 1998-13-45 is not a real date (YYYY, YYYY-MM or "
         "YYYY-MM-DD)"),
        ("notes/article.yml", "        lang: uz", "        lang: Uzbek",
         'article.yml:34: parts.0.blocks.2.lang: "Uzbek" is not a language code; write a short '
         'code such as "uz"'),
        ("notes/people.yml", "kind: place", "kind: country",
         "people.yml:3: upriver: kind: Input should be 'person', 'organisation' or 'place' "
         "(got 'country')"),
        ("notes/study.yml", "level: recall", "level: remember",
         "study.yml:6: pages.0.questions.0.level: Input should be 'recall', 'understanding', "
         "'analysis' or 'argument' (got 'remember')"),
        ("notes/references.yml", "- id: walt-1987\n", "- id: example-2001\n",
         'references.yml:14: duplicate reference id "example-2001" (first at line 2)'),
        ("notes/article.yml", "  bib_key: example-2001", "  bib_key: example-2010",
         'article.yml:15: unknown bibliography key "example-2010" (did you mean "example-2001"?)'),
    ],
)  # fmt: skip
def test_problems_name_file_and_line(
    tmp_path: Path, rel: str, old: str, new: str, expected: str
) -> None:
    site = copy_fixture(tmp_path / "s")
    site.edit(rel, old, new)
    found = problems(site.notes)
    assert found == [expected]


def test_yaml_errors_carry_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text("a:\n  - b\n c: d\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_yaml(path)
    assert str(e.value.problems[0]).endswith(
        "bad.yml:3:2: YAML syntax error: did not find expected key"
    )
