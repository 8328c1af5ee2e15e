// tests/vectors/front.json through front.mjs (tests/test_vectors.py runs it through the build's
// front.py): authors, keywords, and whole headers read into metadata.

import assert from "node:assert/strict";
import { test } from "node:test";

import { parseFront, splitAuthors, splitKeywords } from "../../docs/assets/your-copy/front.mjs";
import { table } from "./helpers.mjs";

const RULES = {
  split_authors: splitAuthors,
  split_keywords: splitKeywords,
  parse_front: parseFront,
};

table("front.json").forEach((c, i) => {
  test(`${i + 1}-${c.rule}: ${c.why ?? JSON.stringify(c.input)}`, () => {
    assert.deepEqual(RULES[c.rule](c.input), c.expected);
  });
});
