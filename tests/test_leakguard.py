"""The companion edition's leak guard (annotated.leakguard): no run of 12 words of the source.

(tests/test_leak_guard.py is another check: that no file in the repository holds the article.)
"""

from __future__ import annotations

import pytest

from annotated.leakguard import find_leaks, html_text, words

SOURCE = (
    "Rulers who control the water can offer it, or threaten to withhold it, and so hedge "
    "between patrons without choosing one for good."
)


@pytest.mark.parametrize(
    ("output", "leaks"),
    [
        ("Rulers who control the water can offer it, or threaten to", []),  # 11 words
        ("Rulers who control the water can offer it, or threaten to withhold", ["out"]),
        ("RULERS who control the water — can offer it; or threaten to withhold it!", ["out"]),
        ("In our words: rulers trade water for support.", []),
    ],
)
def test_twelve_words_in_a_row_leak(output: str, leaks: list[str]) -> None:
    assert [leak.where for leak in find_leaks([SOURCE], {"out": output})] == leaks


def test_the_leak_is_named() -> None:
    (leak,) = find_leaks([SOURCE], {"page.html": "x " + SOURCE})
    assert leak.words == "rulers who control the water can offer it or threaten to withhold"


def test_words_are_normalised_like_the_project_leak_check() -> None:
    assert words("Tashkent’s with-\ndrawal, fi rst") == ["tashkent's", "withdrawal", "first"]


def test_html_text_skips_scripts_and_styles() -> None:
    html = "<html><head><style>p{}</style></head><body><p>One</p><script>two()</script></body>"
    assert html_text(html).split() == ["One"]
