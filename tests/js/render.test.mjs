// tests/vectors/render.json through render.mjs (tests/test_vectors.py runs it through the build's
// full_body): the three shapes of `.para-body` and the order of what stands at one offset. The
// vectors' fragments are stand-ins; the real ones come from the build in data.json.

import assert from "node:assert/strict";
import { test } from "node:test";

import { pageTurns, renderBody } from "../../docs/assets/your-copy/render.mjs";
import { table } from "./helpers.mjs";

const { fragments, cases } = table("render.json");

const withFragments = (a) => ({
  ...a,
  note: {
    mark_open: fragments.mark_open.replace("{id}", a.id),
    note_after: fragments.note_after,
  },
});

for (const c of cases) {
  test(`render: ${c.why}`, () => {
    const { block, anchored, turns, lang } = c.input;
    const notes = anchored.map(withFragments).map((a) => ({ ...a, block: block.id }));
    const html = renderBody(block, notes, fragments, { turns: new Map(turns), lang });
    assert.equal(html, c.expected);
  });
}

test("notes of other blocks are left out", () => {
  const { block, anchored, turns } = cases[0].input;
  const other = anchored.map(withFragments).map((a) => ({ ...a, block: "elsewhere" }));
  const html = renderBody(block, other, fragments, { turns: new Map(turns) });
  assert.equal(html.includes("<mark"), false);
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
