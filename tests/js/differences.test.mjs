// tests/vectors/differences.json, the browser's column: what the port does differently from the
// build on purpose (tests/test_vectors.py checks the build's column of the same rows).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ingestText, Refusal } from "../../docs/assets/your-copy/ingest.mjs";
import { sourceOf } from "../../docs/assets/your-copy/source.mjs";
import { REPO, structureOf, table, testWords } from "./helpers.mjs";

const FIXTURES = join(REPO, "tests", "fixtures", "ingest");
const words = await testWords();

/** A fixture with its map, edited as the table's `about` says. */
function ingestionInput(given) {
  let text = readFileSync(join(FIXTURES, given.fixture), "utf8");
  if (given.drop_lines_containing !== undefined) {
    text = text
      .split("\n")
      .filter((ln) => !ln.includes(given.drop_lines_containing))
      .join("\n");
  }
  for (const [old, replacement] of given.replace ?? []) text = text.replaceAll(old, replacement);
  if (given.cut_before !== undefined)
    text = text.slice(0, text.indexOf(given.cut_before)).trimEnd();
  if (given.append !== undefined) text = [text, ...given.append].join("\n");
  return { text, structure: structureOf(join(FIXTURES, "maps", given.map)) };
}

function utf16leWithBom(text) {
  const bytes = [0xff, 0xfe];
  for (let i = 0; i < text.length; i++)
    bytes.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
  return new Uint8Array(bytes);
}

function browserOutcome(c) {
  if (c.rule === "decode") {
    try {
      const given = sourceOf(utf16leWithBom(c.input.utf16le_with_bom));
      return { text: given.kind === "text" ? given.text : null };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }
  const { text, structure } = ingestionInput(c.input);
  try {
    const article = ingestText(text, structure, words, { path: "copy.txt" });
    const last = article.blocks[article.blocks.length - 1];
    return {
      paragraphs_from: article.paragraphs_from,
      warnings: article.warnings,
      last_block: [last.id, last.pages, last.text],
      extra: article.extra,
    };
  } catch (e) {
    if (e instanceof Refusal) return { refused: [e.kind, e.message] };
    throw e;
  }
}

const { cases } = table("differences.json");

for (const c of cases) {
  test(`deliberate difference, the browser's side: ${c.why.split(":")[0]}`, () => {
    assert.notDeepEqual(c.browser, c.build, "the same on both sides: move it to another table");
    assert.deepEqual(browserOutcome(c), c.browser);
  });
}
