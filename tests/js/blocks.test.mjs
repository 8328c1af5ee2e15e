// tests/vectors/blocks.json through blocks.mjs (tests/test_vectors.py runs it through the build's
// ingest/blocks.py): where the map's blocks begin, and what the built blocks disagree with.

import assert from "node:assert/strict";
import { test } from "node:test";

import { checkAgainstMap, mapSegments } from "../../docs/assets/your-copy/blocks.mjs";
import { table, testWords } from "./helpers.mjs";

const words = await testWords();
const { structure, cases } = table("blocks.json");

const LOCATING = {
  map_segments: ({ lines }) => {
    const given = lines.map((text, i) => ({ number: i + 1, text, page: 1 }));
    const warnings = [];
    const found = mapSegments(given, structure, "copy.txt", warnings, words);
    const segments = found?.map((s) => [s.id, s.type, s.lines.map((ln) => ln.number)]) ?? null;
    return { segments, warnings };
  },
  check_against_map: ({ blocks }) =>
    checkAgainstMap(
      blocks.map((b) => ({ truncated: false, ...b })),
      structure,
      "copy.txt",
    ),
};

for (const c of cases) {
  test(`${c.rule}: ${c.why}`, () => {
    assert.deepEqual(LOCATING[c.rule](c.input), c.expected);
  });
}

test("every locating rule has vectors", () => {
  assert.deepEqual(new Set(cases.map((c) => c.rule)), new Set(Object.keys(LOCATING)));
});
