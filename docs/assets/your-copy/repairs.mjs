// A port of scripts/annotated/ingest/repairs.py: split ligatures and broken hyphens mended, with
// every decision asking the same word list as the build (`words`, from words.mjs). The cases are
// tests/vectors/repairs.json, which the Python tests run too.
//
//   joinSplitLigatures(text, words), joinHyphenSpaces(text, words), reflow(text, words),
//   joinLines(left, right, words) -> [text, where right starts (UTF-16 index)],
//   joinLigatureAfterBreak(prev, line, words), hyphenJoin(left, right, words),
//   shouldJoinLigature(left, right, words), normalise(text)

import {
  B_END,
  B_START,
  first,
  isAlnum,
  isAlpha,
  isLower,
  LETTER,
  last,
  strip,
  W,
} from "./unicode.mjs";

export const LIGATURES = ["ffi", "ffl", "ff", "fi", "fl"];

// `fi nally`, `confl ict`, `eff ective`; a lone `f` too (`suf ficient`). The right part is only
// looked at, so that it can be the next match's left part.
const SPLIT_LIGATURE = new RegExp(`${B_START}([A-Za-z]*[Ff][il]?) (?=([a-z]+)${B_END})`, "gu");
const HYPHEN_SPACE = new RegExp(`${B_START}([${LETTER}]+)- ([${LETTER}]+)${B_END}`, "gu");
const AFTER_BREAK = new RegExp(`^([a-z]*f[il]?) ([a-z]+)${B_END}`, "u");
const LINE_END_HYPHEN = new RegExp(`([${W}]+)-$`, "u");
const FIRST_WORD = new RegExp(`^[${W}]+`, "u");
const DASH_END = new RegExp(`[${W}][–—]$`, "u");

const SUSPENDED = new Set(["and", "or", "nor", "to", "as", "than", "und", "et", "ou"]);
const WORD = 2.5;
const COMMON = 3.0;

const endsWithLigature = (s) => LIGATURES.some((l) => s.endsWith(l));

export function shouldJoinLigature(left, right, words) {
  const l = left.toLowerCase();
  if (LIGATURES.includes(right.toLowerCase())) return false;
  const fragment = LIGATURES.includes(l) || words.zipf(left) < WORD;
  const joined = words.zipf(left + right);
  if (joined < WORD) return fragment && words.zipf(right) < WORD;
  if (!endsWithLigature(l)) return fragment;
  if (LIGATURES.includes(l)) return true;
  if (words.zipf(left) < COMMON) return true;
  return joined > Math.max(words.zipf(left), words.zipf(right));
}

export function joinSplitLigatures(text, words) {
  return untilStable(
    (t) =>
      t.replace(SPLIT_LIGATURE, (whole, left, right) =>
        shouldJoinLigature(left, right, words) ? left : whole,
      ),
    text,
  );
}

export function joinLigatureAfterBreak(prev, line, words) {
  const m = AFTER_BREAK.exec(line);
  if (!prev || !m || !shouldJoinLigature(prev + m[1], m[2], words)) return line;
  return m[1] + line.slice(m[1].length + 1);
}

export function hyphenJoin(left, right, words) {
  if (SUSPENDED.has(right.toLowerCase())) return "- ";
  if (!isLower(first(right)) || !isAlpha(last(left))) return "-";
  const joined = words.zipf(left + right);
  if (joined >= COMMON) return "";
  // A part that is no word was cut from a word (`rap` + `prochement`, `bandwa` + `goning`).
  const leftWord = words.zipf(left) >= WORD;
  const rightWord = words.zipf(right) >= WORD;
  if (joined >= WORD) return leftWord && rightWord ? "-" : "";
  return leftWord || rightWord ? "-" : "";
}

export function joinHyphenSpaces(text, words) {
  return untilStable(
    (t) =>
      t.replace(HYPHEN_SPACE, (_, left, right) => left + hyphenJoin(left, right, words) + right),
    text,
  );
}

function untilStable(step, text) {
  for (let next = step(text); next !== text; next = step(text)) text = next;
  return text;
}

export function reflow(text, words) {
  const lines = text.split("\n").map(strip);
  let out = lines.length ? lines[0] : "";
  for (const line of lines.slice(1)) {
    if (!line) continue;
    out = out ? joinLines(out, line, words)[0] : line;
  }
  return out;
}

export function joinLines(left, right, words) {
  const m = LINE_END_HYPHEN.exec(left);
  if (m && isAlnum(first(right))) {
    const word = FIRST_WORD.exec(right);
    const sep = hyphenJoin(m[1], word ? word[0] : right, words);
    const head = sep === "" ? left.slice(0, -1) : sep === "-" ? left : left + " ";
    return [head + right, head.length];
  }
  if (DASH_END.test(left)) return [left + right, left.length];
  return [left + " " + right, left.length + 1];
}

// Ligature glyphs a copy may hold (`ﬁnally`): the letters they stand for.
const LIGATURE_GLYPHS = { ﬀ: "ff", ﬁ: "fi", ﬂ: "fl", ﬃ: "ffi", ﬄ: "ffl", ﬅ: "st", ﬆ: "st" };

export function normalise(text) {
  text = text.normalize("NFC").replace(/[\ufb00-\ufb06]/gu, (g) => LIGATURE_GLYPHS[g]);
  // A soft hyphen is invisible inside a line; where a line breaks it is the (printed) hyphen.
  return text.replace(/\u00ad(?=[ \n]|$)/gu, "-").replaceAll("\u00ad", "");
}
