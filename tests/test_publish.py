"""Publishing: the Pages workflow builds the public (companion) edition for the address and the
repository the deployment gives (SITE_URL, REPO_URL), tests, then deploys; robots.txt lets every
crawler in and points at the sitemap MkDocs writes under site_url."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml

from annotated import article_copy, site_address
from annotated.cli import main
from annotated.mkdocs_config import read_config
from site_helpers import SiteCopy, copy_fixture

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
PLACEHOLDERS = (b"example.org", b"example.com", b"github.com/example")


@pytest.fixture(autouse=True)
def _no_deployment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("SITE_URL", "REPO_URL", "ARTICLE_SOURCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(article_copy, "DEFAULT_SOURCE", tmp_path / "none.txt")


def _site_files(out: Path) -> dict[str, bytes]:
    """Every file of a built site but pdf.js's own code (whose sources name example.com), with
    each zip (the QTI package) opened: no byte of them may name a placeholder either."""
    files = {}
    for f in sorted(out.rglob("*")):
        rel = f.relative_to(out).as_posix()
        if not f.is_file() or rel.startswith("assets/your-copy/pdfjs/"):
            continue
        data = f.read_bytes()
        files[rel] = data
        if f.suffix == ".zip":
            with zipfile.ZipFile(BytesIO(data)) as z:
                files |= {f"{rel}!{n}": z.read(n) for n in z.namelist()}
    return files


def _build(site: SiteCopy, *extra: str) -> int:
    return main(site.args("--edition", "companion", *extra, source=False))


# ---- the address ---------------------------------------------------------------------------


def test_the_project_takes_its_address_and_repository_from_the_environment(monkeypatch):
    local = read_config(REPO / "mkdocs.yml")
    assert local.site_url == "http://127.0.0.1:8000/annotated-reading/"
    assert local.repo_url == ""
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/annotated-reading")
    monkeypatch.setenv("REPO_URL", "https://github.com/someone/annotated-reading")
    deployed = read_config(REPO / "mkdocs.yml")
    # GitHub's base_url has no final slash; MkDocs and we hold site_url as a folder.
    assert deployed.site_url == "https://someone.github.io/annotated-reading/"
    assert deployed.repo_url == "https://github.com/someone/annotated-reading"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("", "is not set"),
        ("https://example.org/annotated-reading/", "is a placeholder (a reserved example name)"),
        ("https://docs.example.com/x/", "is a placeholder (a reserved example name)"),
        ("https://site.test/", "is a placeholder (a reserved example name)"),
        ("http://127.0.0.1:8000/annotated-reading/", "is a local address"),
        ("http://localhost:8000/", "is a placeholder (a reserved example name)"),
        ("http://someone.github.io/annotated-reading/", "is not https"),
        ("https://github.com/example/annotated-reading", "is a placeholder (github.com/example)"),
        ("annotated-reading/", "is not an address"),
        ("https://someone.github.io/annotated-reading/", None),
        ("https://github.com/someone/annotated-reading", None),
        ("https://readings.university.edu/fumagalli/", None),
    ],
)
def test_placeholders(url: str, why: str | None) -> None:
    assert site_address.placeholder(url) == why


def test_robots_txt_allows_all_and_points_at_the_sitemap():
    text = site_address.robots_txt("https://someone.github.io/annotated-reading/")
    rules = [x for x in text.splitlines() if x and not x.startswith("#")]
    assert rules == [
        "User-agent: *",
        "Allow: /",
        "Sitemap: https://someone.github.io/annotated-reading/sitemap.xml",
    ]


def test_a_local_build_names_no_placeholder_has_no_edit_links_and_says_its_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    site = copy_fixture(tmp_path / "s")
    site.edit("mkdocs.yml", "  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    assert _build(site) == 0
    out = capsys.readouterr().out
    assert (
        "site address: http://127.0.0.1:8000/test-reading/ (from mkdocs.yml; SITE_URL is not "
        "set); edit links left out (REPO_URL is not set)"
    ) in out.splitlines()
    files = _site_files(site.out)
    named = sorted({rel for rel, data in files.items() for p in PLACEHOLDERS if p in data})
    assert named == []
    pages = [data for rel, data in files.items() if rel.endswith(".html")]
    assert pages and not any(b'rel="edit"' in page for page in pages)
    # robots.txt follows the address it was built for.
    assert b"Sitemap: http://127.0.0.1:8000/test-reading/sitemap.xml" in files["robots.txt"]
    assert b"<loc>http://127.0.0.1:8000/test-reading/</loc>" in files["sitemap.xml"]


def test_a_build_for_publishing_uses_the_deployments_address_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/test-reading")
    monkeypatch.setenv("REPO_URL", "https://github.com/someone/test-reading")
    site = copy_fixture(tmp_path / "s")
    site.edit("mkdocs.yml", "  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    assert _build(site, "--publish") == 0
    assert (
        "site address: https://someone.github.io/test-reading/ (from SITE_URL); edit links to "
        "https://github.com/someone/test-reading (from REPO_URL)"
    ) in capsys.readouterr().out.splitlines()
    files = _site_files(site.out)
    assert not [rel for rel, data in files.items() for p in PLACEHOLDERS if p in data]
    # Ours (pages, exports, sitemap, robots.txt, the reader's data): Material's own assets may
    # name 127.0.0.1 (its source maps do), and mean nothing by it.
    ours = {
        r: d for r, d in files.items() if not r.startswith("assets/") or r.endswith("data.json")
    }
    assert not [rel for rel, data in ours.items() if b"127.0.0.1" in data]
    home = files["index.html"].decode()
    assert '<link rel="canonical" href="https://someone.github.io/test-reading/">' in home
    edit = re.search(r'<a href="([^"]+)" title="Edit this page"', home)
    assert edit and edit[1] == "https://github.com/someone/test-reading/edit/main/docs/index.md"
    assert files["robots.txt"].endswith(
        b"Sitemap: https://someone.github.io/test-reading/sitemap.xml\n"
    )
    exports = [data for rel, data in files.items() if rel.startswith("exports/")]
    assert any(
        b"https://someone.github.io/test-reading/reading/introduction/" in e for e in exports
    )


def test_a_build_for_publishing_refuses_the_full_edition(tmp_path: Path, capsys):
    site = copy_fixture(tmp_path / "s")
    assert main(site.args("--publish")) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: --publish builds the companion edition only: the full edition holds the "
        "article's text, which must not be published; leave out --source and ARTICLE_SOURCE"
    ]
    assert not site.out.exists()


# ---- the workflow ----------------------------------------------------------------------------


def _steps() -> tuple[dict, list[dict], list[dict]]:
    flow = yaml.safe_load(WORKFLOW.read_text())
    jobs = flow["jobs"]
    return flow, jobs["build"]["steps"], jobs["deploy"]["steps"]


def test_workflow_builds_the_companion_edition_for_the_deployments_address():
    flow, build, _ = _steps()
    runs = [s.get("run", "") for s in build]
    build_at = next(i for i, r in enumerate(runs) if r.startswith("scripts/dev build"))
    test_at = next(i for i, r in enumerate(runs) if r.startswith("scripts/dev test"))
    pages_at = next(
        i for i, s in enumerate(build) if s.get("uses", "").startswith("actions/configure-pages@")
    )
    upload_at = next(
        i
        for i, s in enumerate(build)
        if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert pages_at < build_at < upload_at and test_at < upload_at
    # No text reaches the build: no source given, none in the environment.
    assert "--source" not in runs[build_at]
    assert flow["jobs"]["build"]["env"]["ARTICLE_SOURCE"] == ""
    assert build[upload_at]["with"]["path"] == "site"
    # The address and the repository from the deployment; a placeholder refused.
    assert runs[build_at].split() == [
        "scripts/dev", "build", "--edition", "companion", "--publish", "--out", "site"
    ]  # fmt: skip
    pages_id = build[pages_at]["id"]
    assert build[build_at]["env"] == {
        "SITE_URL": f"${{{{ steps.{pages_id}.outputs.base_url }}}}/",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
    }
    # The tests run without them: they build for the local address.
    assert "env" not in build[test_at]


def test_only_the_deploy_job_may_publish():
    flow, _, deploy = _steps()
    assert flow["permissions"] == {"contents": "read"}
    # The build job reads the Pages site's address (configure-pages), and writes nothing.
    assert flow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["jobs"]["deploy"]["needs"] == "build"
    assert flow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy] == ["actions/deploy-pages"]
