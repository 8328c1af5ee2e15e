// The ingestion fixtures (tests/fixtures/ingest/NAME.txt with maps/NAME/article.yml) through the
// browser's port: each must give NAME.map.json, the build's golden, exactly. Then an empty text
// refused, and a title read differently not refused.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ingestText, Refusal } from "../../docs/assets/your-copy/ingest.mjs";
import { REPO, structureOf, testWords } from "./helpers.mjs";

const FIXTURES = join(REPO, "tests", "fixtures", "ingest");
const words = await testWords();

const names = readdirSync(join(FIXTURES, "maps")).sort();

for (const name of names) {
  test(`${name}: the browser's ingestion gives the build's golden ${name}.map.json`, () => {
    const text = readFileSync(join(FIXTURES, `${name}.txt`), "utf8");
    const structure = structureOf(join(FIXTURES, "maps", name));
    const { extra, partial, ...article } = ingestText(text, structure, words, {
      path: `${name}.txt`,
    });
    const golden = JSON.parse(readFileSync(join(FIXTURES, `${name}.map.json`), "utf8"));
    assert.deepEqual(article, golden);
    assert.deepEqual(extra, []);
  });
}

test("there is a mapped fixture to compare", () => {
  assert.ok(names.length >= 1 && existsSync(join(FIXTURES, `${names[0]}.map.json`)));
});

// --- refusals: one sentence each, for the student ---------------------------------------------

const KESTREL = readFileSync(join(FIXTURES, "kestrel-2011.txt"), "utf8");
const KESTREL_MAP = structureOf(join(FIXTURES, "maps", "kestrel-2011"));

function refusal(text, structure) {
  try {
    ingestText(text, structure, words);
  } catch (e) {
    if (e instanceof Refusal) return [e.kind, e.message];
    throw e;
  }
  assert.fail("the text was not refused");
}

test("an empty text is refused", () => {
  assert.deepEqual(refusal("\ufeff \n\r\n  \n", KESTREL_MAP), [
    "empty",
    "The text is empty: paste the article's text, or choose its PDF.",
  ]);
});

// Another article (by its DOI, or by its title when it has none), a map that does not fit (all
// three refused), and a copy that goes on past the excerpt (the rest kept apart):
// tests/vectors/differences.json, since the build decides those differently.

test("the same article whose title is read differently is not refused: its paragraphs decide", () => {
  const retitled = KESTREL.split("\n")
    .filter((ln) => !ln.includes("DOI"))
    .map((ln) => (ln === "Rivers and Treaties in the Veldan Basin:" ? "Rivers, Treaties:" : ln))
    .join("\n");
  const article = ingestText(retitled, KESTREL_MAP, words);
  assert.equal(article.paragraphs_from, "structure-map");
  assert.equal(article.metadata.title, "Rivers, Treaties");
  assert.equal(article.metadata.doi, "10.5555/jib.2011.0042"); // from the map
  assert.deepEqual(
    article.blocks.map((b) => b.id),
    // biome-ignore format: the ids, several to a line
    ["abstract", "keywords", "epigraph", "intro-1", "intro-2", "intro-3", "critics-heading",
     "critics-1", "delay-heading", "delay-1", "delay-2"],
  );
});
