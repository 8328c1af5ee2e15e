// The full edition's `.para-body` content of one block, as the build's
// annotated.pages.reading.full_body makes it, from the same shells: the reading template's
// macros, rendered by the build with a named hole for each variable part and sent in data.json
// (`shells`, and each note's `mark_open` and `note_after`). A shell is a list of literal HTML at
// even indexes and hole names at odd ones; this module only fills holes and joins the results,
// and writes no markup of its own. The block's text goes in HTML-escaped (&, <, >), with at each
// offset, in this order: a footnote marker (it belongs to the word before), closing marks each
// followed by its note (inner first), a page turn, opening marks (outer first).
//
//   pageTurns(article) -> Map block id -> Map offset -> page (where each page's anchor goes)
//   renderBody(block, anchored, shells, {turns, lang}) -> HTML string
//     block: an ingestText block; anchored: anchorNotes(...).anchored (any blocks: this one's
//     are taken); shells: data.json's `shells`; turns: pageTurns(article).get(block.id);
//     lang: the block's `lang` in the structure map (an epigraph's verse).

import { toUnits } from "./unicode.mjs";

/**
 * Markup with holes (annotated.pages.shells): literal HTML at even indexes, the name of a hole
 * at odd ones.
 * @typedef {string[]} Shell
 *
 * data.json's `shells` (annotated.pages.reading.BodyShells): the full edition's `.para-body`
 * markup, beside each note's own `mark_open` and `note_after` (hole: number).
 * @typedef {object} BodyShells
 * @property {Shell} page_turn  hole: page
 * @property {Shell} footnote_marker  hole: marker
 * @property {Record<string, Shell>} prose  by block type; holes: text, tail
 * @property {string} cut_short  the tail of a block where the excerpt cuts short
 * @property {Shell} keywords  holes: words, after
 * @property {string} keyword_separator
 * @property {Shell} epigraph  hole: lines
 * @property {Record<string, Record<string, Shell>>} epigraph_line  by role, then lang; hole: text
 *
 * A placed note, as anchorNotes gives it (offsets in code points), with its own shells.
 * @typedef {object} Placed
 * @property {string} block
 * @property {number} start
 * @property {number} end
 * @property {number} number
 * @property {{mark_open: string, note_after: Shell}} note
 */

export function esc(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * A shell with each hole replaced by its value (HTML, inserted as it is).
 * @param {Shell} shell
 * @param {Record<string, string | number>} values
 * @returns {string}
 */
export function fill(shell, values) {
  return shell.map((piece, i) => (i % 2 ? String(values[piece]) : piece)).join("");
}

/**
 * @param {{blocks: {id: string, pages: number[], page_breaks: {page: number, offset: number}[]}[]}} article
 * @returns {Map<string, Map<number, number>>}
 */
export function pageTurns(article) {
  const at = new Map();
  const placed = new Set();
  const of = (id) => {
    if (!at.has(id)) at.set(id, new Map());
    return at.get(id);
  };
  for (const b of article.blocks) {
    for (const br of b.page_breaks) {
      of(b.id).set(br.offset, br.page);
      placed.add(br.page);
    }
  }
  for (const b of article.blocks) {
    if (b.pages.length && !placed.has(b.pages[0])) {
      of(b.id).set(0, b.pages[0]);
      placed.add(b.pages[0]);
    }
  }
  return at;
}

/**
 * @param {import("./ingest.mjs").Block} block
 * @param {Placed[]} anchored
 * @param {BodyShells} shells
 * @param {{turns?: Map<number, number>, lang?: string}} [options]
 * @returns {string}
 */
export function renderBody(block, anchored, shells, { turns = new Map(), lang = "" } = {}) {
  const text = block.text;
  const u = (cp) => toUnits(text, cp);
  // Offsets from here on are UTF-16 indexes into `text`.
  const anchors = anchored
    .filter((a) => a.block === block.id)
    .sort((x, y) => x.number - y.number)
    .map((a) => ({ ...a, s: u(a.start), e: u(a.end) }));
  let turnAt = new Map([...turns].map(([o, p]) => [u(o), p]));
  let markers = new Map();
  for (const f of block.footnotes) markers.set(u(f.offset), f.marker);
  const segments = block.type === "epigraph" ? epigraphSegments(block, lang) : null;
  if (segments) {
    markers = snap(markers, segments);
    turnAt = snap(turnAt, segments);
  }
  const part = (start = 0, end = text.length) =>
    renderText(text, start, end, anchors, turnAt, markers, shells);

  if (block.type === "epigraph") {
    const line = shells.epigraph_line;
    const lines = (segments || []).map(([a, e, role, l]) =>
      fill(line[role][l], { text: part(a, e) }),
    );
    const whole = () => fill(line[""][""], { text: part() });
    return fill(shells.epigraph, { lines: lines.join("") || whole() });
  }
  if (block.type === "keywords" && !anchors.length) {
    const first = turnAt.get(0);
    const after = first === undefined ? "" : fill(shells.page_turn, { page: first });
    const words = block.keywords.map(esc).join(shells.keyword_separator) || part();
    return fill(shells.keywords, { words, after });
  }
  const tail = block.truncated ? shells.cut_short : "";
  return fill(shells.prose[block.type], { text: part(), tail });
}

function renderText(text, start, end, anchors, turns, markers, shells) {
  const stops = new Set([start, end]);
  for (const o of turns.keys()) if (start <= o && o <= end) stops.add(o);
  for (const o of markers.keys()) if (start <= o && o <= end) stops.add(o);
  for (const a of anchors) {
    for (const o of [a.s, a.e]) if (start <= o && o <= end) stops.add(o);
  }
  const out = [];
  let prev = start;
  for (const o of [...stops].sort((x, y) => x - y)) {
    out.push(esc(text.slice(prev, o)));
    prev = o;
    if (markers.has(o) && o !== start) {
      out.push(fill(shells.footnote_marker, { marker: markers.get(o) }));
    }
    const closing = anchors.filter((a) => a.e === o).sort((x, y) => y.s - x.s);
    for (const a of closing) out.push(fill(a.note.note_after, { number: a.number }));
    if (turns.has(o)) out.push(fill(shells.page_turn, { page: turns.get(o) }));
    const opening = anchors.filter((a) => a.s === o && o !== end).sort((x, y) => y.e - x.e);
    for (const a of opening) out.push(a.note.mark_open);
  }
  return out.join("");
}

// Where the verse, its translation and its source stand in the text: [start, end, role, lang].
function epigraphSegments(block, lang) {
  const parts = block.lines.map((line) => [line, "verse", lang]);
  if (block.translation) parts.push([block.translation, "translation", ""]);
  if (block.attribution) parts.push([block.attribution, "attribution", ""]);
  const segments = [];
  let pos = 0;
  for (const [partText, role, partLang] of parts) {
    const at = block.text.indexOf(partText, pos);
    if (at === -1) return null;
    segments.push([at, at + partText.length, role, partLang]);
    pos = at + partText.length;
  }
  return segments.length ? segments : null;
}

// Marks that stood between the shown segments move to the end of the segment before them.
function snap(marks, segments) {
  const snapped = new Map();
  for (const [offset, value] of marks) {
    if (segments.some(([a, e]) => a <= offset && offset <= e)) {
      snapped.set(offset, value);
      continue;
    }
    const before = segments.filter(([, e]) => e <= offset).map(([, e]) => e);
    snapped.set(before.length ? before[before.length - 1] : segments[0][0], value);
  }
  return snapped;
}
