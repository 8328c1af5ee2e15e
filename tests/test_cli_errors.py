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
WHOLE = None  # as "old text": the new text replaces the whole file

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
        'lang, gloss',
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
        INTRO, "    id: second-treaty\n",
        "    id: second-treaty\n    gloss: The second treaty, signed with a distant power in the "
        "same year\n", [],
        "{notes}/annotations/introduction.yml:13: intro-1 note 2: gloss: the gloss has 63 "
        "characters; at most 60 fit (got 'The second treaty, signed with a distant power in the "
        "same year')",
        id="gloss-too-long",
    ),
    pytest.param(
        INTRO, "    id: second-treaty\n",
        "    id: second-treaty\n    gloss: |\n      Two\n      lines\n", [],
        "{notes}/annotations/introduction.yml:13: intro-1 note 2: gloss: the gloss is more than "
        "one line; the margin gives it one (got 'Two\\nlines\\n')",
        id="gloss-two-lines",
    ),
    pytest.param(
        INTRO, "    id: second-treaty\n", '    id: second-treaty\n    gloss: " "\n', [],
        "{notes}/annotations/introduction.yml:13: intro-1 note 2: gloss: the gloss is empty; "
        "leave it out to show the body's first words",
        id="gloss-empty",
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
    # --- every notes file: closed schemas, exact lines, duplicate keys ---
    pytest.param(
        "notes/glossary.yml", "  related: [hedging]\n  sources: [walt-1987]",
        "  related: [hedging]\n  sources: [walt-1987]\nhedging:\n  term: Again", [],
        '{notes}/glossary.yml:18: duplicate key "hedging" (first at line 1); keep one',
        id="duplicate-key",
    ),
    pytest.param(
        INTRO, "intro-2:", "intro-1:", [],
        '{notes}/annotations/introduction.yml:23: duplicate key "intro-1" (first at line 2); '
        "keep one",
        id="duplicate-paragraph",
    ),
    pytest.param(
        INTRO, "    id: hedge", '    id: second treaty"x', [],
        '{notes}/annotations/introduction.yml:25: intro-2 note 1: id: "second treaty"x" is not a '
        'valid id: use only lower-case letters a-z, digits and single hyphens (for example '
        '"second-treaty-x")',
        id="id-not-a-slug",
    ),
    pytest.param(
        "notes/glossary.yml", "balance-of-threat:", "Balance of threat:", [],
        '{notes}/glossary.yml:10: "Balance of threat" is not a valid id: use only lower-case '
        'letters a-z, digits and single hyphens (for example "balance-of-threat")',
        id="key-not-a-slug",
    ),
    pytest.param(
        "notes/glossary.yml", WHOLE, "- term: Hedging\n  definition: Keeping options open.\n", [],
        "{notes}/glossary.yml:1: expected entries keyed by id (hedging: …), got a list",
        id="glossary-as-a-list",
    ),
    pytest.param(
        "notes/study.yml", WHOLE, "- What did Upriver sign?\n", [],
        "{notes}/study.yml:1: expected keys (before_you_read, pages), got a list",
        id="study-guide-as-a-list",
    ),
    pytest.param(
        "notes/article.yml", WHOLE, "", [],
        "{notes}/article.yml:1: expected keys (metadata, parts), got nothing",
        id="empty-structure-map",
    ),
    pytest.param(
        "notes/annotations/rivers.yml", WHOLE, "- phrase: the dry summer of 1998\n", [],
        "{notes}/annotations/rivers.yml:1: expected paragraph ids, each with a list of notes; "
        "got a list",
        id="annotations-as-a-list",
    ),
    pytest.param(
        "notes/annotations/rivers.yml", WHOLE, "rivers-1:\n  phrase: the dry summer of 1998\n", [],
        '{notes}/annotations/rivers.yml:1: "rivers-1" must hold a list of notes; got keys',
        id="paragraph-without-a-list",
    ),
    pytest.param(
        "notes/people.yml", WHOLE, b"upriver:\n  name: Upr\xe9ver\n", [],
        "{notes}/people.yml:2:12: not UTF-8 text; save the file as UTF-8",
        id="not-utf-8",
    ),
    pytest.param(
        "notes/study.yml", "level: recall", "levl: recall", [],
        '{notes}/study.yml:6: pages.0.questions.0: unknown key "levl" (did you mean "level"?); '
        "allowed: question, level, passages",
        id="unknown-key-deep-inside",
    ),
    pytest.param(
        "notes/study.yml", "passages: [second-bargain]", "passages: [second-bargin]", [],
        '{notes}/study.yml:10: unknown passage "second-bargin" (did you mean "second-bargain"?)',
        id="unknown-passage",
    ),
    pytest.param(
        "notes/study.yml", "part: introduction", "part: intro", [],
        '{notes}/study.yml:3: unknown part "intro"',
        id="unknown-part",
    ),
    pytest.param(
        "notes/glossary.yml", "  related: [hedging]", "  related: [hedgin]", [],
        '{notes}/glossary.yml:16: unknown glossary term "hedgin" (did you mean "hedging"?)',
        id="unknown-related-term",
    ),
    pytest.param(
        "notes/people.yml", "notes: [water-treaty]", "notes: [water-treat]", [],
        '{notes}/people.yml:6: unknown note id "water-treat" (did you mean "water-treaty"?)',
        id="unknown-note-id",
    ),
    pytest.param(
        "notes/references.yml", "  title: The Origins of Alliances",
        "  titel: The Origins of Alliances", [],
        '{notes}/references.yml:16: walt-1987: unknown key "titel" (did you mean "title"?); '
        "notes/README.md lists the keys allowed",
        id="unknown-csl-variable",
    ),
    pytest.param(
        "notes/references.yml", "  type: book", "  type: bok", [],
        '{notes}/references.yml:15: walt-1987: type: "bok" is not a CSL item type (did you mean '
        '"book"?)',
        id="unknown-csl-type",
    ),
    pytest.param(
        "notes/references.yml", "  issued: 1987", "  issued: true", [],
        "{notes}/references.yml:22: walt-1987: issued: True is not a date: write 2007, 2007-06 "
        "or 2007-06-01",
        id="not-a-date-in-a-reference",
    ),
    pytest.param(
        "notes/timeline.yml", 'date: "1998"', "date: 1998-13-45", [],
        "{notes}/timeline.yml:5: entry 2: date: 1998-13-45 is not a real date (YYYY, YYYY-MM or "
        "YYYY-MM-DD)",
        id="impossible-date",
    ),
    pytest.param(
        "notes/people.yml", "kind: place", "kind: country", [],
        "{notes}/people.yml:3: upriver: kind: Input should be 'person', 'organisation' or 'place' "
        "(got 'country')",
        id="not-one-of-the-choices",
    ),
    pytest.param(
        "notes/article.yml", "        lang: uz", "        lang: Uzbek", [],
        '{notes}/article.yml:34: parts.0.blocks.2.lang: "Uzbek" is not a language code; write a '
        'short code such as "uz"',
        id="not-a-language-code",
    ),
    pytest.param(
        "notes/references.yml", "- id: walt-1987\n", "- id: example-2001\n", [],
        '{notes}/references.yml:14: duplicate reference id "example-2001" (first at line 2)',
        id="duplicate-reference",
    ),
    pytest.param(
        "notes/article.yml", "  bib_key: example-2001", "  bib_key: example-2010", [],
        '{notes}/article.yml:15: unknown bibliography key "example-2010" (did you mean '
        '"example-2001"?)',
        id="unknown-bib-key",
    ),
    pytest.param(
        "notes/glossary.yml", "  definition:", "  meaning:", [],
        '{notes}/glossary.yml:4: hedging: unknown key "meaning"; allowed: term, aliases, '
        "definition, authors, works, application, related, sources",
        id="unknown-key-no-suggestion",
    ),
    # --- links in bodies, whatever their Markdown form ---
    pytest.param(
        "notes/study.yml", "[bargain](glossary:hedging)", "[bargain](glossary:hedgin)", [],
        '{notes}/study.yml:8: broken link "glossary:hedgin" (did you mean "glossary:hedging"?)',
        id="broken-link-in-a-study-question",
    ),
    pytest.param(
        INTRO, "body: The core of [hedging](glossary:hedging).",
        'body: "The core of [hedging][h].\\n\\n[h]: glossary:hedgin"', [],
        '{notes}/annotations/introduction.yml:31: broken link "glossary:hedgin" (did you mean '
        '"glossary:hedging"?)',
        id="broken-reference-style-link",
    ),
    pytest.param(
        INTRO, "body: The core of [hedging](glossary:hedging).",
        "body: The core of <a href='glossary:hedgin'>hedging</a>.", [],
        '{notes}/annotations/introduction.yml:31: broken link "glossary:hedgin" (did you mean '
        '"glossary:hedging"?)',
        id="broken-raw-html-link",
    ),
    pytest.param(
        "article.txt", "DOI10.5555/fixture.2001.001", "DOI10.5555/other.1999.002", [],
        "{root}/article.txt: this is not the article the notes describe: its DOI is "
        "10.5555/other.1999.002, {notes}/article.yml expects 10.5555/fixture.2001.001",
        id="not-this-article",
    ),
    pytest.param(
        "article.txt", "In the spring of 1999, the", "During the spring of 1999, the", [],
        '{notes}/article.yml:42: {root}/article.txt does not match this structure map: block '
        '"intro-1" (locator not found before line 33); check this locator',
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
        '{docs}/index.md:4: broken link "glossary.md#hedgehog": glossary.md has no anchor '
        '"#hedgehog"',
        id="broken-anchor",
    ),
    pytest.param(
        "docs/index.md", "A small site", "[up](#nowhere) A small site", [],
        '{docs}/index.md:3: broken link "#nowhere": index.md has no anchor "#nowhere"',
        id="broken-anchor-on-the-same-page",
    ),
    # The note record (notes/anchors.lock.json): stale in a build with the text; a phrase or
    # its placing changed since the last check, in a build without it.
    pytest.param(
        INTRO, "  - phrase: a distant power.", "  - phrase: with a distant power.", [],
        "{notes}/annotations/introduction.yml:11: {notes}/anchors.lock.json is stale for note "
        '"second-treaty": its phrase and its place (intro-1 152–168, p. 101 → intro-1 147–168, '
        "p. 101) changed; run `scripts/build.py record --source PATH` and commit "
        "{notes}/anchors.lock.json",
        id="record-stale",
    ),
    pytest.param(
        INTRO, "    id: hedge\n", "    id: hedge-short\n", [],
        '{notes}/annotations/introduction.yml:24: note "hedge-short" is not in '
        "{notes}/anchors.lock.json yet; run `scripts/build.py record --source PATH` and commit "
        "{notes}/anchors.lock.json\n"
        '{notes}/anchors.lock.json:6: {notes}/anchors.lock.json records note "hedge", which no '
        "notes file has any more; run `scripts/build.py record --source PATH` and commit "
        "{notes}/anchors.lock.json",
        id="record-renamed-note",
    ),
    pytest.param(
        INTRO, "  - phrase: a distant power.", "  - phrase: a distant powr.",
        ["--edition", "companion"],
        '{notes}/annotations/introduction.yml:11: phrase "a distant powr." changed since it was '
        "last checked against the article ({notes}/anchors.lock.json); check it against your "
        "copy, then run `scripts/build.py record --source PATH`",
        id="record-phrase-changed-without-the-text",
    ),
    pytest.param(
        INTRO, "    before: treaty was", "    before: the treaty was", ["--edition", "companion"],
        '{notes}/annotations/introduction.yml:39: note "second-bargain": its paragraph, before, '
        "after or occurrence changed since it was last checked against the article "
        "({notes}/anchors.lock.json); check it against your copy, then run "
        "`scripts/build.py record --source PATH`",
        id="record-placing-changed-without-the-text",
    ),
    pytest.param(
        "notes/anchors.lock.json", '"format": 1', '"format": 1,', ["--edition", "companion"],
        "{notes}/anchors.lock.json:1:49: not valid JSON: Expecting property name enclosed in "
        "double quotes",
        id="record-not-json",
    ),
    # A build for publishing (--publish, the Pages workflow's) refuses a placeholder address.
    pytest.param(
        None, None, "", ["--publish"],
        '{root}/mkdocs.yml:3: site_url "http://127.0.0.1:8000/test-reading/" is a local address: '
        "a build for publishing needs the published address; set SITE_URL (the Pages workflow "
        "takes it from actions/configure-pages' base_url)\n"
        "{root}/mkdocs.yml:42: repo_url is not set: a build for publishing needs the repository "
        "its edit links open; set REPO_URL (the Pages workflow takes it from GITHUB_REPOSITORY)",
        id="publish-without-an-address",
    ),
    pytest.param(
        "mkdocs.yml", "repo_url: !ENV REPO_URL", "repo_url: https://github.com/example/x",
        ["--publish"],
        '{root}/mkdocs.yml:3: site_url "http://127.0.0.1:8000/test-reading/" is a local address: '
        "a build for publishing needs the published address; set SITE_URL (the Pages workflow "
        "takes it from actions/configure-pages' base_url)\n"
        "{root}/mkdocs.yml:42: repo_url \"https://github.com/example/x\" is a placeholder "
        "(github.com/example): a build for publishing needs the repository its edit links open; "
        "set REPO_URL (the Pages workflow takes it from GITHUB_REPOSITORY)",
        id="publish-a-placeholder-repository",
    ),
    pytest.param(
        "mkdocs.yml",
        'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/test-reading/"]',
        "site_url: https://example.org/test-reading/",
        ["--publish"],
        '{root}/mkdocs.yml:3: site_url "https://example.org/test-reading/" is a placeholder (a '
        "reserved example name): a build for publishing needs the published address; set "
        "SITE_URL (the Pages workflow takes it from actions/configure-pages' base_url)\n"
        "{root}/mkdocs.yml:42: repo_url is not set: a build for publishing needs the repository "
        "its edit links open; set REPO_URL (the Pages workflow takes it from GITHUB_REPOSITORY)",
        id="publish-a-placeholder",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rel", "old", "new", "extra", "expected"), CASES)
def test_error_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    rel: str | None,
    old: str | None,
    new: str | bytes,
    extra: list[str],
    expected: str,
) -> None:
    for name in ("ARTICLE_SOURCE", "SITE_URL", "REPO_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")
    site = copy_fixture(tmp_path / "s")
    if rel and old is WHOLE:
        path = site.root / rel
        path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
    elif rel:
        site.edit(rel, old, new)
    fill = {"notes": site.notes, "docs": site.docs, "root": site.root}
    args = [a.format(**fill) for a in extra]
    assert site.build(*args, source=not extra) == 1
    err = capsys.readouterr().err.splitlines()
    errors = [ln for ln in err if ln.startswith("error: ")]
    assert errors == ["error: " + line for line in expected.format(**fill).splitlines()]
    failed = next(ln for ln in err if ln.startswith("build failed"))
    count = "1 problem" if len(errors) == 1 else f"{len(errors)} problems"
    assert failed.startswith(f"build failed ({count}); ")


def guide_list() -> str:
    """The error list notes/README.md shows instructors: every case above about notes/."""
    from fault_catalogue import FAULTS  # the fault catalogue's rows about notes/ too

    rows = [(case.id, case.values[-1]) for case in CASES]
    rows += [(f.id, f.expected) for f in FAULTS if f.code == 1]
    out = []
    for name, expected in rows:
        if isinstance(expected, str) and expected.startswith("{notes}/"):
            out.append(f"# {name.replace('-', ' ')}")
            out += [
                f"error: {ln}"
                for ln in expected.format(notes="notes", root="source", docs="docs").splitlines()
            ]
    return "\n".join(out)


def test_the_guide_lists_every_message_exactly() -> None:
    guide = (Path(__file__).resolve().parent.parent / "notes" / "README.md").read_text("utf-8")
    block = guide.split(GUIDE_MARK, 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    assert block == guide_list(), "paste guide_list() into notes/README.md"


GUIDE_MARK = "<!-- every message, as tests/test_cli_errors.py pins it -->"
