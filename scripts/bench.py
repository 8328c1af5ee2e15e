#!/usr/bin/env python3
"""Benchmark: build speed per stage, scale, page weight and Lighthouse scores.

    scripts/dev bench            every figure (about 10 minutes on 2 cores)
    scripts/dev bench --quick    fewer runs, no 50x course, no Lighthouse (for development)

Prints a table, writes .bench/results.json and .bench/results.md, and says for each target
whether it is met and, if not, what limits it. Builds happen in private copies of the project
under a temporary folder, never in site/ or build/.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotated.bench import lighthouse, report, stats, synthetic, timing, weight
from annotated.bench.workspace import (
    build_command,
    copy_project,
    mkdocs_command,
    run_child,
    use_synthetic,
)

REPO = Path(__file__).resolve().parent.parent
SHARED_SOURCE = REPO.parent / "shared" / "sources" / "fumagalli-2007-excerpt.txt"
PAGES = {
    "home": "index.html",
    "reading": "reading/introduction/index.html",
    "glossary": "glossary/index.html",
}


def machine() -> dict:
    mem = 0
    with contextlib.suppress(ValueError, OSError):  # sysconf names differ outside Linux
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "arch": platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gib": round(mem / 2**30, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def find_source(given: str | None) -> Path | None:
    """The article's raw excerpt, where the build would look for it, else the shared copy."""
    for candidate in (given, os.environ.get("ARTICLE_SOURCE"), REPO / "source" / "article.txt"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    if given:
        raise SystemExit(f"error: --source {given}: no such file")
    return SHARED_SOURCE if SHARED_SOURCE.is_file() else None


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def measure_edition(source: Path | None, runs: int, scratch: Path) -> dict:
    edition = "full" if source else "companion"
    work = copy_project(REPO, scratch / f"work-{edition}")
    out = scratch / f"site-{edition}"
    first = run_child(build_command(work, out, source), work)  # also stages build/docs
    if first.returncode != 0:
        return {"error": f"the build command failed (exit {first.returncode}): {first.tail}"}
    stages = timing.breakdown(work, source, runs, scratch)
    whole, bare, peaks, whole_cpu, bare_cpu = [], [], [], [], []
    for _ in range(runs):  # interleaved, so a change in machine load touches both alike
        w = run_child(build_command(work, out, source), work)
        b = run_child(mkdocs_command(work, scratch / f"bare-{edition}"), work)
        if w.returncode or b.returncode:
            return {"error": f"a build failed during the runs: {(w if w.returncode else b).tail}"}
        whole.append(w.seconds)
        bare.append(b.seconds)
        whole_cpu.append(w.cpu_seconds)
        bare_cpu.append(b.cpu_seconds)
        peaks.append(w.peak_bytes)
    return {
        "stages": {
            s.name: {"skipped": s.skipped}
            if s.skipped
            else {**stats.summarize(s.samples).to_dict(), "peak_bytes": s.peak_bytes}
            for s in stages
        },
        "whole": stats.summarize(whole).to_dict(),
        "bare_mkdocs": stats.summarize(bare).to_dict(),
        "ratio": stats.ratio(stats.summarize(whole).median, stats.summarize(bare).median),
        # CPU time: what the machine's other load does not inflate (both commands use one core).
        "whole_cpu": stats.summarize(whole_cpu).to_dict(),
        "bare_mkdocs_cpu": stats.summarize(bare_cpu).to_dict(),
        "cpu_ratio": stats.ratio(
            stats.summarize(whole_cpu).median, stats.summarize(bare_cpu).median
        ),
        "whole_peak_bytes": max(peaks),
        "site": str(out),
    }


def measure_scale(factors: list[int], runs: int, scratch: Path, timeout: float) -> dict:
    base = synthetic.measure_site(REPO / "notes")
    rows: list[dict] = []
    for k in factors:
        say(f"  scale {k}x ...")
        course = synthetic.generate(base.scaled(k))
        root = scratch / f"scale-{k}"
        root.mkdir()
        source, notes = course.write(root)
        work = copy_project(REPO, root / "work")
        use_synthetic(work, notes, course.part_ids)
        cmd = build_command(work, root / "site", source)
        # The largest course is built once: it shows the growth, and may take minutes.
        children = [run_child(cmd, work, timeout=timeout) for _ in range(runs if k < 50 else 1)]
        failed = next((c for c in children if c.returncode), None)
        if failed:
            error = f"the {k}× course did not build: {failed.tail}"
            return {"base": base.__dict__, "error": error, **_growth(rows)}
        bare = run_child(mkdocs_command(work, root / "bare"), work)
        rows.append(
            {
                "factor": k,
                "notes": course.size.notes,
                "paragraphs": course.size.paragraphs,
                "text_bytes": len(course.text.encode()),
                "html_pages": sum(1 for _ in (root / "site").rglob("*.html")),
                "seconds": stats.summarize([c.seconds for c in children]).to_dict(),
                "cpu_seconds": stats.summarize([c.cpu_seconds for c in children]).to_dict(),
                "bare_mkdocs_seconds": bare.seconds,
                "peak_bytes": max(c.peak_bytes for c in children),
                "site": str(root / "site"),
            }
        )
    return {"base": base.__dict__, **_growth(rows)}


def _growth(rows: list[dict]) -> dict:
    """Growth exponents of build time (wall and CPU) and peak memory against course size."""
    result: dict = {"rows": rows}
    if len(rows) < 2:
        return result
    sizes = [r["factor"] for r in rows]
    wall = [r["seconds"]["median"] for r in rows]
    result["time_exponent"] = stats.growth_exponent(sizes, wall)
    result["memory_exponent"] = stats.growth_exponent(sizes, [r["peak_bytes"] for r in rows])
    if all("cpu_seconds" in r for r in rows):
        cpu = [r["cpu_seconds"]["median"] for r in rows]
        result["cpu_exponent"] = stats.growth_exponent(sizes, cpu)
        # Between the two largest sizes: the fixed start-up cost no longer hides the slope.
        result["tail_exponent"] = stats.growth_exponent(sizes[-2:], cpu[-2:])
    return result


def measure_anchoring(runs: int) -> dict:
    from annotated.anchors import anchor

    article, notes = synthetic.anchoring_corpus(10_000, 1_000_000)
    samples, result = timing.timed(lambda: anchor(article, notes), runs)
    return {
        "notes": len(notes.notes),
        "text_bytes": sum(len(b.text.encode()) for b in article.blocks),
        "anchored": len(result.anchored),
        "seconds": stats.summarize(samples).to_dict(),
    }


def measure_linkcheck(site: Path, runs: int) -> dict:
    check, why = timing.linkcheck_fn()
    if check is None:
        return {"skipped": why}
    pages = sum(1 for _ in site.rglob("*.html"))
    samples, _ = timing.timed(lambda: check(site), runs)
    median = stats.summarize(samples).median
    return {
        "site": str(site),
        "pages": pages,
        "seconds": stats.summarize(samples).to_dict(),
        "pages_per_second": pages / median if median else None,
    }


def measure_weight(sites: dict[str, str], scratch: Path) -> dict:
    stock_site = weight.build_stock_material(scratch / "stock")
    result: dict = {"stock": weight.page_weight(stock_site, "index.html").to_dict(), "editions": {}}
    for edition, site in sites.items():
        result["editions"][edition] = {
            name: weight.page_weight(Path(site), page).to_dict() for name, page in PAGES.items()
        }
    result["stock_site"] = str(stock_site)
    return result


def measure_lighthouse(sites: dict[str, str], runs: int, keep: Path) -> dict:
    """Each page `runs` times per form; the run with the median performance score is kept
    (Lighthouse's own advice: its simulated throttling moves with the machine's load)."""
    why = lighthouse.missing_tools(REPO)
    if why:
        return {"skipped": why}
    cli = lighthouse.ensure_lighthouse(REPO)
    results = []
    for edition, site in sites.items():
        pages = {"home": "index.html"} if edition == "stock" else PAGES
        with lighthouse.serve(Path(site)) as base:
            for name, page in pages.items():
                for form in ("mobile", "desktop"):
                    say(f"  lighthouse {edition} {name} {form} x{runs} ...")
                    url = base + page.removesuffix("index.html")
                    tries = []
                    for i in range(runs):
                        out = keep / f"{edition}-{name}-{form}-{i + 1}.json"
                        try:
                            data = lighthouse.run(cli, url, form, out)
                        except (RuntimeError, subprocess.TimeoutExpired) as e:
                            return {"skipped": f"Lighthouse did not finish: {e}"}
                        res = lighthouse.summarize(data, name, form)
                        tries.append((res.scores.get("performance", 0), str(out), res))
                    tries.sort(key=lambda t: t[0])
                    _, report_path, res = tries[len(tries) // 2]
                    results.append(
                        {
                            "edition": edition,
                            "page": res.page,
                            "form": res.form,
                            "scores": res.scores,
                            "performance_range": [tries[0][0], tries[-1][0]],
                            "metrics": res.metrics,
                            "lost": [lost.__dict__ for lost in res.lost],
                            "report": report_path,
                        }
                    )
    return {"version": lighthouse.VERSION, "runs": runs, "results": results}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/bench.py", description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    p.add_argument("--quick", action="store_true", help="2 runs, no 50x course, no Lighthouse")
    p.add_argument("--source", help="the article's raw excerpt (default: as the build finds it)")
    p.add_argument("--out", default=".bench", help="folder for results.json and results.md")
    p.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse audits")
    p.add_argument(
        "--render",
        action="store_true",
        help="measure nothing: print the table again from the last results.json",
    )
    p.add_argument(
        "--scale-timeout",
        type=float,
        default=600,
        help="stop a synthetic course's build after this many seconds (default 600)",
    )
    args = p.parse_args(argv)
    if args.runs < 1:
        p.error("--runs must be at least 1")
    out_dir = REPO / args.out
    if args.render:
        return render(out_dir)
    runs = 2 if args.quick else args.runs
    source = find_source(args.source)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Reports under .bench/ keep Lighthouse's JSON for reading its audits later.
    keep = out_dir / "lighthouse"
    keep.mkdir(exist_ok=True)
    results: dict = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "runs": runs,
        "quick": args.quick,
        "load_before": [round(x, 1) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        say("build breakdown: companion edition ...")
        editions = {"companion": measure_edition(None, runs, scratch)}
        if source:
            say("build breakdown: full edition ...")
            editions["full"] = measure_edition(source, runs, scratch)
        else:
            editions["full"] = {"skipped": "skipped: no source (give --source or ARTICLE_SOURCE)"}
        results["editions"] = editions
        say("scale: synthetic courses ...")
        factors = [1, 10] if args.quick else [1, 10, 50]
        scale_runs = 1 if args.quick else min(runs, 3)
        results["scale"] = measure_scale(factors, scale_runs, scratch, args.scale_timeout)
        say("anchoring alone: 10,000 notes over 1 MB ...")
        results["anchoring"] = measure_anchoring(runs)
        rows = results["scale"].get("rows", [])
        if rows:
            say("link check alone ...")
            results["linkcheck"] = measure_linkcheck(Path(rows[-1]["site"]), runs)
        sites = {e: r["site"] for e, r in editions.items() if "site" in r}
        say("page weight ...")
        results["weight"] = measure_weight(sites, scratch)
        if args.quick or args.no_lighthouse:
            results["lighthouse"] = {"skipped": "skipped: --quick" if args.quick else "skipped"}
        else:
            say("lighthouse ...")
            sites_and_stock = {"stock": results["weight"]["stock_site"], **sites}
            results["lighthouse"] = measure_lighthouse(sites_and_stock, min(runs, 3), keep)
    results["load_after"] = [round(x, 1) for x in os.getloadavg()]
    (out_dir / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return render(out_dir)


def render(out_dir: Path) -> int:
    """Targets judged, the table printed and results.md written, from results.json."""
    path = out_dir / "results.json"
    if not path.is_file():
        print(f"error: {path}: no results yet; run scripts/dev bench first", file=sys.stderr)
        return 1
    results = json.loads(path.read_text(encoding="utf-8"))
    if "tail_exponent" not in results.get("scale", {}):
        results.get("scale", {}).update(_growth(results.get("scale", {}).get("rows", [])))
    results["targets"] = [t.__dict__ for t in report.targets(results)]
    path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    (out_dir / "results.md").write_text(report.markdown(results), encoding="utf-8")
    print(report.table(results))
    print(f"\nwrote {path} and {out_dir / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
