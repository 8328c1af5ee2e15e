"""Errors a person can act on: each names a file and line, and says what to change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


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
