"""The notes loader's parts: the YAML line table, suggestions, ids. Every message a person can
cause is pinned in tests/test_cli_errors.py, the one table of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated.errors import InputError, nearest_name
from annotated.notes import load_notes, read_yaml, slugify
from annotated.notes.yaml_source import parse_yaml
from site_helpers import FIXTURE


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


def test_yaml_errors_carry_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text("a:\n  - b\n c: d\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_yaml(path)
    assert [str(p) for p in e.value.problems] == [
        f"{path}:3:2: YAML syntax error: did not find expected key"
    ]


def test_the_line_table_names_every_key_and_item() -> None:
    doc = parse_yaml("a:\n  b: 1\n  c:\n    - x\n    - y: 2\n", "f.yml")
    assert doc.data == {"a": {"b": 1, "c": ["x", {"y": 2}]}}
    assert doc.lines == {
        (): 1, ("a",): 1, ("a", "b"): 2, ("a", "c"): 3, ("a", "c", 0): 4, ("a", "c", 1): 5,
        ("a", "c", 1, "y"): 5,
    }  # fmt: skip
    assert doc.line("a", "c", 1, "z") == 5  # an absent key: its nearest written parent
    assert doc.line("nowhere") == 1


def test_dates_stay_the_text_they_were_written_as() -> None:
    assert parse_yaml("d: 2005-11-14\n", "f.yml").data == {"d": "2005-11-14"}


@pytest.mark.parametrize(
    ("word", "choices", "nearest"),
    [
        ("knd", ["phrase", "kind", "body"], "kind"),
        ("a", ["phrase", "kind", "body"], None),  # WRatio at 60 once said "phrase"
        ("bargain", ["balance-of-threat", "hedging"], None),
        ("Hedgin", ["hedging"], "hedging"),
    ],
)
def test_suggestions_are_close_or_absent(
    word: str, choices: list[str], nearest: str | None
) -> None:
    assert nearest_name(word, choices) == nearest
