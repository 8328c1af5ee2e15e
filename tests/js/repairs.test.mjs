// tests/vectors/repairs.json through the browser's port (tests/test_vectors.py runs it through
// the build's Python): repairs, markers, running heads.

import assert from "node:assert/strict";
import { test } from "node:test";

import { endsSentence, headPage, takeMarkers } from "../../docs/assets/your-copy/lines.mjs";
import {
  hyphenJoin,
  joinHyphenSpaces,
  joinLigatureAfterBreak,
  joinLines,
  joinSplitLigatures,
  normalise,
  reflow,
} from "../../docs/assets/your-copy/repairs.mjs";
import { toCodePoints } from "../../docs/assets/your-copy/unicode.mjs";
import { table, testWords } from "./helpers.mjs";

const words = await testWords();

const RULES = {
  join_split_ligatures: (t) => joinSplitLigatures(t, words),
  join_hyphen_spaces: (t) => joinHyphenSpaces(t, words),
  reflow: (t) => reflow(t, words),
  reflow_then_join_hyphen_spaces: (t) => joinHyphenSpaces(reflow(t, words), words),
  hyphen_join: ([l, r]) => hyphenJoin(l, r, words),
  join_ligature_after_break: ([p, l]) => joinLigatureAfterBreak(p, l, words),
  join_lines: ([l, r]) => {
    const [text, at] = joinLines(l, r, words);
    return [text, toCodePoints(text, at)];
  },
  take_markers: ([t, last]) => {
    const [text, found, n] = takeMarkers(t, last);
    return [text, found.map(([m, o]) => [m, toCodePoints(text, o)]), n];
  },
  head_page: ({ line, metadata, recurring }) => headPage(line, metadata, new Set(recurring)),
  ends_sentence: endsSentence,
  normalise,
};

const cases = table("repairs.json");

cases.forEach((c, i) => {
  test(`${i + 1}-${c.rule}: ${JSON.stringify(c.input)}`, () => {
    assert.deepEqual(RULES[c.rule](c.input), c.expected);
  });
});

test("every rule of the table is run", () => {
  assert.deepEqual(new Set(cases.map((c) => c.rule)), new Set(Object.keys(RULES)));
});

test("the word list holds every word the build knows at Zipf 2.5 and more", () => {
  assert.ok(words.size > 40000, `only ${words.size} words`);
  assert.equal(words.zipf("the"), 7.73);
  assert.equal(words.zipf("The"), 7.73);
  assert.equal(words.zipf("nally"), 0); // 1.96 in wordfreq: unknown for every decision
});
