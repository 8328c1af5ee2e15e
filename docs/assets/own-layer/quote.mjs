// The student's highlights, anchored as the instructor's notes are: the exact words plus a few
// words of context on each side, found again by the build's own rule (anchor.mjs, a port of
// scripts/annotated/anchors.py), never by position. The text a highlight is anchored in is a
// paragraph's text as the page shows it (dom.mjs reads it); whatever changed between two builds
// or two copies, a mark whose words are gone is reported, never dropped.

import { anchorNotes, normalisePhrase, occurrences, select } from "../your-copy/anchor.mjs";
import { SPACE, toUnits } from "../your-copy/unicode.mjs";

/** At most how many words of context a highlight keeps on each side. */
export const CONTEXT_WORDS = 4;

const LEADING = new RegExp(`^[${SPACE}]+`, "u");
const TRAILING = new RegExp(`[${SPACE}]+$`, "u");
const tailWords = (/** @type {number} */ k) =>
  new RegExp(`(?:[^${SPACE}]+[${SPACE}]*){0,${k}}$`, "u");
const headWords = (/** @type {number} */ k) =>
  new RegExp(`^(?:[${SPACE}]*[^${SPACE}]+){0,${k}}`, "u");

/**
 * @typedef {{exact: string, before: string, after: string, occurrence: number | null}} Quote
 *   `exact` the words (spacing normalised), `before`/`after` the context, `occurrence` which of
 *   several matches the context leaves (1-based) or null when the context decides.
 * @typedef {{id: string, paragraph: string} & Quote} Anchorable
 * @typedef {{id: string, start: number, end: number}} Placed  UTF-16 offsets into the text
 * @typedef {{id: string, status: string, message: string}} Missed
 */

/**
 * The quote for `text.slice(start, end)` (UTF-16 offsets), or null when it holds no words.
 * Spaces at either end of the selection are left out, as the build trims a note's phrase.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @returns {{quote: Quote, start: number, end: number} | null}
 */
export function describe(text, start, end) {
  const chosen = text.slice(start, end);
  const lead = (LEADING.exec(chosen) || [""])[0].length;
  const trail = (TRAILING.exec(chosen) || [""])[0].length;
  const s = start + lead;
  const e = end - trail;
  if (e <= s) return null;
  const exact = normalisePhrase(text.slice(s, e));
  // As an instructor writes a note: the words alone when they occur once, else the fewest
  // words of context that tell this occurrence from the others (then, when even four words
  // cannot, which occurrence it is). Less context is less that a later edit can break.
  const all = occurrences(text, exact);
  let before = "";
  let after = "";
  let occurrence = null;
  for (let k = 1; all.length > 1 && k <= CONTEXT_WORDS; k++) {
    before = normalisePhrase((tailWords(k).exec(text.slice(0, s)) || [""])[0]);
    after = normalisePhrase((headWords(k).exec(text.slice(e)) || [""])[0]);
    const picked = select(text, exact, all, before, after);
    if (picked.length === 1) break;
    if (k === CONTEXT_WORDS) occurrence = picked.indexOf(s) + 1;
  }
  return { quote: { exact, before, after, occurrence }, start: s, end: e };
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}'’-]/u;

/**
 * A selection that starts or ends inside a word, widened to the whole word (as readers expect
 * of a highlighter: half a word is never what was meant).
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @returns {[number, number]}
 */
export function toWords(text, start, end) {
  const w = (/** @type {number} */ i) => i >= 0 && i < text.length && WORD_CHAR.test(text[i]);
  let s = start;
  let e = end;
  while (s > 0 && s < e && w(s - 1) && w(s)) s--;
  while (e < text.length && e > s && w(e) && w(e - 1)) e++;
  return [s, e];
}

/**
 * Every mark found again in its paragraph's text, or reported with the build's reason.
 * @param {Map<string, string>} paragraphs  paragraph id -> its text on this page
 * @param {Anchorable[]} marks  only those whose paragraph is on this page are looked for
 * @returns {{placed: Placed[], missed: Missed[]}}
 */
export function locate(paragraphs, marks) {
  const blocks = [...paragraphs].map(([id, text]) => ({ id, text, pages: [], page_breaks: [] }));
  const article = { blocks };
  const notes = marks
    .filter((m) => paragraphs.has(m.paragraph))
    .map((m) => ({
      id: m.id,
      paragraph: m.paragraph,
      phrase: m.exact,
      before: m.before || null,
      after: m.after || null,
      occurrence: m.occurrence ?? null,
    }));
  // Marks may nest and sit side by side; two that cross are kept apart by the toolbar, and the
  // later of two that now cross (the text changed) is reported as the build reports notes.
  const { anchored, misses } = anchorNotes(article, notes, { parts: [] });
  const placed = anchored.map((a) => {
    const text = paragraphs.get(a.block) ?? "";
    return { id: a.note.id, start: toUnits(text, a.start), end: toUnits(text, a.end) };
  });
  const missed = misses.map((m) => ({ id: m.note.id, status: m.status, message: m.message }));
  return { placed, missed };
}

/**
 * Whether a new mark over [start, end) would cross one already placed (nesting is allowed).
 * @param {Placed[]} placed
 * @param {number} start
 * @param {number} end
 * @returns {Placed | null} the mark it crosses or repeats
 */
export function crossing(placed, start, end) {
  for (const p of placed) {
    if (p.start === start && p.end === end) return p;
    const nested = (p.start <= start && end <= p.end) || (start <= p.start && p.end <= end);
    if (!nested && start < p.end && p.start < end) return p;
  }
  return null;
}

/**
 * The printed page a position falls on: the last page turn at or before it, else the
 * paragraph's first page.
 * @param {number[]} pages  the paragraph's pages (data-pages)
 * @param {{page: number, offset: number}[]} turns  page turns in the text (UTF-16 offsets)
 * @param {number} offset
 */
export function pageAt(pages, turns, offset) {
  let page = pages.length ? pages[0] : null;
  for (const t of turns) if (t.offset <= offset) page = t.page;
  return page;
}
