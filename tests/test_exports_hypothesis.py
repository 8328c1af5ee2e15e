"""The Hypothesis import file, checked by the client's own acceptance rules.

The checks below restate, in Python, what the Hypothesis client does with an imported file
(github.com/hypothesis/client, read at commit 9d28950c84560765f77b8e8e133c0f11ad577410):
- `read_export_file`: src/sidebar/helpers/import.ts `readExportFile` (JSON, an object whose
  `annotations` is an array, else "Not a valid Hypothesis JSON file");
- `annotations_by_user`: src/sidebar/helpers/annotations-by-user.ts `annotationsByUser` with
  `excludeReplies` (isReply: a non-empty `references`), as SharePanel/ImportAnnotations.tsx
  calls it;
- `annotation_display_name`: src/sidebar/helpers/annotation-user.ts `annotationDisplayName` and
  helpers/account-id.ts (`parseAccountID`, `username`, `isThirdPartyUser`);
- `import_one`: src/sidebar/services/import-annotations.ts `ImportAnnotationsService.import`
  (`duplicateMatch`, `getImportData`, then `isShared(ann.permissions)` from
  helpers/permissions.ts, `sharedPermissions` / `privatePermissions`);
- `quote`: helpers/annotation-metadata.ts `quote`; selector shapes: src/types/api.ts.
What the client then posts is checked by the h server (github.com/hypothesis/h, commit
24395ca438e3bd4b5c301e30ab81ca1d024ee840): h/schemas/annotation.py `AnnotationSchema` (Draft 4,
kept as tests/schemas/h-annotation.schema.json) and `CreateAnnotationSchema.validate` (a
non-empty `uri`; shared when `permissions.read` is exactly the annotation's group: `_shared`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from annotated.anchors import anchor
from annotated.exports import hypothesis
from annotated.exports.passages import Inputs, passages
from annotated.ingest import ingest_file
from exports_helpers import SITE_URL, companion, fixture, project_files, project_notes
from site_helpers import REPO

Ann = dict[str, Any]
H_SCHEMA = json.loads((REPO / "tests" / "schemas" / "h-annotation.schema.json").read_text())
DEFAULT_AUTHORITY = "hypothes.is"  # the public service's (h's default authority)
ME = "acct:instructor@hypothes.is"
GROUP = "abc123"


class ClientError(Exception):
    """What the client would throw: the import of that annotation fails."""


def read_export_file(data: bytes) -> list[Ann]:
    try:
        parsed = json.loads(data)
    except ValueError as e:
        raise ClientError("Not a valid JSON file") from e
    if not isinstance(parsed, dict) or not isinstance(parsed.get("annotations"), list):
        raise ClientError("Not a valid Hypothesis JSON file")
    return parsed["annotations"]


def _account(user: object) -> tuple[str, str] | None:
    m = re.match(r"^acct:([^@]+)@(.+)", user) if isinstance(user, str) else None
    return (m.group(1), m.group(2)) if m else None


def annotation_display_name(ann: Ann, default_authority: str, display_names_enabled: bool) -> str:
    account = _account(ann.get("user"))
    third_party = account is not None and account[1] != default_authority
    name = (ann.get("user_info") or {}).get("display_name")
    if (display_names_enabled or third_party) and name:
        return str(name)
    return account[0] if account else ""


def annotations_by_user(
    anns: list[Ann], get_display_name: Callable[[Ann], str]
) -> list[tuple[str, str, list[Ann]]]:
    users: dict[str, tuple[str, str, list[Ann]]] = {}
    for ann in anns:
        if ann.get("references"):  # isReply: replies are not offered for import
            continue
        users.setdefault(ann["user"], (ann["user"], get_display_name(ann), []))[2].append(ann)
    return sorted(users.values(), key=lambda u: u[1])


def quote(ann: Ann) -> str | None:
    if len(ann["target"]) == 0:
        return None
    selectors = ann["target"][0].get("selector")
    if not selectors:
        return None
    found = next((s for s in selectors if s["type"] == "TextQuoteSelector"), None)
    return found["exact"] if found else None


def duplicate_match(a: Ann, b: Ann) -> bool:
    return a["text"] == b["text"] and list(a["tags"]) == list(b["tags"]) and quote(a) == quote(b)


def is_shared(perms: Any) -> bool:
    if not isinstance(perms, dict) or not isinstance(perms.get("read"), list):
        # perms.read.some(...) on undefined: "Cannot read properties of undefined"
        raise ClientError("Cannot read properties of undefined (reading 'read')")
    return any(str(p).startswith("group:") for p in perms["read"])


def import_one(ann: Ann, existing: list[Ann], frame_uri: str) -> tuple[str, Ann]:
    """One annotation through ImportAnnotationsService.import: ("duplicate" | "import", result);
    ClientError where the client's import of it would fail."""
    for ex in existing:
        if duplicate_match(ann, ex):
            return "duplicate", ex
    # getImportData: only these survive; uri and document become the open document's.
    data: Ann = {k: ann[k] for k in ("target", "tags", "text")}
    data["uri"] = frame_uri
    # annotationFromData: the importing user and group; then the permissions by isShared.
    saved = {**data, "user": ME, "group": GROUP}
    if is_shared(ann.get("permissions")):
        saved["permissions"] = {"read": [f"group:{GROUP}"], "update": [ME], "delete": [ME]}
    else:
        saved["permissions"] = {"read": [ME], "update": [ME], "delete": [ME]}
    return "import", saved


