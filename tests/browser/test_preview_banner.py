"""The preview's error banner (annotated.mkdocs_serve.banner) over a real reading page, light and
dark: its text passes axe-core's colour-contrast rule (WCAG 2 AA, 4.5:1 for text this size)."""

from __future__ import annotations

import pytest
from browsing import READING_PAGES, WIDE

from annotated.mkdocs_serve import banner

pytestmark = pytest.mark.browser

AXE_CONTRAST = """async () => {
  const r = await axe.run('.build-errors', {runOnly: ['color-contrast']});
  const nodes = list => list.flatMap(v => v.nodes.map(n => n.failureSummary || n.target.join()));
  return {violations: nodes(r.violations), incomplete: nodes(r.incomplete),
          passes: nodes(r.passes)};
}"""
INSERT = """html => document.querySelector('.md-content .md-typeset')
  .insertAdjacentHTML('afterbegin', html)"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_error_banner_text_meets_wcag_aa_contrast(open_tab, axe_source: str, scheme) -> None:
    errors = ['error: notes/glossary.yml:3: unknown key "trem"; did you mean "term"?']
    tab = open_tab(WIDE, scheme)
    tab.page.add_init_script(axe_source)  # as the browser's own, so the site's CSP allows it
    tab.goto(READING_PAGES[0])
    tab.page.evaluate(INSERT, banner(errors).decode())
    result = tab.page.evaluate(AXE_CONTRAST)
    # It was 1.49:1 while Material's `.md-typeset pre` code colour won over the banner's white.
    assert result == {"violations": [], "incomplete": [], "passes": ["pre"]}  # the banner, checked
