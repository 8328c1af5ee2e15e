"""The Canvas QTI 1.2 package: validated against the IMS schemas Canvas's own importer ships
(instructure/QTIMigrationTool `schemas/`, copied into tests/schemas/), and checked for the
structure Canvas writes and reads.

- imsmanifest.xml: IMS Content Packaging 1.1 (imscp_v1p1.xsd) with IMS Meta-data 1.2.2
  (imsmd_v1p2p2.xsd) for the `imsmd:lom` inside its metadata, read by xmlschema with no network.
  Canvas writes the manifest in the Common Cartridge 1.1 namespace, the CP 1.1 elements under
  another name: the test maps it to the CP namespace first.
- the assessment: the QTI ASI 1.2.1 DTD (ims_qtiasiv1p2p1.dtd), read by lxml. A DTD knows no
  namespaces, so the file is validated with its namespace removed.
- assessment_meta.xml is Canvas's own quiz settings, for which no schema is published."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from functools import cache

import xmlschema
from lxml import etree

from annotated.exports import qti
from exports_helpers import project_files, project_notes
from site_helpers import REPO

SCHEMAS = REPO / "tests" / "schemas"
CP_XSD_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"  # imscp_v1p1.xsd's targetNamespace

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


@cache
def manifest_schema() -> xmlschema.XMLSchema:
    # The CP schema takes any element of another namespace in <metadata> (processContents lax):
    # with the metadata schema loaded beside it, imsmd elements are validated, not let through.
    # allow="local": no schema is fetched from the network (xml.xsd is xmlschema's own copy).
    return xmlschema.XMLSchema(
        [str(SCHEMAS / "imscp_v1p1.xsd"), str(SCHEMAS / "imsmd_v1p2p2.xsd")], allow="local"
    )


def as_content_package(data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    for el in root.iter():
        if isinstance(el.tag, str) and etree.QName(el).namespace == qti.CP_NS:
            el.tag = f"{{{CP_XSD_NS}}}{etree.QName(el).localname}"
    etree.cleanup_namespaces(root)
    return root


def without_namespace(data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    for el in root.iter():
        if isinstance(el.tag, str):
            el.tag = etree.QName(el).localname
    etree.cleanup_namespaces(root)
    return root


def manifest_errors(data: bytes) -> list[str]:
    return [
        f"{e.path}: {e.reason}" for e in manifest_schema().iter_errors(as_content_package(data))
    ]


def qti_errors(data: bytes) -> list[str]:
    dtd = etree.DTD(str(SCHEMAS / "ims_qtiasiv1p2p1.dtd"))
    ok = dtd.validate(without_namespace(data))
    return [] if ok else [f"{e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]


def test_manifest_is_valid_ims_content_packaging_with_ims_metadata() -> None:
    data = package().read("imsmanifest.xml")
    assert manifest_errors(data) == []
    lom = etree.fromstring(data).find(f"{{{qti.CP_NS}}}metadata/{{{qti.IMSMD_NS}}}lom")
    assert lom is not None
    title = lom.find(
        f"{{{qti.IMSMD_NS}}}general/{{{qti.IMSMD_NS}}}title/{{{qti.IMSMD_NS}}}langstring"
    )
    assert title is not None and title.text and title.text.startswith("Study questions: ")


def test_the_manifest_check_catches_what_issue_19_found() -> None:
    """`imsmd:string` (the old manifest) is not IMS Meta-data 1.2: the schema check refuses it."""
    data = package().read("imsmanifest.xml")
    bad = data.replace(b"imsmd:langstring", b"imsmd:string").replace(b' xml:lang="en"', b"")
    assert bad != data
    errors = manifest_errors(bad)
    assert errors and "string" in " ".join(errors)


def test_assessment_is_valid_qti_1_2_1() -> None:
    assert qti_errors(package().read(f"{IDENT}/{IDENT}.xml")) == []


def test_the_qti_check_catches_an_item_without_its_presentation() -> None:
    data = package().read(f"{IDENT}/{IDENT}.xml")
    root = etree.fromstring(data)
    item = root.find(f".//{{{qti.QTI_NS}}}item")
    assert item is not None
    item.insert(0, etree.Element(f"{{{qti.QTI_NS}}}no_such_element"))
    assert qti_errors(etree.tostring(root))
