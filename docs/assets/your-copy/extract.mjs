/* A PDF's text layer as the raw text a publisher's preview gives, so that one ingestion
   (ingest.mjs, the port of scripts/annotated/ingest/) reads both: one line per printed line, top
   to bottom; running heads kept as lines (they carry the PRINTED page, 253, not the PDF's page
   index); superscript footnote markers glued to the word before them, in superscript digits
   (`USA,²`: the ingestion takes those for markers whatever precedes them); ligature glyphs
   spelled out. What a library or a database adds is left out: a cover page, "Downloaded from
   … on …" stamps, text set sideways in the margin, pages outside the excerpt and, on its last
   page, the paragraphs after the last block of the structure map.

   extractText(pages, structure) -> {text, printed, skipped}
     pages: [{items}] with pdf.js getTextContent() items {str, transform, width, height}
     structure: the structure map (notes/article.yml as JSON)
   Pure: Node's test runner checks it on items made by hand (tests/js/extract.test.mjs).
   One column of text is assumed, as in the journals this site reads. */

export class Refusal extends Error {
  constructor(message) {
    super(message);
    this.name = "Refusal";
  }
}

export const NO_TEXT =
  "This PDF has no text to read: it is an image (a scan), so paste the article's text instead.";

const LIGATURES = {
  "\uFB00": "ff",
  "\uFB01": "fi",
  "\uFB02": "fl",
  "\uFB03": "ffi",
  "\uFB04": "ffl",
  "\uFB05": "st",
  "\uFB06": "st",
};
const LIGATURE = /[\uFB00-\uFB06]/g;
const DIGITS = /^\d{1,3}$/;
// What a library or a database prints on every page it serves: "Downloaded from … on …"
// (SAGE, OUP), "Downloaded by [a library] at …" (Taylor & Francis), "This content downloaded
// from …" and then "All use subject to …" (JSTOR).
const STAMP = /\bdownloaded\s+(?:from|by)\b|^all use subject to\b/i;
const VERSO = /^(\d{1,4})\s+\S/;
const RECTO = /\S\s+(\d{1,4})$/;
const FOLIO = /^(\d{1,4})$/;

/* pdf.js items -> {str, x, y, end, size}; sideways text (a stamp up the margin) is dropped. */
export function positioned(items) {
  const out = [];
  for (const it of items) {
    const [a, b, c, d, x, y] = it.transform;
    if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01 || a <= 0) continue;
    const str = (it.str || "").replace(LIGATURE, (g) => LIGATURES[g]);
    if (!str) continue;
    out.push({ str, x, y, end: x + (it.width || 0), size: Math.abs(d) || it.height || 0 });
  }
  return out;
}

/* Items on one baseline form a line, whatever order pdf.js gave them in; small raised digits
   just above a line's baseline are its footnote markers. */
export function lines(items) {
  const words = [];
  const digits = [];
  for (const it of items) (DIGITS.test(it.str.trim()) ? digits : words).push(it);
  const rows = [];
  const rowOf = (it) => rows.find((r) => Math.abs(r.y - it.y) <= 0.25 * Math.max(r.size, it.size));
  for (const it of [...words].sort((p, q) => q.y - p.y || p.x - q.x)) {
    if (!it.str.trim() && !rowOf(it)) continue;
    const row = rowOf(it);
    if (row) {
      row.items.push(it);
      if (it.str.trim()) row.size = Math.max(row.size, it.size);
    } else rows.push({ y: it.y, size: it.size, items: [it] });
  }
  for (const it of digits) {
    const same = rowOf(it);
    if (same) {
      same.items.push(it);
      continue;
    }
    const below = rows
      .filter((r) => isMarkerOf(it, r))
      .sort((p, q) => it.y - p.y - (it.y - q.y))[0];
    if (below) below.items.push({ ...it, str: it.str.trim(), marker: true });
    else rows.push({ y: it.y, size: it.size, items: [it] });
  }
  return rows
    .sort((p, q) => q.y - p.y)
    .map((r) => {
      const sorted = r.items.sort((p, q) => p.x - q.x);
      const first = sorted.find((it) => it.str.trim()) || sorted[0];
      return { y: r.y, size: r.size, x: first.x, text: joinItems(sorted, r.size) };
    })
    .filter((ln) => ln.text);
}

