"""The benchmark's parts (scripts/benchmark/): the invented course, measured runs, statistics,
page weight and the report. The benchmark itself runs with `scripts/dev bench`, not here."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest
import yaml

from annotated.anchors import anchor
from annotated.ingest import ingest_file
from annotated.notes import load_notes
from benchmark import browser, course, report, runs

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[course.Course, Path, Path]:
    c = course.generate(course.SiteSize(paragraphs=7, notes=23))
    source, notes = c.write(tmp_path_factory.mktemp("course"))
    return c, source, notes


def test_invented_names_are_distinct() -> None:
    assert len({course.name(i) for i in range(5000)}) == 5000


def test_the_course_is_a_valid_notes_folder_whose_notes_all_anchor(course_dir) -> None:
    _, source, notes_dir = course_dir
    notes = load_notes(notes_dir)
    assert len(notes.notes) == 23
    article = ingest_file(source, notes_dir)
    assert article.paragraphs_from == "structure-map"
    result = anchor(article, notes)
    assert (len(result.anchored), result.problems) == (23, [])


def test_the_course_text_has_the_raw_layout(course_dir) -> None:
    c, _, _ = course_dir
    lines = c.text.splitlines()
    assert lines[2] == "DOI10.5555/synthetic.2011.1"
    assert any(course.RUNNING_HEAD.fullmatch(x) for x in lines[20:])
    assert lines[-4:] == ["To continue reading", "", "Request your trial", ""]
    assert max(len(x) for x in lines[20:] if not course.RUNNING_HEAD.fullmatch(x)) <= 84


def test_site_size_counts_the_real_notes_times_k() -> None:
    notes = load_notes(REPO / "notes")
    size, ten = course.site_size(REPO / "notes"), course.site_size(REPO / "notes", 10)
    assert (size.notes, size.glossary, size.references) == (
        len(notes.notes),
        len(notes.glossary),
        len(notes.references),
    )
    assert ten == course.SiteSize(*(10 * v for v in size.__dict__.values()))


def test_the_anchoring_corpus_has_the_requested_size(tmp_path: Path) -> None:
    article, notes = course.anchoring_corpus(tmp_path, 500, 50_000)
    assert len(notes.notes) == 500
    assert 45_000 <= sum(len(b.text) for b in article.blocks) <= 80_000


def test_use_course_lists_its_parts_and_keeps_the_rest(tmp_path: Path) -> None:
    work = runs.copy_project(REPO, tmp_path / "work")
    (tmp_path / "notes").mkdir()
    runs.use_course(work, tmp_path / "notes", ["section-1", "section-2"])
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(config[config.index("nav:") :].split("\n\n")[0])["nav"]
    reading = next(v for e in nav for v in e.values() if "section-1" in str(v))
    assert reading == [{"section-1": "reading/section-1.md"}, {"section-2": "reading/section-2.md"}]
    assert (work / "docs" / "index.md").read_text() == "# index\n\nAn invented page.\n"


def test_run_reports_time_cpu_exit_code_and_peak_memory(tmp_path: Path) -> None:
    code = "x = bytearray(50_000_000); sum(range(3_000_000)); print('done'); raise SystemExit(3)"
    child = runs.run([sys.executable, "-c", code], tmp_path)
    assert (child.code, child.tail) == (3, "done")
    assert child.peak >= 50_000_000 and child.cpu > 0


def test_run_stops_a_child_that_runs_too_long(tmp_path: Path) -> None:
    child = runs.run([sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, timeout=1)
    assert (child.code, child.tail) == (-9, "stopped after 1 s")


@pytest.mark.parametrize(("cost", "exponent"), [(lambda n: 3 * n, 1.0), (lambda n: n * n, 2.0)])
def test_growth_recovers_the_power(cost, exponent) -> None:
    sizes = [1, 10, 50]
    assert runs.growth(sizes, [cost(s) for s in sizes]) == pytest.approx(exponent)


def test_summary() -> None:
    assert runs.summary([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}


def test_weight_counts_what_a_page_loads_and_our_own_part(tmp_path: Path) -> None:
    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "assets").mkdir(parents=True)
    (docs / "assets").mkdir(parents=True)
    page = '<link rel="stylesheet" href="assets/ours.css"><script src="assets/theirs.js"></script>'
    (site / "index.html").write_text(page)
    (site / "assets" / "ours.css").write_text("p { color: red }\n" * 50)
    (docs / "assets" / "ours.css").write_text("p { color: red }\n" * 50)
    (site / "assets" / "theirs.js").write_text("let x = 1;\n" * 80)
    urls = browser.loaded_by_html(site, "index.html", "/p/")
    assert urls == ["/p/", "/p/assets/ours.css", "/p/assets/theirs.js"]
    w = browser.weight(site, "/p/", urls, docs)
    css = len(gzip.compress((site / "assets" / "ours.css").read_bytes(), mtime=0))
    assert w["by_kind"]["css"] == {"raw": 850, "gzip": css}
    assert w["own_css_js_gzip"] == css
    assert w["total_gzip"] == sum(r["gzip"] for r in w["by_kind"].values())


def test_the_report_judges_each_target_beside_its_figure() -> None:
    results = {
        "date": "d", "machine": {"arch": "x", "cpus": 2, "python": "3.11"}, "runs": 2,
        "load_before": [1.0], "load_after": [1.0],
        "editions": {"companion": {
            "ratio_cold": 1.1, "ratio_warm": 1.3, "cold_cpu": {"median": 1.1},
            "warm_cpu": {"median": 1.3}, "bare_cpu": {"median": 1.0}, "stages": {},
        }},
        "own_copy": {"skipped": "not available: the page has no 'Read with your copy' button"},
    }  # fmt: skip
    text = report.markdown(results)
    assert (
        "| whole build, cold ≤ 1.5×, warm ≤ 1.2× bare MkDocs, 1×, companion | cold 1.10×, "
        "warm 1.30× (CPU 1.10 / "
        "1.30 s, bare 1.00 s) | **not met** |"
    ) in text.splitlines()
    assert (
        "| reading a 20-page PDF in the browser | not available: the page has no 'Read with your "
        "copy' button | not measured |"
    ) in text.splitlines()


def test_the_benchmark_is_not_in_the_installable_package() -> None:
    config = (REPO / "pyproject.toml").read_text()
    assert 'include = ["annotated*"]' in config
    assert not (REPO / "scripts" / "annotated" / "bench").exists()
    lines = sum(
        len(p.read_text().splitlines()) for p in (REPO / "scripts" / "benchmark").glob("*.py")
    )
    # 800 lines when it last held every figure; this wave adds the margin's layout time (87
    # lines), what keeping a reading offline stores and the time to store it (25), and the
    # preview's latency, timed in Chromium over a running preview: 5 edits, 5 errors (56), and
    # our own CSS and JS per page, since the wide full-edition reading page alone loads the margin.
    assert lines < 990
