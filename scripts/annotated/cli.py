"""The command line: parses arguments, runs one command, turns errors into one clear line each.

    scripts/build.py [build] [--source PATH] [--out DIR] [--report PATH] ...   the site
    scripts/build.py serve [--source PATH]                                     live preview
    scripts/build.py ingest PATH [--format json|markdown]                      the article only
    scripts/build.py check [--notes DIR]                                       content checks
    scripts/build.py record [--source PATH] [--notes DIR]                      the note record
    scripts/build.py fingerprint PATH [--out FILE]                             leak fingerprints

Exit codes: 0 ok, 1 bad input (or findings, for check), 2 bad usage. Never a traceback for a
person's mistake. The work is in annotated.build (the site) and the stage modules it wires.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotated.errors import InputError, UsageError, counted

COMMANDS = ("build", "serve", "ingest", "check", "record", "fingerprint")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # argparse's is NoReturn
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _site_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--source",
        type=Path,
        help="the article's raw text (else $ARTICLE_SOURCE, "
        "else source/article.txt; without it: the companion edition)",
    )
    p.add_argument("--notes", type=Path, default=Path("notes"), help="the notes folder")
    p.add_argument("--docs", type=Path, default=Path("docs"), help="hand-written pages")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config")
    p.add_argument(
        "--edition",
        choices=["full", "companion"],
        help="default: full when the text is given, else companion",
    )


def _parser() -> argparse.ArgumentParser:
    installed = Path(sys.argv[0]).name == "annotated-reading"  # the [project.scripts] entry point
    p = _Parser(
        prog="annotated-reading" if installed else "scripts/build.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    b = sub.add_parser("build", help="build the site (the default command)")
    _site_options(b)
    b.add_argument("--out", type=Path, default=Path("site"), help="where the site goes")
    b.add_argument(
        "--stage",
        type=Path,
        help="where generated pages are staged (default: the config's docs_dir)",
    )
    b.add_argument("--report", type=Path, help="write the anchoring (drift) report as JSON")
    b.add_argument(
        "--publish",
        action="store_true",
        help="a build to publish (the Pages workflow's): the companion edition only, and "
        "mkdocs.yml's site_url and repo_url real (SITE_URL, REPO_URL), never a placeholder",
    )
    b.add_argument(
        "--check-external",
        action="store_true",
        help="also fetch every external link (needs the network)",
    )

    s = sub.add_parser("serve", help="live preview on 127.0.0.1:8000, under site_url's path")
    _site_options(s)
    s.add_argument("-a", "--addr", default="127.0.0.1:8000", help="as mkdocs serve's -a")

    ing = sub.add_parser("ingest", help="turn a raw excerpt into a structured article")
    ing.add_argument("path", help="the raw excerpt (text copied from a PDF or a publisher's page)")
    ing.add_argument("--format", choices=["json", "markdown"], default="json")
    ing.add_argument(
        "--notes", default="notes", help="notes folder whose structure map (article.yml) is used"
    )

    c = sub.add_parser("check", help="the notes' content checks alone (exit 1 on findings)")
    c.add_argument("--notes", type=Path, default=Path("notes"), help="the notes folder")

    r = sub.add_parser(
        "record",
        help="write notes/anchors.lock.json from the article's text: each note's block, offsets "
        "and pages, with salted hashes of its phrase (numbers and hashes only)",
    )
    r.add_argument(
        "--source",
        type=Path,
        help="the article's raw text (else $ARTICLE_SOURCE, else source/article.txt)",
    )
    r.add_argument("--notes", type=Path, default=Path("notes"), help="the notes folder")

    f = sub.add_parser(
        "fingerprint", help="salted hashes of the article's 12-word runs, for the leak check"
    )
    f.add_argument("path", type=Path, help="your copy of the article's raw text")
    f.add_argument("--out", type=Path, default=Path("article-fingerprints.txt"))
    return p


def run_ingest(args: argparse.Namespace) -> int:
    from annotated.ingest import article_markdown, ingest_file

    article = ingest_file(Path(args.path), Path(args.notes))
    for w in article.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(article_markdown(article), end="")
    return 0


def run_build(args: argparse.Namespace) -> int:
    from annotated.build import Options, Outcome, build
    from annotated.errors import display_path

    told = 0  # warnings printed with the drift report; the rest come after the checks

    def drift(outcome: Outcome) -> None:
        nonlocal told
        for path, counts in outcome.drift.items():
            print(f"{path}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        for w in outcome.warnings:
            print(f"warning: {w}", file=sys.stderr)
        told = len(outcome.warnings)

    try:
        outcome = build(Options.from_args(args), drift)
    except InputError as e:
        print(
            f"build failed ({counted(len(e.problems), 'problem')}); {args.out} was left as it was",
            file=sys.stderr,
        )
        raise
    for w in outcome.warnings[told:]:
        print(f"warning: {w}", file=sys.stderr)
    if outcome.external:
        print(f"{len(outcome.external)} external links (not fetched; --check-external to check)")
    if outcome.exports:
        print(outcome.exports)
    print(outcome.address)
    if args.report:
        print(f"drift report: {display_path(args.report)}")
    print(f"built {args.out}: {outcome.summary()}")
    return 0


def run_record(args: argparse.Namespace) -> int:
    from annotated.build import Options, record
    from annotated.errors import display_path

    path, placed = record(Options(notes=args.notes, source=args.source))
    print(f"wrote {display_path(path)}: {placed} notes placed, numbers and salted hashes only")
    return 0


def run_fingerprint(args: argparse.Namespace) -> int:
    from annotated.errors import display_path
    from annotated.ingest import ingest_file
    from annotated.leakguard import make_fingerprints

    article = ingest_file(args.path, None)
    title = f"{article.metadata.title}: {article.metadata.subtitle}"  # citing it is fine
    prints = make_fingerprints([b.text for b in article.blocks], allowed=[title])
    args.out.write_text(prints.text(), encoding="utf-8")
    print(f"wrote {display_path(args.out)}: {len(prints.hashes)} salted hashes, no text")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")  # `scripts/build.py --out x` means `scripts/build.py build --out x`
    args = _parser().parse_args(argv)
    run = {"ingest": run_ingest, "fingerprint": run_fingerprint, "record": run_record}.get(
        args.command
    )
    try:
        if run is not None:
            return run(args)
        if args.command == "serve":
            from annotated.serve import serve

            return serve(args)
        if args.command == "check":
            from annotated.check import run_check

            return run_check(args.notes)
        return run_build(args)
    except InputError as e:
        for problem in e.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
