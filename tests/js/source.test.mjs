// source.mjs: a PDF, text, or neither.
import assert from "node:assert/strict";
import { test } from "node:test";

import { NOT_PDF_OR_TEXT, sourceOf } from "../../docs/assets/your-copy/source.mjs";

const bytes = (s) => new TextEncoder().encode(s);

test("a PDF is told by its header, also after a few bytes of junk", () => {
  assert.deepEqual(sourceOf(bytes("%PDF-1.7\n…")), { kind: "pdf" });
  assert.deepEqual(sourceOf(bytes("\r\n  %PDF-1.4\n")), { kind: "pdf" });
});

test("UTF-8 text, with or without a byte-order mark, is text", () => {
  assert.deepEqual(sourceOf(bytes("Rivers and Realignments")), {
    kind: "text",
    text: "Rivers and Realignments",
  });
  assert.deepEqual(sourceOf(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("Upriver")])), {
    kind: "text",
    text: "Upriver",
  });
});

test("UTF-16 text with its byte-order mark is text", () => {
  const le = new Uint8Array([0xff, 0xfe, 0x55, 0x00, 0x70, 0x00]); // "Up"
  const be = new Uint8Array([0xfe, 0xff, 0x00, 0x55, 0x00, 0x70]);
  assert.deepEqual(sourceOf(le), { kind: "text", text: "Up" });
  assert.deepEqual(sourceOf(be), { kind: "text", text: "Up" });
});

test("anything else is refused in one sentence", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  for (const b of [png, new Uint8Array([0x41, 0x00, 0x42]), new Uint8Array([0xc3, 0x28])]) {
    assert.throws(
      () => sourceOf(b),
      (e) => e instanceof Error && e.name === "Refusal" && e.message === NOT_PDF_OR_TEXT,
    );
  }
  assert.equal(
    NOT_PDF_OR_TEXT,
    "This file is neither a PDF nor text: choose the article’s PDF, or paste its text.",
  );
});

test("an empty file is empty text (the ingestion says so)", () => {
  assert.deepEqual(sourceOf(new Uint8Array()), { kind: "text", text: "" });
});
