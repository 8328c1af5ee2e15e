// Beyond the table: a few thousand random stretches of copied text (seeded, so a failure
// repeats), repaired by the build's Python and by the browser's port in one run each; every
// output must be the same. This is what keeps the two from drifting on cases nobody wrote down.

import assert from "node:assert/strict";
import { test } from "node:test";

import { headPage, takeMarkers } from "../../docs/assets/your-copy/lines.mjs";
import {
  joinHyphenSpaces,
  joinSplitLigatures,
  normalise,
  reflow,
} from "../../docs/assets/your-copy/repairs.mjs";
import { toCodePoints } from "../../docs/assets/your-copy/unicode.mjs";
import { python, testWords } from "./helpers.mjs";

const words = await testWords();

// xorshift32: the same inputs on every run.
function generator(seed) {
  let x = seed;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

const PIECES = [
  "fi", "fl", "ff", "ffi", "ffl", "Fi", "f", "-", "–", "—", " ", " ", " ", "\n", "- ", "-\n",
  "nally", "ict", "cial", "ective", "ing", "cant", "ow", "erent", "the", "staff", "off", "of",
  "partner", "ship", "for", "eign", "post", "independence", "well", "known", "and", "pre",
  "Khanabad", "Qarshi", "F", "16", "1991", "92", "2005", "USA", ",", ".", ";", ")", "(", "”",
  "2", "3", "12", "p.", "No.", "K2", "28(3)", "1,500", "3.5", "é", "Uzbek", "ultra", "ltration",
  "Hanafi", "bifi", "𝔸", "\u00a0", "\t", "naïve", "self", "determination", "agree", "ment",
  "²", "¹⁰", "³", "¹", "ﬁ", "ﬂ", "ﬃ", "e\u0301", "\u00ad",
]; // prettier-ignore

function copies(count, seed) {
  const next = generator(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(24) }, () => PIECES[next(PIECES.length)]).join(""),
  );
}

test("the port repairs 3,000 random copies exactly as the build does", () => {
  const inputs = copies(3000, 20261201);
  const code = `
import json, sys
from annotated.ingest.lines import take_markers
from annotated.ingest.repairs import join_hyphen_spaces, join_split_ligatures, normalise, reflow
out = []
for t in json.load(sys.stdin):
    clean, found, last = take_markers(t, None)
    out.append([join_split_ligatures(t), join_hyphen_spaces(t), reflow(t),
                [clean, [list(f) for f in found], last], normalise(t)])
print(json.dumps(out))`;
  const expected = JSON.parse(python(code, JSON.stringify(inputs)).toString("utf8"));
  const differing = [];
  inputs.forEach((t, i) => {
    const [clean, found, last] = takeMarkers(t, null);
    const markers = [clean, found.map(([m, o]) => [m, toCodePoints(clean, o)]), last];
    const actual = [
      joinSplitLigatures(t, words),
      joinHyphenSpaces(t, words),
      reflow(t, words),
      markers,
      normalise(t),
    ];
    if (JSON.stringify(actual) !== JSON.stringify(expected[i])) {
      differing.push({ t, actual, expected: expected[i] });
    }
  });
  assert.deepEqual(differing.slice(0, 3), []);
});

const HEAD_WORDS = [
  "Journal", "of", "Imaginary", "Borders", "Jornal", "Kestrel:", "Rivers", "and", "Treaties",
  "in", "the", "Veldan", "Basin", "14(2)", "Vol.", "14,", "No.", "2", "|", "Water,", "Delay",
  "Sovereignty", "Politics", "Treatise", "Rivres", "•", "—", "Ostrava", "1998",
]; // prettier-ignore

test("the port reads 2,000 random head-like lines exactly as the build does", () => {
  const next = generator(45);
  const lines = Array.from({ length: 2000 }, () => {
    const body = Array.from({ length: 1 + next(9) }, () => HEAD_WORDS[next(HEAD_WORDS.length)]);
    const page = String(40 + next(20));
    return next(2) ? [page, ...body].join(" ") : [...body, page].join(" ");
  });
  const meta = {
    title: "Rivers and Treaties in the Veldan Basin",
    subtitle: "Water, Sovereignty and the Politics of Delay",
    authors: ["Ada Kestrel"],
    journal: "Journal of Imaginary Borders",
  };
  const code = `
import json, sys
from annotated.article import Metadata
from annotated.ingest.lines import head_page
data = json.load(sys.stdin)
meta = Metadata(**data["meta"])
print(json.dumps([head_page(ln, meta) for ln in data["lines"]]))`;
  const expected = JSON.parse(python(code, JSON.stringify({ meta, lines })).toString("utf8"));
  const actual = lines.map((ln) => headPage(ln, meta));
  const differing = lines.filter((_, i) => actual[i] !== expected[i]);
  assert.deepEqual(differing.slice(0, 5), []);
  assert.ok(expected.filter((p) => p !== null).length > 200, "too few heads among the lines");
});
