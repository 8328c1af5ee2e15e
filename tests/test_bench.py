"""The benchmark's own parts: statistics, the synthetic course, page weight, targets, reports.

No timings are asserted here: the benchmark measures, these tests check it measures correctly.
"""

from __future__ import annotations

import gzip
import math
import sys
from pathlib import Path

import pytest
import yaml

from annotated.anchors import anchor
from annotated.bench import lighthouse, report, stats, synthetic, weight, workspace
from annotated.ingest import ingest
from annotated.notes import load_notes, load_structure

# --- statistics --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("samples", "median", "low", "high", "q1", "q3"),
    [
        ([3.0], 3.0, 3.0, 3.0, 3.0, 3.0),
        ([2.0, 1.0], 1.5, 1.0, 2.0, 1.25, 1.75),
        ([5.0, 1.0, 3.0, 2.0, 4.0], 3.0, 1.0, 5.0, 2.0, 4.0),
    ],
)
def test_summarize(samples, median, low, high, q1, q3):
    s = stats.summarize(samples)
    assert (s.median, s.low, s.high, s.q1, s.q3, s.n) == (median, low, high, q1, q3, len(samples))
    assert s.spread == high - low


@pytest.mark.parametrize(
    ("cost", "exponent"),
    [(lambda n: 3 * n, 1.0), (lambda n: 0.5 * n**2, 2.0), (lambda n: 7.0, 0.0)],
)
def test_growth_exponent_recovers_the_power(cost, exponent):
    sizes = [1, 10, 50]
    assert stats.growth_exponent(sizes, [cost(n) for n in sizes]) == pytest.approx(exponent)


def test_growth_exponent_of_a_fixed_start_up_cost_plus_linear_work_is_below_one():
    sizes = [1, 10, 50]
    e = stats.growth_exponent(sizes, [2.0 + 0.1 * n for n in sizes])
    assert 0 < e < 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stats.summarize([]), "no samples to summarize"),
        (lambda: stats.growth_exponent([1], [1]), "need at least two (size, cost) pairs"),
        (lambda: stats.growth_exponent([1, 2], [0, 1]), "sizes and costs must be positive"),
        (lambda: stats.growth_exponent([2, 2], [1, 3]), "sizes must not all be equal"),
        (lambda: stats.ratio(1.0, 0.0), "the baseline took no time"),
    ],
)
def test_statistics_refuse_bad_input(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


# --- the synthetic course ----------------------------------------------------------------------


def test_invented_names_are_distinct():
    names = [synthetic.name(i) for i in range(5000)]
    assert len(set(names)) == len(names)


def test_course_scales_every_count():
    base = synthetic.SiteSize()
    ten = base.scaled(10)
    assert all(getattr(ten, k) == 10 * v for k, v in base.__dict__.items())


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory):
    course = synthetic.generate(synthetic.SiteSize(paragraphs=7, notes=23))
    root = tmp_path_factory.mktemp("course")
    source, notes = course.write(root)
    return course, source, notes


def test_course_is_a_valid_notes_folder(course_dir):
    course, _, notes_dir = course_dir
    notes = load_notes(notes_dir)
    assert len(notes.notes) == 23
    assert [p.id for p in notes.structure.parts] == course.part_ids
    assert len(course.part_ids) == 1 + math.ceil(7 / 3)  # front matter + parts of three


def test_course_text_has_the_raw_layout(course_dir):
    course, _, _ = course_dir
    lines = course.text.splitlines()
    assert lines[0].startswith("Shifting Partners")
    assert any(line.startswith("Abstract. ") for line in lines)
    assert any(line.startswith("Keywords: • ") for line in lines)
    assert any(line.endswith("-") for line in lines)  # words hyphenated across lines
    assert "102 Journal of Invented Studies 12(4)" in lines  # an even page's running head
    assert lines[-2:] == ["Request your trial", ""] or "Request your trial" in lines[-3:]


