"""shells: a macro cut where its variable parts stand, and filled again."""

from __future__ import annotations

import pytest
from jinja2 import Environment
from markupsafe import Markup

from annotated.pages.shells import fill, shell

TEMPLATE = """
{%- macro note(n, body) %}<b title="Note {{ n }}">{{ n }}</b> {{ body }}{% endmacro %}
{%- macro loud(n) %}<b>{{ n | upper }}</b>{% endmacro %}
{%- macro counted(n) %}<b>{{ n }}</b> ({{ n | length }}){% endmacro %}
{%- macro kind(n, kind) %}<b class="{{ kind }}">{{ n }}</b>{% endmacro %}
"""
MACROS = Environment(autoescape=True).from_string(TEMPLATE).module


def test_a_shell_is_the_literal_pieces_between_its_named_holes() -> None:
    cut = shell(MACROS.note, "n", "body")
    assert cut == ['<b title="Note ', "n", '">', "n", "</b> ", "body", ""]
    assert fill(cut, n=3, body="<i>x</i>") == str(MACROS.note(3, Markup("<i>x</i>")))
    assert fill(cut, {"n": 3, "body": "<i>x</i>"}) == '<b title="Note 3">3</b> <i>x</i>'


def test_fixed_arguments_are_rendered_into_the_pieces() -> None:
    assert shell(MACROS.kind, "n", kind='a"b') == ['<b class="a&#34;b">', "n", "</b>"]


@pytest.mark.parametrize("macro", ["loud", "counted"])
def test_a_macro_that_changes_or_tests_a_holes_value_is_refused(macro: str) -> None:
    with pytest.raises(ValueError, match="does not hold n only where they stand"):
        shell(getattr(MACROS, macro), "n")
