// The ingestion fixtures (tests/fixtures/ingest/NAME.txt with maps/NAME/article.yml) through the
// browser's port: each must give NAME.map.json, the build's golden, exactly. Then the refusals,
// and the rest of a whole article kept out of the blocks.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { Refusal, ingestText } from "../../docs/assets/your-copy/ingest.mjs";
import { REPO, structureOf, testWords } from "./helpers.mjs";

const FIXTURES = join(REPO, "tests", "fixtures", "ingest");
const words = await testWords();

const names = readdirSync(join(FIXTURES, "maps")).sort();

for (const name of names) {
  test(`${name}: the browser's ingestion gives the build's golden ${name}.map.json`, () => {
    const text = readFileSync(join(FIXTURES, `${name}.txt`), "utf8");
    const structure = structureOf(join(FIXTURES, "maps", name));
    const { extra, ...article } = ingestText(text, structure, words, { path: `${name}.txt` });
    const golden = JSON.parse(readFileSync(join(FIXTURES, `${name}.map.json`), "utf8"));
    assert.deepEqual(article, golden);
    assert.deepEqual(extra, []);
  });
}

test("there is a mapped fixture to compare", () => {
  assert.ok(names.length >= 1 && existsSync(join(FIXTURES, `${names[0]}.map.json`)));
});
