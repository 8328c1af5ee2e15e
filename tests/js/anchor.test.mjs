// tests/vectors/anchors.json through anchor.mjs (tests/test_vectors.py runs it through the
// build's anchors.py): the same offsets, pages, numbers and messages.

import assert from "node:assert/strict";
import { test } from "node:test";

import { anchorNotes } from "../../docs/assets/your-copy/anchor.mjs";
import { table } from "./helpers.mjs";

const { article, structure, cases } = table("anchors.json");
const row = (a) => [a.note.id, a.block, a.start, a.end, a.page, a.number];

for (const c of cases) {
  test(`anchor: ${c.why}`, () => {
    const result = anchorNotes(article, c.input.notes, structure);
    assert.deepEqual(
      {
        anchored: result.anchored.map(row),
        misses: result.misses.map((m) => [m.note.id, m.status, m.message]),
        warnings: result.warnings,
      },
      c.expected,
    );
  });
}

test("a miss says where the note was written, when the note says it", () => {
  const [gone] = cases.find((c) => c.why.startsWith("a paragraph")).input.notes;
  const unplaced = { ...gone, path: undefined, line: undefined };
  const { misses } = anchorNotes(article, [gone, unplaced], structure);
  assert.deepEqual(
    misses.map((m) => [m.path, m.line]),
    [
      ["notes/annotations/x.yml", 1],
      [null, null],
    ],
  );
});