def _check_selector(s: Ann) -> None:
    """src/types/api.ts: TextQuoteSelector {exact, prefix?, suffix?}; PageSelector {index:
    zero-based number, label?: string}."""
    if s["type"] == "TextQuoteSelector":
        assert isinstance(s["exact"], str) and s["exact"]
        assert set(s) <= {"type", "exact", "prefix", "suffix"}
        assert all(isinstance(s.get(k, ""), str) for k in ("prefix", "suffix"))
    else:
        assert s["type"] == "PageSelector", s
        assert isinstance(s["index"], int) and s["index"] >= 0
        assert isinstance(s["label"], str) and set(s) == {"type", "index", "label"}


def annotations() -> list[Ann]:
    return read_export_file(project_files()[hypothesis.PATH])


def test_the_client_reads_the_file_and_offers_one_user() -> None:
    anns = annotations()
    assert len(anns) == len(project_notes().notes)
    users = annotations_by_user(
        anns, lambda a: annotation_display_name(a, DEFAULT_AUTHORITY, display_names_enabled=False)
    )
    assert [(u[0], len(u[2])) for u in users] == [(hypothesis.USER, len(anns))]


def test_the_name_the_import_panel_shows_and_the_guide_gives() -> None:
    """hypothes.is is the default authority, so the panel shows the username unless the
    `client_display_names` feature flag is on; the guide says so."""
    ann = annotations()[0]
    assert annotation_display_name(ann, DEFAULT_AUTHORITY, False) == "annotated_reading"
    assert annotation_display_name(ann, DEFAULT_AUTHORITY, True) == "Annotated reading notes"
    guide = " ".join((REPO / "docs" / "use-elsewhere.md").read_text(encoding="utf-8").split())
    assert 'pick the user "annotated_reading"' in guide
    assert '"Annotated reading notes" where display names are turned on' in guide


def test_every_note_imports_shared_with_the_group_and_a_second_import_skips_them() -> None:
    anns = annotations()
    first = [import_one(a, [], "https://journals.example/doi/pdf/x") for a in anns]
    assert [kind for kind, _ in first] == ["import"] * len(anns)
    assert all(saved["permissions"]["read"] == [f"group:{GROUP}"] for _, saved in first)
    again = [import_one(a, [s for _, s in first], "https://x") for a in anns]
    assert [kind for kind, _ in again] == ["duplicate"] * len(anns)


def test_what_the_client_posts_passes_the_h_servers_checks() -> None:
    """The file's own annotations, and what the import makes of each (with the open document's
    uri and metadata), validate against h's AnnotationSchema; h stores each as shared."""
    validator = jsonschema.Draft4Validator(H_SCHEMA)
    frame = {"uri": "https://journals.example/doi/pdf/x", "document": {"title": ["PDF"]}}
    for ann in annotations():
        validator.validate(ann)
        _, posted = import_one(ann, [], frame["uri"])
        posted = {**posted, "document": frame["document"]}
        validator.validate(posted)
        assert posted["uri"].strip()  # CreateAnnotationSchema.validate: 'uri' is required
        assert posted["permissions"]["read"] == [f"group:{posted['group']}"]  # _shared


