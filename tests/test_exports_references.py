"""The bibliography exports, each read back by a real reader: json (CSL-JSON), rispy (RIS) and
pybtex (BibTeX); one record per reference, fields as written."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import jsonschema
import latexcodec  # noqa: F401  (registers the "ulatex" codec; pybtex depends on it)
import pytest
import rispy
from pybtex.database import parse_string

from annotated.exports import bibtex, csl_json, ris
from exports_helpers import project_files, project_notes


def refs() -> list[dict]:
    return project_notes().references


def test_csl_json_is_every_item_with_full_dates() -> None:
    items = json.loads(project_files()[csl_json.PATH])
    # The CSL project's own schema of CSL-JSON input (citation-style-language/schema, MIT).
    schema = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text("utf-8"))
    jsonschema.validate(items, schema)
    assert [i["id"] for i in items] == [r["id"] for r in refs()]
    assert all("date-parts" in i["issued"] for i in items if "issued" in i)


def test_ris_read_back_by_rispy() -> None:
    entries = rispy.loads(project_files()[ris.PATH].decode("utf-8"))
    assert [e["id"] for e in entries] == [r["id"] for r in refs()]
    article = entries[0]
    assert article["type_of_reference"] == "JOUR"
    assert article["authors"] == ["Fumagalli, Matteo"]
    assert article["secondary_title"] == "International Political Science Review"
    assert (article["start_page"], article["end_page"]) == ("253", "271")
    assert article["doi"] == "10.1177/0192512107077098"
    assert article["year"] == "2007"
    uza = next(e for e in entries if e["id"] == "uza-2005")
    assert uza["type_of_reference"] == "NEWS" and uza["authors"] == ["UzA"]


def test_bibtex_read_back_by_pybtex() -> None:
    db = parse_string(project_files()[bibtex.PATH].decode("utf-8"), "bibtex")
    assert list(db.entries) == [r["id"] for r in refs()]
    article = db.entries["fumagalli-2007"]
    assert article.type == "article"
    assert [str(p) for p in article.persons["author"]] == ["Fumagalli, Matteo"]
    assert article.fields["pages"] == "253--271"
    assert article.fields["doi"] == "10.1177/0192512107077098"
    # An organisation stays one name, not a given and a family name.
    novosti = db.entries["novosti-uzbekistana-2005"].persons["author"][0]
    assert novosti.last_names == ["{Novosti Uzbekistana}"] and novosti.first_names == []
    # Titles come back as written once their LaTeX escapes are decoded.
    for r in refs():
        title = db.entries[r["id"]].fields.get("title")
        if title is not None:
            assert codecs.decode(title, "ulatex") == " ".join(r["title"].split())


@pytest.mark.parametrize(
    ("text", "latex"),
    [("A & B", r"A \& B"), ("50%", r"50\%"), ("{x}", r"\{x\}"), ("a_b #1", r"a\_b \#1")],
)
def test_latex_escapes(text: str, latex: str) -> None:
    assert bibtex.latex(text) == latex
