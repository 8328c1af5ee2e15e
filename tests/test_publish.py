"""Publishing: the Pages workflow builds the public (companion) edition, tests, then deploys;
robots.txt lets every crawler in and points at the sitemap MkDocs writes under site_url."""

from __future__ import annotations

from pathlib import Path

import yaml

from annotated.mkdocs_config import read_config

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def _site_url() -> str:
    return read_config(REPO / "mkdocs.yml").site_url


def test_robots_txt_allows_all_and_points_at_the_sitemap():
    lines = [x.strip() for x in (REPO / "docs" / "robots.txt").read_text().splitlines()]
    rules = [x for x in lines if x and not x.startswith("#")]
    assert rules[:2] == ["User-agent: *", "Allow: /"]
    assert not any(x.lower().startswith("disallow:") and x[9:].strip() for x in rules)
    sitemap = _site_url().rstrip("/") + "/sitemap.xml"
    assert f"Sitemap: {sitemap}" in rules


def _steps() -> tuple[dict, list[dict], list[dict]]:
    flow = yaml.safe_load(WORKFLOW.read_text())
    jobs = flow["jobs"]
    return flow, jobs["build"]["steps"], jobs["deploy"]["steps"]


def test_workflow_builds_the_companion_edition_with_the_readme_commands():
    flow, build, _ = _steps()
    runs = [s.get("run", "") for s in build]
    build_at = next(i for i, r in enumerate(runs) if r.startswith("scripts/dev build"))
    test_at = next(i for i, r in enumerate(runs) if r.startswith("scripts/dev test"))
    upload_at = next(
        i
        for i, s in enumerate(build)
        if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert build_at < upload_at and test_at < upload_at
    # No text reaches the build: no source given, none in the environment.
    assert "--source" not in runs[build_at]
    assert flow["jobs"]["build"]["env"]["ARTICLE_SOURCE"] == ""
    assert build[upload_at]["with"]["path"] == "site"


def test_only_the_deploy_job_may_publish():
    flow, _, deploy = _steps()
    assert flow["permissions"] == {"contents": "read"}
    assert "permissions" not in flow["jobs"]["build"]
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["jobs"]["deploy"]["needs"] == "build"
    assert flow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy] == ["actions/deploy-pages"]
