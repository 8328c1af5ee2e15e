"""The study questions as a Moodle GIFT file: one essay question each, in a category per part.

GIFT as Moodle documents it (docs.moodle.org, "GIFT format") and as its importer reads it
(moodle/moodle question/format/gift/format.php): questions are separated by a blank line; `//`
starts a comment line, and a comment's `[id:…]` and `[tag:…]` set the question's ID number and
tags; `$CATEGORY: a/b` switches category; `::name::` names a question; `[html]` gives the text's
format; `{}` after the text makes it an essay. The characters ~ = # { } : and the backslash are
escaped with a backslash, and a newline is written as \\n, as the importer's own exporter does
(`repchar`). The question text carries its passage (paragraph and printed pages, linked to the
site) and its level; the level is also a tag.
"""

from __future__ import annotations

import re

from annotated.exports.passages import Inputs
from annotated.exports.questions import questions

PATH = "exports/study-questions-moodle.gift.txt"
_SPECIAL = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}
_CATEGORY_UNSAFE = re.compile(r"[~=#{}:\\/]")


def escape(text: str) -> str:
    """Moodle's repchar: reserved characters escaped, line breaks written as \\n."""
    out = "".join(_SPECIAL.get(c, c) for c in text)
    return out.replace("\r", "").replace("\n", "\\n")


def category(name: str) -> str:
    # The importer reads a category line before unescaping it, so nothing in it can be escaped:
    # a reserved character (or the path separator) becomes a space.
    return re.sub(r"\s+", " ", _CATEGORY_UNSAFE.sub(" ", name)).strip()


def export(inputs: Inputs) -> dict[str, bytes]:
    meta = inputs.notes.structure.metadata
    who = f"{', '.join(meta.authors)} ({meta.year})"
    lines = [
        f"// Study questions on {who}, “{meta.title}”, from {inputs.notes.root.name}/study.yml.",
        "// Import into a Moodle question bank: Import, format GIFT. One essay question each.",
        "",
    ]
    current = None
    for q in questions(inputs):
        if q.part_id != current:
            current = q.part_id
            lines += [f"$CATEGORY: $course$/top/{category(who)}/{category(q.part_title)}", ""]
        lines.append(f"// [id:{q.ident}] [tag:{q.level}] [tag:{q.part_id}]")
        lines.append(f"::{escape(q.title)}::[html]{escape(q.html())}{{}}")
        lines.append("")
    return {PATH: "\n".join(lines).encode("utf-8")}
