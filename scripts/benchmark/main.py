"""Benchmark: the build against bare MkDocs (cold and warm), invented courses at 1x, 10x and 50x,
anchoring and the link check alone, page weight and DOM size, Lighthouse, the preview and the own-copy reader.

    scripts/dev bench            every figure (about 30 minutes on 2 cores)
    scripts/dev bench --quick    2 runs, no 50x course, no Lighthouse (a few minutes)
    scripts/dev bench --render   print the last results again

Writes .bench/results.json and .bench/results.md (git-ignored). Builds happen in private copies
of the project under a temporary folder, never in site/ or build/.
"""

import argparse
import functools
import itertools
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from annotated import mkdocs_run, staging
from annotated.anchors import anchor
from annotated.article_copy import find_source
from annotated.citations import Citer
from annotated.ingest import ingest_file
from annotated.linkcheck import check_site
from annotated.mkdocs_config import read_config
from annotated.notes import load_notes
from annotated.pages import generate
from annotated.static_site import serve_site
from benchmark import browser, course, report, runs

REPO = Path(__file__).resolve().parents[2]
PAGES = {"home": "index.html", "reading": "reading/introduction/index.html", "glossary": "glossary/index.html"}
PREFIX = read_config(REPO / "mkdocs.yml").url_path  # the path site_url serves the site under
say = functools.partial(print, file=sys.stderr, flush=True)


def whole_builds(work: Path, source: Path | None, n: int, scratch: Path) -> dict[str, Any]:
    """The build command cold (a fresh clone's: no build/, no cache at all) and warm, beside bare MkDocs."""
    out, made = scratch / "site", work / "build"
    build, bare = runs.build_cmd(work, out, source), runs.mkdocs_cmd(work, scratch / "bare")
    if (first := runs.run(build, work)).code:  # the first build also stages what MkDocs reads
        return {"skipped": f"the build failed (exit {first.code}): {first.tail}"}
    children = []  # (cold, warm, bare MkDocs) per round
    for _ in range(n):
        shutil.rmtree(made, ignore_errors=True)  # cold: what a fresh clone, CI and Pages pay
        for compiled in (work / "scripts").rglob("__pycache__"):  # its modules not yet compiled
            shutil.rmtree(compiled)
        children.append((runs.run(build, work), runs.run(build, work), runs.run(bare, work)))
    s = {f"{k}_cpu": runs.summary([c[i].cpu for c in children]) for i, k in enumerate(("cold", "warm", "bare"))}
    ratios = {f"ratio_{k}": s[f"{k}_cpu"]["median"] / s["bare_cpu"]["median"] for k in ("cold", "warm")}
    return {**s, **ratios, "peak": max(c[0].peak for c in children), "site": str(out)}


def stages(work: Path, source: Path | None, n: int, scratch: Path) -> dict[str, Any]:
    """Each stage in process, on the output of the one before, as the build calls them."""
    out: dict[str, Any] = {}
    out["notes"], notes = runs.timed(lambda: load_notes(work / "notes"), n)
    article = anchors = None
    if source:
        out["ingest"], article = runs.timed(lambda: ingest_file(source, work / "notes"), n)
        out["anchor"], anchors = runs.timed(lambda: anchor(article, notes), n)
    edition = "full" if source else "companion"
    out["generate (cold memo)"], pages = runs.timed(lambda: generate(notes, article, anchors, edition, Citer()), n)
    staging.sync(scratch / "docs", staging.wanted_files(work / "docs", pages.files))
    build = lambda: mkdocs_run.build_site(work / "mkdocs.yml", scratch / "docs", scratch / "site", {})  # noqa: E731
    out["mkdocs"] = runs.timed(build, n)[0]
    out["linkcheck"] = runs.timed(lambda: check_site(scratch / "site", "site"), n)[0]
    return out


def edition(source: Path | None, n: int, scratch: Path) -> dict[str, Any]:
    name = "full" if source else "companion"
    say(f"{name} edition ...")
    work = runs.copy_project(REPO, scratch / f"work-{name}")
    result = whole_builds(work, source, n, scratch / name)
    return result | ({"stages": stages(work, source, n, scratch / f"{name}-stages")} if "site" in result else {})


def course_copy(c: course.Course, root: Path) -> Path:
    """A copy of the project under root/work whose notes are course `c`'s (its text: root/article.txt)."""
    _, notes = c.write(root)
    work = runs.copy_project(REPO, root / "work")
    runs.use_course(work, notes, c.part_ids)
    return work


