"""Command line: wires the stages together and turns errors into one clear line each.

Exit codes: 0 ok, 1 bad input, 2 bad usage. Never a traceback for a person's mistake.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotated.errors import InputError, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 itself; keep its message short
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="scripts/build.py", description=__doc__)
    sub = p.add_subparsers(dest="command")

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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "ingest":
            return run_ingest(args)
        raise UsageError("no command given")
    except InputError as e:
        for problem in e.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
