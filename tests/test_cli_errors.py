"""The exact text of every error a person can cause: one line each, file:line, exit 1.

Each case breaks a private copy of the invented fixture site in one way and pins the whole line.
{notes}, {docs}, {root} stand for the copy's folders.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated import article_copy
from site_helpers import copy_fixture

INTRO = "notes/annotations/introduction.yml"

# (file to edit, old text, new text, extra CLI args, the exact error line(s))
CASES = [
    pytest.param(
        INTRO, "  - phrase: a bargain\n    after", "  - phrase: a bargain\n   after", [],
        "{notes}/annotations/introduction.yml:35:4: YAML syntax error: did not find expected '-' "
        "indicator",
        id="yaml-syntax",
    ),
    pytest.param(
        INTRO, "    kind: event\n    occurrence: 1", "    knd: event\n    occurrence: 1", [],
        '{notes}/annotations/introduction.yml:4: intro-1 note 1: unknown key "knd" (did you mean '
        '"kind"?); allowed: phrase, kind, body, sources, glossary, before, after, occurrence, id, '
        'lang',
        id="unknown-key",
    ),
    pytest.param(
        INTRO, "  - phrase: water treaty", "  - quote: water treaty", [],
        '{notes}/annotations/introduction.yml:3: intro-1 note 1: key "quote" was renamed to '
        '"phrase"',
        id="renamed-key",
    ),
    pytest.param(
        "notes/annotations/rivers.yml", "    sources: [example-2001]\n", "", [],
        '{notes}/annotations/rivers.yml:3: rivers-1 note 1: missing field "sources"',
        id="missing-field",
    ),
    pytest.param(
        INTRO, "    id: second-treaty", "    id: water-treaty", [],
        '{notes}/annotations/introduction.yml:12: duplicate note id "water-treaty" (first at '
        '{notes}/annotations/introduction.yml:3); give one of them an "id"',
        id="duplicate-id",
    ),
    pytest.param(
        INTRO, "glossary: [balance-of-threat]", "glossary: [balance-of-threats]", [],
        '{notes}/annotations/introduction.yml:21: unknown glossary term "balance-of-threats" '
        '(did you mean "balance-of-threat"?)',
        id="unknown-glossary-term",
    ),
    pytest.param(
        INTRO, "sources: [walt-1987]\n    glossary", "sources: [walt-1978]\n    glossary", [],
        '{notes}/annotations/introduction.yml:20: unknown bibliography key "walt-1978" '
        '(did you mean "walt-1987"?)',
        id="unknown-bibliography-key",
    ),
    pytest.param(
        INTRO, "phrase: a distant power.", "phrase: a distant powder.", [],
        '{notes}/annotations/introduction.yml:11: phrase "a distant powder." not found in '
        'intro-1; nearest (0.97): "a distant power."',
        id="phrase-not-found",
    ),
    pytest.param(
        INTRO, '    after: ", and"\n', "", [],
        '{notes}/annotations/introduction.yml:34: ambiguous phrase "a bargain": 2 occurrences in '
        "intro-2: (1) …treaty was therefore [a bargain], and the…, (2) …second treaty was "
        '[a bargain] too.…; add "before", "after" or "occurrence"',
        id="ambiguous-phrase",
    ),
    pytest.param(
        INTRO, "phrase: a distant power.", "phrase: military one. The argument", [],
        '{notes}/annotations/introduction.yml:11: phrase "military one. The argument" crosses '
        "from paragraph intro-1 into intro-2; a phrase must stay inside one paragraph",
        id="phrase-crosses-paragraph",
    ),
    pytest.param(
        INTRO, "    occurrence: 1", "    occurrence: 3", [],
        '{notes}/annotations/introduction.yml:3: phrase "water treaty" has occurrence: 3, but '
        "occurs only 2 time(s) in intro-1",
        id="occurrence-too-large",
    ),
    pytest.param(
        INTRO, 'body: The second treaty, signed with a power far away; see [page 102](page:102).',
        'body: ""', [],
        "{notes}/annotations/introduction.yml:14: intro-1 note 2: body: the note's "
        "body is empty",
        id="empty-body",
    ),
    pytest.param(
        INTRO, "intro-2:", "intro-3:", [],
        '{notes}/annotations/introduction.yml:23: unknown paragraph "intro-3" (did you mean '
        '"intro-1"?)',
        id="unknown-paragraph",
    ),
    pytest.param(
        INTRO, "(glossary:hedging)", "(glossary:hedgin)", [],
        '{notes}/annotations/introduction.yml:31: broken link "glossary:hedgin" (did you mean '
        '"glossary:hedging"?)',
        id="broken-scheme-link",
    ),
    pytest.param(
        "notes/article.yml", "both treaties were bargains.",
        "both treaties were [bargains](glossary:bargain).", [],
        '{notes}/article.yml:48: broken link "glossary:bargain"',
        id="broken-link-in-a-summary",
    ),
    pytest.param(
        "notes/annotations/rivers.yml", "rivers-1:\n  - phrase: the dry summer of 1998",
        "rivers-heading:\n  - phrase: Its Neighbours", [],
        "{notes}/annotations/rivers.yml:3: notes cannot be attached to the heading "
        "rivers-heading; attach it to the paragraph after it",
        id="note-on-a-heading",
    ),
    pytest.param(
        INTRO, "(ref:walt-1987)", "(walt.html)", [],
        '{notes}/annotations/introduction.yml:37: link "walt.html" is not allowed; use '
        "glossary:, note:, ref:, para:, page: or an https:// address",
        id="link-without-scheme",
    ),
    pytest.param(
        "article.txt", "DOI10.5555/fixture.2001.001", "DOI10.5555/other.1999.002", [],
        "{root}/article.txt: this is not the article the notes describe: its DOI is "
        "10.5555/other.1999.002, {notes}/article.yml expects 10.5555/fixture.2001.001",
        id="not-this-article",
    ),
    pytest.param(
        "article.txt", "In the spring of 1999, the", "During the spring of 1999, the", [],
        "{root}/article.txt: this text does not match {notes}/article.yml: the structure map "
        'does not fit this text: block "intro-1" (locator not found before line 33)',
        id="locators-do-not-match",
    ),
    pytest.param(
        None, "", "", ["--source", "{root}/missing.txt"],
        "{root}/missing.txt: the article's text is not there (given by --source); check the path",
        id="missing-source",
    ),
    pytest.param(
        "mkdocs.yml", "  - Glossary: glossary.md\n", "", [],
        "{root}/mkdocs.yml: pages missing from nav: glossary.md; add them to nav, or remove them",
        id="page-missing-from-nav",
    ),
    pytest.param(
        "mkdocs.yml", "  - Glossary: glossary.md", "  - Glossary: glossaries.md", [],
        "{root}/mkdocs.yml: pages missing from nav: glossary.md; add them to nav, or remove them\n"
        '{root}/mkdocs.yml: nav names "glossaries.md", which is neither a hand-written nor a '
        "generated page",
        id="nav-names-a-missing-page",
    ),
    pytest.param(
        "docs/index.md", "(glossary.md#hedging)", "(glossary.md#hedgehog)", [],
        '{docs}/index.md: broken link "glossary.md#hedgehog": glossary.md has no anchor '
        '"#hedgehog"',
        id="broken-anchor",
    ),
    pytest.param(
        "docs/index.md", "A small site", "[up](#nowhere) A small site", [],
        '{docs}/index.md: broken link "#nowhere": index.md has no anchor "#nowhere"',
        id="broken-anchor-on-the-same-page",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rel", "old", "new", "extra", "expected"), CASES)
def test_error_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    rel: str | None,
    old: str,
    new: str,
    extra: list[str],
    expected: str,
) -> None:
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")
    site = copy_fixture(tmp_path / "s")
    if rel:
        site.edit(rel, old, new)
    fill = {"notes": site.notes, "docs": site.docs, "root": site.root}
    args = [a.format(**fill) for a in extra]
    assert site.build(*args, source=not extra) == 1
    errors = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error: ")]
    assert errors == ["error: " + line for line in expected.format(**fill).splitlines()]
