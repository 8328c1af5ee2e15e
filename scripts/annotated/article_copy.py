"""The reader's own copy of the article: where it is, and whether it is the one the notes describe.

The copy is never in the repository (it is copyrighted): --source, $ARTICLE_SOURCE, or the
git-ignored source/article.txt. Without one the build makes the companion edition.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from annotated.article import Article
from annotated.errors import InputError, Problem, display_path
from annotated.notes import Notes

DEFAULT_SOURCE = Path("source/article.txt")
_NAMED_BLOCK = re.compile(r'block "([^"]+)"')


def find_source(given: Path | None) -> Path | None:
    """--source, else $ARTICLE_SOURCE, else the git-ignored source/article.txt when present."""
    if given is not None:
        path, how = given, "--source"
    elif os.environ.get("ARTICLE_SOURCE"):
        path, how = Path(os.environ["ARTICLE_SOURCE"]), "ARTICLE_SOURCE"
    elif DEFAULT_SOURCE.is_file():
        return DEFAULT_SOURCE
    else:
        return None
    if path.is_dir():
        msg = f"a folder, not the article's text (given by {how}); give the path of the text file"
        raise InputError(Problem(display_path(path), msg))
    if not path.is_file():
        msg = f"the article's text is not there (given by {how}); check the path"
        raise InputError(Problem(display_path(path), msg))
    return path


def check_source(article: Article, notes: Notes, shown: str) -> list[Problem]:
    """The text must be the article the notes describe: same DOI, every block found by its map."""
    facts = notes.structure.metadata
    the_map = display_path(notes.root / "article.yml")
    if article.metadata.doi and article.metadata.doi.lower() != facts.doi.lower():
        msg = (
            f"this is not the article the notes describe: its DOI is {article.metadata.doi}, "
            f"{the_map} expects {facts.doi}"
        )
        return [Problem(shown, msg)]
    if article.paragraphs_from != "structure-map":
        why = next((w for w in article.warnings if "map" in w or "locator" in w), "")
        why = why.removeprefix(f"{shown}: ").split("; paragraphs inferred")[0]
        block = _NAMED_BLOCK.search(why)
        if block and ("block", block[1], "locator") in notes.lines:
            # Name the locator's line: the map is what an instructor edits, the text is not.
            path, line = notes.lines[("block", block[1], "locator")]
            why = why.removeprefix("the structure map does not fit this text: ")
            msg = f"{shown} does not match this structure map: {why}; check this locator"
            return [Problem(path, msg, line)]
        msg = f"this text does not match {the_map}: {why or 'its blocks were not found'}"
        return [Problem(shown, msg)]
    expected = [b.id for b in notes.structure.blocks()]
    got = [b.id for b in article.blocks]
    missing = [b for b in expected if b not in got]
    if missing and got and expected[-len(missing) :] == missing:
        # Every block up to some point, none after it: the copy was cut short.
        last = article.blocks[-1]
        names = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
        verb = "are" if len(missing) > 1 else "is"
        msg = (
            f"the copy stops early, in {last.id} (page {last.pages[-1]}): {names} of "
            f"{the_map} {verb} not in it; give the whole excerpt"
        )
        return [Problem(shown, msg)]
    if missing:
        msg = f"this text does not match {the_map}: no {', '.join(missing)} (check the locators)"
        return [Problem(shown, msg)]
    return _page_turns(article, notes, shown, the_map)


def _page_turns(article: Article, notes: Notes, shown: str, the_map: str) -> list[Problem]:
    """A copy whose running heads are gone (re-typeset, or cleaned up by hand) has no page
    turns: every paragraph would be labelled with the first page, and every note's citation too."""
    expected = sorted({p for b in notes.structure.blocks() for p in b.pages})
    if len(expected) < 2 or any(b.page_breaks for b in article.blocks):
        return []
    msg = (
        "no page turns found: the running heads with page numbers are gone (a re-typeset or "
        f"cleaned-up copy?), so every page would be {article.pages[0] if article.pages else '?'}; "
        f"{the_map} expects pages {expected[0]}-{expected[-1]}; give the copy as the publisher "
        "or the PDF gives it"
    )
    return [Problem(shown, msg)]
