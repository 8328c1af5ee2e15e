// The student's marks as kept on the device (docs/assets/own-layer/records.mjs): a record of an
// older format is brought up to date step by step, one this site cannot read is kept and
// reported with the reason, never dropped; import merges without duplicates.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  check,
  FormatError,
  makeMark,
  merge,
  migrate,
  migrateAll,
  SCHEMA,
  STEPS,
} from "../../docs/assets/own-layer/records.mjs";

let n = 0;
const ids = () => `m-${++n}`;
const at = () => "2026-12-02T06:00:00.000Z";
const highlight = (fields = {}) =>
  makeMark(
    {
      kind: "highlight",
      page: "reading/one/",
      paragraph: "p1",
      exact: "the river council",
      color: "green",
      ...fields,
    },
    ids,
    at,
  );

test("a new mark is in this site's format, with every field", () => {
  const m = highlight();
  assert.equal(m.schema, SCHEMA);
  assert.deepEqual(Object.keys(m).sort(), [
    "after",
    "before",
    "color",
    "created",
    "exact",
    "id",
    "kind",
    "note",
    "occurrence",
    "page",
    "paragraph",
    "printed",
    "schema",
    "updated",
  ]);
  assert.equal(migrate(m), m, "a current record is taken as it is");
});

test("every format up to this one has its step, and none is missing", () => {
  for (let v = 1; v < SCHEMA; v++)
    assert.equal(typeof STEPS[v], "function", `step ${v} -> ${v + 1}`);
});

test("an older record goes through each step in turn", () => {
  // A format 1 that wrote the colour as `colour` and the note as `comment`, up to a format 3.
  const steps = {
    1: (/** @type {any} */ r) => {
      const { colour, ...rest } = r;
      return { ...rest, color: colour };
    },
    2: (/** @type {any} */ r) => {
      const { comment, ...rest } = r;
      return { ...rest, note: comment ?? "" };
    },
  };
  const { color, note, ...old } = highlight({ note: "mine" });
  const v1 = { ...old, schema: 1, colour: color, comment: note };
  const up = migrate(v1, steps, 3);
  assert.equal(up.schema, 3);
  assert.equal(up.color, "green");
  assert.equal(up.note, "mine");
  assert.ok(!("colour" in up) && !("comment" in up));
});

const REFUSALS = [
  [
    { schema: 9, id: "m-9" },
    `mark m-9 was written by a newer version of this site (format 9; this one reads up to ${SCHEMA}): open the site's latest version, or export there`,
  ],
  [{ id: "m-0" }, "mark m-0 has no format number (schema: undefined)"],
  [null, "not a mark: null"],
  [
    { ...highlight(), color: "purple", id: "m-p" },
    'mark m-p: colour "purple" is not one of yellow, green, blue, pink',
  ],
  [
    { ...highlight(), kind: "sticker", id: "m-k" },
    'mark m-k: kind "sticker" is neither "highlight" nor "note"',
  ],
  [{ ...highlight(), exact: "", id: "m-e" }, "mark m-e: no words"],
  [{ ...highlight(), page: 3, id: "m-g" }, "mark m-g: page is not a string"],
];

for (const [record, message] of REFUSALS) {
  test(`refused: ${message}`, () => {
    assert.throws(
      () => migrate(record),
      (e) => e instanceof FormatError && e.message === message,
    );
  });
}

test("a format with no step to the next is refused, saying which step is missing", () => {
  const old = { ...highlight(), schema: 1, id: "m-s" };
  assert.throws(() => migrate(old, {}, 2), { message: "no way from format 1 to 2 (mark m-s)" });
});

test("migrating a store keeps what it cannot read beside what it can, with the reason", () => {
  const good = highlight();
  const newer = { ...highlight(), schema: SCHEMA + 1 };
  const { marks, unreadable } = migrateAll([good, newer]);
  assert.deepEqual(marks, [good]);
  assert.equal(unreadable.length, 1);
  assert.equal(unreadable[0].record, newer);
  assert.match(unreadable[0].reason, /newer version of this site/);
});

test("a paragraph note needs no words and no colour", () => {
  const note = makeMark(
    { kind: "note", page: "reading/one/", paragraph: "p2", note: "ask in class" },
    ids,
    at,
  );
  assert.equal(check(note), note);
});

test("import adds what is new and counts what it already had", () => {
  const a = highlight();
  const b = highlight({ exact: "spring", color: "pink" });
  const sameAsA = { ...a, id: "from-another-device" };
  const { added, updated, duplicates } = merge([a], [sameAsA, b, { ...b }]);
  assert.deepEqual(updated, []);
  assert.deepEqual(added, [b]);
  assert.equal(duplicates, 2);
  const later = { ...a, note: "changed", updated: "2026-12-03T00:00:00.000Z" };
  assert.deepEqual(merge([a], [later]), { added: [], updated: [later], duplicates: 0 });
  assert.deepEqual(merge([later], [a]), { added: [], updated: [], duplicates: 1 }, "an older edit");
});
