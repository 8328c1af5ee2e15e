// Beyond the table: a few thousand random stretches of copied text (seeded, so a failure
// repeats), repaired by the build's Python and by the browser's port in one run each; every
// output must be the same. This is what keeps the two from drifting on cases nobody wrote down.
// With DRIFT_SAMPLE=1 (scripts/dev test --fast) each test takes a tenth of its cases, and one
// fixture is damaged rather than four: a few seconds, so the fast loop sees drift too; the
// checks that the random cases cover enough (every miss status, enough heads) need them all.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { anchorNotes } from "../../docs/assets/your-copy/anchor.mjs";
import { ingestText, Refusal } from "../../docs/assets/your-copy/ingest.mjs";
import { headPage, takeMarkers } from "../../docs/assets/your-copy/lines.mjs";
import {
  joinHyphenSpaces,
  joinSplitLigatures,
  normalise,
  reflow,
} from "../../docs/assets/your-copy/repairs.mjs";
import { toCodePoints } from "../../docs/assets/your-copy/unicode.mjs";
import { generator, python, REPO, structureOf, testWords } from "./helpers.mjs";

const words = await testWords();
const SAMPLE = process.env.DRIFT_SAMPLE === "1";
const count = (/** @type {number} */ all) => (SAMPLE ? Math.ceil(all / 10) : all);
const many = (/** @type {number} */ n) => n.toLocaleString("en");

// biome-ignore format: a table of words, several to a line
const PIECES = [
  "fi", "fl", "ff", "ffi", "ffl", "Fi", "f", "-", "–", "—", " ", " ", " ", "\n", "- ", "-\n",
  "nally", "ict", "cial", "ective", "ing", "cant", "ow", "erent", "the", "staff", "off", "of",
  "partner", "ship", "for", "eign", "post", "independence", "well", "known", "and", "pre",
  "Khanabad", "Qarshi", "F", "16", "1991", "92", "2005", "USA", ",", ".", ";", ")", "(", "”",
  "2", "3", "12", "p.", "No.", "K2", "28(3)", "1,500", "3.5", "é", "Uzbek", "ultra", "ltration",
  "Hanafi", "bifi", "𝔸", "\u00a0", "\t", "naïve", "self", "determination", "agree", "ment",
  "²", "¹⁰", "³", "¹", "ﬁ", "ﬂ", "ﬃ", "e\u0301", "\u00ad",
];

function copies(count, seed) {
  const next = generator(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(24) }, () => PIECES[next(PIECES.length)]).join(""),
  );
}

test(`the port repairs ${many(count(3000))} random copies exactly as the build does`, () => {
  const inputs = copies(count(3000), 20261201);
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

// biome-ignore format: a table of words, several to a line
const HEAD_WORDS = [
  "Journal", "of", "Imaginary", "Borders", "Jornal", "Kestrel:", "Rivers", "and", "Treaties",
  "in", "the", "Veldan", "Basin", "14(2)", "Vol.", "14,", "No.", "2", "|", "Water,", "Delay",
  "Sovereignty", "Politics", "Treatise", "Rivres", "•", "—", "Ostrava", "1998",
];

test(`the port reads ${many(count(2000))} random head-like lines exactly as the build does`, () => {
  const next = generator(45);
  const lines = Array.from({ length: count(2000) }, () => {
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
  const heads = expected.filter((p) => p !== null).length;
  assert.ok(SAMPLE || heads > 200, "too few heads among the lines");
});

test(`the port anchors ${many(count(1000))} random notes exactly as the build does, messages and all`, () => {
  const next = generator(2026);
  // biome-ignore format: a table of words, several to a line
  const pool = [
    "the", "treaty", "of", "bargain", "a", "threat", "from", "inside", "ruler", "align",
    "Moscow", "Tashkent", "base,", "security.", "regime", "𝔸", "naïve", "—", "alliance",
  ];
  const sentence = (n) => Array.from({ length: n }, () => pool[next(pool.length)]).join(" ");
  const blocks = Array.from({ length: 6 }, (_, i) => {
    const text = sentence(20 + next(40));
    return { id: `b${i}`, text, pages: [10 + i], page_breaks: [{ page: 11 + i, offset: 30 }] };
  });
  const structure = {
    parts: [
      { id: "one", blocks: blocks.slice(0, 3).map((b) => ({ id: b.id })) },
      { id: "two", blocks: blocks.slice(3).map((b) => ({ id: b.id })) },
    ],
  };
  const words = (b) => b.text.split(" ");
  const notes = Array.from({ length: count(1000) }, (_, k) => {
    const b = blocks[next(blocks.length)];
    const ws = words(b);
    const start = next(ws.length);
    let phrase = ws.slice(start, start + 1 + next(4)).join(next(4) ? " " : "\n  ");
    if (next(6) === 0) phrase = phrase.replace(/[aeo]/u, "i"); // a phrase that is not there
    const following = words(blocks[(blocks.indexOf(b) + 1) % 6]);
    if (next(12) === 0) phrase = `${ws[ws.length - 1]} ${following[0]}`; // across two blocks
    const note = { id: `n${k}`, paragraph: next(40) ? b.id : "missing", phrase };
    note.path = "notes/annotations/x.yml";
    note.line = 1 + next(500);
    if (next(4) === 0) note.before = ws[Math.max(0, start - 1)];
    if (next(5) === 0) note.after = ws[Math.min(ws.length - 1, start + 2)];
    if (next(6) === 0) note.occurrence = 1 + next(3);
    return note;
  });
  // In batches of 20: overlaps are judged within a batch, as within one notes folder.
  const batches = Array.from({ length: notes.length / 20 }, (_, i) =>
    notes.slice(i * 20, i * 20 + 20),
  );
  const code = `
import json, sys
sys.path.insert(0, "tests")
from test_vectors import anchor_vector
d = json.load(sys.stdin)
print(json.dumps([anchor_vector({"blocks": d["blocks"], "structure": d["structure"], "notes": ns})
                  for ns in d["batches"]]))`;
  const expected = JSON.parse(
    python(code, JSON.stringify({ blocks, structure, batches })).toString("utf8"),
  );
  const article = { blocks };
  const row = (a) => [a.note.id, a.block, a.start, a.end, a.page, a.number];
  const differing = batches
    .map((ns, i) => {
      const r = anchorNotes(article, ns, structure);
      const actual = {
        anchored: r.anchored.map(row),
        misses: r.misses.map((m) => [m.note.id, m.status, m.message]),
        warnings: r.warnings,
      };
      return JSON.stringify(actual) === JSON.stringify(expected[i]) ? null : { i, actual };
    })
    .filter(Boolean);
  assert.deepEqual(differing.slice(0, 2), []);
  if (SAMPLE) return;
  const statuses = new Set(expected.flatMap((e) => e.misses.map((m) => m[1])));
  assert.deepEqual([...statuses].sort(), ["ambiguous", "crossing", "orphaned", "overlapping"]);
  const placed = expected.reduce((n, e) => n + e.anchored.length, 0);
  assert.ok(placed > 250 && placed < 900, `${placed} of 1,000 placed: the notes test too little`);
});

// Each mapped fixture, with the head its pages carry (for heads inserted at random).
const FIXTURE_HEADS = {
  "kestrel-2011": (page) => `${page} Journal of Imaginary Borders 14(2)`,
  "marsh-2018": (page) => `${page} Quarterly of Invented Governance 6(2)`,
  "okafor-doe-2019": (page) => `Okafor and Doe: Ports and Power ${page}`,
  "sol-vance-ruiz-2015": (page) => `The Salt Roads ${page}`,
};

for (const [name, head] of Object.entries(FIXTURE_HEADS).slice(0, SAMPLE ? 1 : undefined)) {
  test(`${name}: ${count(150)} damaged copies ingested exactly as the build does, or refused`, () => {
    const next = generator(77);
    const fixture = join(REPO, "tests", "fixtures", "ingest", `${name}.txt`);
    const lines = readFileSync(fixture, "utf8").split("\n");
    const golden = JSON.parse(readFileSync(fixture.replace(/\.txt$/u, ".map.json"), "utf8"));
    const firstPage = golden.metadata.first_page;
    const damage = [
      (ls) => ls.splice(next(ls.length), 1), // a line lost
      (ls) => ls.splice(next(ls.length), 0, ls[next(ls.length)]), // a line repeated
      (ls) => ls.splice(next(ls.length), 0, ""), // a blank line
      (ls) => ls.splice(next(ls.length), 0, head(firstPage + next(5))), // a running head
      (ls) => {
        const i = next(ls.length);
        if (ls.length) ls[i] = ls[i].replace(/fi/u, "fi ").replace(/ff/u, "ff "); // ligatures split
      },
      (ls) => {
        const i = next(ls.length);
        // a word broken at a line end
        if (ls.length) ls[i] = ls[i].replace(/([a-z]{4})([a-z]{3,}) /u, "$1-\n$2 ");
      },
      (ls) => ls.includes("To continue reading") && ls.splice(ls.indexOf("To continue reading")),
    ];
    const copies = Array.from({ length: count(150) }, () => {
      const ls = [...lines];
      for (let k = 0, n = 1 + next(4); k < n; k++) damage[next(damage.length)](ls);
      return ls.join("\n");
    });
    const map = join(REPO, "tests", "fixtures", "ingest", "maps", name);
    const code = `
import json, sys
from pathlib import Path
from annotated.ingest import ingest
from annotated.notes import load_structure
structure = load_structure(Path(${JSON.stringify(map)}))
print(json.dumps([ingest(t, "copy.txt", structure).to_dict() for t in json.load(sys.stdin)]))`;
    const built = JSON.parse(python(code, JSON.stringify(copies)).toString("utf8"));
    const structure = structureOf(map);
    const outcome = { same: 0, refused: 0, apart: 0 };
    const differing = [];
    copies.forEach((text, i) => {
      let article;
      try {
        article = ingestText(text, structure, words, { path: "copy.txt" });
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        if (built[i].paragraphs_from !== "inferred") differing.push({ i, refused: e.message });
        outcome.refused++;
        return;
      }
      const { extra, partial, ...rest } = article;
      if (extra.length) {
        outcome.apart++; // a head of a later page inserted: the port keeps that text apart
        return;
      }
      if (JSON.stringify(rest) !== JSON.stringify(built[i])) differing.push({ i });
      else outcome.same++;
    });
    assert.deepEqual(differing.slice(0, 3), []);
    assert.ok(outcome.same > copies.length / 2, JSON.stringify(outcome));
  });
}
