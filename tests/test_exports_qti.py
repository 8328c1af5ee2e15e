"""The Canvas QTI 1.2 package, checked against the structure Canvas writes and reads (explicit
checks: no XSD of QTI 1.2 is published in a form we can keep here)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from annotated.exports import qti
from exports_helpers import project_files, project_notes

NS = {"q": qti.QTI_NS, "cp": qti.CP_NS, "c": qti.CANVAS_NS}
IDENT = "fumagalli-2007-study-questions"


def package() -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(project_files()[qti.PATH]))


def test_zip_holds_manifest_assessment_and_canvas_settings() -> None:
    z = package()
    assert z.testzip() is None
    assert z.namelist() == [
        "imsmanifest.xml",
        f"{IDENT}/{IDENT}.xml",
        f"{IDENT}/assessment_meta.xml",
    ]
    manifest = ET.fromstring(z.read("imsmanifest.xml"))
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert [(r.get("identifier"), r.get("type")) for r in resources] == [
        (IDENT, "imsqti_xmlv1p2"),
        (f"{IDENT}-meta", qti.LOR),
    ]
    # Every file the manifest names is in the zip; the assessment depends on its settings.
    hrefs = [f.get("href") for f in manifest.iter(f"{{{qti.CP_NS}}}file")]
    assert set(hrefs) == set(z.namelist()) - {"imsmanifest.xml"}
    assert resources[0].find("cp:dependency", NS).get("identifierref") == f"{IDENT}-meta"
    settings = ET.fromstring(z.read(f"{IDENT}/assessment_meta.xml"))
    assert settings.get("identifier") == IDENT
    assert settings.findtext("c:quiz_type", namespaces=NS) == "practice_quiz"


def test_one_essay_item_per_study_question() -> None:
    study = project_notes().study
    assert study is not None
    root = ET.fromstring(package().read(f"{IDENT}/{IDENT}.xml"))
    assert root.tag == f"{{{qti.QTI_NS}}}questestinterop"
    sections = root.findall("q:assessment/q:section", NS)
    assert [s.get("ident") for s in sections] == ["root_section"]
    items = sections[0].findall("q:item", NS)
    assert len(items) == sum(len(p.questions) for p in study.pages)
    assert len({i.get("ident") for i in items}) == len(items)
    for item in items:
        fields = {
            f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
            for f in item.findall("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS)
        }
        assert fields["question_type"] == "essay_question"
        text = item.find("q:presentation/q:material/q:mattext", NS)
        assert text is not None and text.get("texttype") == "text/html"
        assert 'Passage: <a href="https://example.org/annotated-reading/reading/' in (
            text.text or ""
        )
        response = item.find("q:presentation/q:response_str", NS)
        assert response is not None and response.get("rcardinality") == "Single"
        assert response.find("q:render_fib/q:response_label", NS) is not None
    levels = [q.level for p in study.pages for q in p.questions]
    assert [i.get("title", "").rsplit("(", 1)[1].rstrip(")") for i in items] == levels


def test_zip_bytes_carry_no_build_time() -> None:
    assert {i.date_time for i in package().infolist()} == {qti.ZIP_TIME}
