// Python's string semantics, where the port needs them to decide exactly as the build does:
// `\w`, `\s`, `\d` and `\b` are Unicode-wide in Python and ASCII in JavaScript; `str.strip()`
// strips a slightly different set than `String.trim()`; `len()` counts code points, `.length`
// UTF-16 units. Regular expressions of the port are written with these classes and the `u` flag.

// Python's `\w`: letters, numbers (any category N) and `_`.
export const W = "\\p{L}\\p{N}_";
// Python's `[^\W\d_]`: a word character that is neither a decimal digit nor `_`.
export const LETTER = "\\p{L}\\p{Nl}\\p{No}";
// Python's whitespace (`str.isspace`, `\s`): JavaScript's `\s` adds U+FEFF and lacks U+001C–1F
// and U+0085.
export const SPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
// `\b` before and after a run of word characters.
export const B_START = `(?<![${W}])`;
export const B_END = `(?![${W}])`;

const LEADING = new RegExp(`^[${SPACE}]+`, "u");
const TRAILING = new RegExp(`[${SPACE}]+$`, "u");

export function strip(s) {
  return s.replace(LEADING, "").replace(TRAILING, "");
}

export function rstrip(s) {
  return s.replace(TRAILING, "");
}

export function lstrip(s) {
  return s.replace(LEADING, "");
}

const ALPHA = /^\p{L}+$/u;
const ALNUM = /^[\p{L}\p{N}]+$/u;
const LOWER = /^\p{Lowercase}$/u;
const UPPER = /^\p{Uppercase}$/u;
// `str.isdigit`: decimal digits and the digits of other shapes (superscripts, subscripts).
const DIGIT = /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]+$/u;

export const isAlpha = (s) => ALPHA.test(s);
export const isAlnum = (s) => ALNUM.test(s);
export const isDigit = (s) => DIGIT.test(s);
// For one character (the port only asks about one): cased and lower/upper case.
export const isLower = (ch) => LOWER.test(ch);
export const isUpper = (ch) => UPPER.test(ch);

// The first character (a code point), as Python's `s[:1]`.
export function first(s) {
  const c = s.codePointAt(0);
  return c === undefined ? "" : String.fromCodePoint(c);
}

// The last character, as Python's `s[-1:]`.
export function last(s) {
  const chars = Array.from(s.slice(-2));
  return chars.length ? chars[chars.length - 1] : "";
}

export function cpLen(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

// A code-point offset into `s` as a UTF-16 index, and back.
export function toUnits(s, cp) {
  if (!/[\ud800-\udfff]/.test(s)) return cp;
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return i;
}

export function toCodePoints(s, units) {
  return cpLen(s.slice(0, units));
}

// Python's `int()` of a run of decimal digits of any script.
export function intOf(digits) {
  let n = 0;
  for (const ch of digits) n = n * 10 + digitValue(ch);
  return n;
}

const ND = /^\p{Nd}$/u;

function digitValue(ch) {
  // Unicode lays out every decimal digit set as ten consecutive code points, 0 to 9, and sets
  // that touch (mathematical digits) are whole sets: the value is the run's length so far, mod 10.
  let cp = ch.codePointAt(0);
  let n = 0;
  while (ND.test(String.fromCodePoint(cp - 1))) {
    cp -= 1;
    n += 1;
  }
  return n % 10;
}
