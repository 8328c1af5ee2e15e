// fuzz.mjs against the build's scores: the table tests/vectors/fuzz.json (tests/test_vectors.py
// runs it through rapidfuzz and anchors.py's nearest), then rapidfuzz itself over random pairs
// (seeded), short and long, alike and not, including the equal-length case.

import assert from "node:assert/strict";
import { test } from "node:test";

import { nearest } from "../../docs/assets/your-copy/anchor.mjs";
import { partialRatio, ratio } from "../../docs/assets/your-copy/fuzz.mjs";
import { generator, python, table } from "./helpers.mjs";

const SCORES = {
  ratio: ([a, b]) => ratio(a, b),
  partial_ratio: ([a, b]) => partialRatio(a, b),
  nearest: ([text, phrase]) => nearest(text, phrase),
};
const { cases } = table("fuzz.json");

for (const [i, c] of cases.entries()) {
  test(`${i + 1}-${c.rule}: ${c.why}`, () => {
    assert.deepEqual(SCORES[c.rule](c.input), c.expected);
  });
}

test("every scoring rule has vectors", () => {
  assert.deepEqual(new Set(cases.map((c) => c.rule)), new Set(Object.keys(SCORES)));
});

const WORDS = ["journal", "of", "imaginary", "borders", "rivers", "treaties", "basin", "the", "a"];

function pairs(count, seed) {
  const next = generator(seed);
  const phrase = (n) => Array.from({ length: n }, () => WORDS[next(WORDS.length)]).join(" ");
  const typo = (s) => {
    const i = next(s.length + 1);
    return s.slice(0, i) + "xyzé𝔸"[next(5)] + s.slice(i + next(2));
  };
  return Array.from({ length: count }, () => {
    const a = phrase(1 + next(8));
    const b = next(3) === 0 ? typo(a) : phrase(1 + next(12));
    return next(2) ? [a, b] : [b, a];
  });
}

test("partial_ratio and ratio score 1,500 random pairs as rapidfuzz does", () => {
  const input = pairs(1500, 7);
  const code = `
import json, sys
from rapidfuzz import fuzz
print(json.dumps([[fuzz.partial_ratio(a, b), fuzz.ratio(a, b)] for a, b in json.load(sys.stdin)]))`;
  const expected = JSON.parse(python(code, JSON.stringify(input)).toString("utf8"));
  const differing = input.filter(([a, b], i) => {
    const [p, r] = expected[i];
    return partialRatio(a, b) !== p || ratio(a, b) !== r;
  });
  assert.deepEqual(differing.slice(0, 5), []);
});