function isMarkerOf(it, row) {
  const rise = it.y - row.y;
  const left = Math.min(...row.items.map((w) => w.x));
  const right = Math.max(...row.items.map((w) => w.end));
  return (
    it.size <= 0.9 * row.size &&
    rise >= 0.15 * row.size &&
    rise <= 0.75 * row.size &&
    it.x >= left - row.size &&
    it.x <= right + 2 * row.size
  );
}

/* A gap wider than a fifth of the type size is a space; a marker sticks to the word before. */
function joinItems(items, size) {
  let text = "";
  let prevEnd = null;
  let owed = false; // a space that stood before a marker belongs after it
  for (const it of items) {
    const gap = prevEnd === null ? 0 : it.x - prevEnd;
    if (it.marker) {
      owed = owed || /\s$/.test(text);
      text = text.trimEnd() + superscript(it.str);
    } else {
      const spaced = /\s$/.test(text) || /^\s/.test(it.str);
      if (text && !spaced && (owed || gap > 0.2 * size)) text += " ";
      owed = false;
      text += it.str;
    }
    prevEnd = Math.max(prevEnd ?? it.end, it.end);
  }
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\u00AD\u2010]$/, "-");
}

// A marker is set in superscript digits, the ingestion's sign for a marker known for sure (from
// its type, raised and smaller), so that one after a word without punctuation is taken too.
const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const superscript = (digits) => digits.replace(/\d/g, (d) => SUPERSCRIPTS[Number(d)]);

const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/* The printed page of one page's lines, from a head or a folio standing apart at the top or the
   foot; which lines those are (to drop or keep) and the head's words. */
export function folio(pageLines, range) {
  // The tightest line spacing is the body's (heads and folios stand further off).
  const spacing = Math.min(...pageLines.slice(1).map((ln, i) => pageLines[i].y - ln.y));
  const apart = (i, j) =>
    pageLines.length < 3 || Math.abs(pageLines[i].y - pageLines[j].y) >= 1.4 * spacing;
  const last = pageLines.length - 1;
  const margins = [];
  if (pageLines.length && apart(0, 1)) margins.push(0);
  if (last > 0 && apart(last, last - 1)) margins.push(last);
  const inRange = (n) => !range || (n >= range[0] && n <= range[1]);
  const number = (text) => {
    const m = text.match(FOLIO) || text.match(VERSO) || text.match(RECTO);
    return m && inRange(Number(m[1])) ? Number(m[1]) : null;
  };
  const body = median(pageLines.map((ln) => ln.size));
  for (const i of margins) {
    const page = number(pageLines[i].text);
    if (page === null) continue;
    const alone = FOLIO.test(pageLines[i].text);
    // A lone folio leaves the head's words (if any) in the other margin, without a page, in
    // type smaller than the body's (a heading that opens the page is larger).
    const other = margins.find(
      (k) => k !== i && number(pageLines[k].text) === null && pageLines[k].size < 0.95 * body,
    );
    return { page, line: i, alone, words: alone && other !== undefined ? other : null };
  }
  return null;
}

function excerptRange(structure) {
  const pages = structure.parts.flatMap((p) => p.blocks.flatMap((b) => b.pages || []));
  return pages.length ? [Math.min(...pages), Math.max(...pages)] : null;
}

const squash = (s) => s.replace(/\s+/g, " ").trim();

/* On the excerpt's last page, the paragraphs after the map's last block are not the excerpt:
   the block ends at the next indented line, larger type or wider gap. */
