"""Targets judged beside the figures, as one Markdown table (printed and written to results.md)."""

from typing import Any

Row = tuple[str, str, str]  # target, measured, status


def _ok(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def _ratio_row(target: str, x: dict[str, Any], cold_limit: float, warm_limit: float) -> Row:
    """A whole build (an edition's or a course's) beside bare MkDocs, in CPU time, cold and warm."""
    if "ratio_cold" not in x:
        return target, x.get("skipped", ""), "not measured"
    cold, warm, bare = (x[f"{k}_cpu"]["median"] for k in ("cold", "warm", "bare"))
    said = f"cold {x['ratio_cold']:.2f}×, warm {x['ratio_warm']:.2f}× "
    said += f"(CPU {cold:.2f} / {warm:.2f} s, bare {bare:.2f} s)"
    return target, said, _ok(x["ratio_cold"] <= cold_limit and x["ratio_warm"] <= warm_limit)


def build_rows(r: dict[str, Any]) -> list[Row]:
    editions, scale = r.get("editions", {}), r.get("scale", {})
    rows = [
        _ratio_row(f"whole build, cold ≤ 1.5×, warm ≤ 1.2× bare MkDocs, 1×, {k}", e, 1.5, 1.2)
        for k, e in editions.items()
    ]
    tens = [x for x in scale.get("rows", []) if x["factor"] == 10]
    rows += [_ratio_row("whole build, cold ≤ 2×, warm ≤ 1.5× bare MkDocs, 10× course", x, 2, 1.5) for x in tens]
    if "skipped" in scale:
        rows.append(("invented courses at 1×, 10×, 50×", scale["skipped"], "not measured"))
    if "time_exponent" in scale:
        sizes = ", ".join(f"{x['factor']}×: {x['cold_cpu']['median']:.1f} s" for x in scale["rows"])
        said = f"exponent {scale['time_exponent']:.2f} ({sizes}); memory {scale['memory_exponent']:.2f}"
        rows.append(("build growth close to linear (exponent ≤ 1.2)", said, _ok(scale["time_exponent"] <= 1.2)))
    if a := r.get("anchoring"):
        said = f"{a['seconds']['median']:.2f} s ({a['anchored']} of {a['notes']} anchored)"
        rows.append(("anchoring 10,000 notes over 1 MB < 1 s", said, _ok(a["seconds"]["median"] < 1)))
    if lc := r.get("linkcheck"):
        rows.append(("link check", f"{lc['pages_per_second']:.0f} pages/s ({lc['pages']} pages)", "figure"))
    return rows


def page_rows(r: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    pages, stock = r.get("pages", {}), r.get("pages", {}).get("stock", {}).get("total_gzip")
    for name in ("companion", "full"):
        if not (reading := pages.get(name, {}).get("reading")):
            continue
        w = reading["weight"]
        html, budget = w["by_kind"]["html"]["gzip"], 3 * 1024 + 300 * reading["notes"]
        said = f"{_kb(html)} for {reading['notes']} notes (budget {_kb(budget)})"
        rows.append((f"reading page HTML ≤ 3 KB + 300 B a note (gzip), {name}", said, _ok(html <= budget)))
        own = {page: p["weight"]["own_css_js_gzip"] for page, p in pages[name].items()}
        top = max(own, key=lambda page: own[page])  # the heaviest page, then the others
        said = f"{_kb(own[top])} ({top}; " + ", ".join(f"{k} {_kb(v)}" for k, v in own.items() if k != top) + ")"
        rows.append((f"our own CSS + JS ≤ 8 KB (gzip), {name}", said, _ok(own[top] <= 8 * 1024)))
        if stock:
            extra, said = w["total_gzip"] - stock, f"+{_kb(w['total_gzip'] - stock)} ({_kb(w['total_gzip'])} in all)"
            rows.append((f"reading page ≤ stock Material + 15 KB (gzip), {name}", said, _ok(extra <= 15 * 1024)))
    if full := pages.get("full", {}).get("reading"):
        rows.append(("full reading page ≤ 1,000 DOM elements", str(full["dom"]), _ok(full["dom"] <= 1000)))
    return rows


def browser_rows(r: dict[str, Any]) -> list[Row]:
    lh, rows = r.get("lighthouse", {}), []
    if "results" not in lh:
        rows.append(("Lighthouse mobile 100 in all four, CLS 0", lh.get("skipped", ""), "not measured"))
    for x in (x for x in lh.get("results", []) if x["form"] == "mobile" and x["edition"] != "stock"):
        cls, lost = x["metrics"].get("cumulative-layout-shift", 0), "; ".join(x["lost"][:3])
        said = "/".join(map(str, x["scores"].values())) + f", CLS {cls:.3f}" + (f" ({lost})" if lost else "")
        ok = all(v == 100 for v in x["scores"].values()) and cls == 0
        rows.append((f"Lighthouse mobile 100 ×4, CLS 0: {x['edition']} {x['page']}", said, _ok(ok)))
    o = r.get("offline", {})
    if o:  # browser.keep_offline
        mb = f"{o['bytes'] / 1e6:.1f} MB ({o['gzip'] / 1e6:.1f} MB gzip)"
        said = f"{o['files']} files, {mb}; stored in {o['seconds']:.1f} s"
        rows.append(("what 'Keep this reading on this device' stores, and the time to store it", said, "figure"))
    for kind, what in (("shown", "a saved note"), ("banner", "an error's banner")):
        pv, target = r.get("preview", {}), f"preview: {what} in the open page < 1 s (median of 5)"
        s = pv.get(kind, {})  # seconds from saving the notes file
        said = f"{s['median']:.2f} s [{s['min']:.2f}–{s['max']:.2f}]" if s else pv.get("skipped", "")
        rows.append((target, said, _ok(s["median"] < 1) if s else "not measured"))
    oc, target = r.get("own_copy", {}), "reading a 20-page PDF in the browser"
    if "seconds" not in oc:
        return [*rows, (target, oc.get("skipped", "not available"), "not measured")]
    placed = f"{oc['placed']} of {oc['total']} notes placed" if oc.get("total") else oc["said"]
    return [*rows, (target, f"{oc['seconds']:.1f} s ({placed})", "figure")]


def margin_rows(r: dict[str, Any]) -> list[Row]:
    rows = []
    for page, x in r.get("margin", {}).items():
        rows += [(f"margin layout < 16 ms, {page}", x["skipped"], "not measured")] if "skipped" in x else []
        for w, t in ((w, t) for w, t in x.items() if w != "skipped"):
            said = f"{t['median']:.1f} ms (max {t['max']:.1f}), after filtering {t['filter']:.1f}; {t['notes']} notes"
            rows.append((f"margin layout < 16 ms, {page} {w} px", said, _ok(max(t["median"], t["filter"]) < 16)))
    return rows


def markdown(r: dict[str, Any]) -> str:
    m, quick = r["machine"], " (--quick)" if r.get("quick") else ""
    head = f"Measured {r['date']} on {m['arch']} with {m['cpus']} CPUs, Python {m['python']}, {r['runs']} runs{quick}; "
    head += f"load {r['load_before']} → {r['load_after']}."
    rows = ["| Target | Measured | Status |", "|---|---|---|"]
    every = build_rows(r) + page_rows(r) + browser_rows(r) + margin_rows(r)
    rows += [f"| {t} | {said} | {s} |" for t, said, s in every]
    stages = [f"{e} {n} {s['median']:.3f} s [{s['min']:.3f}–{s['max']:.3f}]"
              for e, x in r.get("editions", {}).items() for n, s in x.get("stages", {}).items()]  # fmt: skip
    return "\n".join([head, "", *rows, "", "Stages, median [min–max]: " + "; ".join(stages), ""])
