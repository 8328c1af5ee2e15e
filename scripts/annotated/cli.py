"""Command line: wires the stages together and turns errors into one clear line each.

    scripts/build.py [build] [--source PATH] [--out DIR] [--report PATH] ...   the site
    scripts/build.py serve [--source PATH]                                     live preview
    scripts/build.py ingest PATH [--format json|markdown]                      the article only

Exit codes: 0 ok, 1 bad input, 2 bad usage. Never a traceback for a person's mistake.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotated.errors import InputError, UsageError

COMMANDS = ("build", "serve", "ingest")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 itself; keep its message short
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
    p = _Parser(
        prog="scripts/build.py",
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
        "--check-external",
        action="store_true",
        help="also fetch every external link (needs the network)",
    )

    s = sub.add_parser("serve", help="live preview on 127.0.0.1:8000, under site_url's path")
    _site_options(s)
    s.add_argument("--addr", default="127.0.0.1:8000")

    ing = sub.add_parser("ingest", help="turn a raw excerpt into a structured article")
    ing.add_argument("path", help="the raw excerpt (text copied from a PDF or a publisher's page)")
    ing.add_argument("--format", choices=["json", "markdown"], default="json")
    ing.add_argument(
        "--notes", default="notes", help="notes folder whose structure map (article.yml) is used"
    )
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

    opts = Options.from_args(args)

    def drift(outcome: Outcome) -> None:
        for path, counts in outcome.drift.items():
            print(f"{path}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        for w in outcome.warnings:
            print(f"warning: {w}", file=sys.stderr)

    try:
        outcome = build(opts, drift)
    except InputError as e:
        print(
            f"build failed ({len(e.problems)} problems); {args.out} was left as it was",
            file=sys.stderr,
        )
        raise
    if outcome.external:
        print(f"{len(outcome.external)} external links (not fetched; --check-external to check)")
    print(f"built {args.out}: {outcome.summary()}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from annotated.serve import serve

    return serve(args)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")  # `scripts/build.py --out x` means `scripts/build.py build --out x`
    args = _parser().parse_args(argv)
    try:
        if args.command == "ingest":
            return run_ingest(args)
        if args.command == "serve":
            return run_serve(args)
        return run_build(args)
    except InputError as e:
        for problem in e.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