def scale(factors: list[int], n: int, scratch: Path) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for k in factors:
        say(f"  {k}x course ...")
        c = course.generate(course.site_size(REPO / "notes", k))
        root = course_copy(c, scratch / f"scale-{k}").parent
        w = whole_builds(root / "work", root / "article.txt", n if k < 50 else 1, root)
        if "skipped" in w:
            return {"rows": rows, "skipped": f"{k}x: {w['skipped']}"}
        rows.append({"factor": k, "notes": c.size.notes, "paragraphs": c.size.paragraphs, **w})
    result: dict[str, Any] = {"rows": rows}
    if len(rows) > 1:
        sizes = [r["factor"] for r in rows]
        result["time_exponent"] = runs.growth(sizes, [r["cold_cpu"]["median"] for r in rows])
        result["memory_exponent"] = runs.growth(sizes, [r["peak"] for r in rows])
    return result


def page_figures(sites: dict[str, str], lighthouse: dict[str, Any]) -> dict[str, Any]:
    """Weight (from Lighthouse's requests where it ran, else from the HTML) and DOM size."""
    loaded = {(x["edition"], x["page"]): x["loaded"] for x in lighthouse.get("results", [])}
    notes = load_notes(REPO / "notes")
    intro = {b.id for b in notes.structure.parts[1].blocks}  # reading/introduction
    intro_notes, out = sum(n.paragraph in intro for n in notes.notes), dict[str, Any]()
    for name, site in sites.items():
        root, out[name] = Path(site), {}
        for page, path in PAGES.items():
            if (root / path).is_file():
                urls = loaded.get((name, page)) or browser.loaded_by_html(root, path, PREFIX)
                weight = browser.weight(root, PREFIX, urls, REPO / "docs")
                out[name][page] = {"weight": weight, "dom": browser.dom_elements(root / path), "notes": intro_notes}
    out["stock"] = out["stock"]["home"]["weight"] if out.get("stock") else {}
    return out