def test_course_ingests_by_its_map_and_every_note_anchors(course_dir):
    course, source, notes_dir = course_dir
    article = ingest(course.text, str(source), load_structure(notes_dir))
    assert article.paragraphs_from == "structure-map"
    notes = load_notes(notes_dir)
    anchors = anchor(article, notes)
    assert [str(p) for p in anchors.problems] == []
    assert len(anchors.anchored) == len(notes.notes)


def test_anchoring_corpus_has_the_requested_size():
    article, notes = synthetic.anchoring_corpus(notes=500, text_bytes=100_000)
    size = sum(len(b.text.encode()) for b in article.blocks)
    assert len(notes.notes) == 500
    assert 90_000 <= size <= 130_000
    assert len(anchor(article, notes).anchored) == 500


def test_measure_site_counts_a_notes_folder(course_dir):
    course, _, notes_dir = course_dir
    size = synthetic.measure_site(notes_dir)
    assert (size.paragraphs, size.notes) == (7, 23)
    assert size.glossary == course.size.glossary
    assert size.timeline == course.size.timeline


# --- the workspace -----------------------------------------------------------------------------

_CONFIG = """\
site_name: X
nav:
  - Home: index.md
  - The reading:
      - One: reading/one.md
      - Two: reading/two.md
  - Glossary: glossary.md
plugins:
  - search
"""


def test_replace_nav_lists_the_course_parts_and_keeps_the_rest():
    out = workspace.replace_nav(_CONFIG, ["front-matter", "section-1"])
    data = yaml.safe_load(out)
    assert data["nav"] == [
        {"Home": "index.md"},
        {
            "The reading": [
                {"front-matter": "reading/front-matter.md"},
                {"section-1": "reading/section-1.md"},
            ]
        },
        {"Glossary": "glossary.md"},
    ]
    assert data["plugins"] == ["search"]


def test_run_child_reports_time_exit_code_and_peak_memory(tmp_path):
    code = "x = bytearray(80 * 2**20); x[::4096] = b'1' * len(x[::4096]); print('done'); exit(3)"
    child = workspace.run_child([sys.executable, "-c", code], tmp_path)
    assert child.returncode == 3
    assert child.tail == "done"
    assert child.peak_bytes >= 80 * 2**20
    assert child.seconds > 0
    assert child.cpu_seconds > 0
    assert list(tmp_path.iterdir()) == []  # its log is removed