def test_an_annotation_without_permissions_fails_as_the_issue_saw() -> None:
    ann = {k: v for k, v in annotations()[0].items() if k != "permissions"}
    with pytest.raises(ClientError, match="Cannot read properties of undefined"):
        import_one(ann, [], "https://x")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{", "Not a valid JSON file"),
        (b"[]", "Not a valid Hypothesis JSON file"),
        (b'{"rows": []}', "Not a valid Hypothesis JSON file"),
    ],
)
def test_what_the_client_refuses(data: bytes, message: str) -> None:
    with pytest.raises(ClientError, match=message):
        read_export_file(data)


def test_one_annotation_per_note_on_the_article_by_its_doi() -> None:
    for a in annotations():
        assert a["uri"] == a["target"][0]["source"] == "https://doi.org/10.1177/0192512107077098"
        assert a["document"]["highwire"]["doi"] == ["10.1177/0192512107077098"]
        assert isinstance(a["text"], str) and a["text"]
        assert isinstance(a["tags"], list) and all(isinstance(t, str) for t in a["tags"])
        assert not a.get("references")


def _selectors(a: Ann) -> tuple[Ann, list[Ann]]:
    quote_sel, *rest = a["target"][0]["selector"]
    for s in a["target"][0]["selector"]:
        _check_selector(s)
    return quote_sel, rest


def test_companion_selectors_quote_the_phrase_and_name_its_page_where_known() -> None:
    placed = passages(companion())
    for a, p in zip(annotations(), placed, strict=True):
        quote_sel, rest = _selectors(a)
        assert quote_sel == {"type": "TextQuoteSelector", "exact": p.exact}
        if p.page is None:
            assert rest == []
        else:
            assert rest == [{"type": "PageSelector", "index": p.page - 253, "label": str(p.page)}]
    # Only a note in a paragraph across pages can lack its page (15 today, until the build records
    # the page of each phrase, which would give the companion edition theirs).
    assert all(p.block.pages[0] != p.block.pages[-1] for p in placed if p.page is None)
    assert all(p.page == p.block.pages[0] for p in placed if len(set(p.block.pages)) == 1)


def test_full_edition_gives_every_note_the_page_its_phrase_starts_on() -> None:
    inputs = fixture("full")
    anns = read_export_file(hypothesis.export(inputs)[hypothesis.PATH])
    assert inputs.anchors is not None
    anchored = {a.note.id: a for a in inputs.anchors.anchored}
    first_page = inputs.notes.structure.metadata.first_page
    for a, p in zip(anns, passages(inputs), strict=True):
        quote_sel, rest = _selectors(a)
        assert "prefix" in quote_sel or "suffix" in quote_sel
        page = anchored[p.note.id].page
        assert rest == [{"type": "PageSelector", "index": page - first_page, "label": str(page)}]


def test_text_is_markdown_with_absolute_links_and_the_note_on_the_site() -> None:
    anns = annotations()
    p = passages(companion())[0]
    assert anns[0]["text"].startswith(p.markdown)
    assert anns[0]["text"].endswith(
        f"Title, abstract and epigraph · p. 253 · [note 1 on the reading site]({p.url})"
    )
    assert "](note:" not in json.dumps(anns) and "](glossary:" not in json.dumps(anns)


def test_real_full_edition_gives_every_note_its_page(source_path: Any) -> None:
    notes = project_notes()
    article = ingest_file(source_path, REPO / "notes")
    inputs = Inputs(notes, SITE_URL, "full", anchor(article, notes), article)
    anns = read_export_file(hypothesis.export(inputs)[hypothesis.PATH])
    pages = [s for a in anns for s in a["target"][0]["selector"] if s["type"] == "PageSelector"]
    assert len(pages) == len(anns) == len(notes.notes)
    assert all(253 <= int(s["label"]) <= 271 and s["index"] == int(s["label"]) - 253 for s in pages)
