"""Markup with holes: a macro of the templates, rendered once with a stand-in for each variable
part and cut where the stand-ins stand.

The full edition's text is built in two places, by the build and by the browser (the student's
own copy, docs/assets/your-copy/render.mjs). Both join the same shells at the same offsets, so the
markup itself is written once, in the templates, and the browser writes none.

A shell is a list: literal HTML at even indexes, the name of a hole at odd ones, so
`["<sup>", "marker", "</sup>"]` filled with `{"marker": "3"}` is `<sup>3</sup>`. The JSON form is
the same list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from markupsafe import Markup

__all__ = ["Shell", "fill", "shell"]

Shell = list[str]

# Private-use characters: no template writes them and escaping leaves them alone.
_HOLE = re.compile("\ue000([a-z_]+)\ue001")


def shell(render: Callable[..., object], *holes: str, **fixed: object) -> Shell:
    """`render` (a macro) as a shell with the given holes; `fixed` are its other arguments.

    Refused when a hole's value does not come through as it was given (a filter that changes
    it, a condition on it): filling the shell would then differ from rendering.
    """
    stand_ins = {h: Markup(f"\ue000{h}\ue001") for h in holes}
    cut = _HOLE.split(str(render(**stand_ins, **fixed)))
    probes = {h: Markup(str(900000001 + i)) for i, h in enumerate(holes)}
    if (
        set(cut[1::2]) != set(holes)
        or any("\ue000" in p or "\ue001" in p for p in cut)
        or fill(cut, probes) != str(render(**probes, **fixed))
    ):
        raise ValueError(f"{render!r} does not hold {', '.join(holes)} only where they stand")
    return cut


def fill(pieces: Shell, values: Mapping[str, object] | None = None, **more: object) -> str:
    """The shell with each hole replaced by its value (HTML, inserted as it is)."""
    given = {**(values or {}), **more}
    return "".join(p if i % 2 == 0 else str(given[p]) for i, p in enumerate(pieces))
