// Python's string semantics in unicode.mjs: what the port's regular expressions and offsets rest on.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  cpLen,
  intOf,
  isDigit,
  isLower,
  strip,
  toCodePoints,
  toUnits,
  W,
} from "../../docs/assets/your-copy/unicode.mjs";

test("strip removes what str.strip removes, and keeps a BOM as Python does", () => {
  assert.equal(strip("\u0085\u00a0\u2028 a b\t\x1c"), "a b");
  assert.equal(strip("\ufeffa"), "\ufeffa");
});

test("offsets: code points as Python's len, UTF-16 as JavaScript's", () => {
  const s = "a𝔸b𝔹c";
  assert.equal(cpLen(s), 5);
  assert.equal(toUnits(s, 3), 4);
  assert.equal(toCodePoints(s, 4), 3);
  assert.equal(toUnits("plain", 3), 3);
});

test("int() of any script's decimal digits", () => {
  assert.equal(intOf("254"), 254);
  assert.equal(intOf("٢٥٤"), 254); // Arabic-Indic
  assert.equal(intOf("𝟐𝟓𝟒"), 254); // mathematical bold
});

test("\\w, isdigit and islower as Python has them", () => {
  const w = new RegExp(`^[${W}]+$`, "u");
  assert.ok(w.test("naïve_²"));
  assert.ok(!w.test("a-b"));
  assert.ok(isDigit("²") && isDigit("٣") && !isDigit("a"));
  assert.ok(isLower("é") && !isLower("É") && !isLower("1"));
});
