"""The build: notes (and the article, when given) -> generated pages -> strict MkDocs -> link check.

The site is built into a temporary folder beside --out and swapped in only when every check has
passed, so a failed build never destroys the last good site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from annotated import citations, leakguard, linkcheck, mkdocs_run, staging
from annotated.anchors import Anchors, anchor
from annotated.article import Article
from annotated.errors import InputError, Problem, UsageError, display_path
from annotated.notes import Notes, load_notes
from annotated.pages import Pages, generate

DEFAULT_SOURCE = Path("source/article.txt")


@dataclass
class Options:
    config: Path = Path("mkdocs.yml")
    notes: Path = Path("notes")
    docs: Path = Path("docs")
    out: Path = Path("site")
    stage: Path | None = None  # default: the config's docs_dir
    source: Path | None = None
    edition: str | None = None  # "full" or "companion"; default: full when there is a source
    report: Path | None = None
    check_external: bool = False

    @classmethod
    def from_args(cls, args: object) -> Options:
        """The options a parsed command line gives; what it does not name keeps its default."""
        names = [f.name for f in fields(cls)]
        return cls(**{n: getattr(args, n) for n in names if hasattr(args, n)})


@dataclass
class Outcome:
    edition: str
    pages: int = 0
    anchored: int = 0
    links: int = 0
    seconds: float = 0.0
    drift: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def summary(self, problems: int = 0) -> str:
        return (
            f"{self.edition} edition: {self.pages} pages, {self.anchored} notes anchored, "
            f"{problems} problems, {self.links} links checked, {self.seconds:.1f} s"
        )


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
        msg = f"this text does not match {the_map}: {why or 'its blocks were not found'}"
        return [Problem(shown, msg)]
    expected = [b.id for b in notes.structure.blocks()]
    got = [b.id for b in article.blocks]
    missing = [b for b in expected if b not in got]
    if missing:
        msg = f"this text does not match {the_map}: no {', '.join(missing)} (check the locators)"
        return [Problem(shown, msg)]
    return []


def source_date_epoch() -> str:
    """Dates MkDocs writes (sitemap) come from SOURCE_DATE_EPOCH; default: the last commit."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip() or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"  # no git: a fixed date still gives identical builds


@dataclass
class Prepared:
    notes: Notes
    article: Article | None
    anchors: Anchors | None
    pages: Pages
    edition: str
    problems: list[Problem]


def prepare(opts: Options) -> Prepared:
    """Everything before MkDocs: read, anchor, generate. Pure apart from reading the inputs."""
    from annotated.ingest import ingest_file

    notes = load_notes(opts.notes)
    source = find_source(opts.source)
    edition = opts.edition or ("full" if source else "companion")
    if edition == "full" and source is None:
        raise UsageError(
            "the full edition needs the article's text: give --source PATH, set ARTICLE_SOURCE, "
            f"or put it at {DEFAULT_SOURCE}"
        )
    article = anchors = None
    problems: list[Problem] = []
    if source is not None:
        article = ingest_file(source, opts.notes)
        problems += check_source(article, notes, display_path(source))
        if problems:
            raise InputError(problems)
        anchors = anchor(article, notes)
        problems += anchors.problems
    memo = (opts.stage or mkdocs_run.docs_dir_of(opts.config)).parent / "cache" / "citeproc.json"
    citations.load_memo(memo)
    pages = generate(notes, article, anchors, edition)
    citations.save_memo(memo)
    problems += pages.problems
    return Prepared(notes, article, anchors, pages, edition, problems)


def write_report(path: Path, prepared: Prepared) -> None:
    """The anchoring (drift) report: counts per notes file, then every note and its status."""
    notes: list[dict[str, object]] = []
    if prepared.anchors:
        for a in prepared.anchors.anchored:
            ln = a.note
            notes.append(
                {"id": ln.id, "file": ln.path, "line": ln.line, "paragraph": a.block,
                 "status": "anchored", "start": a.start, "end": a.end, "page": a.page,
                 "number": a.number}
            )  # fmt: skip
        for m in prepared.anchors.misses:
            ln = m.note
            notes.append(
                {"id": ln.id, "file": ln.path, "line": ln.line, "paragraph": ln.paragraph,
                 "status": m.status, "message": m.problem.message}
            )  # fmt: skip
    data = {
        "edition": prepared.edition,
        "drift": prepared.anchors.drift() if prepared.anchors else {},
        "notes": notes,
        "problems": [str(p) for p in prepared.problems],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def build(opts: Options, on_drift: Callable[[Outcome], None] | None = None) -> Outcome:
    """The whole build. Raises InputError (every problem, one line each) on any failure.

    `on_drift` is told the anchoring outcome as soon as it is known, before any failure.
    """
    started = time.monotonic()
    prepared = prepare(opts)
    if opts.report:
        write_report(opts.report, prepared)
    outcome = Outcome(prepared.edition, warnings=list(prepared.pages.warnings))
    if prepared.anchors:
        outcome.warnings += prepared.anchors.warnings
    if prepared.anchors:
        outcome.drift = prepared.anchors.drift()
        outcome.anchored = len(prepared.anchors.anchored)
    if on_drift:
        on_drift(outcome)
    if prepared.problems:
        raise InputError(prepared.problems)

    stage_dir = opts.stage or mkdocs_run.docs_dir_of(opts.config)
    files = staging.wanted_files(opts.docs, prepared.pages.files)
    staging.sync(stage_dir, files)
    labels = {rel: f"{display_path(stage_dir)}/{rel} (generated)" for rel in prepared.pages.files}
    labels |= {rel: display_path(p) for rel, p in files.items() if isinstance(p, Path)}
    labels["mkdocs.yml"] = display_path(opts.config)

    out = opts.out.resolve()
    _check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
        problems = mkdocs_run.build_site(opts.config, stage_dir, tmp, labels)
        if not problems:
            report = linkcheck.check_site(tmp, display_path(opts.out))
            problems += report.problems
            outcome.links = report.checked
            outcome.external = report.external
            if opts.check_external:
                problems += linkcheck.check_external(report.external)
        if not problems and prepared.edition == "companion" and prepared.article:
            problems += _leaks(prepared, tmp)
        if problems:
            raise InputError(problems)
        staging.replace_dir(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
        if saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved_epoch
    outcome.pages = len(list(out.rglob("*.html"))) - (1 if (out / "404.html").exists() else 0)
    outcome.seconds = time.monotonic() - started
    return outcome


def _leaks(prepared: Prepared, site: Path) -> list[Problem]:
    """The companion edition must hold no run of 12 words of the article (it is copyrighted)."""
    assert prepared.article is not None
    texts = [b.text for b in prepared.article.blocks]
    outputs = {f"generated {rel}": text for rel, text in prepared.pages.files.items()}
    for f in sorted(site.rglob("*.html")):
        outputs[f.relative_to(site).as_posix()] = leakguard.html_text(f.read_text("utf-8"))
    index = site / "search" / "search_index.json"
    if index.is_file():
        outputs["search/search_index.json"] = index.read_text("utf-8")
    return [
        Problem(
            leak.where,
            f"the companion edition repeats {leakguard.RUN} or more words of the article: "
            f'"{leak.words}"; say it in your own words',
        )
        for leak in leakguard.find_leaks(texts, outputs)
    ]


def _check_out(out: Path) -> None:
    """Never replace a folder that is not a built site (say, --out . by mistake)."""
    if out.exists() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise UsageError(f"{out} exists and is not a built site; refusing to replace it")
