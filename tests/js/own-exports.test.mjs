// The student's exports (docs/assets/own-layer/exports.mjs): the printed-page selector by the
// build's rule (tests/vectors/annotation-pages.json), a JSON-LD file that imports back to the
// same marks without duplicates, a Hypothesis file by the client's import rules, Markdown.
// tests/test_own_exports.py validates the JSON-LD against the W3C test suite's schemas.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  fromWebAnnotations,
  inReadingOrder,
  pageSelector,
} from "../../docs/assets/own-layer/exports.mjs";
import { merge } from "../../docs/assets/own-layer/records.mjs";
import { table } from "./helpers.mjs";
import { exportsOf, MARKS, READING } from "./own-exports-fixture.mjs";

for (const c of table("annotation-pages.json").cases) {
  test(`page selector: ${c.why}`, () => {
    const i = c.input;
    const quote = { exact: i.exact, prefix: i.prefix, suffix: i.suffix };
    assert.deepEqual(pageSelector(i.article_first_page, i.first, i.last, quote), c.expected);
  });
}

test("marks go in reading order: by paragraph, a paragraph's notes before its highlights", () => {
  const order = inReadingOrder(MARKS, READING).map((m) => [m.paragraph, m.kind]);
  assert.deepEqual(order, [
    ["abstract", "highlight"],
    ["intro-1", "note"],
    ["intro-1", "highlight"],
    ["intro-2", "highlight"],
  ]);
});

test("the JSON-LD imports back to the same marks (another device, a fresh browser)", () => {
  const { jsonld } = exportsOf();
  const text = JSON.stringify(jsonld);
  const { marks, problems } = fromWebAnnotations(JSON.parse(text), READING);
  assert.deepEqual(problems, []);
  const key = (/** @type {any[]} */ ms) => inReadingOrder(ms, READING);
  assert.deepEqual(key(marks), key(MARKS));
  // Into a browser that already has them: nothing added twice.
  assert.deepEqual(merge(MARKS, marks), { added: [], updated: [], duplicates: MARKS.length });
  assert.equal(merge([], marks).added.length, MARKS.length);
});

test("the JSON-LD's targets: the site's paragraph refined by the words, and the article's page", () => {
  const { jsonld } = exportsOf();
  const pink = /** @type {any} */ (
    jsonld.first.items.find((a) => a.target[0].styleClass === "pink")
  );
  assert.deepEqual(pink.target[0], {
    source: "https://example.org/reading-site/reading/intro/",
    selector: {
      type: "FragmentSelector",
      conformsTo: "http://tools.ietf.org/rfc/rfc3236",
      value: "intro-2",
      refinedBy: {
        type: "TextQuoteSelector",
        exact: "voted again",
        prefix: "the",
        suffix: "again",
      },
    },
    styleClass: "pink",
  });
  assert.equal(pink.target[1].source, "https://doi.org/10.9999/river.2011");
  assert.equal(pink.target[1].selector.value, "page=2");
  assert.equal(pink.motivation, "commenting");
  assert.equal(pink.stylesheet.value, ".pink { background-color: #ffd3e6; }");
  const paraNote = /** @type {any} */ (
    jsonld.first.items.find(
      (a) => a.target[0].selector.value === "intro-1" && !a.target[0].styleClass,
    )
  );
  assert.equal(paraNote.target[1].selector.type, "RangeSelector", "intro-1 runs over pp. 101-102");
  assert.equal(jsonld.total, 4);
});

test("an import names what it cannot read, and reads the rest", () => {
  const { jsonld } = exportsOf();
  const items = jsonld.first.items;
  const stranger = structuredClone(items[0]);
  stranger.target[0].selector.value = "chapter-9";
  const foreign = { ...structuredClone(items[1]), target: { source: "https://example.com/x" } };
  const { marks, problems } = fromWebAnnotations([stranger, foreign, items[2]], READING);
  assert.equal(marks.length, 1);
  assert.deepEqual(problems, [
    `annotation 1 (${items[0].id}): paragraph "chapter-9" is not in this reading`,
    `annotation 2 (${items[1].id}): it names no paragraph of this site (it was not exported from My notes)`,
  ]);
  assert.deepEqual(fromWebAnnotations({ hello: 1 }, READING).problems, [
    "this file holds no Web Annotations (no AnnotationCollection, AnnotationPage or Annotation)",
  ]);
});

test("the Hypothesis file follows the client's import rules", () => {
  // src/sidebar/helpers/import.ts: an object with an `annotations` array.
  const { hypothesis } = exportsOf();
  assert.ok(Array.isArray(hypothesis.annotations));
  for (const a of hypothesis.annotations) {
    // import-annotations.ts reads these: text and tags (duplicateMatch), target[0]'s quote,
    // permissions.read (isShared), uri and document (getImportData); the panel groups by user.
    for (const key of ["text", "tags", "target", "permissions", "uri", "document", "user"]) {
      assert.ok(key in a, `${key} in ${a.id}`);
    }
    assert.equal(typeof a.text, "string");
    assert.ok(Array.isArray(a.tags));
    assert.ok(
      a.permissions.read.every((p) => !p.startsWith("group:")),
      "private: isShared is false",
    );
    assert.match(a.user, /^acct:[^@]+@.+$/);
  }
  const [abstract, paraNote, green, pink] = hypothesis.annotations;
  assert.deepEqual(abstract.target[0].selector, [
    { type: "TextQuoteSelector", exact: "river councils" },
    { type: "PageSelector", index: 0, label: "101" },
  ]);
  assert.deepEqual(
    paraNote.target,
    [{ source: "https://doi.org/10.9999/river.2011" }],
    "a page note",
  );
  assert.equal(
    paraNote.text,
    "The whole argument in one paragraph.\n\n(Introduction, ¶ 1, pp. 101–102)",
  );
  assert.deepEqual(green.tags, ["green"]);
  assert.equal(pink.text, "Why twice?\nAsk in class.");
});

test("the Markdown: by page and paragraph, words, page, colour, note, a link back", () => {
  assert.equal(
    exportsOf().markdown,
    [
      "# My notes: Ada Kestrel (2011), “River Councils”",
      "",
      "Exported on 2026-12-02 from https://example.org/reading-site/ (doi:10.9999/river.2011).",
      "",
      "## Abstract",
      "",
      "### Abstract, p. 101 ([on the site](https://example.org/reading-site/reading/front/#abstract))",
      "",
      "- “river councils” (p. 101, yellow)",
      "",
      "## Introduction",
      "",
      "### ¶ 1, pp. 101–102 ([on the site](https://example.org/reading-site/reading/intro/#intro-1))",
      "",
      "- Note on the paragraph: The whole argument in one paragraph.",
      "- “met in spring” (p. 102, green)",
      "",
      "### ¶ 2, p. 102 ([on the site](https://example.org/reading-site/reading/intro/#intro-2))",
      "",
      "- “voted again” (p. 102, pink)",
      "  Why twice?",
      "  Ask in class.",
      "",
    ].join("\n"),
  );
});
