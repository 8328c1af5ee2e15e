"""errors: problems and warnings, located and printed one line each."""

from __future__ import annotations

import pytest

from annotated.errors import Problem, counted, located_warning, warning


def test_a_problem_prints_file_line_column_and_message() -> None:
    assert str(Problem("notes/a.yml", "bad", 3, 7)) == "notes/a.yml:3:7: bad"
    assert str(warning("notes/a.yml", "odd", 3)) == "notes/a.yml:3: odd"
    assert str(warning("", "pdf.js is not installed")) == "pdf.js is not installed"
    assert warning("a", "b").severity == "warning" and Problem("a", "b").severity == "error"


AT = "source/a.txt"
MAP = "no structure map at notes/article.yml"


@pytest.mark.parametrize(
    ("text", "path", "line", "message"),
    [
        (f"{AT}:12: text before the first block kept", AT, 12, "text before the first block kept"),
        (f"{AT}: blocks not in this excerpt: x, y", AT, None, "blocks not in this excerpt: x, y"),
        (MAP, "", None, MAP),
    ],
)
def test_a_located_warning_keeps_its_file_and_line(
    text: str, path: str, line: int | None, message: str
) -> None:
    w = located_warning(text)
    assert (w.path, w.line, w.message, w.severity) == (path, line, message, "warning")
    assert str(w) == text


@pytest.mark.parametrize(("n", "text"), [(0, "0 problems"), (1, "1 problem"), (2, "2 problems")])
def test_counted(n: int, text: str) -> None:
    assert counted(n, "problem") == text