def lighthouse(sites: dict[str, str], n: int, keep: Path) -> dict[str, Any]:
    """Each page n times per form; the run with the median performance score is kept."""
    if isinstance(cli := browser.lighthouse_cli(REPO), str):
        return {"skipped": cli}
    results = []
    for name, site in sites.items():
        pages = {"home": "index.html"} if name == "stock" else PAGES
        with serve_site(Path(site), "/" if name == "stock" else PREFIX, compress=True) as base:
            for (page, path), form in itertools.product(pages.items(), ("mobile", "desktop")):
                say(f"  lighthouse {name} {page} {form} x{n} ...")
                url, out = base + path.removesuffix("index.html"), keep / f"{name}-{page}-{form}"
                tries = [browser.lighthouse(cli, url, form, Path(f"{out}-{i}.json")) for i in range(n)]
                tries.sort(key=lambda t: t["scores"].get("performance", 0))
                perf = [t["scores"].get("performance", 0) for t in (tries[0], tries[-1])]
                row = {"edition": name, "page": page, "form": form}
                results.append(row | tries[n // 2] | {"performance_range": perf})
    return {"version": browser.LIGHTHOUSE, "runs": n, "results": results}


def own_copy(scratch: Path) -> dict[str, Any]:
    """The reader of the student's own copy over a 20-page PDF of an invented course's article,
    on that course's companion site (the reader refuses any other article)."""
    if not Path(browser.CHROME).is_file():
        return {"skipped": f"not available: no Chromium at {browser.CHROME}"}
    c = course.generate(course.site_size(REPO / "notes", 10))
    work = course_copy(c, scratch / "own-copy")
    if (built := runs.run(runs.build_cmd(work, scratch / "own-copy" / "site", None), work)).code:
        return {"skipped": f"the course's companion edition did not build: {built.tail}"}
    with serve_site(scratch / "own-copy" / "site", PREFIX) as base:
        pdf = scratch / "own-copy" / "article.pdf"
        return browser.own_copy_seconds(base, f"reading/{c.part_ids[1]}/", c.text, course.RUNNING_HEAD, pdf)


def preview(scratch: Path) -> dict[str, Any]:
    """`scripts/dev serve` of a project copy (companion edition): a saved note, then an error, in the open page."""
    return browser.preview_seconds(runs.copy_project(REPO, scratch / "preview"), f"{PREFIX}reading/introduction/")


def margin(full: str | None, scratch: Path) -> dict[str, Any]:
    """The margin's layout time: the real introduction (full edition) and the doubled-density page."""
    out: dict[str, Any] = {"introduction": {"skipped": "no text (set ARTICLE_SOURCE)"}}
    if full:
        with serve_site(Path(full), PREFIX) as base:
            out["introduction"] = browser.margin_ms(base + "reading/introduction/")
    try:
        with serve_site(browser.build_dense(REPO, scratch / "dense"), "/test-reading/") as base:
            return out | {"dense": browser.margin_ms(base + "reading/rivers/")}
    except RuntimeError as e:
        return out | {"dense": {"skipped": str(e)}}


def measure(quick: bool, n: int, out: Path) -> dict[str, Any]:
    source = find_source(None)  # --source is not asked for: $ARTICLE_SOURCE or source/article.txt
    loadavg = lambda: [round(x, 1) for x in os.getloadavg()]  # noqa: E731
    machine = {"arch": platform.machine(), "cpus": os.cpu_count(), "python": platform.python_version()}
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    r: dict[str, Any] = {"date": date, "machine": machine, "runs": n, "quick": quick, "load_before": loadavg()}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        r["editions"] = {"companion": edition(None, n, scratch), "full": {"skipped": "no text (set ARTICLE_SOURCE)"}}
        if source:
            r["editions"]["full"] = edition(source.resolve(), n, scratch)
        say("scale ...")
        r["scale"] = scale([1, 10] if quick else [1, 10, 50], 1 if quick else min(n, 3), scratch)
        say("anchoring 10,000 notes over 1 MB ...")
        article, notes = course.anchoring_corpus(scratch / "anchoring")
        seconds, found = runs.timed(lambda: anchor(article, notes), n)
        r["anchoring"] = {"seconds": seconds, "notes": len(notes.notes), "anchored": len(found.anchored)}
        if r["scale"]["rows"]:  # the largest course's site
            site = Path(r["scale"]["rows"][-1]["site"])
            pages, (seconds, _) = len(list(site.rglob("*.html"))), runs.timed(lambda: check_site(site, "site"), n)
            r["linkcheck"] = {"pages": pages, "pages_per_second": pages / seconds["median"]}
        sites = {e: x["site"] for e, x in r["editions"].items() if "site" in x}
        sites["stock"] = str(runs.stock_site(scratch / "stock"))
        if quick:
            r["lighthouse"] = {"skipped": "skipped: --quick"}
        else:
            say("lighthouse ...")
            (out / "lighthouse").mkdir(parents=True, exist_ok=True)
            r["lighthouse"] = lighthouse(sites, min(n, 3), out / "lighthouse")
        r["pages"] = page_figures(sites, r["lighthouse"])
        say("margin layout ...")
        r["margin"] = margin(r["editions"]["full"].get("site"), scratch) if Path(browser.CHROME).is_file() else {}
        say("keep offline ...")
        with serve_site(Path(sites["companion"]), PREFIX) as base:  # needs Workbox (npm ci) and Chromium
            r["offline"] = browser.keep_offline(base, Path(sites["companion"]))
        say("preview: 5 notes edited, 5 errors ...")
        r["preview"] = preview(scratch) if Path(browser.CHROME).is_file() else {"skipped": "no Chromium"}
        say("own copy: a 20-page PDF ...")
        r["own_copy"] = own_copy(scratch)
    return r | {"load_after": loadavg()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/dev bench", description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    p.add_argument("--quick", action="store_true", help="2 runs, no 50x course, no Lighthouse")
    p.add_argument("--render", action="store_true", help="print the last results again")
    p.add_argument("--out", type=Path, default=REPO / ".bench")
    args = p.parse_args(argv)
    path = args.out / "results.json"
    if not args.render:
        args.out.mkdir(parents=True, exist_ok=True)
        results = measure(args.quick, 2 if args.quick else max(1, args.runs), args.out)
        path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    elif not path.is_file():
        print(f"error: {path}: no results yet; run scripts/dev bench first", file=sys.stderr)
        return 1
    text = report.markdown(json.loads(path.read_text(encoding="utf-8")))
    (args.out / "results.md").write_text(text, encoding="utf-8")
    print(text + f"\nwrote {path} and {args.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
