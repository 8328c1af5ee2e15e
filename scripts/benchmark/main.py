"""Benchmark: the build against bare MkDocs (cold and warm), invented courses at 1x, 10x and 50x,
anchoring and the link check alone, page weight and DOM size, Lighthouse, and the own-copy reader.

    scripts/dev bench            every figure (about 30 minutes on 2 cores)
    scripts/dev bench --quick    2 runs, no 50x course, no Lighthouse (a few minutes)
    scripts/dev bench --render   print the last results again

Writes .bench/results.json and .bench/results.md (git-ignored). Builds happen in private copies
of the project under a temporary folder, never in site/ or build/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from annotated.mkdocs_config import read_config
from annotated.notes import load_notes
from annotated.static_site import serve_site
from benchmark import browser, course, report, runs

REPO = Path(__file__).resolve().parents[2]
PAGES = {"home": "index.html", "reading": "reading/introduction/index.html", "glossary": "glossary/index.html"}


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def whole_builds(work: Path, source: Path | None, n: int, scratch: Path) -> dict[str, Any]:
    """The build command cold (no citation memo) and warm, interleaved with bare MkDocs."""
    out, memo = scratch / "site", work / "build" / "cache" / "citeproc.json"
    first = runs.run(runs.build_cmd(work, out, source), work)  # also stages build/docs
    if first.code:
        return {"skipped": f"the build failed (exit {first.code}): {first.tail}"}
    cold: list[float] = []
    warm: list[float] = []
    bare: list[float] = []
    peak = 0
    for _ in range(n):
        memo.unlink(missing_ok=True)  # cold: no citation memo (other caches stay)
        c = runs.run(runs.build_cmd(work, out, source), work)
        w = runs.run(runs.build_cmd(work, out, source), work)
        b = runs.run(runs.mkdocs_cmd(work, scratch / "bare"), work)
        cold, warm, bare, peak = [*cold, c.cpu], [*warm, w.cpu], [*bare, b.cpu], max(peak, c.peak)
    s = {k: runs.summary(v) for k, v in (("cold_cpu", cold), ("warm_cpu", warm), ("bare_cpu", bare))}
    return {
        **s,
        "ratio_cold": s["cold_cpu"]["median"] / s["bare_cpu"]["median"],
        "ratio_warm": s["warm_cpu"]["median"] / s["bare_cpu"]["median"],
        "peak": peak,
        "site": str(out),
    }


def stages(work: Path, source: Path | None, n: int, scratch: Path) -> dict[str, Any]:
    """Each stage in process, on the output of the one before, as the build calls them."""
    from annotated import linkcheck, mkdocs_run, staging
    from annotated.anchors import anchor
    from annotated.citations import Citer
    from annotated.ingest import ingest_file
    from annotated.pages import generate

    out: dict[str, Any] = {}
    t, notes = runs.timed(lambda: load_notes(work / "notes"), n)
    out["notes"] = runs.summary(t)
    article = anchors = None
    if source:
        t, article = runs.timed(lambda: ingest_file(source, work / "notes"), n)
        out["ingest"] = runs.summary(t)
        t, anchors = runs.timed(lambda: anchor(article, notes), n)
        out["anchor"] = runs.summary(t)
    edition, docs, site = "full" if source else "companion", scratch / "docs", scratch / "st"
    t, pages = runs.timed(lambda: generate(notes, article, anchors, edition, Citer()), n)
    out["generate (cold memo)"] = runs.summary(t)
    staging.sync(docs, staging.wanted_files(work / "docs", pages.files))
    build = lambda: mkdocs_run.build_site(work / "mkdocs.yml", docs, site, {})  # noqa: E731
    out["mkdocs"] = runs.summary(runs.timed(build, n)[0])
    out["linkcheck"] = runs.summary(runs.timed(lambda: linkcheck.check_site(site, "site"), n)[0])
    return out


def edition(source: Path | None, n: int, scratch: Path) -> dict[str, Any]:
    name = "full" if source else "companion"
    say(f"{name} edition ...")
    work = runs.copy_project(REPO, scratch / f"work-{name}")
    result = whole_builds(work, source, n, scratch / name)
    if "site" in result:
        result["stages"] = stages(work, source, n, scratch / f"{name}-stages")
    return result


def scale(factors: list[int], n: int, scratch: Path) -> dict[str, Any]:
    base, rows = course.measure_site(REPO / "notes"), list[dict[str, Any]]()
    for k in factors:
        say(f"  {k}x course ...")
        c = course.generate(base.scaled(k))
        root = scratch / f"scale-{k}"
        root.mkdir()
        source, notes = c.write(root)
        work = runs.copy_project(REPO, root / "work")
        runs.use_course(work, notes, c.part_ids)
        w = whole_builds(work, source, n if k < 50 else 1, root)
        if "skipped" in w:
            return {"rows": rows, "skipped": f"{k}x: {w['skipped']}"}
        rows.append(
            {
                "factor": k,
                "notes": c.size.notes,
                "paragraphs": c.size.paragraphs,
                "cold_cpu": w["cold_cpu"]["median"],
                "warm_cpu": w["warm_cpu"]["median"],
                "bare_cpu": w["bare_cpu"]["median"],
                "ratio_cold": w["ratio_cold"],
                "ratio_warm": w["ratio_warm"],
                "peak": w["peak"],
                "site": w["site"],
            }
        )
    result: dict[str, Any] = {"rows": rows}
    if len(rows) > 1:
        sizes = [r["factor"] for r in rows]
        result["time_exponent"] = runs.growth(sizes, [r["cold_cpu"] for r in rows])
        result["memory_exponent"] = runs.growth(sizes, [r["peak"] for r in rows])
    return result


def page_figures(sites: dict[str, str], lighthouse: dict[str, Any]) -> dict[str, Any]:
    """Weight (from Lighthouse's requests where it ran, else from the HTML) and DOM size."""
    prefix = read_config(REPO / "mkdocs.yml").url_path
    loaded = {(x["edition"], x["page"]): x["loaded"] for x in lighthouse.get("results", [])}
    notes = load_notes(REPO / "notes")
    intro = {b.id for b in notes.structure.parts[1].blocks}  # reading/introduction
    out: dict[str, Any] = {}
    for name, site in sites.items():
        root, out[name] = Path(site), {}
        for page, path in PAGES.items():
            if not (root / path).is_file():
                continue
            urls = loaded.get((name, page)) or browser.loaded_by_html(root, path, prefix)
            out[name][page] = {
                "weight": browser.weight(root, prefix, urls, REPO / "docs"),
                "dom": browser.dom_elements(root / path),
                "notes": sum(n.paragraph in intro for n in notes.notes),
            }
    stock = out.pop("stock", {}).get("home")
    out["stock"] = stock["weight"] if stock else {}
    return out


def lighthouse(sites: dict[str, str], n: int, keep: Path) -> dict[str, Any]:
    """Each page n times per form; the run with the median performance score is kept."""
    why = browser.lighthouse_missing()
    if why:
        return {"skipped": why}
    cli, results = browser.lighthouse_cli(REPO), []
    prefix = read_config(REPO / "mkdocs.yml").url_path
    for name, site in sites.items():
        pages = {"home": "index.html"} if name == "stock" else PAGES
        with serve_site(Path(site), "/" if name == "stock" else prefix, compress=True) as base:
            for page, path in pages.items():
                for form in ("mobile", "desktop"):
                    say(f"  lighthouse {name} {page} {form} x{n} ...")
                    url = base + path.removesuffix("index.html")
                    tries = sorted(
                        (browser.lighthouse(cli, url, form, keep / f"{name}-{page}-{form}-{i}.json") for i in range(n)),
                        key=lambda t: t["scores"].get("performance", 0),
                    )
                    perf = [t["scores"].get("performance", 0) for t in tries]
                    results.append(
                        {
                            "edition": name,
                            "page": page,
                            "form": form,
                            **tries[len(tries) // 2],
                            "performance_range": [perf[0], perf[-1]],
                        }
                    )
    return {"version": browser.LIGHTHOUSE, "runs": n, "results": results}


def own_copy(scratch: Path) -> dict[str, Any]:
    """The reader of the student's own copy over a 20-page PDF of an invented course's article,
    on that course's companion site (the reader refuses any other article)."""
    if not Path(browser.CHROME).is_file():
        return {"skipped": f"not available: no Chromium at {browser.CHROME}"}
    c = course.generate(course.measure_site(REPO / "notes").scaled(10))
    root = scratch / "own-copy"
    root.mkdir()
    _, notes = c.write(root)
    work = runs.copy_project(REPO, root / "work")
    runs.use_course(work, notes, c.part_ids)
    built = runs.run(runs.build_cmd(work, root / "site", None), work)
    if built.code:
        return {"skipped": f"the course's companion edition did not build: {built.tail}"}
    pdf = browser.journal_pdf(c.text, course.RUNNING_HEAD, root / "article.pdf")
    with serve_site(root / "site", read_config(REPO / "mkdocs.yml").url_path) as base:
        return browser.own_copy_seconds(base, f"reading/{c.part_ids[1]}/", pdf)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/bench.py", description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    p.add_argument("--quick", action="store_true", help="2 runs, no 50x course, no Lighthouse")
    p.add_argument("--render", action="store_true", help="print the last results again")
    p.add_argument("--out", type=Path, default=REPO / ".bench")
    args = p.parse_args(argv)
    if args.render:
        return render(args.out)
    n = 2 if args.quick else max(1, args.runs)
    source = Path(os.environ["ARTICLE_SOURCE"]) if os.environ.get("ARTICLE_SOURCE") else None
    source = source or (REPO / "source" / "article.txt" if (REPO / "source" / "article.txt").is_file() else None)
    r: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"arch": platform.machine(), "cpus": os.cpu_count(), "python": platform.python_version()},
        "runs": n,
        "quick": args.quick,
        "load_before": [round(x, 1) for x in os.getloadavg()],
    }
    (args.out / "lighthouse").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        r["editions"] = {"companion": edition(None, n, scratch)}
        r["editions"]["full"] = edition(source, n, scratch) if source else {"skipped": "no text (set ARTICLE_SOURCE)"}
        say("scale ...")
        r["scale"] = scale([1, 10] if args.quick else [1, 10, 50], 1 if args.quick else min(n, 3), scratch)
        say("anchoring 10,000 notes over 1 MB ...")
        from annotated.anchors import anchor

        article, notes = course.anchoring_corpus()
        t, found = runs.timed(lambda: anchor(article, notes), n)
        r["anchoring"] = {
            "seconds": runs.summary(t),
            "notes": len(notes.notes),
            "anchored": len(found.anchored),
        }
        if r["scale"]["rows"]:
            from annotated.linkcheck import check_site

            site = Path(r["scale"]["rows"][-1]["site"])
            t, _ = runs.timed(lambda: check_site(site, "site"), n)
            r["linkcheck"] = {
                "pages": sum(1 for _ in site.rglob("*.html")),
                "pages_per_second": sum(1 for _ in site.rglob("*.html")) / runs.summary(t)["median"],
            }
        sites = {e: x["site"] for e, x in r["editions"].items() if "site" in x}
        stock = scratch / "stock"
        (stock / "docs").mkdir(parents=True)
        (stock / "docs" / "index.md").write_text("# Stock\n\nA stock Material page.\n")
        (stock / "mkdocs.yml").write_text("site_name: Stock\ntheme:\n  name: material\n")
        runs.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stock / "mkdocs.yml")], stock)
        sites_and_stock = {**sites, "stock": str(stock / "site")}
        if args.quick:
            r["lighthouse"] = {"skipped": "skipped: --quick"}
        else:
            say("lighthouse ...")
            r["lighthouse"] = lighthouse(sites_and_stock, min(n, 3), args.out / "lighthouse")
        r["pages"] = page_figures(sites_and_stock, r["lighthouse"])
        say("own copy: a 20-page PDF ...")
        r["own_copy"] = own_copy(scratch)
    r["load_after"] = [round(x, 1) for x in os.getloadavg()]
    (args.out / "results.json").write_text(json.dumps(r, indent=2), encoding="utf-8")
    return render(args.out)


def render(out: Path) -> int:
    path = out / "results.json"
    if not path.is_file():
        print(f"error: {path}: no results yet; run scripts/dev bench first", file=sys.stderr)
        return 1
    text = report.markdown(json.loads(path.read_text(encoding="utf-8")))
    (out / "results.md").write_text(text, encoding="utf-8")
    print(text + f"\nwrote {path} and {out / 'results.md'}")
    return 0
