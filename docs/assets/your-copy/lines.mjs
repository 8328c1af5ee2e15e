// A port of scripts/annotated/ingest/lines.py: running heads turned into page turns, repairs
// applied inside each line, footnote markers taken out (with where they stood), lines joined
// into blocks. Offsets here are UTF-16 indexes; ingest.mjs turns them into code points.
//
//   headPage(line, metadata, recurring) -> page | null
//   takeMarkers(text, last) -> [text, [[marker, offset]…], last]
//   pageLines(raw, start, metadata, firstPage) -> Line[]; cleanLines(lines, words) -> Line[]
//   joinBlock(lines, words, sep) -> {text, pages, page_breaks, footnotes}; endsSentence(text)

import { partialRatio } from "./fuzz.mjs";
import {
  joinHyphenSpaces,
  joinLigatureAfterBreak,
  joinLines,
  joinSplitLigatures,
} from "./repairs.mjs";
import { B_START, cpLen, intOf, isDigit, rstrip, SPACE, strip, W } from "./unicode.mjs";

const S = `[${SPACE}]`;
const NS = `[^${SPACE}]`;
const VERSO = new RegExp(`^(?<page>\\p{Nd}{1,4})${S}+(?<rest>${NS}[^\\n]*)$`, "u");
const RECTO = new RegExp(`^(?<rest>[^\\n]*${NS})${S}+(?<page>\\p{Nd}{1,4})$`, "u");
const HEAD_NOISE = new RegExp(
  `(\\p{Nd}+${S}*\\(\\p{Nd}+\\)|Vol\\.?${S}*\\p{Nd}+|No\\.?${S}*\\p{Nd}+|[|•·,:;–—-])`,
  "giu",
);
const SPACES = new RegExp(`${S}+`, "gu");
const HEAD_WORD = new RegExp(`[${W}’']+`, "gu");
const MARKER = new RegExp(`(?<=[.,;:!?)\\]”’"])(?<n>\\p{Nd}{1,3})(?=[${SPACE}.,;:)\\]]|$)`, "gu");
const ABBREV = new RegExp(
  `${B_START}(?:p|pp|no|nos|vol|vols|fig|ch|art|para|s|ss|op|cf|n|nn)\\.$`,
  "iu",
);
const NEW_SENTENCE = new RegExp(`^(?:${S}*$|${S}+[A-Z“‘"(])`, "u");
// Superscript digits glued to what precedes them are a marker whatever stands before them: the
// channel by which extract.mjs passes on what a PDF's type shows for sure (lines.py has it too).
const RAISED = "⁰¹²³⁴-⁹";
const SUPERSCRIPT = new RegExp(
  `(?<=${NS})(?<![${RAISED}])(?<n>[${RAISED}]{1,3})(?![${RAISED}])`,
  "gu",
);
const SUPERSCRIPT_DIGITS = new Map([..."⁰¹²³⁴⁵⁶⁷⁸⁹"].map((c, i) => [c, String(i)]));
const MAX_GAP = 5;
const TAIL_HYPHEN = /([A-Za-z]+)-$/;
const ENDS_SENTENCE = /[.?!…][”’"')\]]*$/u;

export function pySplit(s) {
  return strip(s).split(SPACES).filter(Boolean);
}

function surnames(meta) {
  return meta.authors
    .map(pySplit)
    .filter((p) => p.length)
    .map((p) => p[p.length - 1].toLowerCase());
}

function headParts(line) {
  const s = strip(line);
  const g = (VERSO.exec(s) || RECTO.exec(s))?.groups;
  if (!g || cpLen(s) > 100) return null;
  const rest = strip(g.rest.replace(HEAD_NOISE, " ").replace(SPACES, " ")).toLowerCase();
  return rest ? [intOf(g.page), rest] : null;
}

export function recurringHeads(lines) {
  const seen = new Map();
  for (const line of lines) {
    const parts = headParts(line);
    if (!parts) continue;
    if (!seen.has(parts[1])) seen.set(parts[1], new Set());
    seen.get(parts[1]).add(parts[0]);
  }
  return new Set([...seen].filter(([, pages]) => pages.size >= 2).map(([rest]) => rest));
}

export function headPage(line, meta, recurring = new Set()) {
  const parts = headParts(line);
  if (parts === null) return null;
  const [page, rest] = parts;
  if (recurring.has(rest)) return page;
  const words = new Set(rest.match(HEAD_WORD) || []);
  if (surnames(meta).some((name) => words.has(name))) return page;
  const whole = strip(`${meta.title} ${meta.subtitle}`);
  for (const known of [meta.journal, meta.title, whole]) {
    if (known && cpLen(rest) >= 8 && partialRatio(rest, known.toLowerCase()) >= 90) return page;
  }
  return null;
}

export class Line {
  constructor(number, text, page, turn = false, blankBefore = false) {
    this.number = number; // 1-based line number in the text, for messages
    this.text = text;
    this.page = page;
    this.turn = turn; // a page turn happened just before this line
    this.blankBefore = blankBefore;
    this.footnotes = []; // [marker, offset in text]
  }
}

export function pageLines(raw, start, meta, firstPage) {
  let page = firstPage;
  const out = [];
  let turn = false;
  let blank = false;
  const recurring = recurringHeads(raw);
  for (let i = start; i < raw.length; i++) {
    const text = strip(raw[i]);
    if (!text) {
      blank = true;
      continue;
    }
    const p = headPage(text, meta, recurring);
    if (p !== null && p === page) continue;
    if (p !== null && (page === null || (page < p && p <= page + 2))) {
      if (page === null) for (const line of out) line.page = p - 1;
      turn = out.length > 0 || page !== null;
      page = p;
      continue;
    }
    out.push(new Line(i + 1, text, page || 0, turn, blank));
    turn = blank = false;
  }
  return out;
}

export function repairLine(text, words) {
  return joinHyphenSpaces(joinSplitLigatures(text, words), words);
}

export function takeMarkers(text, last) {
  const found = [];
  const out = [];
  let pos = 0;
  let length = 0;
  const raised = new Set();
  const candidates = [...text.matchAll(MARKER)];
  for (const m of text.matchAll(SUPERSCRIPT)) {
    raised.add(m.index);
    candidates.push(m);
  }
  candidates.sort((a, b) => a.index - b.index);
  for (const m of candidates) {
    const marker = [...m.groups.n].map((c) => SUPERSCRIPT_DIGITS.get(c) ?? c).join("");
    const n = intOf(marker);
    const before = text.slice(0, m.index);
    const punct = before[before.length - 1];
    const after = text.slice(m.index + m[0].length);
    // A superscript is a marker for sure: only the numbering below can refuse it.
    if (!raised.has(m.index) && !afterPunctuation(before, punct, n, last, after)) continue;
    if (last !== null && !(last < n && n <= last + MAX_GAP)) continue;
    const piece = text.slice(pos, m.index);
    out.push(piece);
    length += piece.length;
    found.push([marker, length]);
    pos = m.index + m[0].length;
    last = n;
  }
  out.push(text.slice(pos));
  return [out.join(""), found, last];
}

function afterPunctuation(before, punct, n, last, after) {
  // `3.5` and `1,000` are numbers; `in 2005.3` is a marker after a year: only the very next
  // marker, before a new sentence, is taken for one.
  const afterNumber =
    ".,".includes(punct) && before.length > 1 && isDigit(lastChar(before.slice(0, -1)));
  if (afterNumber && (n !== (last ?? 0) + 1 || (punct === "." && !NEW_SENTENCE.test(after)))) {
    return false;
  }
  return !(punct === "." && ABBREV.test(before));
}

function lastChar(s) {
  const chars = Array.from(s.slice(-2));
  return chars.length ? chars[chars.length - 1] : "";
}

export function cleanLines(lines, words) {
  let last = null;
  let broken = "";
  for (const line of lines) {
    const text = repairLine(joinLigatureAfterBreak(broken, line.text, words), words);
    [line.text, line.footnotes, last] = takeMarkers(text, last);
    const tail = TAIL_HYPHEN.exec(line.text);
    broken = tail ? tail[1] : "";
  }
  return lines;
}

/** @param {string | null} [sep] what joins the lines as they are (an epigraph's "\n"); else they are reflowed */
export function joinBlock(lines, words, sep = null) {
  let text = "";
  const breaks = [];
  const notes = [];
  lines.forEach((line, k) => {
    let start;
    if (k === 0) [text, start] = [line.text, 0];
    else if (sep !== null) {
      start = text.length + sep.length;
      text = text + sep + line.text;
    } else [text, start] = joinLines(text, line.text, words);
    if (line.turn) breaks.push({ page: line.page, offset: start });
    for (const [marker, offset] of line.footnotes) notes.push({ marker, offset: start + offset });
  });
  const firstPage = lines.length ? lines[0].page : 0;
  const pages = [firstPage, ...breaks.map((b) => b.page).filter((p) => p !== firstPage)];
  const known = [...new Set(pages)].filter((p) => p); // page 0: no page known
  return { text, pages: known, page_breaks: breaks, footnotes: notes };
}

export function endsSentence(text) {
  return ENDS_SENTENCE.test(rstrip(text));
}
