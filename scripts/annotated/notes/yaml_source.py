"""A YAML file read with a side table of lines: `key path -> line`, taken from libyaml's nodes.

The data stays exactly what YAML gives (no bookkeeping keys mixed into it); the table answers
"where was pages.0.questions.1.level written?". A key written twice in one mapping is an error
naming both lines: PyYAML would silently keep the last one and lose the first entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from annotated.errors import InputError, Problem, display_path

Loc = tuple[str | int, ...]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml
    """The safe loader, with dates kept as the text they were written as."""


# 2005-11-14 stays text: the models want ISO text, and an impossible date (2005-13-45) must be a
# clear message, not a crash inside the YAML reader.
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@dataclass(frozen=True)
class Document:
    """One YAML file: its data and the line of every key (mapping) or item (sequence) in it."""

    path: str  # as shown in messages
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, *loc: str | int) -> int:
        """The line of the innermost key on `loc` that was written (the file's first line else)."""
        for n in range(len(loc), -1, -1):
            if loc[:n] in self.lines:
                return self.lines[loc[:n]]
        return 1


def _table(loader: Any, node: yaml.Node, loc: Loc, lines: dict[Loc, int], dups: list) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            key = loader.construct_object(key_node, deep=True)
            here = key_node.start_mark.line + 1
            if not isinstance(key, str | int):
                continue  # a null, float or complex key: the models refuse it with its line
            if (*loc, key) in lines:
                dups.append((key, lines[(*loc, key)], here))
                continue
            lines[(*loc, key)] = here
            _table(loader, value, (*loc, key), lines, dups)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*loc, i)] = item.start_mark.line + 1
            _table(loader, item, (*loc, i), lines, dups)


def parse_yaml(text: str, shown: str) -> Document:
    """YAML text -> Document; syntax errors and duplicate keys raise InputError (file:line)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(shown, None)
        lines: dict[Loc, int] = {(): node.start_mark.line + 1}
        dups: list[tuple[Any, int, int]] = []
        _table(loader, node, (), lines, dups)
        if dups:
            raise InputError(
                [
                    Problem(shown, f'duplicate key "{k}" (first at line {first}); keep one', line)
                    for k, first, line in dups
                ]
            )
        return Document(shown, loader.construct_document(node), lines)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = (e.problem or e.context or "YAML syntax error").strip()
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError(Problem(shown, f"YAML syntax error: {what}", line, col)) from None
    except yaml.YAMLError as e:  # a reader error (a control character) has no problem_mark
        raise InputError(Problem(shown, f"YAML syntax error: {e}")) from None
    finally:
        loader.dispose()


def read_yaml(path: Path) -> Document:
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(shown, "file not found")) from None
    except IsADirectoryError:
        raise InputError(Problem(shown, "a folder, not a YAML file")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        msg = "not UTF-8 text; save the file as UTF-8"
        raise InputError(Problem(shown, msg, line, column)) from None
    return parse_yaml(text, shown)