def test_run_child_stops_a_child_that_runs_too_long(tmp_path):
    child = workspace.run_child(
        [sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, timeout=1
    )
    assert child.timed_out
    assert child.returncode != 0
    assert child.tail == "stopped after 1 s"
    assert child.seconds < 10


# --- page weight -------------------------------------------------------------------------------

_PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../assets/main.css">
<link rel="stylesheet" href="https://fonts.example.com/css?family=X">
<script src="../assets/app.js"></script>
<script src="../assets/missing.js"></script>
</head><body><article><p>Hello</p></article></body></html>"""
_CSS = "@font-face{font-family:A;src:url(fonts/a.woff2) format('woff2'),url(fonts/a.ttf)}body{}"


@pytest.fixture
def tiny_site(tmp_path):
    (tmp_path / "reading").mkdir()
    (tmp_path / "assets" / "fonts").mkdir(parents=True)
    (tmp_path / "reading" / "index.html").write_text(_PAGE)
    (tmp_path / "assets" / "main.css").write_text(_CSS)
    (tmp_path / "assets" / "app.js").write_text("console.log(1);" * 50)
    (tmp_path / "assets" / "fonts" / "a.woff2").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "assets" / "fonts" / "a.ttf").write_bytes(b"never loaded")
    return tmp_path


def test_page_weight_counts_what_a_browser_loads(tiny_site):
    w = weight.page_weight(tiny_site, "reading/index.html")
    paths = {a.path: a for a in w.assets}
    assert set(paths) == {
        "reading/index.html",
        "assets/main.css",
        "assets/app.js",
        "assets/fonts/a.woff2",
    }
    assert paths["assets/app.js"].raw == len("console.log(1);" * 50)
    js = (tiny_site / "assets" / "app.js").read_bytes()
    assert paths["assets/app.js"].gzip == len(gzip.compress(js, compresslevel=6, mtime=0))
    assert w.by_kind()["fonts"]["raw"] == 1024
    assert w.external == ["https://fonts.example.com/css?family=X"]
    assert w.missing == ["assets/missing.js"]
    assert w.total(packed=False) == sum(a.raw for a in w.assets)
    article = len("<article><p>Hello</p></article>")
    assert w.html_split["content_raw"] == article
    assert w.html_split["chrome_raw"] == len(_PAGE) - article


def test_page_weight_names_a_page_that_was_not_built(tiny_site):
    with pytest.raises(FileNotFoundError, match="not a built page"):
        weight.page_weight(tiny_site, "nowhere/index.html")


def test_fonts_in_css_prefers_woff2():
    assert weight.fonts_in_css(_CSS) == ["fonts/a.woff2"]
    assert weight.fonts_in_css("@font-face{src:url('b.woff')}") == ["b.woff"]
    assert weight.fonts_in_css("body{background:url(x.png)}") == []


# --- Lighthouse's report read ------------------------------------------------------------------


def _lh_report(score: float) -> dict:
    return {
        "categories": {
            c: {"score": 1.0, "auditRefs": [{"id": f"{c}-audit", "weight": 1}]}
            for c in lighthouse.CATEGORIES
        }
        | {
            "seo": {
                "score": score,
                "auditRefs": [
                    {"id": "meta-description", "weight": 1},
                    {"id": "hidden", "weight": 0},
                ],
            }
        },
        "audits": {
            **{
                f"{c}-audit": {"score": 1, "scoreDisplayMode": "binary"}
                for c in lighthouse.CATEGORIES
            },
            "meta-description": {
                "score": 0,
                "scoreDisplayMode": "binary",
                "title": "Document does not have a meta description",
                "details": {"items": [{"node": {"snippet": "<head>"}}]},
            },
            "hidden": {"score": 0, "scoreDisplayMode": "binary"},
            "largest-contentful-paint": {"numericValue": 1200.0},
        },
    }


def test_lighthouse_summary_names_the_audits_that_cost_points():
    r = lighthouse.summarize(_lh_report(0.9), "home", "mobile")
    assert r.scores == {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 90}
    assert [(x.category, x.audit, x.details) for x in r.lost] == [
        ("seo", "meta-description", ["<head>"])
    ]
    assert r.metrics == {"largest-contentful-paint": 1200.0}


# --- targets and reports -----------------------------------------------------------------------


def _summary(median: float) -> dict:
    return stats.summarize([median * 0.9, median, median * 1.1]).to_dict()


def _results(ratio_whole: float) -> dict:
    page = {
        "by_kind": {k: {"raw": 0, "gzip": 0} for k in weight.KINDS},
        "assets": [],
    }
    stock = {**page, "by_kind": {**page["by_kind"], "html": {"raw": 9000, "gzip": 3000}}}
    stock["assets"] = [{"kind": "html", "path": "index.html", "raw": 9000, "gzip": 3000}]
    reading = {**page, "by_kind": {**page["by_kind"], "html": {"raw": 90000, "gzip": 30000}}}
    reading["assets"] = [
        {"kind": "html", "path": "reading/introduction/index.html", "raw": 90000, "gzip": 30000}
    ]
    stages = {k: {"skipped": "companion edition: no text"} for k in ("ingest", "anchor")}
    stages |= {"notes": _summary(0.2), "generate": _summary(0.05), "mkdocs": _summary(1.0)}
    stages |= {"linkcheck": _summary(0.4)}
    return {
        "date": "2026-01-01 00:00 UTC",
        "machine": {"arch": "x86_64", "cpus": 2, "memory_gib": 24.0},
        "runs": 3,
        "editions": {
            "companion": {
                "stages": stages,
                "whole": _summary(ratio_whole),
                "bare_mkdocs": _summary(1.0),
                "ratio": ratio_whole,
                "whole_peak_bytes": 100 * 2**20,
            },
            "full": {"skipped": "skipped: no source"},
        },
        "anchoring": {
            "notes": 10_000,
            "text_bytes": 1_000_000,
            "anchored": 10_000,
            "seconds": _summary(0.3),
        },
        "scale": {
            "rows": [
                {
                    "factor": k,
                    "paragraphs": 6 * k,
                    "notes": 36 * k,
                    "text_bytes": 7000 * k,
                    "html_pages": 10 + 2 * k,
                    "seconds": _summary(2 + 0.1 * k),
                    "bare_mkdocs_seconds": 1.5,
                    "peak_bytes": (80 + k) * 2**20,
                }
                for k in (1, 10, 50)
            ],
            "time_exponent": 0.4,
            "memory_exponent": 0.2,
        },
        "weight": {"stock": stock, "editions": {"companion": {"reading": reading}}},
        "lighthouse": {"skipped": "skipped: --quick"},
    }


def test_targets_met_and_not_met_say_what_limits_them():
    slow = {t.name: t for t in report.targets(_results(1.5))}
    overhead = slow["build overhead (companion)"]
    assert (overhead.value, overhead.met) == ("1.50×", False)
    assert (
        overhead.limit
        == "link check 400 ms, read notes 200 ms, generate pages 50 ms (MkDocs itself 1.00 s)"
    )
    assert slow["build overhead (full)"].met is None
    assert slow["build overhead (full)"].limit == "skipped: no source"
    assert slow["anchoring alone"].met is True
    assert slow["build growth (1×/10×/50×)"].met is True
    page = slow["reading page weight (companion)"]
    assert (page.value, page.met) == ("+27.0 KB", False)
    assert page.limit == "reading/introduction/index.html +27.0 KB"
    assert slow["Lighthouse mobile"].met is None

    cpu = _results(1.5)
    cpu["editions"]["companion"]["cpu_ratio"] = 1.1  # other load inflated only the wall clock
    judged = next(t for t in report.targets(cpu) if t.name == "build overhead (companion)")
    assert (judged.value, judged.met) == ("1.10× CPU (1.50× wall)", True)

    steep = _results(1.1)
    steep["scale"] |= {"cpu_exponent": 1.1, "tail_exponent": 1.4}  # fixed cost hid the slope
    growth = next(t for t in report.targets(steep) if t.name.startswith("build growth"))
    assert (growth.value, growth.met) == ("1.40 CPU, 10×→50× (1.10 over all sizes)", False)

    fast = {t.name: t for t in report.targets(_results(1.1))}
    assert (fast["build overhead (companion)"].met, fast["build overhead (companion)"].limit) == (
        True,
        "",
    )


def test_table_and_markdown_carry_every_section():
    results = _results(1.1)
    results["targets"] = [t.__dict__ for t in report.targets(results)]
    text = report.table(results)
    md = report.markdown(results)
    for title in ("Build breakdown", "Scale", "Single stages", "Page weight", "Targets"):
        assert title in text
        assert f"## {title}" in md
    assert "1.10×" in text
    assert (
        "| build overhead (companion) | whole command ≤ 1.2× bare mkdocs build | 1.10× | met |"
        in md
    )


def test_bench_writes_nothing_into_the_work_tree_paths(tmp_path):
    # The project parts copied for a private build exist in this repository.
    repo = Path(__file__).resolve().parent.parent
    work = workspace.copy_project(repo, tmp_path / "work")
    assert (work / "mkdocs.yml").is_file()
    assert (work / "scripts" / "build.py").is_file()
    assert not (work / ".venv").exists()
    assert not list(work.rglob("__pycache__"))
