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


def test_a_parse_memo_gives_back_the_same_document_and_saves_only_what_was_read(
    tmp_path: Path,
) -> None:
    from annotated.notes.yaml_source import ParseMemo

    text = "a:\n  b: 1\n  c:\n    - x\n    - y: 2\n  d: true\n  e: null\n  f: 2.5\n"
    text += "  when: 2005-11-14\n"
    fresh = parse_yaml(text, "f.yml")
    memo = ParseMemo()
    assert memo.parse(text.encode(), text, "f.yml") == fresh  # parsed, and kept
    again = memo.parse(text.encode(), text, "g.yml")  # read back as JSON
    assert (again.data, again.lines, again.path) == (fresh.data, fresh.lines, "g.yml")
    assert [type(v) for v in again.data["a"].values()] == [int, list, bool, type(None), float, str]
    again.data["a"]["b"] = 2  # each reading is its own copy
    assert memo.parse(text.encode(), text, "f.yml") == fresh
    other = "z: 1\n"
    memo.parse(other.encode(), other, "z.yml")
    memo.save(tmp_path / "yaml.json")
    loaded = ParseMemo.load(tmp_path / "yaml.json")
    assert len(loaded.entries) == 2
    loaded.parse(text.encode(), text, "f.yml")
    loaded.forget_unused()  # the preview's: only what its last rebuild read is kept
    assert list(loaded.entries) == [next(k for k in memo.entries if loaded.entries.get(k))]


@pytest.mark.parametrize(
    "text",
    [
        "1: a\n",  # a number as a key: JSON would give it back as text
        "a: {null: b}\n",
        "a: !!set {x, y}\n",
        "a: !!binary aGVsbG8=\n",
        "a: .nan\n",
        "a: {true: 1}\n",
    ],
)
def test_what_json_cannot_give_back_exactly_is_parsed_each_time(text: str) -> None:
    from annotated.notes.yaml_source import ParseMemo

    memo = ParseMemo()
    first = memo.parse(text.encode(), text, "f.yml")
    assert memo.entries == {}
    assert repr(memo.parse(text.encode(), text, "f.yml").data) == repr(first.data)


def test_the_notes_read_through_the_memo_are_the_notes_read_at_once(tmp_path: Path) -> None:
    from annotated.citations import Citer
    from annotated.notes.yaml_source import ParseMemo

    memo, citer = ParseMemo(), Citer()
    fresh = load_notes(FIXTURE / "notes")
    assert load_notes(FIXTURE / "notes", memo, citer.reference_warnings) == fresh
    memo.save(tmp_path / "yaml.json")
    kept = ParseMemo.load(tmp_path / "yaml.json")
    assert load_notes(FIXTURE / "notes", kept, citer.reference_warnings) == fresh
    assert kept.used == set(kept.entries)  # every file came from the memo
