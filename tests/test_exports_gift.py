"""The Moodle GIFT export, read back by a small GIFT reader written from Moodle's documentation
(docs.moodle.org "GIFT format") and its importer (question/format/gift/format.php): every study
question an essay, in its part's category, carrying its passage, page and level."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from annotated.exports import gift
from exports_helpers import project_files, project_notes

ESCAPES = {":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n", "\\": "\\"}


@dataclass
class GiftQuestion:
    category: str
    name: str
    text_format: str
    text: str
    answer: str  # what stands between the braces; "" is an essay
    id_number: str = ""
    tags: list[str] = field(default_factory=list)

    @property
    def qtype(self) -> str:
        return "essay" if self.answer.strip() == "" else "other"


def _unescape(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), "\\" + m.group(1)), s)


def _split_unescaped(s: str, sep: str) -> tuple[str, str, str]:
    """Partition at the first `sep` that is not escaped by a backslash."""
    i = 0
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s.startswith(sep, i):
            return s[:i], sep, s[i + len(sep) :]
        i += 1
    return s, "", ""


def read_gift(text: str) -> list[GiftQuestion]:
    """Blocks separated by blank lines; comment lines dropped (their [id:] and [tag:] kept)."""
    out: list[GiftQuestion] = []
    category = ""
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip("\n").splitlines()
        comments = " ".join(ln for ln in lines if ln.lstrip().startswith("//"))
        body = "\n".join(ln for ln in lines if not ln.lstrip().startswith("//")).strip()
        if not body:
            continue
        if body.startswith("$CATEGORY:"):
            category = body.removeprefix("$CATEGORY:").strip()
            continue
        name = ""
        if body.startswith("::"):
            name, sep, body = _split_unescaped(body[2:], "::")
            assert sep, f"unterminated question name in {block!r}"
        fmt = "moodle"
        m = re.match(r"\[(moodle|html|plain|markdown)\]", body)
        if m:
            fmt, body = m.group(1), body[m.end() :]
        before, brace, rest = _split_unescaped(body, "{")
        answer, close, after = _split_unescaped(rest, "}")
        assert brace and close and not after.strip(), f"no single answer block in {block!r}"
        ident = re.search(r"\[id:([^\]]+)\]", comments)
        out.append(
            GiftQuestion(
                category=category,
                name=_unescape(name),
                text_format=fmt,
                text=_unescape(before.strip()),
                answer=answer,
                id_number=ident.group(1) if ident else "",
                tags=re.findall(r"\[tag:([^\]]+)\]", comments),
            )
        )
    return out


def questions() -> list[GiftQuestion]:
    return read_gift(project_files()[gift.PATH].decode("utf-8"))


def test_every_study_question_is_an_essay_in_its_part() -> None:
    study = project_notes().study
    assert study is not None
    got = questions()
    assert len(got) == sum(len(p.questions) for p in study.pages)
    assert {q.qtype for q in got} == {"essay"}
    assert {q.text_format for q in got} == {"html"}
    titles = {p.id: p.title for p in project_notes().structure.parts}
    expected = [
        f"$course$/top/Matteo Fumagalli (2007)/{titles[p.part]}"
        for p in study.pages
        for _ in p.questions
    ]
    assert [q.category for q in got] == expected
    assert [q.tags[0] for q in got] == [q.level for p in study.pages for q in p.questions]
    assert len({q.id_number for q in got}) == len(got)


def test_each_question_carries_its_passage_page_and_level() -> None:
    first = questions()[0]
    assert first.name == "Title, abstract and epigraph, question 1 (recall)"
    assert first.text.endswith(
        '<p>Passage: <a href="https://example.org/annotated-reading/reading/front-matter/#abstract">'
        "Abstract</a> (p. 253). Level: Recall.</p>"
    )
    spanning = next(q for q in questions() if "Introduction, ¶ 1</a> (pp. 253–254)" in q.text)
    assert spanning.category.endswith("/Introduction")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a: b", "a\\: b"),
        ("x = {y}", "x \\= \\{y\\}"),
        ("~#", "\\~\\#"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
    ],
)
def test_escape_is_moodles_repchar(text: str, escaped: str) -> None:
    assert gift.escape(text) == escaped
    assert _unescape(escaped) == text


def test_category_names_hold_no_reserved_character() -> None:
    assert gift.category("Part 1: {Rivers} / Dams") == "Part 1 Rivers Dams"
