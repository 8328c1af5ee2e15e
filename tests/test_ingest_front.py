"""Front matter: database lines, journal line, title block, authors, abstract, keywords."""

from __future__ import annotations

import pytest

from annotated.ingest.front import parse_front, split_authors, split_keywords


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Matteo Fumagalli", ["Matteo Fumagalli"]),
        ("Chidi Okafor and Lena Doe", ["Chidi Okafor", "Lena Doe"]),
        ("Mira Sol, Teodor Vance and Ana Ruiz", ["Mira Sol", "Teodor Vance", "Ana Ruiz"]),
        ("A. One; B. Two", ["A. One", "B. Two"]),
    ],
)
def test_split_authors(value: str, names: list[str]) -> None:
    assert split_authors(value) == names


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("• Alliances • Alignment", ["Alliances", "Alignment"]),
        ("ports; patronage; maritime security", ["ports", "patronage", "maritime security"]),
        ("Frontiers, Customs, State formation.", ["Frontiers", "Customs", "State formation"]),
    ],
)
def test_split_keywords(value: str, words: list[str]) -> None:
    assert split_keywords(value) == words


HEADER = [
    "A Title: And Its Subtitle",
    "DOI10.5555/x.1",
    "Published date02 January 2020",
    "AuthorJo Bloggs",
    "Subject MatterArticles",
    "Bloggs: A Title 7",
    "Annals of Somewhere (2020), Vol. 4, No. 1, 7–20",
    "DOI: 10.5555/x.1 © 2020 The Author",
    "Somewhere University Press (Here and There)",
    "A Title:",
    "And Its",
    "Subtitle",
    "Jo Bloggs",
    "Abstract. One short abstract that ends here.",
    "Keywords: • one • two",
    "The body begins.",
]


def test_parse_front() -> None:
    front = parse_front(HEADER)
    m = front.metadata
    assert (m.title, m.subtitle, m.authors) == ("A Title", "And Its Subtitle", ["Jo Bloggs"])
    assert (m.journal, m.year, m.volume, m.issue) == ("Annals of Somewhere", 2020, "4", "1")
    assert (m.first_page, m.last_page, m.doi) == (7, 20, "10.5555/x.1")
    assert (m.publisher, m.copyright) == ("Somewhere University Press", "© 2020 The Author")
    assert (m.published_date, m.keywords) == ("2020-01-02", ["one", "two"])
    assert (front.abstract, front.keywords_line, front.body_start) == ([13], 14, 15)
    assert front.found and front.title_lines == [9, 10, 11]


def test_a_text_without_front_matter() -> None:
    front = parse_front(["Just a line of prose.", "And another one."])
    assert not front.found and front.body_start == 0 and front.metadata.title == ""


def test_database_author_in_surname_first_form() -> None:
    lines = [ln.replace("AuthorJo Bloggs", "AuthorBloggs, Jo") for ln in HEADER]
    m = parse_front(lines).metadata
    assert (m.title, m.subtitle, m.authors) == ("A Title", "And Its Subtitle", ["Jo Bloggs"])
