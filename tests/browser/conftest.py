"""Browser fixtures: the real site built once per edition, served on 127.0.0.1, one Chromium.

The site is served under the path of `site_url` (as a host would serve it), with the 404 page for
missing files and with sitemap.xml pointing at the local server, as `mkdocs serve` does: Material's
instant navigation and previews only follow addresses listed in the sitemap.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browsing import (
    AXE_JS,
    AXE_VERSION,
    CHROMIUM,
    CHROMIUM_ARGS,
    DEPLOYED_REPO_URL,
    MISSING,
    PREFIX,
    REPO,
    SHARED_SOURCE,
    SITE_URL,
)
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Response,
    Route,
    sync_playwright,
)

from annotated.static_site import serve_site

# ---- the built site ---------------------------------------------------------------------------


@pytest.fixture(scope="session", params=["companion", "full"])
def edition(request: pytest.FixtureRequest) -> str:
    if request.param == "full" and not SHARED_SOURCE.is_file():
        pytest.skip(f"full edition: the article's text is not at {SHARED_SOURCE}")
    return request.param


@pytest.fixture(scope="session")
def built_site(edition: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp(f"site-{edition}")
    out = tmp / "site"
    cmd = [sys.executable, "scripts/build.py", "build", "--edition", edition, "--out", str(out)]
    cmd += ["--stage", str(tmp / "stage")]
    if edition == "full":
        cmd += ["--source", str(SHARED_SOURCE)]
    env = {k: v for k, v in os.environ.items() if k != "ARTICLE_SOURCE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["REPO_URL"] = DEPLOYED_REPO_URL
    run = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        pytest.fail(f"the {edition} build failed:\n{run.stderr[-3000:]}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    with serve_site(built_site, PREFIX, site_url=SITE_URL) as url:
        yield url


# ---- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        _skip_or_fail(f"no Chromium at {CHROMIUM} (apt-get install chromium; CI installs it)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page in a fresh context that refuses every request not made to the test server."""

    page: Page
    base: str
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected_404: set[str] = field(default_factory=set)

    def goto(self, path: str, missing: bool = False) -> Response | None:
        if missing or path == MISSING:  # the 404 page's own status is the one error it may log
            self.expected_404.add(self.base + path)
        return self.page.goto(self.base + path, wait_until="load")

    def problems(self) -> list[str]:
        return [f"request left 127.0.0.1: {u}" for u in self.external] + self.errors


def _open(browser: Browser, base: str, viewport: dict, scheme: str, js: bool) -> Tab:
    context = browser.new_context(viewport=viewport, color_scheme=scheme, java_script_enabled=js)
    page = context.new_page()
    tab = Tab(page, base)
    origin = base[: base.index(PREFIX)]

    def route(r: Route) -> None:
        if r.request.url.startswith(origin + "/"):
            r.continue_()
        else:
            tab.external.append(r.request.url)
            r.abort()

    def console(msg: ConsoleMessage) -> None:
        if msg.type != "error":
            return
        if msg.location.get("url") in tab.expected_404 and "404" in msg.text:
            return
        tab.errors.append(f"console error on {page.url}: {msg.text}")

    context.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda e: tab.errors.append(f"script error on {page.url}: {e}"))
    return tab


@pytest.fixture
def open_tab(browser: Browser, base_url: str) -> Iterator[Callable[..., Tab]]:
    """open_tab(viewport, scheme="light", js=True) -> Tab; a test ends with no stray request or
    error."""
    tabs: list[Tab] = []

    def factory(viewport: dict, scheme: str = "light", js: bool = True) -> Tab:
        tab = _open(browser, base_url, viewport, scheme, js)
        tabs.append(tab)
        return tab

    yield factory
    problems = [p for tab in tabs for p in tab.problems()]
    for tab in tabs:
        tab.page.context.close()
    assert not problems, "\n".join(problems)


def _skip_or_fail(reason: str) -> None:
    """Skip where a tool is missing on a person's machine; in CI, which installs it, fail."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI should have installed this: {reason}")
    pytest.skip(reason)


# ---- axe-core ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script, installed with npm into the git-ignored tools/ folder when missing."""
    if not AXE_JS.is_file():
        npm = shutil.which("npm")
        if npm is None:
            _skip_or_fail(f"axe-core is not at {AXE_JS} and npm is not installed to fetch it")
        cmd = [npm, "install", "--no-audit", "--no-fund", "-E", "--prefix", str(REPO / "tools")]
        run = subprocess.run(
            [*cmd, f"axe-core@{AXE_VERSION}"], capture_output=True, text=True, timeout=300
        )
        if run.returncode != 0 or not AXE_JS.is_file():
            _skip_or_fail(f"npm could not install axe-core@{AXE_VERSION}: {run.stderr[-500:]}")
    return AXE_JS.read_text(encoding="utf-8")
