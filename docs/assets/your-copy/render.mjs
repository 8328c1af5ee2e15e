// The full edition's `.para-body` content of one block, as the build's
// annotated.pages.reading.full_body makes it (the reading markup contract): one of
//   <p>{lead}{TEXT}{tail}</p>  ·  <p class="keywords">…</p>  ·  <blockquote class="epigraph">
// TEXT is the block's text, HTML-escaped (&, <, >), with at each offset, in this order: a
// footnote marker (it belongs to the word before), closing marks each followed by its note
// (inner first), a page turn, opening marks (outer first). Every fragment of markup comes from
// the build (data.json), never from here: a note's `mark_open` string and `note_after` pieces,
// and the `page_turn` and `footnote_marker` pieces, joined around their number.
//
//   pageTurns(article) -> Map block id -> Map offset -> page (where each page's anchor goes)
//   renderBody(block, anchored, fragments, {turns, lang}) -> HTML string
//     block: an ingestText block; anchored: anchorNotes(...).anchored (any blocks: this one's
//     are taken); fragments: {page_turn, footnote_marker} pieces; turns: pageTurns(article)
//     .get(block.id); lang: the block's `lang` in the structure map (an epigraph's verse).

import { toUnits } from "./unicode.mjs";

const TYPE_LABEL = { abstract: "Abstract", keywords: "Keywords", epigraph: "Epigraph" };

export function esc(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

const fill = (pieces, value) => pieces.join(String(value));

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

export function renderBody(block, anchored, fragments, { turns = new Map(), lang = "" } = {}) {
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
    renderText(text, start, end, anchors, turnAt, markers, fragments);

  if (block.type === "epigraph") {
    if (!segments) return `<blockquote class="epigraph"><p>${part()}</p></blockquote>`;
    const lines = segments.map(([a, e, attrs]) => `<p ${attrs}>${part(a, e)}</p>`);
    return '<blockquote class="epigraph">' + lines.join("") + "</blockquote>";
  }
  if (block.type === "keywords" && !anchors.length) {
    const start = turnAt.has(0) ? fill(fragments.page_turn, turnAt.get(0)) : "";
    const words = block.keywords.map(esc).join(" · ") || part();
    return `<p class="keywords"><span class="block-label">Keywords:</span> ${words}${start}</p>`;
  }
  const label = TYPE_LABEL[block.type];
  const lead = label ? `<span class="block-label">${label}.</span> ` : "";
  const tail = block.truncated ? ' <span class="truncated">[the excerpt ends here]</span>' : "";
  return `<p>${lead}${part()}${tail}</p>`;
}

function renderText(text, start, end, anchors, turns, markers, fragments) {
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
    if (markers.has(o) && o !== start) out.push(fill(fragments.footnote_marker, markers.get(o)));
    const closing = anchors.filter((a) => a.e === o).sort((x, y) => y.s - x.s);
    for (const a of closing) out.push(fill(a.note.note_after, a.number));
    if (turns.has(o)) out.push(fill(fragments.page_turn, turns.get(o)));
    const opening = anchors.filter((a) => a.s === o && o !== end).sort((x, y) => y.e - x.e);
    for (const a of opening) out.push(a.note.mark_open);
  }
  return out.join("");
}

function epigraphSegments(block, lang) {
  const verse = lang ? `lang="${lang}"` : 'class="verse"';
  const parts = block.lines.map((line) => [line, verse]);
  if (block.translation) parts.push([block.translation, 'class="translation"']);
  if (block.attribution) parts.push([block.attribution, 'class="attribution"']);
  const segments = [];
  let pos = 0;
  for (const [partText, attrs] of parts) {
    const at = block.text.indexOf(partText, pos);
    if (at === -1) return null;
    segments.push([at, at + partText.length, attrs]);
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
