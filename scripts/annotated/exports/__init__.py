"""Everything the site offers for use in other tools, as files: pure functions from the notes (and,
in the full edition, the anchors and the article) to `{path under the site: bytes}`.

One module per format: `web_annotation` (W3C Web Annotations, JSON-LD), `hypothesis` (Hypothesis's
import file), `gift` (Moodle), `qti` (Canvas), `csl_json`, `ris` and `bibtex` (the bibliography).
`passages` and `questions` place notes and questions for all of them; `coins` gives the
article's reference for every page; `links` checks the exports' links against the built site.
Same inputs, same bytes.
"""

from __future__ import annotations

from annotated.exports import bibtex, csl_json, gift, hypothesis, links, qti, ris, web_annotation
from annotated.exports.coins import EXTRA_KEY, citation_meta
from annotated.exports.passages import Inputs

FORMATS = (web_annotation, hypothesis, gift, qti, csl_json, ris, bibtex)

__all__ = ["EXTRA_KEY", "FORMATS", "Inputs", "citation_meta", "export_all", "links", "sizes"]


def export_all(inputs: Inputs) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for fmt in FORMATS:
        files |= fmt.export(inputs)
    return files


def sizes(files: dict[str, bytes]) -> str:
    """One line for the build summary: every export and its size."""

    def kb(n: int) -> str:
        return f"{n / 1000:.1f} kB" if n >= 1000 else f"{n} B"

    return "exports: " + ", ".join(
        f"{path.rsplit('/', 1)[-1]} {kb(len(data))}" for path, data in files.items()
    )
