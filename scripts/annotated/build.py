"""The build, wired: notes (and the article, when given) -> generated pages -> strict MkDocs ->
checks of the built site. Each step lives in its own module; this one only connects them.

The site is built into a temporary folder beside --out and swapped in only when every check has
passed, so a failed build never destroys the last good site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from annotated import (
    anchor_record,
    article_copy,
    docs_check,
    exports,
    leakguard,
    linkcheck,
    mkdocs_run,
    site_address,
    staging,
    your_copy,
)
from annotated.anchor_record import Place
from annotated.anchors import Anchors, anchor
from annotated.article import Article
from annotated.bodies import Memo as BodyMemo
from annotated.bodies import Renderer
from annotated.build_date import source_date_epoch
from annotated.check import content_findings
from annotated.citations import Citer, Memo
from annotated.drift_report import drift_report, write_drift_report
from annotated.errors import (
    InputError,
    Problem,
    UsageError,
    counted,
    display_path,
    located_warning,
    warning,
)
from annotated.ingest.memo import IngestMemo
from annotated.mkdocs_config import SiteConfig, read_config, theme_problems
from annotated.notes import Notes, load_notes
from annotated.notes.yaml_source import ParseMemo
from annotated.offline import worker
from annotated.pages import Pages, generate, markup

# Beside mkdocs.yml; made from a copy of the article by `scripts/build.py fingerprint PATH`.
FINGERPRINTS = "article-fingerprints.txt"


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
    publish: bool = False  # a build for publishing: the companion edition, at a real address

    @classmethod
    def from_args(cls, args: object) -> Options:
        """The options a parsed command line gives; what it does not name keeps its default."""
        names = [f.name for f in fields(cls)]
        return cls(**{n: getattr(args, n) for n in names if hasattr(args, n)})

    def stage_dir(self) -> Path:
        return self.stage or read_config(self.config).docs_dir

    def cache_dir(self) -> Path:
        """What earlier builds computed that this one may reuse (build/cache/ beside the stage)."""
        return self.stage_dir().parent / "cache"

    def memo_file(self) -> Path:
        """citeproc-py's results from earlier builds."""
        return self.cache_dir() / "citeproc.json"

    def bodies_file(self) -> Path:
        """Bodies (notes, glossary...) rendered by earlier builds (annotated.bodies.Memo)."""
        return self.cache_dir() / "bodies.json"

    def parsed_file(self) -> Path:
        """The notes' YAML files as earlier builds parsed them (yaml_source.ParseMemo)."""
        return self.cache_dir() / "yaml.json"

    def article_file(self) -> Path:
        """The article as earlier full-edition builds ingested it (ingest.memo.IngestMemo)."""
        return self.cache_dir() / "article.json"

    def fingerprints(self) -> Path:
        return self.config.parent / FINGERPRINTS


@dataclass
class Outcome:
    edition: str
    pages: int = 0
    anchored: int = 0
    links: int = 0
    seconds: float = 0.0
    drift: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    exports: str = ""  # each export and its size, one line (annotated.exports.sizes)
    address: str = ""  # the site's address and edit links, and where from (site_address)

    def summary(self) -> str:
        return (
            f"{self.edition} edition: {self.pages} pages, {self.anchored} notes anchored, "
            f"{self.links} links checked, {counted(len(self.warnings), 'warning')}, "
            f"{self.seconds:.1f} s"
        )


@dataclass
class Prepared:
    notes: Notes
    article: Article | None
    anchors: Anchors | None
    pages: Pages
    edition: str
    problems: list[Problem]
    warnings: list[Problem]
    exports: dict[str, bytes] = field(default_factory=dict)  # the files for other tools
    site_url: str = ""  # mkdocs.yml's, which the exports and their link check name
    places: dict[str, Place] = field(default_factory=dict)  # note id -> its phrase's place
    renderer: Renderer | None = None  # renders the bodies, for the stage too (assemble)