function cutAfterLastBlock(pageLines, structure) {
  const blocks = structure.parts.flatMap((p) => p.blocks).filter((b) => b.type !== "heading");
  const lastBlock = blocks[blocks.length - 1];
  if (!lastBlock || !pageLines.length) return pageLines;
  const locator = squash(lastBlock.locator || "");
  const found = pageLines.findIndex((ln) => locator && squash(ln.text).startsWith(locator));
  // Not on this page: the block began on the page before and runs on from the top of this one.
  const start = Math.max(found, 0);
  const body = pageLines.slice(start);
  const left = Math.min(...body.map((ln) => ln.x));
  const size = median(body.map((ln) => ln.size));
  const spacing = median(body.slice(1).map((ln, i) => body[i].y - ln.y)) || size * 1.4;
  for (let i = start + 1; i < pageLines.length; i++) {
    const ln = pageLines[i];
    const indented = ln.x - left >= 0.8 * size;
    const larger = ln.size >= 1.1 * size;
    const gap = pageLines[i - 1].y - ln.y >= 1.6 * spacing;
    if (indented || larger || gap) return pageLines.slice(0, i);
  }
  return pageLines;
}

export function extractText(pages, structure) {
  const range = excerptRange(structure);
  const read = pages.map((p, index) => {
    const all = lines(positioned(p.items));
    // In smaller type than the page's text, so that a sentence about downloads stays.
    const body = median(all.map((ln) => ln.size));
    const stamp = (ln) => STAMP.test(ln.text) && ln.size < 0.95 * body;
    return { index, lines: all.filter((ln) => !stamp(ln)) };
  });
  if (!read.some((p) => p.lines.length)) throw new Refusal(NO_TEXT);
  const numbered = read.map((p) => ({ ...p, folio: folio(p.lines, metaRange(structure)) }));
  const anyNumber = numbered.some((p) => p.folio);
  const kept = [];
  const skipped = [];
  numbered.forEach((p, k) => {
    let page = p.folio?.page ?? null;
    if (page === null && anyNumber) {
      // No folio of its own (a first page often has none): the page before a numbered one, if
      // it holds the start of a block of the map; else a cover page or a blank.
      const next = numbered.slice(k + 1).find((q) => q.folio);
      const gap = next ? numbered.indexOf(next) - k : 0;
      const starts = p.lines.some((ln) => holdsLocator(ln.text, structure));
      if (next && starts) page = next.folio.page - gap;
    }
    if (anyNumber && page === null) {
      skipped.push({ index: p.index, why: "cover" });
      return;
    }
    if (range && page !== null && (page < range[0] || page > range[1])) {
      skipped.push({ index: p.index, page, why: "outside" });
      return;
    }
    kept.push({ ...p, page });
  });
  const out = [];
  kept.forEach((p, k) => {
    let pageLines = p.lines;
    if (p.folio) {
      // The head goes first, where the ingestion looks for it, even when printed at the foot;
      // a lone folio becomes a head with the head's words (or the journal's name).
      const { line, words, alone } = p.folio;
      const drop = new Set([line, words].filter((i) => i !== null));
      const named = words !== null ? pageLines[words].text : headWords(structure);
      out.push(alone ? `${p.page} ${named}` : pageLines[line].text);
      pageLines = pageLines.filter((_, i) => !drop.has(i));
    }
    if (k === kept.length - 1 && skipped.some((s) => s.why === "outside" && s.page > p.page)) {
      pageLines = cutAfterLastBlock(pageLines, structure);
    }
    for (const ln of pageLines) out.push(ln.text);
  });
  return {
    text: out.join("\n"),
    printed: kept.map((p) => p.page).filter((n) => n !== null),
    skipped,
  };
}

function metaRange(structure) {
  const m = structure.metadata || {};
  const ex = excerptRange(structure);
  const lo = Number(m.first_page) || ex?.[0];
  const hi = Number(m.last_page) || ex?.[1];
  return lo && hi ? [lo, hi] : null;
}

function holdsLocator(text, structure) {
  const t = squash(text);
  return structure.parts.some((p) =>
    // Paragraphs' and the abstract's first words: a cover page repeats the title and keywords.
    p.blocks.some((b) => {
      const body = b.type === undefined || b.type === "paragraph" || b.type === "abstract";
      return body && b.locator && t.includes(squash(b.locator));
    }),
  );
}

/* A synthetic head for a page numbered only by a lone folio: the journal's name, which the
   ingestion recognises as a running head. */
function headWords(structure) {
  return structure.metadata?.journal || "";
}
