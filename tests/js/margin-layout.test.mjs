// The margin's layout (docs/assets/javascripts/margin-layout.mjs): level, never overlapping,
// inside its paragraph, grouped rather than drifting, an opened entry pushing only what is below.

import assert from "node:assert/strict";
import { test } from "node:test";

import { layoutMargin, openAt } from "../../docs/assets/javascripts/margin-layout.mjs";

const LINE = 26; // a line of the text, px (Material's body at 1440 px)
const ENTRY = 20; // a closed, one-line entry
const BASE = { gap: 4, groupHeight: ENTRY, tolerance: 30 };

// `n` notes spread over `lines` lines of one paragraph starting at `top`, in reading order.
function passage(n, lines, top = 100, band = 0) {
  return Array.from({ length: n }, (_, i) => ({
    id: `n${band}-${i}`,
    top: top + Math.floor((i * lines) / n) * LINE,
    height: ENTRY,
    band,
  }));
}

// The entry holding `id` (it must be there).
function entryOf(placed, id) {
  const found = placed.find((p) => p.ids.includes(id));
  assert.ok(found, `${id} not placed`);
  return found;
}

// For every note: how far its entry (or its group's) stands from its line.
function distances(items, placed) {
  const where = new Map(placed.flatMap((p) => p.ids.map((id) => [id, p])));
  return items.map((item) => Math.abs(where.get(item.id).top - item.top));
}

function overlaps(placed, gap) {
  const found = [];
  for (const a of placed) {
    for (const b of placed) {
      if (
        a !== b &&
        a.column === b.column &&
        a.top <= b.top &&
        b.top < a.top + a.height + gap - 1e-6
      ) {
        found.push([a.ids.join(), b.ids.join()]);
      }
    }
  }
  return found;
}

test("a sparse passage: every entry exactly level with its line, in the right margin", () => {
  const items = passage(5, 10);
  const placed = layoutMargin({ ...BASE, items, bands: [{ top: 90, bottom: 400 }], columns: 2 });
  assert.deepEqual(distances(items, placed), [0, 0, 0, 0, 0]);
  assert.ok(placed.every((p) => p.column === 0 && p.ids.length === 1));
});

test("two notes on one line: the second goes to the other margin, both level", () => {
  const items = [
    { id: "a", top: 100, height: ENTRY, band: 0 },
    { id: "b", top: 104, height: ENTRY, band: 0 },
  ];
  const placed = layoutMargin({ ...BASE, items, bands: [{ top: 0, bottom: 500 }], columns: 2 });
  assert.deepEqual(
    placed.map((p) => [p.ids[0], p.column, p.top]),
    [
      ["a", 0, 100],
      ["b", 1, 104],
    ],
  );
});

test("one column: a crowded line's entries share the offset above and below it", () => {
  const items = [100, 100, 100].map((top, i) => ({ id: `x${i}`, top, height: ENTRY, band: 0 }));
  const placed = layoutMargin({ ...BASE, items, bands: [{ top: 0, bottom: 500 }], columns: 1 });
  // A run of three 20 px entries with 4 px gaps, centred on its line: 100 - 24, 100, 100 + 24.
  assert.deepEqual(
    placed.map((p) => p.top),
    [76, 100, 124],
  );
});

test("the introduction's density (15 notes in ten lines) fits level in two margins", () => {
  const items = passage(15, 10);
  const placed = layoutMargin({
    ...BASE,
    items,
    bands: [{ top: 80, bottom: 100 + 10 * LINE }],
    columns: 2,
  });
  const d = distances(items, placed);
  assert.ok(Math.max(...d) <= BASE.tolerance, `distances ${d}`);
  assert.deepEqual(overlaps(placed, BASE.gap), []);
  assert.ok(
    placed.every((p) => p.ids.length === 1),
    "no grouping needed",
  );
});

test("twice that density: grouped, never drifting; nothing outside its paragraph", () => {
  const items = passage(30, 10);
  const band = { top: 80, bottom: 100 + 10 * LINE };
  for (const columns of [1, 2]) {
    const placed = layoutMargin({ ...BASE, items, bands: [band], columns });
    const d = distances(items, placed);
    assert.ok(Math.max(...d) <= BASE.tolerance + LINE, `${columns} column(s): distances ${d}`);
    assert.deepEqual(overlaps(placed, BASE.gap), []);
    assert.ok(placed.every((p) => p.top >= band.top && p.top + p.height <= band.bottom + 0.5));
    assert.ok(
      placed.some((p) => p.ids.length > 1),
      "grouped",
    );
    // Every note is in exactly one entry, in reading order within its group.
    assert.deepEqual(placed.flatMap((p) => p.ids).sort(), items.map((i) => i.id).sort());
  }
});

