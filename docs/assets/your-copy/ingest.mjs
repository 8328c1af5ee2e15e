// A port of scripts/annotated/ingest/ (pipeline.py) for the path the student's own copy takes:
// a raw text (pasted from a publisher's preview, or extract.mjs's text of a PDF, in the same
// layout) and the structure map of the article the notes are for, into the article exactly as
// the build's `ingest(text, path, structure).to_dict()` gives it (README, "JSON contract";
// offsets are code points, as Python's).
//
//   ingestText(text, structure, words, {path} = {}) -> Article (plain JSON), plus
//     `extra: [{page, text}]`: lines after the last mapped block on pages past its mapped pages
//     (the rest of a full article), not part of any block, shown without notes if at all.
//   Throws a Refusal (`.message`: one sentence for the student) of `.kind` "empty";
//   "different-article" when its DOI differs from the map's, or when the map does not fit and
//   its title differs too; "map-does-not-fit" when the map's locators are not found in it, in
//   order, at the start of lines. The build infers paragraphs then; the browser does not guess.
//
// `structure` is notes/article.yml as JSON (`load_structure(...).model_dump(mode="json")`:
// metadata, parts[].blocks[] with id, type, locator, pages, lang, …). `words` comes from
// words.mjs's loadWords.

/** The types below are what the build's JSON gives (checked by `tsc`, scripts/dev test).

   The structure map, notes/article.yml as JSON (annotated.structure):
   @typedef {object} ArticleFacts
   @property {string} title
   @property {string} [subtitle]
   @property {string[]} authors
   @property {string} journal
   @property {number} year
   @property {string} volume
   @property {string} issue
   @property {number} first_page
   @property {number} last_page
   @property {string} doi
   @property {string} [publisher]
   @property {string} [published_date]
   @property {string} bib_key

   @typedef {"abstract" | "keywords" | "epigraph" | "heading" | "paragraph"} BlockType

   @typedef {object} BlockMap
   @property {string} id
   @property {BlockType} type
   @property {string} locator  the block's first few words, as printed
   @property {number[]} pages
   @property {string} [summary]
   @property {string} [lang]  the language of an epigraph's verse

   @typedef {object} PartMap
   @property {string} id
   @property {string} title
   @property {string} [heading]
   @property {BlockMap[]} blocks
   @property {boolean} [excerpt_ends]

   @typedef {object} Structure
   @property {ArticleFacts} metadata
   @property {PartMap[]} parts

   The article, as `ingest(...).to_dict()` gives it (README, "JSON contract"); offsets are code
   points, as Python's `str` indexes:
   @typedef {object} Metadata
   @property {string} title
   @property {string} subtitle
   @property {string[]} authors
   @property {string} journal
   @property {number | null} year
   @property {string} volume
   @property {string} issue
   @property {number | null} first_page
   @property {number | null} last_page
   @property {string} doi
   @property {string} publisher
   @property {string[]} keywords
   @property {string} published_date
   @property {string} copyright

   @typedef {object} Block
   @property {string} id
   @property {BlockType} type
   @property {string} text  clean: reflowed, repaired, NFC, no markers, no running heads
   @property {number[]} pages
   @property {{page: number, offset: number}[]} page_breaks  page `page` starts at text[offset]
   @property {{marker: string, offset: number}[]} footnotes  the marker stood before text[offset]
   @property {boolean} truncated
   @property {string[]} lines  an epigraph's verse
   @property {string | null} translation
   @property {string | null} attribution
   @property {string[]} keywords

   @typedef {object} Article
   @property {Metadata} metadata
   @property {number[]} pages
   @property {Block[]} blocks
   @property {"structure-map" | "inferred"} paragraphs_from
   @property {string[]} warnings
*/

import { checkAgainstMap, mapBlocks, mapSegments, norm, paragraphEnds } from "./blocks.mjs";
import { parseFront } from "./front.mjs";
import { cleanLines, endsSentence, joinBlock, pageLines } from "./lines.mjs";
import { normalise, reflow } from "./repairs.mjs";
import { B_END, B_START, cpLen, first, isUpper, SPACE, strip, toCodePoints } from "./unicode.mjs";