@dataclass
class Memos:
    """What earlier builds worked out that this one may reuse (build/cache/): citeproc-py's
    results and warnings, rendered bodies, parsed notes files, the ingested article. The build
    loads them and saves what it used; the preview keeps one for all its rebuilds. Made empty,
    they live in memory."""

    citer: Citer = field(default_factory=Citer)
    renderer: Renderer = field(default_factory=Renderer)
    parsed: ParseMemo = field(default_factory=ParseMemo)
    articles: IngestMemo = field(default_factory=IngestMemo)

    @classmethod
    def load(cls, opts: Options) -> Memos:
        return cls(
            Citer(Memo.load(opts.memo_file())),
            Renderer(BodyMemo.load(opts.bodies_file())),
            ParseMemo.load(opts.parsed_file()),
            IngestMemo.load(opts.article_file()),
        )

    def save(self, opts: Options) -> None:
        self.citer.memo.save(opts.memo_file())
        if self.renderer.memo is not None:
            self.renderer.memo.save(opts.bodies_file())
        self.parsed.save(opts.parsed_file())
        self.articles.save(opts.article_file())

    def forget_unused(self) -> None:
        """Drop what the last assembly did not use (the preview keeps its memos across rebuilds)."""
        self.parsed.forget_unused()
        self.articles.forget_unused()


def prepare(opts: Options, memos: Memos | None = None) -> Prepared:
    """Everything before MkDocs: read, anchor, generate. Reads the inputs; writes nothing (the
    memos are the caller's to load and keep)."""
    memos = memos or Memos()
    citer, renderer = memos.citer, memos.renderer
    notes = load_notes(opts.notes, memos.parsed, citer.reference_warnings)
    source = article_copy.find_source(opts.source)
    edition = opts.edition or ("full" if source else "companion")
    if edition == "full" and source is None:
        raise UsageError(
            "the full edition needs the article's text: give --source PATH, set ARTICLE_SOURCE, "
            f"or put it at {article_copy.DEFAULT_SOURCE}"
        )
    article = anchors = None
    problems: list[Problem] = []
    if source is not None:
        kept_words = lambda: your_copy.cached_words(opts.cache_dir())  # noqa: E731
        article = memos.articles.ingest_file(source, opts.notes, kept_words)
        problems += article_copy.check_source(article, notes, display_path(source))
        if problems:
            raise InputError(problems)
        anchors = anchor(article, notes)
        problems += anchors.problems
    places, record_problems, record_warnings = _places(opts, notes, article, anchors)
    pages = generate(notes, article, anchors, edition, citer, places, renderer)
    problems += pages.problems + docs_check.check_docs(opts.docs) + theme_problems(opts.config)
    if article is None or not problems:  # with the text, the record is checked once all is clean
        problems += record_problems
    warnings = [
        *(located_warning(w) for w in (article.warnings if article else [])),  # about the copy
        *pages.warnings,
        *(anchors.warnings if anchors else []),
        *content_findings(notes),
        *record_warnings,
    ]
    site_url = read_config(opts.config).site_url
    inputs = exports.Inputs(notes, site_url, edition, anchors, article, citer, places, renderer)
    exported = exports.export_all(inputs)
    return Prepared(
        notes,
        article,
        anchors,
        pages,
        edition,
        problems,
        warnings,
        exported,
        site_url,
        places,
        renderer,
    )


def _places(
    opts: Options, notes: Notes, article: Article | None, anchors: Anchors | None
) -> tuple[dict[str, Place], list[Problem], list[Problem]]:
    """Where each note's phrase stands: from the text when the build has it (and the committed
    record checked against it), else from the record (annotated.anchor_record). Returns the
    places, the problems and the warnings."""
    path = opts.notes / anchor_record.RECORD
    record = anchor_record.read_record(path) if path.is_file() else None
    missing = warning(
        display_path(path),
        "no note record, so a build without the article's text cannot give each note its page "
        f"or check its phrase; make it with `{anchor_record.RECORD_COMMAND}`",
    )
    if article is not None and anchors is not None:
        places = anchor_record.places_of(anchors, article)
        if record is None:
            return places, [], [missing]
        fresh = anchor_record.make_record(notes, places, _doi(notes), record.salt)
        return places, anchor_record.stale(record, fresh, notes, path), []
    if record is None:  # a build for publishing gives every note its page, checked
        if opts.publish:
            return {}, [replace(missing, severity="error")], []
        return {}, [], [missing]
    got = anchor_record.recorded(record, notes, path)
    if got.unchecked:
        problem = anchor_record.unchecked(got.unchecked, path)
        if opts.publish:
            return got.places, [*got.problems, problem], []
        return got.places, got.problems, [replace(problem, severity="warning")]
    return got.places, got.problems, []


