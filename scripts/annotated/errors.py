"""Errors and warnings a person can act on: each names a file and line, and says what to change."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can.

    An error stops the build; a warning is printed and counted (the build's summary line), and
    `scripts/build.py check` fails on the content checks' warnings. A problem of no file (a tool
    missing, say) has the path "" and prints as its message alone.
    """

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        if not self.path:
            return self.message
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


def warning(path: str, message: str, line: int | None = None) -> Problem:
    return Problem(path, message, line, severity="warning")


_LOCATED = re.compile(r"(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<message>.+)", re.DOTALL)


def located_warning(text: str) -> Problem:
    """A warning written as `file[:line]: message` (ingestion's, whose text the browser's port
    shares through tests/vectors/), as a Problem; one with no file keeps its text as message."""
    m = _LOCATED.fullmatch(text)
    if m is None:
        return warning("", text)
    line = m["line"]
    return warning(m["path"], m["message"], int(line) if line else None)


def counted(n: int, noun: str) -> str:
    """`1 problem`, `2 problems`."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


class InputError(Exception):
    """Bad input (exit code 1). Carries one or more problems, printed one per line."""

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command was called wrongly (exit code 2)."""


def display_path(path: str | Path) -> str:
    """A path as a person would type it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # outside the cwd, or a symbolic-link loop
        return str(p)


def nearest_name(word: str, choices: list[str]) -> str | None:
    """The choice a person most likely meant by `word`, when one is close enough to say so.

    Plain edit similarity (rapidfuzz's ratio, case-folded) at 70: `knd` -> `kind`, `hedgin` ->
    `hedging`, but nothing for `a` or `bargain`, where any "suggestion" would only mislead.
    """
    from rapidfuzz import fuzz, process, utils

    best = process.extractOne(
        word, choices, scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=70
    )
    return best[0] if best else None
