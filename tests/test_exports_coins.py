"""The article's reference on every page, as Zotero's Connector reads it.

The checks restate, in Python, the code Zotero runs on a page (read at these commits):
- zotero/translators 2814370161d05d799086825fac8d499db3a33aa3: `COinS.js` (priority 310;
  detectWeb: `span.Z3988[title]` whose ContextObject gives an item type, one such span a single
  item; doWeb: an item with a title and creators is saved as parsed, with the page attached as a
  snapshot, an attachment and no field), `Embedded Metadata.js` (priority 320; init: detects a
  page with `citation_*` tags or meta tags of a known prefix such as og:, and then fills the
  abstract from og:description or description and the URL from the page: addLowQualityMetadata),
  `unAPI.js` (priority 300; needs `link rel="unapi-server"`). The Connector saves with the
  detecting translator of lowest priority number.
- zotero/utilities 4051881d59c6c12d34417d4c226f37218051be90: `openurl.js` parseContextObject
  (`parse_context_object`), `utilities.js` cleanAuthor (`clean_author`, the no-comma path).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser

from annotated.exports import EXTRA_KEY, citation_meta, coins
from exports_helpers import project_notes
from site_helpers import REPO

Item = dict[str, Any]
PRIORITY = {"unAPI": 300, "COinS": 310, "Embedded Metadata": 320, "DOI": 400}
_KNOWN_PREFIXES = {
    "bib",
    "bibo",
    "dc",
    "dcterms",
    "prism",
    "foaf",
    "vcard",
    "link",
    "z",
    "eprint",
    "eprints",
    "og",
    "article",
    "book",
    "music",
    "video",
    "so",
    "codemeta",
    "rdf",
}  # fmt: skip  (Embedded Metadata.js _prefixes)

ARTICLE: Item = {
    "itemType": "journalArticle",
    "DOI": "10.1177/0192512107077098",
    "url": "https://doi.org/10.1177/0192512107077098",
    "accessDate": "",
    "title": "Alignments and Realignments in Central Asia: The Rationale and Implications of "
    "Uzbekistan’s Rapprochement with Russia",
    "publicationTitle": "International Political Science Review",
    "date": "2007-06-01",
    "volume": "28",
    "issue": "3",
    "pages": "253-271",
    "creators": [{"firstName": "Matteo", "lastName": "Fumagalli", "creatorType": "author"}],
}


def clean_author(author: str, kind: str) -> Item:
    author = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", re.sub(r"^[\s\u00a0.,/\[\]:]+", "", author))
    author = re.sub(r"[\s\u00a0]+", " ", author, count=1)
    space = len(author)
    while True:  # split at the last space before a word that starts with a letter
        space = author.rfind(" ", 0, space)
        last, first = author[space + 1 :], author[:space] if space >= 0 else ""
        if (last[:1].isalpha()) or space <= 0:
            break
    return {"firstName": first, "lastName": last, "creatorType": kind}


def parse_context_object(co: str) -> Item | None:
    parts = co.split("&")
    item: Item = {"creators": []}
    for part in parts:
        if part[:12] == "rft_val_fmt=":
            fmt = unquote(part[12:])
            if fmt == "info:ofi/fmt:kev:mtx:journal":
                item["itemType"] = "journalArticle"
            elif fmt == "info:ofi/fmt:kev:mtx:book":
                item["itemType"] = "book"
            elif fmt == "info:ofi/fmt:kev:mtx:dc":
                item["itemType"] = "webpage"
            break
    if "itemType" not in item:
        return None
    pages_key = ""
    for part in parts:
        key, _, rest = part.partition("=")
        value = unquote(re.sub(r"\+|%2[bB]", " ", rest.split("=")[0]))
        if not value:
            continue
        journal = item["itemType"] == "journalArticle"
        if key == "rft_id":
            if value[:8].lower() == "info:doi":
                item["DOI"] = value[9:]
            elif re.match(r"^https?://", value):
                item["url"], item["accessDate"] = value, ""
        elif key == "rft.atitle" and journal:
            item["title"] = value
        elif key == "rft.jtitle" and journal:
            item["publicationTitle"] = value
        elif key == "rft.date":
            item["date"] = value
        elif key in ("rft.volume", "rft.issue"):
            item[key[4:]] = value
        elif key == "rft.spage" and pages_key != "rft.pages":
            item["pages"] = value if pages_key != "rft.epage" else f"{value}-{item['pages']}"
            pages_key = key
        elif key == "rft.epage" and pages_key != "rft.pages":
            item["pages"] = f"{item['pages']}-{value}" if pages_key == "rft.spage" else value
            pages_key = key
        elif key == "rft.au":
            item["creators"].append(clean_author(value, "author"))
        elif key.startswith("rft.") and key not in ("rft.genre",):
            item.setdefault("_other", {})[key] = value  # other keys: not expected from us
    return item


def coins_spans(tree: LexborHTMLParser) -> list[str]:
    return [s.attributes.get("title") or "" for s in tree.css("span.Z3988[title]")]


def coins_detect(tree: LexborHTMLParser) -> str | bool:
    types = [i["itemType"] for t in coins_spans(tree) if (i := parse_context_object(t))]
    return "multiple" if len(types) > 1 else (types[0] if types else False)


def embedded_metadata_detects(tree: LexborHTMLParser) -> bool:
    for meta in tree.css("meta"):
        name = meta.attributes.get("name") or meta.attributes.get("property") or ""
        if not name or not meta.attributes.get("content"):
            continue
        for tag in name.split():
            parts = re.split(r"[.:_]", tag)
            if "citation_" in tag or parts[0].lower() in _KNOWN_PREFIXES:
                return True
    return False


def translators(tree: LexborHTMLParser) -> list[str]:
    found = []
    if tree.css_first('link[rel="unapi-server"]'):
        found.append("unAPI")
    if coins_detect(tree):
        found.append("COinS")
    if embedded_metadata_detects(tree):
        found.append("Embedded Metadata")
    return sorted(found, key=PRIORITY.__getitem__)


def page_own_values(tree: LexborHTMLParser, page_url: str) -> set[str]:
    """What Embedded Metadata would take from the page itself."""
    values = {page_url, urlsplit(page_url).netloc}
    title = tree.css_first("title")
    values |= {title.text()} if title else set()
    for meta in tree.css("meta"):
        name = meta.attributes.get("name") or meta.attributes.get("property") or ""
        if name in ("description", "keywords", "author") or name.startswith(("og:", "twitter:")):
            values.add(meta.attributes.get("content") or "")
    canonical = tree.css_first('link[rel="canonical"]')
    values |= {canonical.attributes.get("href") or ""} if canonical else set()
    return values - {""}


def saved_item(html: str, page_url: str) -> Item:
    """The record the Connector's button saves from the page, checked to take nothing from it."""
    tree = LexborHTMLParser(html)
    assert not tree.css('meta[name^="citation_"]')  # Scholar: our pages are not the article
    assert translators(tree)[0] == "COinS"
    assert coins_detect(tree) == "journalArticle"  # one item, not a choice
    item = parse_context_object(coins_spans(tree)[0])
    assert item is not None and item["title"] and item["creators"]  # saved as parsed
    own = page_own_values(tree, page_url)
    fields = [v for k, v in item.items() if k != "creators" and isinstance(v, str)]
    assert not [v for v in fields if v in own], own
    return item


