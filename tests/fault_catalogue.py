"""The fault catalogue: mistakes an instructor, a student or a publisher could make, one row each.

A row names the mistake, how it is planted into a private copy of tests/fixtures/site (an edit,
a whole file, or a few lines of Python for what is not text: a link loop, a file where a folder
should be), and the exact line(s) the build must print. tests/test_faults.py runs every row and
also checks the exit code, that no traceback is shown and that the previous site is untouched.

{notes}, {docs}, {root} and {out} stand for the copy's folders in expected lines. Rows of code 0
build successfully and must print their line(s) among the warnings ("warning: …") or the output.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field

from site_helpers import SiteCopy

Plant = Callable[[SiteCopy], list[str] | None]  # may return extra command-line arguments
INTRO = "notes/annotations/introduction.yml"


@dataclass(frozen=True)
class Fault:
    id: str
    area: str  # notes, pages, copy, config, filesystem
    plant: Plant
    expected: str  # the exact line(s); several lines separated by "\n"
    code: int = 1
    source: bool = True  # give the build the fixture's copy of the article (full edition)
    root_skips: bool = False  # permissions mean nothing to root: skipped when run as root
    marks: tuple[str, ...] = field(default=())


def edit(rel: str, old: str, new: str) -> Plant:
    def plant(site: SiteCopy) -> None:
        site.edit(rel, old, new)

    return plant


def write(rel: str, content: str | bytes) -> Plant:
    def plant(site: SiteCopy) -> None:
        path = site.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    return plant


def append(rel: str, text: str) -> Plant:
    def plant(site: SiteCopy) -> None:
        path = site.root / rel
        path.write_text(path.read_text("utf-8") + text, "utf-8")

    return plant


def args(*extra: str) -> Plant:
    def plant(site: SiteCopy) -> list[str]:
        fill = {"root": site.root, "out": site.out, "notes": site.notes}
        return [a.format(**fill) for a in extra]

    return plant


def symlink(rel: str, target: str) -> Plant:
    def plant(site: SiteCopy) -> None:
        path = site.root / rel
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(target, path)

    return plant


def both(*plants: Plant) -> Plant:
    def plant(site: SiteCopy) -> list[str]:
        extra: list[str] = []
        for p in plants:
            extra += p(site) or []
        return extra

    return plant


def cut_copy(after: str) -> Plant:
    """The copy stops right after the line that holds `after` (a copy cut short)."""

    def plant(site: SiteCopy) -> None:
        text = site.source.read_text("utf-8")
        end = text.index("\n", text.index(after))
        site.source.write_text(text[: end + 1], "utf-8")

    return plant


def strip_heads(site: SiteCopy) -> None:
    """The running heads taken out, as a re-typeset or cleaned-up copy has them."""
    lines = site.source.read_text("utf-8").split("\n")
    kept = [ln for ln in lines if ln != "102 Journal of Invented Studies 12(1)"]
    site.source.write_text("\n".join(kept), "utf-8")


def run_past(site: SiteCopy) -> None:
    """The copy goes on past the excerpt: pages 103-104 of a full article after the last block."""
    text = site.source.read_text("utf-8")
    more = (
        "lasted until the dry summer of 1998 made the water scarce and\n"
        "prices rose. The rulers then looked for a patron who would pay.\n"
        "Example: Rivers and Realignments 103\n"
        "A further paragraph of the full article begins here and goes on at length about\n"
        "matters that the notes never mention, page after page, to the very end.\n"
        "104 Journal of Invented Studies 12(1)\n"
        "And a fourth page of the same, which no note of this site describes at all.\n"
    )
    text = text.replace("lasted until the dry summer of 1998 made the water scarce and\n", more)
    site.source.write_text(text, "utf-8")


def out_is_file(site: SiteCopy) -> list[str]:
    site.root.joinpath("site.html").write_text("not a folder", "utf-8")
    return ["--out", str(site.root / "site.html")]


def out_parent_is_file(site: SiteCopy) -> list[str]:
    site.root.joinpath("parent").write_text("not a folder", "utf-8")
    return ["--out", str(site.root / "parent" / "site")]


def out_parent_read_only(site: SiteCopy) -> list[str]:
    ro = site.root / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    return ["--out", str(ro / "site")]


def report_read_only(site: SiteCopy) -> list[str]:
    ro = site.root / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    return ["--report", str(ro / "drift.json")]


def unreadable(rel: str) -> Plant:
    def plant(site: SiteCopy) -> None:
        (site.root / rel).chmod(0)

    return plant


def big_file(rel: str, megabytes: int) -> Plant:
    """A notes file of `megabytes` MB: valid YAML that repeats one note (a paste gone wrong)."""

    def plant(site: SiteCopy) -> None:
        note = "  - phrase: water treaty\n    kind: event\n    body: Again.\n    sources: [x]\n"
        count = megabytes * 1_000_000 // len(note) + 1
        (site.root / rel).write_text("intro-1:\n" + note * count, "utf-8")

    return plant


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [
        f"{k}: &{k} [{', '.join(['*' + p] * 9)}]"
        for p, k in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)
LONG_BODY = "A sentence that goes on. " * 2_000  # 50,000 characters

FAULTS: list[Fault] = [
    # --- notes: YAML the parser refuses, said where the instructor must look -------------------
    Fault("unclosed-quote", "notes",
          edit(INTRO, "phrase: a distant power.", 'phrase: "a distant power.'),
          "{notes}/annotations/introduction.yml:11:13: YAML syntax error: a quoted value is never "
          "closed; close it with the same quote it opens with"),
    Fault("unclosed-single-quote", "notes",
          edit("notes/glossary.yml", "  term: Hedging", "  term: 'Hedging"),
          "{notes}/glossary.yml:2:9: YAML syntax error: a quoted value is never closed; close it "
          "with the same quote it opens with"),
    Fault("tab-in-indentation", "notes",
          edit(INTRO, "    kind: event\n    occurrence: 1", "\tkind: event\n    occurrence: 1"),
          "{notes}/annotations/introduction.yml:4:1: YAML syntax error: a tab in the indentation; "
          "YAML indents with spaces only"),
    Fault("alias-bomb", "notes", write("notes/glossary.yml", ALIAS_BOMB),
          "{notes}/glossary.yml:2: its aliases (*name) expand to 490,329,064 values, more than "
          "the 200,000 allowed; write the values out instead of repeating aliases"),
    Fault("twenty-megabytes", "notes", big_file(INTRO, 20),
          "{notes}/annotations/introduction.yml: 20.0 MB, more than the 5 MB a file here may "
          "hold; check that it is the file you meant, or split it"),
    Fault("symlink-loop", "notes", symlink("notes/annotations/loop.yml", "loop.yml"),
          "{notes}/annotations/loop.yml: a symbolic link that leads back to itself (a loop); "
          "replace it with the file"),
    Fault("symlink-to-nothing", "notes", symlink("notes/annotations/gone.yml", "nowhere.yml"),
          "{notes}/annotations/gone.yml: a symbolic link to nowhere.yml, which does not exist; "
          "fix or remove it"),
    Fault("notes-file-unreadable", "notes", unreadable("notes/people.yml"),
          "{notes}/people.yml: cannot be read (permission denied); make it readable (chmod a+r)",
          root_skips=True),
    Fault("empty-notes-file", "notes", write(INTRO, ""),
          "{notes}/annotations/introduction.yml:1: the file is empty: no notes; write them under "
          "their paragraph ids (intro-1: …), or delete the file"),
    Fault("notes-file-of-comments", "notes", write(INTRO, "# to do\n# later\n"),
          "{notes}/annotations/introduction.yml:1: the file is empty: no notes; write them under "
          "their paragraph ids (intro-1: …), or delete the file"),
    Fault("annotations-is-a-file", "notes",
          both(symlink("notes/annotations", "../docs/index.md")),
          "{notes}/annotations: not a folder; notes/annotations/ holds one .yml file of notes "
          "per part"),
    Fault("structure-map-missing", "notes", lambda s: s.notes.joinpath("article.yml").unlink(),
          "{notes}/article.yml: file not found"),
    Fault("notes-folder-missing", "notes", args("--notes", "{root}/nowhere"),
          "{root}/nowhere: no notes folder here; give --notes the folder that holds article.yml"),
    Fault("utf-16-notes-file", "notes",
          write("notes/people.yml", "upriver:\n  name: Upriver\n".encode("utf-16")),
          "{notes}/people.yml:1:1: not UTF-8 text; save the file as UTF-8"),
    Fault("value-where-a-list-goes", "notes",
          edit(INTRO, "    sources: [example-2001, walt-1987]", "    sources: example-2001"),
          "{notes}/annotations/introduction.yml:10: intro-1 note 1: sources: Input should be a "
          "valid list (got 'example-2001')"),
    Fault("occurrence-zero", "notes", edit(INTRO, "    occurrence: 1", "    occurrence: 0"),
          "{notes}/annotations/introduction.yml:5: intro-1 note 1: occurrence: Input should be "
          "greater than or equal to 1 (got 0)"),
    Fault("empty-kind", "notes",
          edit(INTRO, "    kind: event\n    occurrence", "    kind:\n    occurrence"),
          "{notes}/annotations/introduction.yml:4: intro-1 note 1: kind: Input should be "
          "'theory', 'person', 'place', 'event', 'organisation', 'term' or 'question' (got None)"),
    Fault("no-passages", "notes",
          edit("notes/study.yml", "passages: [second-bargain]", "passages: []"),
          "{notes}/study.yml:10: pages.0.questions.1.passages: List should have at least 1 item "
          "after validation, not 0"),
    # --- notes: values that pass the schema but cannot be true --------------------------------
    Fault("day-that-does-not-exist", "notes",
          edit("notes/timeline.yml", 'date: "1998"', "date: 1998-02-30"),
          "{notes}/timeline.yml:5: entry 2: date: 1998-02-30 is not a real date (YYYY, YYYY-MM "
          "or YYYY-MM-DD)"),
    Fault("month-that-does-not-exist", "notes",
          edit("notes/timeline.yml", "end: 1999-11", "end: 1999-13"),
          "{notes}/timeline.yml:11: entry 3: end: 1999-13 is not a real date (YYYY, YYYY-MM or "
          "YYYY-MM-DD)"),
    Fault("ends-before-it-starts", "notes",
          edit("notes/timeline.yml", "end: 1999-11", "end: 1999-02"),
          "{notes}/timeline.yml:11: entry 3: end: 1999-02 is before the date 1999-04; it cannot "
          "end first"),
    Fault("ends-the-year-before", "notes",
          edit("notes/timeline.yml", "end: 1999-11", "end: 1998"),
          "{notes}/timeline.yml:11: entry 3: end: 1998 is before the date 1999-04; it cannot "
          "end first"),
    Fault("reference-without-title", "notes",
          edit("notes/references.yml", "  title: The Origins of Alliances\n", ""),
          '{notes}/references.yml:14: walt-1987: no title; add "title:" (a reference is cited '
          "and listed by its title)"),
    Fault("reference-with-blank-title", "notes",
          edit("notes/references.yml", "  title: The Origins of Alliances", '  title: " "'),
          '{notes}/references.yml:14: walt-1987: no title; add "title:" (a reference is cited '
          "and listed by its title)"),
    Fault("reference-day-that-does-not-exist", "notes",
          edit("notes/references.yml", "  issued: 2001-03-01", "  issued: 2001-02-30"),
          "{notes}/references.yml:2: example-2001: issued: 2001-02-30 is not a real date (YYYY, "
          "YYYY-MM or YYYY-MM-DD)"),
    Fault("reference-month-13-in-date-parts", "notes",
          edit("notes/references.yml", "  issued: 1987", "  issued:\n    date-parts: [[1987, 13]]"),
          "{notes}/references.yml:14: walt-1987: issued: 1987-13 is not a real date (YYYY, "
          "YYYY-MM or YYYY-MM-DD)"),
    Fault("related-to-itself", "notes",
          edit("notes/glossary.yml", "  related: [balance-of-threat]", "  related: [hedging]"),
          '{notes}/glossary.yml:8: hedging: related: "hedging" is the entry itself; list other '
          "glossary ids"),
    Fault("related-twice", "notes",
          edit("notes/glossary.yml", "  related: [balance-of-threat]",
               "  related: [balance-of-threat, balance-of-threat]"),
          '{notes}/glossary.yml:8: hedging: related: "balance-of-threat" is listed twice; keep '
          "one"),
    Fault("source-cited-twice", "notes",
          edit(INTRO, "sources: [example-2001, walt-1987]", "sources: [walt-1987, walt-1987]"),
          '{notes}/annotations/introduction.yml:10: intro-1 note: sources: "walt-1987" is listed '
          "twice; keep one"),
    # --- notes: Markdown that would not do what its author meant ------------------------------
    Fault("reference-link-without-definition", "notes",
          edit(INTRO, "body: The core of [hedging](glossary:hedging).",
               "body: The core of [hedging][hg]."),
          '{notes}/annotations/introduction.yml:31: reference link "[hedging][hg]" has no '
          'definition; add a line "[hg]: ADDRESS" or write the link inline, else it prints as '
          "literal brackets"),
    Fault("reference-link-label-mistyped", "notes",
          edit(INTRO, "body: The core of [hedging](glossary:hedging).",
               'body: "The core of [hedging][hedge].\\n\\n[hedges]: glossary:hedging"'),
          '{notes}/annotations/introduction.yml:31: reference link "[hedging][hedge]" has no '
          'definition (did you mean [hedges]?); add a line "[hedge]: ADDRESS" or write the link '
          "inline, else it prints as literal brackets"),
    Fault("collapsed-reference-without-definition", "notes",
          edit("notes/glossary.yml", "  definition: Keeping options open",
               "  definition: See [Hedging][] for keeping options open"),
          '{notes}/glossary.yml:4: reference link "[Hedging][]" has no definition; add a line '
          '"[Hedging]: ADDRESS" or write the link inline, else it prints as literal brackets'),
    Fault("body-far-too-long", "notes",
          edit(INTRO, "body: A shorter phrase inside the longer one.", f"body: {LONG_BODY}"),
          "{notes}/annotations/introduction.yml:27: intro-2 note hedge: body: 49,999 characters, "
          "more than the 10,000 one text here may hold; shorten it, or put the long text on a "
          "hand-written page and link to it"),
    Fault("definition-far-too-long", "notes",
          edit("notes/glossary.yml",
               "  definition: States balance against threats rather than against power alone.",
               f"  definition: {LONG_BODY}"),
          "{notes}/glossary.yml:12: balance-of-threat: definition: 49,999 characters, more than "
          "the 10,000 one text here may hold; shorten it, or put the long text on a hand-written "
          "page and link to it"),
    # --- hand-written pages ------------------------------------------------------------------
    Fault("page-link-to-missing-anchor-has-its-line", "pages",
          edit("docs/index.md", "(glossary.md#hedging)", "(glossary.md#hedgehog)"),
          '{docs}/index.md:4: broken link "glossary.md#hedgehog": glossary.md has no anchor '
          '"#hedgehog"'),
    Fault("page-link-to-missing-page", "pages",
          edit("docs/index.md", "(reading/introduction.md)", "(reading/intro.md)"),
          '{docs}/index.md:3: broken link "reading/intro.md": no such page'),
    Fault("page-reference-link-without-definition", "pages",
          append("docs/index.md", "\nRead the [timeline][tl] first.\n"),
          '{docs}/index.md:6: reference link "[timeline][tl]" has no definition; add a line '
          '"[tl]: ADDRESS" or write the link inline, else it prints as literal brackets'),
    Fault("page-footnote-without-text", "pages",
          append("docs/index.md", "\nThe rivers are invented.[^1]\n"),
          '{docs}/index.md:6: footnote "[^1]" has no text; add a line "[^1]: …" at the end of '
          "the page, else it prints as literal brackets"),
    Fault("page-reference-in-code-is-fine-but-page-missing-from-nav", "pages",
          write("docs/extra.md", "# Extra\n\n`[not][a link]`\n"),
          "{root}/mkdocs.yml: pages missing from nav: extra.md; add them to nav, or remove them"),
    Fault("page-not-utf-8", "pages", write("docs/index.md", b"# Test\n\nR\xe9sum\xe9\n"),
          "{docs}/index.md:3: not UTF-8 text; save the file as UTF-8"),
    Fault("page-symlink-loop", "pages", symlink("docs/loop.md", "loop.md"),
          "{docs}/loop.md: a symbolic link that leads back to itself (a loop); replace it with "
          "the file"),
    Fault("page-twenty-megabytes", "pages", write("docs/big.md", "word " * 4_000_000),
          "{docs}/big.md: 20.0 MB, more than the 5 MB a file here may hold; check that it is "
          "the file you meant, or split it"),
    # --- the copy of the article given to the build ------------------------------------------
    Fault("copy-cut-short", "copy", cut_copy("signed a water"),
          "{root}/article.txt: the copy stops early, in intro-1 (page 101): intro-2, "
          "rivers-heading and rivers-1 of {notes}/article.yml are not in it; give the whole "
          "excerpt"),
    Fault("copy-cut-after-a-paragraph", "copy", cut_copy("was a bargain too."),
          "{root}/article.txt: the copy stops early, in intro-2 (page 102): rivers-heading and "
          "rivers-1 of {notes}/article.yml are not in it; give the whole excerpt"),
    Fault("copy-running-heads-stripped", "copy", strip_heads,
          "{root}/article.txt: no page turns found: the running heads with page numbers are gone "
          "(a re-typeset or cleaned-up copy?), so every page would be 101; "
          "{notes}/article.yml expects pages 101-102; give the copy as the publisher or the PDF "
          "gives it"),
    Fault("copy-runs-past-the-excerpt", "copy", run_past,
          "warning: {root}/article.txt: the copy runs on past the excerpt (pages 103-104, after "
          "rivers-1); that text was left out", code=0),
    Fault("copy-empty", "copy", write("article.txt", ""),
          "{root}/article.txt: file is empty; expected the text of an article excerpt"),
    Fault("copy-binary", "copy", write("article.txt", b"%PDF-1.7\n\x00\x01binary"),
          "{root}/article.txt: binary file (NUL byte at byte 9); expected plain text copied "
          "from the article (save it as a .txt file in UTF-8)"),
    Fault("copy-utf-16", "copy", write("article.txt", "Rivers".encode("utf-16")),
          "{root}/article.txt: UTF-16 text (it starts with a UTF-16 byte-order mark); re-save it "
          "as UTF-8"),
    Fault("copy-is-a-folder", "copy", both(args("--source", "{notes}")),
          "{notes}: a folder, not the article's text (given by --source); give the path of the "
          "text file"),
    Fault("copy-of-another-article", "copy",
          edit("article.txt", "DOI10.5555/fixture.2001.001", "DOI10.5555/other.1999.002"),
          "{root}/article.txt: this is not the article the notes describe: its DOI is "
          "10.5555/other.1999.002, {notes}/article.yml expects 10.5555/fixture.2001.001"),
    # --- configuration (mkdocs.yml) ---------------------------------------------------------
    Fault("config-yaml-syntax", "config",
          edit("mkdocs.yml", "  name: material", "  name: material\n font: false"),
          "{root}/mkdocs.yml:14:2: YAML syntax error: this line does not line up with the lines "
          "above it; check its indentation"),
    Fault("config-unclosed-quote", "config",
          edit("mkdocs.yml", 'Example (2001)"', "Example (2001)"),
          "{root}/mkdocs.yml:2:12: YAML syntax error: a quoted value is never closed; close it "
          "with the same quote it opens with"),
    Fault("config-tab", "config", edit("mkdocs.yml", "  name: material", "\tname: material"),
          "{root}/mkdocs.yml:13:1: YAML syntax error: a tab in the indentation; YAML indents "
          "with spaces only"),
    Fault("config-alias-bomb", "config", append("mkdocs.yml", "extra:\n" + "".join(
              "  " + line + "\n" for line in ALIAS_BOMB.splitlines())),
          "{root}/mkdocs.yml:46: its aliases (*name) expand to 490,329,152 values, more than the "
          "200,000 allowed; write the values out instead of repeating aliases"),
    Fault("config-missing", "config", args("--config", "{root}/nowhere.yml"),
          "{root}/nowhere.yml: file not found"),
    Fault("config-is-a-list", "config", write("mkdocs.yml", "- site_name: x\n"),
          "{root}/mkdocs.yml:1: expected MkDocs settings (site_name: …, nav: …), got a list"),
    Fault("unknown-material-feature", "config",
          edit("mkdocs.yml", "  font: false", "  font: false\n  features:\n    - navigation.tab"),
          '{root}/mkdocs.yml:16: theme.features: "navigation.tab" is not a feature of Material '
          'for MkDocs (did you mean "navigation.tabs"?); Material would drop it without a word'),
    Fault("unknown-material-feature-no-suggestion", "config",
          edit("mkdocs.yml", "  font: false", "  font: false\n  features:\n    - sparkles"),
          '{root}/mkdocs.yml:16: theme.features: "sparkles" is not a feature of Material for '
          "MkDocs; Material would drop it without a word"),
    Fault("plugin-not-installed", "config", edit("mkdocs.yml", "  - search", "  - serch"),
          "{root}/mkdocs.yml:27: plugins: The \"serch\" plugin is not installed"),
    Fault("markdown-extension-unknown", "config", edit("mkdocs.yml", "  - abbr", "  - abbrv"),
          "{root}/mkdocs.yml:15: markdown_extensions: Failed to load extension 'abbrv'."),
    Fault("theme-unknown", "config", edit("mkdocs.yml", "  name: material", "  name: materal"),
          '{root}/mkdocs.yml:13: theme: "materal" is not an installed theme (did you mean '
          '"material"?); installed: material, mkdocs, readthedocs'),
    Fault("theme-unknown-no-suggestion", "config",
          edit("mkdocs.yml", "  name: material", "  name: sparkles"),
          '{root}/mkdocs.yml:13: theme: "sparkles" is not an installed theme; installed: '
          "material, mkdocs, readthedocs"),
    # --- the filesystem ---------------------------------------------------------------------
    Fault("out-is-a-file", "filesystem", out_is_file,
          "{root}/site.html: is a file, not a folder; give --out a folder for the site (new or a "
          "built site)"),
    Fault("out-parent-is-a-file", "filesystem", out_parent_is_file,
          "{root}/parent: is a file, so the site cannot be put inside it; give --out a path in a "
          "folder"),
    Fault("out-parent-read-only", "filesystem", out_parent_read_only,
          "{root}/ro: cannot write the site here (permission denied); give --out a folder you "
          "can write to", root_skips=True),
    Fault("report-into-a-missing-folder", "filesystem",
          args("--report", "{root}/reports/new/drift.json"),
          "drift report: {root}/reports/new/drift.json", code=0),
    Fault("report-is-a-folder", "filesystem", args("--report", "{notes}"),
          "{notes}: is a folder; give --report the path of a file, such as {notes}/drift.json"),
    Fault("report-parent-is-a-file", "filesystem",
          args("--report", "{root}/mkdocs.yml/drift.json"),
          "{root}/mkdocs.yml: is a file, so the report cannot be put inside it; give --report a "
          "path in a folder"),
    Fault("report-folder-read-only", "filesystem", report_read_only,
          "{root}/ro: cannot write the report here (permission denied); give --report a path "
          "you can write to", root_skips=True),
    Fault("stage-is-a-file", "filesystem",
          both(write("stage", "not a folder"), args("--stage", "{root}/stage")),
          "{root}/stage: is a file, not a folder; give --stage a folder for the generated pages"),
]  # fmt: skip
