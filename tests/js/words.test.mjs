// words.mjs: the word list from the bytes the build ships, however the browser holds them.

import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

import { loadWords, wordsFromText } from "../../docs/assets/your-copy/words.mjs";

const TEXT = "773\tthe\n300\tfinally staff\n250\tcafé\n";

test("a fetch Response, a Blob and bytes give the same list", async () => {
  const gz = gzipSync(Buffer.from(TEXT, "utf8"));
  const bytes = new Uint8Array(gz);
  for (const source of [new Response(gz), new Blob([gz]), bytes, bytes.buffer]) {
    const words = await loadWords(source);
    assert.deepEqual([words.size, words.zipf("Finally"), words.zipf("café")], [4, 3, 2.5]);
  }
});

test("a word the list does not hold is unknown: 0", () => {
  assert.equal(wordsFromText(TEXT).zipf("nally"), 0);
});

test("a line that is not value<TAB>words is refused, not skipped", () => {
  assert.throws(() => wordsFromText("773 the\n"), { message: 'word list: bad line "773 the"' });
  assert.throws(() => wordsFromText("high\tthe\n"), {
    message: 'word list: bad line "high\\tthe"',
  });
});
