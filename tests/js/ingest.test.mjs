// The ingestion fixtures (tests/fixtures/ingest/NAME.txt with maps/NAME/article.yml) through the
// browser's port: each must give NAME.map.json, the build's golden, exactly. Then the refusals,
// and the rest of a whole article kept out of the blocks.

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
const KESTREL_TITLE =
  "Rivers and Treaties in the Veldan Basin: Water, Sovereignty and the Politics of Delay";

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

test("another article (its DOI) is refused, saying what was found", () => {
  const other = KESTREL.replaceAll("10.5555/jib.2011.0042", "10.5555/jib.2011.0099");
  assert.deepEqual(refusal(other, KESTREL_MAP), [
    "different-article",
    "This copy is another article (DOI 10.5555/jib.2011.0099; the notes are for " +
      `10.5555/jib.2011.0042): found “${KESTREL_TITLE}”.`,
  ]);
});

test("another article without a DOI is refused by its title (its paragraphs are not found)", () => {
  const okafor = readFileSync(join(FIXTURES, "okafor-doe-2019.txt"), "utf8");
  const noDoi = okafor
    .split("\n")
    .filter((ln) => !ln.includes("DOI"))
    .join("\n");
  assert.deepEqual(refusal(noDoi, KESTREL_MAP), [
    "different-article",
    "This copy is another article (the notes are for “Rivers and Treaties in the Veldan " +
      "Basin”): found “Ports and Power: Harbour Politics in the Marrow Sea”.",
  ]);
});

test("a text the map's locators are not found in is refused, not inferred", () => {
  const moved = structuredClone(KESTREL_MAP);
  moved.parts[1].blocks[0].locator = "In May 2003, the governments";
  assert.deepEqual(refusal(KESTREL, moved), [
    "map-does-not-fit",
    "This copy does not match the article the notes are for (its paragraphs were not found " +
      `in it): found “${KESTREL_TITLE}”.`,
  ]);
});

// --- a copy that goes on past the excerpt -----------------------------------------------------

test("the rest of a whole article is kept out of the blocks, by page", () => {
  const excerpt = KESTREL.slice(0, KESTREL.indexOf("To continue reading")).trimEnd();
  const whole = [
    excerpt,
    "settlement.",
    "A second pattern runs through the speeches of the three rulers, who praised the",
    "accord in public while their ministers delayed it in private.",
    "Later paragraphs of the article go on to the fourth and fifth chapters of the",
    "story, which this test leaves out of every block.",
    "49 Journal of Imaginary Borders 14(2)",
    "The next page holds more text that no note is written for.",
  ].join("\n");
  const article = ingestText(whole, KESTREL_MAP, words);
  const last = article.blocks[article.blocks.length - 1];
  assert.deepEqual([last.id, last.pages, last.truncated], ["delay-3", [48], false]);
  assert.equal(
    last.text,
    "A second pattern runs through the speeches of the three rulers, who praised the accord " +
      "in public while their ministers delayed it in private.",
  );
  assert.deepEqual(article.extra, [
    {
      page: 48,
      text:
        "Later paragraphs of the article go on to the fourth and fifth chapters of the story, " +
        "which this test leaves out of every block.",
    },
    { page: 49, text: "The next page holds more text that no note is written for." },
  ]);
  assert.deepEqual(article.pages, [45, 46, 47, 48]);
  assert.deepEqual(article.warnings, []);
});

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
