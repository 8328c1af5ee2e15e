"""The hand-written pages (docs/*.md) checked for what MkDocs builds without a word: a
reference-style link or a footnote whose definition is missing prints as literal brackets."""

from __future__ import annotations

from pathlib import Path

from annotated.errors import Problem, display_path
from annotated.markdown_refs import undefined_references
from annotated.notes.yaml_source import read_bytes


def check_docs(docs: Path) -> list[Problem]:
    problems = []
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        shown = display_path(page)
        try:
            text = read_bytes(page, shown).decode("utf-8")
        except UnicodeDecodeError as e:
            msg = "not UTF-8 text; save the file as UTF-8"
            problems.append(Problem(shown, msg, text_line(page.read_bytes(), e.start)))
            continue
        problems += [Problem(shown, msg, line) for line, msg in undefined_references(text)]
    return problems


def text_line(raw: bytes, at: int) -> int:
    return raw.count(b"\n", 0, at) + 1