test("a paragraph's entries stay in its band even when its last line is crowded", () => {
  const bands = [
    { top: 0, bottom: 200 },
    { top: 200, bottom: 400 },
  ];
  const items = [
    ...[190, 190, 190].map((top, i) => ({ id: `a${i}`, top, height: ENTRY, band: 0 })),
    { id: "b0", top: 205, height: ENTRY, band: 1 },
  ];
  const placed = layoutMargin({ ...BASE, items, bands, columns: 1 });
  for (const p of placed) {
    const band = bands[p.ids[0].startsWith("a") ? 0 : 1];
    assert.ok(p.top >= band.top && p.top + p.height <= band.bottom + 0.5, JSON.stringify(p));
  }
  assert.deepEqual(overlaps(placed, BASE.gap), []);
});

test("a page turn stays on its line; the notes flow around it", () => {
  const items = [
    { id: "turn", top: 100, height: 18, band: 0, column: 0 },
    { id: "a", top: 100, height: ENTRY, band: 0 },
    { id: "b", top: 300, height: ENTRY, band: 0 },
  ];
  const placed = layoutMargin({ ...BASE, items, bands: [{ top: 0, bottom: 500 }], columns: 1 });
  const turn = entryOf(placed, "turn");
  assert.equal(turn.top, 100);
  assert.ok(turn.fixed);
  assert.deepEqual(overlaps(placed, BASE.gap), []);
  assert.equal(entryOf(placed, "b").top, 300);
});

test("opening an entry: it keeps its top, what is below moves down, nothing above moves", () => {
  const items = passage(6, 6);
  const placed = layoutMargin({ ...BASE, items, bands: [{ top: 0, bottom: 1000 }], columns: 1 });
  const opened = openAt(placed, 2, 150, BASE.gap);
  assert.equal(opened[2].top, placed[2].top);
  assert.equal(opened[2].height, 150);
  assert.deepEqual(opened.slice(0, 2), placed.slice(0, 2));
  assert.deepEqual(overlaps(opened, BASE.gap), []);
  assert.ok(opened[3].top >= placed[2].top + 150 + BASE.gap);
  // Closing is the closed layout again: layoutMargin is deterministic.
  assert.deepEqual(
    layoutMargin({ ...BASE, items, bands: [{ top: 0, bottom: 1000 }], columns: 1 }),
    placed,
  );
});

test("hidden kinds free their room: fewer items, entries back on their lines", () => {
  const items = [100, 100, 100, 100].map((top, i) => ({
    id: `k${i}`,
    top,
    height: ENTRY,
    band: 0,
  }));
  const all = layoutMargin({ ...BASE, items, bands: [{ top: 0, bottom: 500 }], columns: 1 });
  const some = layoutMargin({
    ...BASE,
    items: items.slice(0, 1),
    bands: [{ top: 0, bottom: 500 }],
    columns: 1,
  });
  assert.ok(Math.max(...distances(items, all)) > 0);
  assert.deepEqual(distances(items.slice(0, 1), some), [0]);
});

test("random passages: no overlap, inside the band, every note placed once", () => {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let round = 0; round < 200; round++) {
    const lines = 2 + Math.floor(rand() * 12);
    const n = 1 + Math.floor(rand() * lines * 3);
    const items = passage(n, lines, 50 + Math.floor(rand() * 40));
    const band = { top: 30, bottom: 60 + lines * LINE + 20 };
    const columns = 1 + Math.floor(rand() * 2);
    const placed = layoutMargin({ ...BASE, items, bands: [band], columns });
    assert.deepEqual(overlaps(placed, BASE.gap), [], `round ${round}`);
    assert.deepEqual(placed.flatMap((p) => p.ids).sort(), items.map((i) => i.id).sort());
    assert.ok(
      placed.every((p) => p.top >= band.top - 0.5 && p.top + p.height <= band.bottom + 0.5),
      `round ${round}`,
    );
  }
});

test("an opened note over a page turn: the turn moves below it while it is open", () => {
  const items = [
    { id: "a", top: 100, height: ENTRY, band: 0 },
    { id: "turn", top: 130, height: 18, band: 0, column: 0 },
  ];
  const placed = layoutMargin({ ...BASE, items, bands: [{ top: 0, bottom: 500 }], columns: 1 });
  assert.deepEqual(
    placed.map((p) => p.top),
    [100, 130],
  );
  const opened = openAt(placed, 0, 120, BASE.gap);
  assert.deepEqual(
    opened.map((p) => p.top),
    [100, 224],
  );
  assert.deepEqual(overlaps(opened, BASE.gap), []);
});