export class Refusal extends Error {
  constructor(kind, message) {
    super(message);
    this.name = "Refusal";
    this.kind = kind; // "empty" | "different-article" | "map-does-not-fit"
  }
}

const S = `[${SPACE}]`;
// What a preview page appends after the excerpt: a paywall, a login prompt, a cookie banner.
const BOILERPLATE = new RegExp(
  `^${S}*(to continue reading|continue reading|request (?:your|a) (?:free )?trial|` +
    "subscribe (?:now|to)|sign in|log ?in to|buy (?:this|the) article|" +
    `(?:get|purchase) (?:full )?access|[^\\n]*${B_START}uses? (?:login )?cookies${B_END}|` +
    `[^\\n]*${B_START}cookie policy${B_END})`,
  "iu",
);
const ABSTRACT_LABEL = new RegExp(`^Abstract[.:]?${S}+`, "u");
const ATTRIBUTION_OPEN = /^[(—–-]/u;

export function decodeText(text) {
  return normalise(
    text
      .replace(/^\ufeff/u, "")
      .replace(/\r\n/gu, "\n")
      .replace(/\r/gu, "\n"),
  );
}

/**
 * @param {string} text
 * @param {Structure} structure
 * @param {import("./words.mjs").Words} words
 * @param {{path?: string}} [options]
 * @returns {Article & {extra: {page: number, text: string}[], partial: string[]}}  `extra`: see
 *   above; `partial`: what the student must be told (partialResults)
 */
export function ingestText(text, structure, words, { path = "<text>" } = {}) {
  text = decodeText(text);
  if (!strip(text)) {
    throw new Refusal("empty", "The text is empty: paste the article's text, or choose its PDF.");
  }
  const raw = withoutBoilerplate(text.split("\n"));
  const front = parseFront(raw);
  const warnings = [];
  const otherDoi = differentDoi(front.metadata, structure.metadata);
  if (otherDoi) throw otherDoi;
  const lines = contentLines(raw, front, words);
  const blocks = frontBlocks(front, lines, words);
  const head = new Set([...front.abstract, front.keywords_line]);
  let body = lines.filter((ln) => !head.has(ln.number - 1));
  const mapWarnings = [];
  const segments = mapSegments(body, structure, path, mapWarnings, words);
  if (segments === null) {
    const otherTitle = differentTitle(front.metadata, structure.metadata);
    if (otherTitle) throw otherTitle;
    throw new Refusal(
      "map-does-not-fit",
      "This copy does not match the article the notes are for (its paragraphs were not " +
        `found in it): found “${foundAs(front.metadata, body)}”.`,
    );
  }
  warnings.push(...mapWarnings);
  if (body.length && !front.found) {
    warnings.push(
      `${path}: no article structure recognised (no journal line, abstract or keywords); ` +
        `ingested as ${segments.length} plain paragraph(s)`,
    );
  }
  const extra = cutExtra(segments, structure);
  body = body.slice(0, body.length - extra.length);
  blocks.push(...segments.map((s) => segmentBlock(s, words)));
  fillFromMap(front.metadata, structure.metadata);
  warnings.push(...checkAgainstMap(blocks, structure, path));
  if (blocks.length && body.length && !endsSentence(body[body.length - 1].text)) {
    blocks[blocks.length - 1].truncated = true;
  }
  const pages = [];
  for (const b of blocks) for (const p of b.pages) if (!pages.includes(p)) pages.push(p);
  return {
    metadata: front.metadata,
    pages,
    blocks: blocks.map(inCodePoints),
    paragraphs_from: "structure-map",
    warnings,
    extra: pagesOf(extra, words),
    partial: partialResults(blocks, structure),
  };
}

// What the student must be told when the copy is read but not all of it can be shown right, one
// sentence each (why, and what to do), as the build says it (scripts/annotated/article_copy.py):
// a copy cut short, and a copy whose running heads (the page numbers) are gone.
export function partialResults(blocks, structure) {
  const out = [];
  const wanted = mapBlocks(structure).map((b) => b.id);
  const got = new Set(blocks.map((b) => b.id));
  const missing = wanted.filter((id) => !got.has(id));
  const last = blocks[blocks.length - 1];
  if (
    missing.length &&
    last &&
    wanted.slice(wanted.length - missing.length).every((id, i) => id === missing[i])
  ) {
    const page = last.pages[last.pages.length - 1];
    const n = missing.length;
    const rest =
      n > 1
        ? `the ${n} blocks after it and their notes are`
        : "the block after it and its notes are";
    out.push(
      `Your copy stops early, in ${last.id} (p. ${page}): ${rest} not shown; ` +
        "paste or choose the whole excerpt to see them.",
    );
  }
  // The pages the map gives the blocks this copy has whole (a block it stops in may stop before
  // its page turn): a copy cut short on its first page has no page turn to lose.
  const whole = out.length ? blocks.slice(0, -1) : blocks;
  const wholeIds = new Set(whole.map((b) => b.id));
  const expected = new Set(
    mapBlocks(structure)
      .filter((b) => wholeIds.has(b.id))
      .flatMap((b) => b.pages),
  );
  if (expected.size > 1 && !blocks.some((b) => b.page_breaks.length)) {
    out.push(
      "Your copy has no page numbers (its running heads are gone, as in a re-typeset copy), " +
        "so page turns are not shown; use the publisher's PDF or preview text to see them.",
    );
  }
  return out;
}

const fullTitle = (meta) => [meta.title, meta.subtitle].filter(Boolean).join(": ");

// Another DOI is another article, whatever else the text shares with the map (the build then
// infers paragraphs; here it is refused).
function differentDoi(meta, facts) {
  if (!meta.doi || !facts.doi || meta.doi.toLowerCase() === facts.doi.toLowerCase()) return null;
  return new Refusal(
    "different-article",
    `This copy is another article (DOI ${meta.doi}; the notes are for ${facts.doi}): ` +
      `found “${fullTitle(meta) || meta.doi}”.`,
  );
}

// A title only tells when the map does not fit either (a PDF's title block may be read
// differently; its paragraphs are what count): one must begin with the other.
function differentTitle(meta, facts) {
  const a = norm(meta.title).toLowerCase();
  const b = norm(facts.title).toLowerCase();
  if (!a || !b || a.startsWith(b) || b.startsWith(a)) return null;
  return new Refusal(
    "different-article",
    `This copy is another article (the notes are for “${facts.title}”): ` +
      `found “${fullTitle(meta)}”.`,
  );
}

function foundAs(meta, body) {
  if (meta.title) return fullTitle(meta);
  const words = body.length ? Array.from(body[0].text).slice(0, 60).join("") : "";
  return words || "no text";
}

// The lines after the excerpt in a copy that goes on (a whole article): past the last mapped
// block's paragraph, once the text runs on to pages after the ones the map gives it. A copy
// that stops within those pages (a preview's excerpt) keeps every line, as the build does.
function cutExtra(segments, structure) {
  const lastSeg = segments[segments.length - 1];
  const mapped = mapBlocks(structure).find((b) => b.id === lastSeg.id);
  if (!mapped || !lastSeg.lines.length) return [];
  const lastPage = Math.max(...mapped.pages);
  const beyond = lastSeg.lines.findIndex((ln) => ln.page > lastPage);
  if (beyond === -1) return [];
  const ends = paragraphEnds(lastSeg.lines, 0);
  const cut = ends !== null && ends < beyond ? ends : beyond;
  const extra = lastSeg.lines.slice(cut);
  lastSeg.lines = lastSeg.lines.slice(0, cut);
  return extra;
}

function pagesOf(lines, words) {
  const out = [];
  for (const ln of lines) {
    const last = out[out.length - 1];
    if (last && last.page === ln.page) last.lines.push(ln.text);
    else out.push({ page: ln.page, lines: [ln.text] });
  }
  return out.map(({ page, lines: ls }) => ({ page, text: reflow(ls.join("\n"), words) }));
}

function withoutBoilerplate(raw) {
  const marks = [];
  for (let i = 0; i < raw.length; i++) if (isBoilerplate(raw, i)) marks.push(i);
  let out = [...raw];
  const marked = new Set(marks);
  for (const i of marks) {
    let proseAfter = 0;
    for (let k = i + 1; k < raw.length; k++) if (cpLen(raw[k]) > 60 && !marked.has(k)) proseAfter++;
    if (proseAfter < 3) {
      out = out.slice(0, i);
      break;
    }
    out[i] = "";
  }
  while (out.length && !strip(out[out.length - 1])) out.pop();
  return out;
}

function isBoilerplate(raw, i) {
  const line = strip(raw[i]);
  if (!BOILERPLATE.test(line)) return false;
  const alone = i > 0 && !strip(raw[i - 1]);
  return alone || (isUpper(first(line)) && cpLen(line) <= 80);
}

function contentLines(raw, front, words) {
  let start = front.body_start;
  if (front.keywords_line !== null) start = front.keywords_line;
  if (front.abstract.length) start = front.abstract[0];
  const lines = pageLines(raw, start, front.metadata, front.first_page);
  for (const line of lines) {
    if (front.abstract.length && line.number - 1 === front.abstract[0]) {
      line.text = line.text.replace(ABSTRACT_LABEL, "");
    }
    if (line.number - 1 === front.keywords_line) line.text = front.metadata.keywords.join(" • ");
  }
  return cleanLines(lines, words);
}

function frontBlocks(front, lines, words) {
  const byIndex = new Map(lines.map((ln) => [ln.number - 1, ln]));
  const blocks = [];
  if (front.abstract.length) {
    const ls = front.abstract.map((i) => byIndex.get(i)).filter(Boolean);
    blocks.push(block("abstract", "abstract", ls, words));
  }
  if (front.keywords_line !== null && byIndex.has(front.keywords_line)) {
    const kw = block("keywords", "keywords", [byIndex.get(front.keywords_line)], words);
    kw.keywords = [...front.metadata.keywords];
    blocks.push(kw);
  }
  return blocks;
}

/**
 * @param {string | null} [sep]
 * @returns {Block}
 */
function block(id, type, lines, words, sep = null) {
  const j = joinBlock(lines, words, sep);
  return {
    id,
    type,
    text: j.text,
    pages: j.pages,
    page_breaks: j.page_breaks,
    footnotes: j.footnotes,
    truncated: false,
    lines: [],
    translation: null,
    attribution: null,
    keywords: [],
  };
}

function segmentBlock(seg, words) {
  if (seg.type !== "epigraph") return block(seg.id, seg.type, seg.lines, words);
  const b = block(seg.id, "epigraph", seg.lines, words, "\n");
  const texts = seg.lines.map((ln) => ln.text);
  let attribution = null;
  let translation = null;
  if (texts.length > 1 && ATTRIBUTION_OPEN.test(texts[texts.length - 1])) {
    attribution = texts.pop();
    if (texts.length > 1 && texts[texts.length - 1].startsWith("(")) translation = texts.pop();
  }
  b.lines = texts;
  b.translation = unwrap(translation);
  b.attribution = unwrap(attribution);
  return b;
}

function unwrap(text) {
  if (text === null) return null;
  text = strip(text);
  if (text.startsWith("(") && text.endsWith(")")) return strip(text.slice(1, -1));
  return strip(text.replace(/^[—–\- ]+/u, ""));
}

function fillFromMap(meta, facts) {
  for (const name of ["title", "subtitle", "journal", "volume", "issue", "doi", "publisher"]) {
    if (!meta[name]) meta[name] = String(facts[name] ?? "");
  }
  if (!meta.authors.length) meta.authors = [...facts.authors];
  meta.year = meta.year || facts.year;
  meta.first_page = meta.first_page || facts.first_page;
  meta.last_page = meta.last_page || facts.last_page;
  meta.published_date = meta.published_date || facts.published_date || "";
}

function inCodePoints(b) {
  const at = (o) => toCodePoints(b.text, o);
  return {
    ...b,
    page_breaks: b.page_breaks.map((br) => ({ page: br.page, offset: at(br.offset) })),
    footnotes: b.footnotes.map((f) => ({ marker: f.marker, offset: at(f.offset) })),
  };
}