def _doi(notes: Notes) -> str:
    return notes.structure.metadata.doi


def record(opts: Options) -> tuple[Path, int]:
    """Write the note record from the text (`scripts/build.py record`); the path and how many
    notes it places. Raises InputError when a note does not anchor (the record is left)."""
    from annotated.ingest import ingest_file

    source = article_copy.find_source(opts.source)
    if source is None:
        raise UsageError(
            "the note record is made from the article's text: give --source PATH, set "
            f"ARTICLE_SOURCE, or put it at {article_copy.DEFAULT_SOURCE}"
        )
    notes = load_notes(opts.notes)
    article = ingest_file(source, opts.notes)
    problems = article_copy.check_source(article, notes, display_path(source))
    if problems:
        raise InputError(problems)
    anchors = anchor(article, notes)
    if anchors.problems:
        raise InputError(anchors.problems)
    path = opts.notes / anchor_record.RECORD
    salt = anchor_record.read_record(path).salt if path.is_file() else None
    places = anchor_record.places_of(anchors, article)
    anchor_record.write_record(path, anchor_record.make_record(notes, places, _doi(notes), salt))
    return path, len(places)


@dataclass
class Assembly:
    """Everything the site needs from us before MkDocs runs: the same for the build and the
    preview (`annotated.serve`), so that the preview serves the site the build makes."""

    files: dict[str, bytes | Path]  # the stage: hand-written docs and generated files
    labels: dict[str, str]  # stage path -> what a person edits, for MkDocs' warnings
    extra: dict[str, Any]  # added to mkdocs.yml's `extra` (what the build tells the theme)
    warnings: list[Problem] = field(default_factory=list)


def assemble(opts: Options, prepared: Prepared, citer: Citer | None = None) -> Assembly:
    """The stage and MkDocs' extras from prepared inputs: generated pages, exports, the
    own-copy reader's files (annotated.your_copy) and the article's COinS. Reads only the
    hand-written docs and pdf.js; writes only the word list's cache."""
    stage_dir = opts.stage_dir()
    own_copy = your_copy.site_files(
        prepared.notes, your_copy.PDFJS, stage_dir.parent / "cache", citer, prepared.renderer
    )
    robots = {"robots.txt": site_address.robots_txt(prepared.site_url)}
    # "Keep this reading on this device": Workbox from node_modules (annotated.post_build).
    workbox = worker.vendored()
    warnings = own_copy.warnings + ([warning("", worker.LEFT_OUT)] if workbox is None else [])
    generated = dict(prepared.pages.files) | prepared.exports | own_copy.files | robots
    generated |= workbox or {}
    files = staging.wanted_files(opts.docs, generated)
    labels = {rel: f"{display_path(stage_dir)}/{rel} (generated)" for rel in generated}
    labels |= {rel: display_path(p) for rel, p in files.items() if isinstance(p, Path)}
    labels["mkdocs.yml"] = display_path(opts.config)
    extra = {exports.EXTRA_KEY: exports.citation_meta(prepared.notes.structure)}
    return Assembly(files, labels, extra, warnings)


