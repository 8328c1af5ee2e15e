// tests/vectors/render.json through render.mjs (tests/test_vectors.py runs it through the build's
// full_body): the three shapes of `.para-body` and the order of what stands at one offset. The
// vectors' shells are stand-ins; the real ones come from the build's templates in data.json.

import assert from "node:assert/strict";
import { test } from "node:test";

import { fill, pageTurns, renderBody } from "../../docs/assets/your-copy/render.mjs";
import { table } from "./helpers.mjs";

const { note, shells, cases } = table("render.json");

const withShells = (a) => ({
  ...a,
  note: { mark_open: note.mark_open.replace("{id}", a.id), note_after: note.note_after },
});

for (const c of cases) {
  test(`render: ${c.why}`, () => {
    const { block, anchored, turns, lang } = c.input;
    const notes = anchored.map(withShells).map((a) => ({ ...a, block: block.id }));
    const html = renderBody(block, notes, shells, { turns: new Map(turns), lang });
    assert.equal(html, c.expected);
  });
}

test("notes of other blocks are left out", () => {
  const { block, anchored, turns } = cases[0].input;
  const other = anchored.map(withShells).map((a) => ({ ...a, block: "elsewhere" }));
  const html = renderBody(block, other, shells, { turns: new Map(turns) });
  assert.equal(html.includes("<mark"), false);
});

test("a shell is filled hole by hole", () => {
  const shell = ['<i n="', "n", '">', "n", "</i> ", "body", ""];
  assert.equal(fill(shell, { n: 3, body: "<b>x</b>" }), '<i n="3">3</i> <b>x</b>');
});

test("page turns: where they fall in a block, else where a block begins a page", () => {
  const article = {
    blocks: [
      { id: "a", pages: [45], page_breaks: [] },
      { id: "b", pages: [45, 46], page_breaks: [{ page: 46, offset: 30 }] },
      { id: "c", pages: [47], page_breaks: [] },
      { id: "d", pages: [47], page_breaks: [] },
    ],
  };
  const turns = pageTurns(article);
  assert.deepEqual(
    [...turns].map(([id, at]) => [id, [...at]]),
    [
      ["b", [[30, 46]]],
      ["a", [[0, 45]]],
      ["c", [[0, 47]]],
    ],
  );
});
