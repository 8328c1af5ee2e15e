"""The Content-Security-Policy without 'unsafe-inline' for scripts (annotated.csp, applied by the
annotated.post_build hook): every inline script of the built site is allowed by its hash, and a
page that carries an inline script its policy does not list fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated import csp
from site_helpers import REPO, copy_fixture

POLICY = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
    "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'\">"
)
PAGE = (
    f"<head>{POLICY}<script>var a=1</script><script src='x.js'></script>"
    '<script id="__config" type="application/json">{"a": 1}</script></head>'
    "<body><script type=\"module\">import './m.js'</script></body>"
)


def test_only_scripts_that_run_are_inline_scripts() -> None:
    assert csp.inline_scripts(PAGE) == ["var a=1", "import './m.js'"]


def test_hashes_take_the_place_of_unsafe_inline_for_scripts_only() -> None:
    hashes = csp.site_hashes([PAGE])
    assert hashes == sorted([csp.script_hash("var a=1"), csp.script_hash("import './m.js'")])
    out = csp.with_hashes(PAGE, hashes)
    policy = csp.policy_of(out)
    assert policy == (
        f"default-src 'self'; script-src 'self' {' '.join(hashes)}; "
        "style-src 'self' 'unsafe-inline'"
    )
    assert csp.unlisted(out) == []


def test_the_known_hash_of_a_script() -> None:
    # The value browsers compute (and print in their CSP errors) for `alert(1)`.
    assert csp.script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_an_inline_script_the_policy_does_not_list_is_found() -> None:
    out = csp.with_hashes(PAGE, csp.site_hashes([PAGE]))
    added = out.replace("</body>", "<script>steal()</script></body>")
    assert csp.unlisted(added) == ["steal()"]
    assert csp.unlisted(PAGE) == ["var a=1", "import './m.js'"], "'unsafe-inline' lists none"


def test_every_page_of_the_built_site_lists_every_inline_script(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("ARTICLE_SOURCE", raising=False)
    site = copy_fixture(tmp_path / "s")
    text = site.config.read_text(encoding="utf-8")
    text = text.replace(
        "theme:\n  name: material\n",
        f"theme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n",
    )
    site.config.write_text(
        text + f"hooks:\n  - {REPO / 'scripts/annotated/post_build.py'}\n", encoding="utf-8"
    )
    assert site.build(source=False) == 0
    pages = sorted(site.out.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = csp.policy_of(html)
        assert policy is not None, page
        script_src = next(d for d in policy.split(";") if d.split()[0] == "script-src")
        assert "'unsafe-inline'" not in script_src, page
        assert "manifest-src 'self'" in policy and "worker-src 'self'" in policy
        assert csp.inline_scripts(html), f"{page}: Material's inline scripts are there"
        assert csp.unlisted(html) == [], page


@pytest.mark.parametrize(
    "directive", ["default-src 'self'", "connect-src 'self'", "object-src 'none'"]
)
def test_the_template_keeps_every_other_host_out(directive: str) -> None:
    assert directive in (REPO / "overrides" / "main.html").read_text(encoding="utf-8")