def build(opts: Options, on_drift: Callable[[Outcome], None] | None = None) -> Outcome:
    """The whole build. Raises InputError (every problem, one line each) on any failure.

    `on_drift` is told the anchoring outcome as soon as it is known, before any failure.
    """
    started = time.monotonic()
    config = read_config(opts.config)
    if opts.publish:
        _publishable(opts, config)
    memos = Memos.load(opts)
    markup.keep_compiled(opts.cache_dir())
    prepared = prepare(opts, memos)
    if opts.report:
        report = drift_report(
            prepared.edition, prepared.anchors, prepared.problems, prepared.warnings
        )
        write_drift_report(opts.report, report)
    outcome = Outcome(prepared.edition, warnings=list(prepared.warnings))
    outcome.address = site_address.describe(config)
    if prepared.anchors:
        outcome.drift = prepared.anchors.drift()
        outcome.anchored = len(prepared.anchors.anchored)
    if on_drift:
        on_drift(outcome)
    if prepared.problems:
        raise InputError(prepared.problems)

    stage_dir = opts.stage_dir()
    assembly = assemble(opts, prepared, memos.citer)
    memos.save(opts)
    outcome.warnings += assembly.warnings
    staging.sync(stage_dir, assembly.files)

    out = opts.out.resolve()
    staging.check_replaceable(out)
    with _new_site_beside(out) as tmp:
        epoch = source_date_epoch([opts.notes, opts.docs, opts.config])
        with _env("SOURCE_DATE_EPOCH", epoch):
            problems = mkdocs_run.build_site(
                opts.config, stage_dir, tmp, assembly.labels, assembly.extra, opts.cache_dir()
            )
        if not problems:
            links = linkcheck.check_site(tmp, display_path(opts.out))
            problems += links.problems
            outcome.links = links.checked
            outcome.external = links.external
            checked, broken = exports.links.check(prepared.exports, tmp, prepared.site_url)
            problems += broken
            outcome.links += checked
            outcome.exports = exports.sizes(prepared.exports)
            if opts.check_external:
                problems += linkcheck.check_external(links.external)
        if not problems and prepared.edition == "companion":
            problems += _leaks(opts, prepared, tmp, outcome.warnings)
        if problems:
            raise InputError(problems)
        staging.replace_dir(tmp, out)
    outcome.pages = len(list(out.rglob("*.html"))) - (1 if (out / "404.html").exists() else 0)
    outcome.seconds = time.monotonic() - started
    return outcome


def _publishable(opts: Options, config: SiteConfig) -> None:
    """A build for publishing is the companion edition, for the address it will be served at."""
    if opts.edition == "full" or (opts.edition is None and article_copy.find_source(opts.source)):
        raise UsageError(
            "--publish builds the companion edition only: the full edition holds the article's "
            "text, which must not be published; leave out --source and ARTICLE_SOURCE"
        )
    problems = site_address.publishing_problems(config)
    if problems:
        raise InputError(problems)


def _leaks(opts: Options, prepared: Prepared, site: Path, warnings: list[Problem]) -> list[Problem]:
    """The companion edition must hold no run of 12 words of the article (it is copyrighted):
    checked against the text when the build has it, and against the fingerprints always."""
    outputs = leakguard.site_texts(site, prepared.pages.files)
    leaks = []
    if prepared.article:
        leaks += leakguard.find_leaks([b.text for b in prepared.article.blocks], outputs)
    path = opts.fingerprints()
    if path.is_file():
        checked_file = opts.cache_dir() / "leakguard.json"  # texts found clean before
        checked = leakguard.Checked.load(checked_file)
        fingerprints = leakguard.read_fingerprints(path)
        leaks += leakguard.find_fingerprinted(fingerprints, outputs, checked)
        checked.save(checked_file)
    elif not prepared.article:
        msg = (
            "no fingerprints of the article, so this companion edition was not checked for its "
            "text; make them with `scripts/build.py fingerprint PATH`"
        )
        warnings.append(warning(display_path(path), msg))
    unique = {(leak.where, leak.words): leak for leak in leaks}
    return leakguard.leak_problems(list(unique.values()))


@contextmanager
def _new_site_beside(out: Path) -> Iterator[Path]:
    """A fresh folder next to `out` (same file system, so it can be renamed into place), with
    the modes of a folder made by mkdir (mkdtemp's 0700 would make a copied site answer 403)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as e:
        raise InputError(_unwritable(out, e)) from None
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)
    try:
        yield tmp
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def _unwritable(out: Path, e: OSError) -> Problem:
    """Why the site cannot be written beside `out`, at the folder that refused."""
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        msg = "is a file, so the site cannot be put inside it; give --out a path in a folder"
        return Problem(display_path(parent), msg)
    why = "permission denied" if isinstance(e, PermissionError) else (e.strerror or str(e))
    msg = f"cannot write the site here ({why}); give --out a folder you can write to"
    return Problem(display_path(parent if isinstance(e, PermissionError) else out.parent), msg)


@contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    saved = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved
