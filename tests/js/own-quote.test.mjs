// The student's highlights (docs/assets/own-layer/quote.mjs): described by their words and
// context, found again by the build's own rule (anchor.mjs), reported when they are gone.
// The paragraphs are written for this test.

import assert from "node:assert/strict";
import { test } from "node:test";

import { crossing, describe, locate, pageAt, toWords } from "../../docs/assets/own-layer/quote.mjs";

const TEXT =
  "The river council met in spring. The council voted twice, and the council voted again " +
  "in autumn. “Nobody expected it,” wrote the clerk; nobody expected it of them.";

const mark = (id, d, paragraph = "p1") => ({ id, paragraph, ...d.quote });
/** @returns {[string, number, number]} the text and the span of `words` in it */
const spanOf = (/** @type {string} */ text, /** @type {string} */ words) => {
  const start = text.indexOf(words);
  return [text, start, start + words.length];
};

test("every span of one to five words is found again at its own offsets", () => {
  const words = [...TEXT.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    for (let k = 1; k <= 5 && i + k <= words.length; k++) {
      const d = describe(TEXT, words[i][0], words[i + k - 1][1]);
      assert.ok(d);
      const { placed, missed } = locate(new Map([["p1", TEXT]]), [mark(`m${n}`, d)]);
      assert.deepEqual(missed, [], `span ${TEXT.slice(d.start, d.end)}`);
      assert.deepEqual(placed, [{ id: `m${n}`, start: d.start, end: d.end }]);
      n++;
    }
  }
  assert.ok(n > 100);
});

test("words that occur once keep no context; repeated ones the fewest words that tell them apart", () => {
  const once = /** @type {any} */ (describe(...spanOf(TEXT, "the clerk")));
  assert.deepEqual(once.quote, { exact: "the clerk", before: "", after: "", occurrence: null });
  const second = TEXT.indexOf("council voted", TEXT.indexOf("council voted") + 1);
  const d = /** @type {any} */ (describe(TEXT, second, second + "council voted".length));
  assert.deepEqual(d.quote, {
    exact: "council voted",
    before: "the",
    after: "again",
    occurrence: null,
  });
});

test("the same words in the same context everywhere: their occurrence says which", () => {
  const text = Array(12).fill("la").join(" ");
  const start = 5 * 3; // the sixth "la"
  const d = /** @type {any} */ (describe(text, start, start + 2));
  assert.equal(d.quote.before, "la la la la");
  assert.equal(d.quote.after, "la la la la");
  assert.ok(d.quote.occurrence >= 1);
  const { placed } = locate(new Map([["p", text]]), [{ id: "x", paragraph: "p", ...d.quote }]);
  assert.deepEqual(placed, [{ id: "x", start, end: start + 2 }]);
});

test("spaces at the ends of a selection are left out; a selection of spaces is nothing", () => {
  const [, s, e] = spanOf(TEXT, " river council ");
  const d = describe(TEXT, s, e);
  assert.equal(d && TEXT.slice(d.start, d.end), "river council");
  assert.equal(describe(TEXT, 3, 4), null);
});

test("a highlight survives changes elsewhere in its paragraph and moves with its words", () => {
  const d = /** @type {any} */ (describe(...spanOf(TEXT, "voted again")));
  const edited = "A new first sentence. " + TEXT.replace("autumn", "the autumn");
  const { placed, missed } = locate(new Map([["p1", edited]]), [mark("a", d)]);
  assert.deepEqual(missed, []);
  assert.equal(edited.slice(placed[0].start, placed[0].end), "voted again");
});

test("a highlight whose words are gone is reported with the build's reason, not dropped", () => {
  const d = /** @type {any} */ (describe(...spanOf(TEXT, "voted twice")));
  const edited = TEXT.replace("voted twice", "voted three times");
  const { placed, missed } = locate(new Map([["p1", edited]]), [mark("a", d)]);
  assert.deepEqual(placed, []);
  assert.equal(missed.length, 1);
  assert.equal(missed[0].id, "a");
  assert.equal(missed[0].status, "orphaned");
  assert.match(
    missed[0].message,
    /^phrase "voted twice" not found in p1; nearest \(0\.\d\d\): "voted three/,
  );
});

test("repeated words whose context changed are reported too (as a note is)", () => {
  const second = TEXT.indexOf("council voted", TEXT.indexOf("council voted") + 1);
  const d = /** @type {any} */ (describe(TEXT, second, second + "council voted".length));
  const edited = TEXT.replace("and the council voted", "and a council voted");
  const { missed } = locate(new Map([["p1", edited]]), [mark("a", d)]);
  assert.equal(missed[0].status, "orphaned");
  assert.match(
    missed[0].message,
    /occurs in p1 but never after the words "the" and before the words "again"/,
  );
});

test("marks of paragraphs not on the page are not looked for", () => {
  const d = /** @type {any} */ (describe(TEXT, 0, 9));
  assert.deepEqual(locate(new Map([["p1", TEXT]]), [mark("a", d, "p9")]), {
    placed: [],
    missed: [],
  });
});

test("offsets are UTF-16 indexes, past letters outside the BMP", () => {
  const text = "𝔄𝔅 one two three";
  const d = /** @type {any} */ (describe(...spanOf(text, "two")));
  const { placed } = locate(new Map([["p", text]]), [{ id: "u", paragraph: "p", ...d.quote }]);
  assert.equal(text.slice(placed[0].start, placed[0].end), "two");
});

test("a selection inside words widens to whole words", () => {
  const [s, e] = toWords(TEXT, TEXT.indexOf("iver coun"), TEXT.indexOf("iver coun") + 9);
  assert.equal(TEXT.slice(s, e), "river council");
  const [a, b] = toWords("one-sided view", 2, 6);
  assert.equal("one-sided view".slice(a, b), "one-sided");
  assert.deepEqual(toWords("word word", 4, 5), [4, 5]); // the space alone stays as it is
});

test("marks may nest or sit side by side, never cross", () => {
  const placed = [{ id: "a", start: 10, end: 20 }];
  assert.equal(crossing(placed, 12, 18), null);
  assert.equal(crossing(placed, 5, 25), null);
  assert.equal(crossing(placed, 20, 25), null);
  assert.equal(crossing(placed, 15, 25)?.id, "a");
  assert.equal(crossing(placed, 10, 20)?.id, "a");
});

test("the printed page is the last page turn before the words, else the paragraph's first", () => {
  const turns = [{ page: 254, offset: 40 }];
  assert.equal(pageAt([253, 254], turns, 10), 253);
  assert.equal(pageAt([253, 254], turns, 40), 254);
  assert.equal(pageAt([], [], 0), null);
});
