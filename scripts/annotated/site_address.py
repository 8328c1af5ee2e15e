"""The site's address and repository, as the deployment gives them.

mkdocs.yml takes both from the environment with `!ENV`: the Pages workflow sets SITE_URL from
actions/configure-pages' `base_url` and REPO_URL from GITHUB_REPOSITORY. A local build without
them uses the preview's address and has no edit links; it says so in one line (`describe`). A
build for publishing (`--publish`, the workflow's) refuses a placeholder (`publishing_problems`),
so that no canonical link, sitemap or export of a published site points elsewhere. robots.txt
is made for the address (`robots_txt`), so that its Sitemap line cannot disagree with it.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from annotated.errors import Problem, display_path
from annotated.mkdocs_config import SiteConfig

SITE_ENV, REPO_ENV = "SITE_URL", "REPO_URL"
# RFC 2606 and RFC 6761: names that are never anyone's site.
_RESERVED = ("example.org", "example.com", "example.net", "localhost")
_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")


def placeholder(url: str) -> str | None:
    """Why `url` cannot be a published site's address, or None when it can."""
    if not url:
        return "is not set"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return "is not an address"
    if host in _RESERVED or host.endswith(_RESERVED_SUFFIXES) or _is_reserved_subdomain(host):
        return "is a placeholder (a reserved example name)"
    try:
        if ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_private:
            return "is a local address"
    except ValueError:
        pass
    if parts.scheme != "https":
        return "is not https"
    if host == "github.com" and parts.path.strip("/").split("/")[0].lower() == "example":
        return "is a placeholder (github.com/example)"
    return None


def _is_reserved_subdomain(host: str) -> bool:
    return any(host.endswith("." + name) for name in _RESERVED)


def _source(env: str, value: str) -> str:
    given = os.environ.get(env, "")
    if given and given.rstrip("/") == value.rstrip("/"):
        return f"from {env}"
    return "from mkdocs.yml" + ("" if given else f"; {env} is not set")


def describe(config: SiteConfig) -> str:
    """One line: the address the build used, and where from; where edit links go, or why none."""
    line = f"site address: {config.site_url or '(none)'} ({_source(SITE_ENV, config.site_url)})"
    if config.repo_url:
        return line + f"; edit links to {config.repo_url} ({_source(REPO_ENV, config.repo_url)})"
    return line + f"; edit links left out ({REPO_ENV} is not set)"


def publishing_problems(config: SiteConfig) -> list[Problem]:
    """What stops this configuration from being published: a placeholder address or repository
    (the published pages would point at someone else's site, or at none)."""
    where = display_path(config.path)
    problems = []
    why = placeholder(config.site_url)
    if why:
        problems.append(
            Problem(
                where,
                f"{_named('site_url', config.site_url)} {why}: a build for publishing needs the "
                f"published address; set {SITE_ENV} (the Pages workflow takes it from "
                "actions/configure-pages' base_url)",
                config.line_of("site_url"),
            )
        )
    why = placeholder(config.repo_url)
    if why:
        problems.append(
            Problem(
                where,
                f"{_named('repo_url', config.repo_url)} {why}: a build for publishing needs the "
                f"repository its edit links open; set {REPO_ENV} (the Pages workflow takes it "
                "from GITHUB_REPOSITORY)",
                config.line_of("repo_url"),
            )
        )
    return problems


def _named(key: str, value: str) -> str:
    return f'{key} "{value}"' if value else key


def robots_txt(site_url: str) -> str:
    """Every page may be crawled and indexed; the sitemap is the one MkDocs writes at site_url."""
    lines = ["# A public reading site: every page may be crawled and indexed.", "User-agent: *"]
    lines.append("Allow: /")
    if site_url:
        lines += ["", f"Sitemap: {site_url}sitemap.xml"]
    return "\n".join(lines) + "\n"
