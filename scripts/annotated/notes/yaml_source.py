"""A YAML file read with a side table of lines: `key path -> line`, taken from libyaml's nodes.

The data stays exactly what YAML gives (no bookkeeping keys mixed into it); the table answers
"where was pages.0.questions.1.level written?". A key written twice in one mapping is an error
naming both lines: PyYAML would silently keep the last one and lose the first entry.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from annotated import build_cache
from annotated.errors import InputError, Problem, display_path

Loc = tuple[str | int, ...]

# Limits where size is the mistake. The largest notes file here is 41 KB and a course fifty times
# this one stays under 2 MB; a file of 20 MB (a paste gone wrong, a log saved over it) would take
# minutes to build into a site of tens of MB, so it is refused at once, by its size.
MAX_BYTES = 5_000_000
# What the values may come to once YAML's aliases (*name) are expanded: an "alias bomb" of a few
# lines reaches billions. 200,000 is some fifty times the values of this site's largest file.
MAX_VALUES = 200_000


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


def expanded_size(node: yaml.Node, memo: dict[int, int] | None = None) -> int:
    """How many values `node` holds once every alias in it is expanded; linear in the file."""
    memo = {} if memo is None else memo
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = 1  # a node that holds itself (`&a [*a]`) counts once, not forever
    n = 1
    if isinstance(node, yaml.MappingNode):
        n += sum(expanded_size(k, memo) + expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        n += sum(expanded_size(item, memo) for item in node.value)
    memo[id(node)] = n
    return n


def _first_alias(node: yaml.Node) -> int:
    """The line of the first value written as an alias (a node met a second time)."""
    seen: set[int] = set()
    pending = [node]
    while pending:
        n = pending.pop(0)
        children = []
        if isinstance(n, yaml.MappingNode):
            children = [v for _, v in n.value]
        elif isinstance(n, yaml.SequenceNode):
            children = list(n.value)
        for child in children:
            if id(child) in seen:
                return n.start_mark.line + 1
            seen.add(id(child))
            pending.append(child)
    return node.start_mark.line + 1


def check_size(node: yaml.Node, shown: str) -> None:
    """Refuse what YAML's aliases would expand beyond MAX_VALUES, naming the first alias."""
    size = expanded_size(node)
    if size > MAX_VALUES:
        msg = (
            f"its aliases (*name) expand to {size:,} values, more than the {MAX_VALUES:,} "
            "allowed; write the values out instead of repeating aliases"
        )
        raise InputError(Problem(shown, msg, _first_alias(node)))


_QUOTED = "while scanning a quoted scalar"