def test_the_context_object_is_the_article_record() -> None:
    assert parse_context_object(coins.context_object(project_notes().structure)) == ARTICLE


def test_a_plus_sign_is_refused_since_zotero_reads_it_as_a_space() -> None:
    real = project_notes().structure
    metadata = real.metadata.model_copy(update={"journal": "Politics + Society"})
    structure = real.model_copy(update={"metadata": metadata})
    with pytest.raises(ValueError, match=r"article metadata: rft\.jtitle: Zotero reads '\+'"):
        coins.context_object(structure)


def build_small_site(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "other.md").write_text(
        "---\ndescription: Notes on the article & more\n---\n# Other & more\n", encoding="utf-8"
    )
    config = {
        "site_name": "Reading",
        "site_url": "https://example.org/x/",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "material", "custom_dir": str(REPO / "overrides"), "font": False},
        "extra": {EXTRA_KEY: citation_meta(project_notes().structure)},
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(load_config(str(path)))
    return tmp_path / "site"


def page_url(site: Path, page: Path, site_url: str) -> str:
    rel = page.relative_to(site).as_posix()
    return site_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def test_every_built_page_saves_the_article_and_nothing_of_the_page(tmp_path: Path) -> None:
    site = build_small_site(tmp_path)
    pages = sorted(site.rglob("*.html"))
    assert {p.relative_to(site).as_posix() for p in pages} >= {"index.html", "other/index.html"}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert saved_item(html, page_url(site, page, "https://example.org/x/")) == ARTICLE, page


def test_the_check_sees_what_issue_19_found() -> None:
    """A page with citation_* tags and no COinS: Embedded Metadata saves it, taking the abstract
    and the URL from the page (the old site); the check refuses it."""
    html = (
        '<html><head><title>Notes</title><meta name="citation_title" content="T">'
        '<meta property="og:description" content="Our notes"></head><body></body></html>'
    )
    tree = LexborHTMLParser(html)
    assert translators(tree) == ["Embedded Metadata"]
    with pytest.raises(AssertionError):
        saved_item(html, "https://example.org/x/")
