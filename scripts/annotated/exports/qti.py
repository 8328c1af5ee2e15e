"""The study questions as a Canvas quiz: an IMS QTI 1.2 package (a zip), one essay item each.

The layout is the one Canvas writes and reads back (instructure/canvas-lms lib/cc/qti/:
qti_manifest.rb, qti_generator.rb, qti_items.rb): `imsmanifest.xml` (IMS Content Packaging 1.1)
lists the assessment as a resource of type `imsqti_xmlv1p2` that depends on a second resource,
the Canvas quiz settings in `assessment_meta.xml`. The assessment is a `questestinterop`
(namespace ims_qtiasiv1p2) with one `root_section`; each item declares `question_type`
essay_question in its qtimetadata, shows its text as `mattext texttype="text/html"`, and takes a
free-text `response_str` with `render_fib`, as Canvas's essay items do. The text carries the
question's passage (paragraph and printed pages, linked to the site) and its level.

Deterministic bytes: fixed entry order and timestamps, no extra zip attributes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from annotated.exports.passages import Inputs
from annotated.exports.questions import Question, questions

PATH = "exports/study-questions-canvas-qti.zip"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
IMSMD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LOR = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time in the bytes


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _field(meta: ET.Element, label: str, entry: str) -> None:
    f = _sub(meta, "qtimetadatafield")
    _sub(f, "fieldlabel", label)
    _sub(f, "fieldentry", entry)


def _item(section: ET.Element, q: Question) -> None:
    item = _sub(section, "item", ident=q.ident, title=q.title)
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    _field(meta, "question_type", "essay_question")
    _field(meta, "points_possible", "1.0")
    _field(meta, "original_answer_ids", "")
    pres = _sub(item, "presentation")
    _sub(_sub(pres, "material"), "mattext", f"<div>{q.html()}</div>", texttype="text/html")
    resp = _sub(pres, "response_str", ident="response1", rcardinality="Single")
    _sub(_sub(resp, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    proc = _sub(item, "resprocessing")
    _sub(_sub(proc, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE",
         vartype="Decimal")  # fmt: skip
    cond = _sub(proc, "respcondition", **{"continue": "No"})
    _sub(_sub(cond, "conditionvar"), "other")


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def assessment(ident: str, title: str, qs: list[Question]) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    asmt = _sub(root, "assessment", ident=ident, title=title)
    _field(_sub(asmt, "qtimetadata"), "cc_maxattempts", "unlimited")
    section = _sub(asmt, "section", ident="root_section")
    for q in qs:
        _item(section, q)
    return _xml(root)


def quiz_settings(ident: str, title: str, description: str, points: int) -> bytes:
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NS})
    for tag, text in (
        ("title", title),
        ("description", description),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("hide_results", ""),
        ("quiz_type", "practice_quiz"),
        ("points_possible", f"{points:.1f}"),
        ("allowed_attempts", "-1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("available", "false"),
    ):
        _sub(root, tag, text)
    return _xml(root)


def manifest(ident: str, title: str) -> bytes:
    root = ET.Element(
        "manifest", {"identifier": f"{ident}-manifest", "xmlns": CP_NS, "xmlns:imsmd": IMSMD_NS}
    )
    md = _sub(root, "metadata")
    _sub(md, "schema", "IMS Content")
    _sub(md, "schemaversion", "1.1.3")
    lom = _sub(md, "imsmd:lom")
    # IMS Meta-data 1.2: a title is a langstring (imsmd_v1p2p2.xsd langstringType).
    title_el = _sub(_sub(lom, "imsmd:general"), "imsmd:title")
    _sub(title_el, "imsmd:langstring", title, **{"xml:lang": "en"})
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    res = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    _sub(res, "file", href=f"{ident}/{ident}.xml")
    _sub(res, "dependency", identifierref=f"{ident}-meta")
    meta = _sub(resources, "resource", identifier=f"{ident}-meta", type=LOR,
                href=f"{ident}/assessment_meta.xml")  # fmt: skip
    _sub(meta, "file", href=f"{ident}/assessment_meta.xml")
    return _xml(root)


def package(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def export(inputs: Inputs) -> dict[str, bytes]:
    meta = inputs.notes.structure.metadata
    qs = questions(inputs)
    ident = f"{meta.bib_key}-study-questions"
    title = f"Study questions: {', '.join(meta.authors)} ({meta.year}), {meta.title}"
    description = (
        f"<p>Questions on the reading, from recall to argument. Each names its passage and page; "
        f'the annotated reading is at <a href="{inputs.site_url}">{inputs.site_url}</a>.</p>'
    )
    files = [
        ("imsmanifest.xml", manifest(ident, title)),
        (f"{ident}/{ident}.xml", assessment(ident, title, qs)),
        (f"{ident}/assessment_meta.xml", quiz_settings(ident, title, description, len(qs))),
    ]
    return {PATH: package(files)}
