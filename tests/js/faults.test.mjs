// The browser's reader, the fault catalogue's rows for it (tests/fault_catalogue.py holds the
// build's): each mistake a student can make with their copy, and the one sentence that says why
// and what to do. A refusal throws; a partial result is read, shown, and said in `partial`.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ingestText, Refusal } from "../../docs/assets/your-copy/ingest.mjs";
import { REPO, structureOf, testWords } from "./helpers.mjs";

const FIXTURES = join(REPO, "tests", "fixtures", "ingest");
const words = await testWords();
const TEXT = readFileSync(join(FIXTURES, "kestrel-2011.txt"), "utf8");
// The fixture's map goes on to a block (delay-3) after its excerpt; here it matches the excerpt.
const MAP = structureOf(join(FIXTURES, "maps", "kestrel-2011"));
for (const part of MAP.parts) part.blocks = part.blocks.filter((b) => b.id !== "delay-3");
const HEADS =
  /^(Kestrel: Rivers and Treaties in the Veldan Basin \d+|\d+ Journal of Imaginary Borders 14\(2\))$/u;

const cutAfter = (words_) => TEXT.slice(0, TEXT.indexOf("\n", TEXT.indexOf(words_)) + 1);
const lines = TEXT.split("\n");
const noHeads = [
  lines.slice(0, 10).join("\n"),
  ...lines.slice(10).filter((l) => !HEADS.test(l)),
].join("\n");

// [the mistake, the text given, "refused" | "partial" | "read", the exact sentence(s)]
const ROWS = [
  ["empty", "  \n\n", "refused", "The text is empty: paste the article's text, or choose its PDF."],
  [
    "another article (its DOI)",
    TEXT.replaceAll("10.5555/jib.2011.0042", "10.5555/jib.2011.0099"),
    "refused",
    "This copy is another article (DOI 10.5555/jib.2011.0099; the notes are for " +
      "10.5555/jib.2011.0042): found “Rivers and Treaties in the Veldan Basin: Water, " +
      "Sovereignty and the Politics of Delay”.",
  ],
  [
    "cut short after the introduction",
    cutAfter("reliance for rulers who feared"),
    "partial",
    "Your copy stops early, in intro-3 (p. 46): the 5 blocks after it and their notes are not " +
      "shown; paste or choose the whole excerpt to see them.",
  ],
  [
    "cut short in the last paragraph but one",
    cutAfter("were taken by a council of five"),
    "partial",
    "Your copy stops early, in delay-1 (p. 47): the block after it and its notes are not " +
      "shown; paste or choose the whole excerpt to see them.",
  ],
  [
    // intro-1 runs onto p. 46 in the map, but the copy stops on p. 45: no page turn was lost.
    "cut short on its first page",
    cutAfter("signed the Veldan"),
    "partial",
    "Your copy stops early, in intro-1 (p. 45): the 7 blocks after it and their notes are not " +
      "shown; paste or choose the whole excerpt to see them.",
  ],
  [
    "re-typeset: the running heads (page numbers) gone",
    noHeads,
    "partial",
    "Your copy has no page numbers (its running heads are gone, as in a re-typeset copy), so " +
      "page turns are not shown; use the publisher's PDF or preview text to see them.",
  ],
  ["the whole excerpt, as given", TEXT, "read", ""],
];

for (const [mistake, text, outcome, sentence] of ROWS) {
  test(`the reader, ${mistake}: ${outcome}`, () => {
    let article;
    try {
      article = ingestText(text, MAP, words);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      assert.equal(outcome, "refused", e.message);
      assert.equal(e.message, sentence);
      return;
    }
    assert.notEqual(outcome, "refused", "the copy was not refused");
    assert.deepEqual(article.partial, sentence ? sentence.split("\n") : []);
  });
}