def syntax_problem(e: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    """libyaml's error in an instructor's words, at the line to fix: where an unclosed quote was
    opened (not where the parser gave up), and a tab called a tab."""
    mark = e.problem_mark or e.context_mark
    what = (e.problem or e.context or "YAML syntax error").strip()
    if e.context == _QUOTED and e.context_mark is not None:
        m = e.context_mark
        msg = "a quoted value is never closed; close it with the same quote it opens with"
        return Problem(shown, f"YAML syntax error: {msg}", m.line + 1, m.column + 1)
    opened = _runaway_quote(text, mark.line if mark else None)
    if opened is not None:
        msg = "a quoted value is never closed; close it with the same quote it opens with"
        return Problem(shown, f"YAML syntax error: {msg}", opened[0], opened[1])
    if what.startswith("expected <block end>, but found"):
        what = "this line does not line up with the lines above it; check its indentation"
    if mark is not None:
        line = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent or "'\\t'" in what:
            at = indent.find("\t") + 1 if "\t" in indent else mark.column + 1
            msg = "a tab in the indentation; YAML indents with spaces only"
            return Problem(shown, f"YAML syntax error: {msg}", mark.line + 1, at)
    line_no, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Problem(shown, f"YAML syntax error: {what}", line_no, col)


_KEY_LINE = re.compile(r"^\s*-?\s*[\w-]+:(\s|$)", re.MULTILINE)


def _runaway_quote(text: str, error_line: int | None) -> tuple[int, int] | None:
    """Where a quoted value opened that ran on over later keys (its closing quote forgotten, so
    it ended at the next quote in the file and the parser failed there): (line, column)."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if error_line is not None and token.start_mark.line > error_line:
                return None
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                start, end = token.start_mark, token.end_mark
                if end.line > start.line and _KEY_LINE.search(text[start.index : end.index]):
                    return start.line + 1, start.column + 1
    except yaml.YAMLError:
        return None
    return None


def parse_yaml(text: str, shown: str) -> Document:
    """YAML text -> Document; syntax errors and duplicate keys raise InputError (file:line)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(shown, None)
        check_size(node, shown)
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
        raise InputError(syntax_problem(e, text, shown)) from None
    except yaml.YAMLError as e:  # a reader error (a control character) has no problem_mark
        raise InputError(Problem(shown, f"YAML syntax error: {e}")) from None
    finally:
        loader.dispose()


def read_bytes(path: Path, shown: str) -> bytes:
    """A file's bytes, or one line saying why it cannot be read and what to do."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            msg = (
                f"{size / 1e6:.1f} MB, more than the {MAX_BYTES // 1_000_000} MB a file here may "
                "hold; check that it is the file you meant, or split it"
            )
            raise InputError(Problem(shown, msg))
        return path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            msg = f"a symbolic link to {os.readlink(path)}, which does not exist; fix or remove it"
            raise InputError(Problem(shown, msg)) from None
        raise InputError(Problem(shown, "file not found")) from None
    except IsADirectoryError:
        raise InputError(Problem(shown, "a folder, not a YAML file")) from None
    except PermissionError:
        msg = "cannot be read (permission denied); make it readable (chmod a+r)"
        raise InputError(Problem(shown, msg)) from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            msg = "a symbolic link that leads back to itself (a loop); replace it with the file"
        else:
            msg = f"cannot be read: {e.strerror or e}"
        raise InputError(Problem(shown, msg)) from None


def read_yaml(path: Path, memo: ParseMemo | None = None) -> Document:
    """The file parsed (through `memo` when given: a file parsed before is not parsed again)."""
    shown = display_path(path)
    raw = read_bytes(path, shown)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        msg = "not UTF-8 text; save the file as UTF-8"
        raise InputError(Problem(shown, msg, line, column)) from None
    return memo.parse(raw, text, shown) if memo else parse_yaml(text, shown)


# What makes a parse: this module, PyYAML, and whether libyaml parsed it.
_MAKER = f"{build_cache.made_by([Path(__file__)], ['PyYAML'])}-{int(yaml.__with_libyaml__)}"


@dataclass
class ParseMemo(build_cache.Entries):
    """Files parsed by earlier builds (build/cache/yaml.json), by a digest of their bytes: a file
    not changed since is read back as JSON, several times faster than parsing its YAML again.
    Only what JSON gives back exactly is kept (no number or null as a key, no set or binary)."""

    # entries: a file's digest -> [data, lines] as JSON

    @classmethod
    def maker(cls) -> str:
        return _MAKER

    def parse(self, raw: bytes, text: str, shown: str) -> Document:
        key = hashlib.sha256(raw).hexdigest()
        self.used.add(key)
        kept = self.entries.get(key)
        if kept is not None:
            data, lines = json.loads(kept)
            return Document(shown, data, {tuple(loc): line for loc, line in lines})
        doc = parse_yaml(text, shown)
        as_json = _as_json(doc)
        if as_json is not None:
            self.entries[key] = as_json
        return doc


def _as_json(doc: Document) -> str | None:
    """The document's data and lines as JSON, when JSON gives them back exactly; else None."""
    lines = [[list(loc), line] for loc, line in doc.lines.items()]
    try:
        text = json.dumps([doc.data, lines], ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # a set, bytes, NaN...
        return None
    back = json.loads(text)
    return text if back == [doc.data, lines] and _same_keys(back[0], doc.data) else None


def _same_keys(a: Any, b: Any) -> bool:
    """`==` holds 1 == True == 1.0; JSON keeps those apart in values, but a key other than a string
    comes back as one. Checked by type along with the values' structure."""
    if isinstance(b, dict):
        return all(type(k) is str for k in b) and all(_same_keys(a[k], v) for k, v in b.items())
    if isinstance(b, list):
        return all(_same_keys(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b)
