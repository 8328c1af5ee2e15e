// A port of scripts/annotated/ingest/front.py: the front matter of a raw excerpt (database
// lines, journal line, title block, abstract, keywords) read into the article's metadata.
//
//   parseFront(lines) -> Front {metadata, found, first_page, abstract, keywords_line, body_start}
//   emptyMetadata() -> the JSON contract's metadata with every field missing

import { headPage } from "./lines.mjs";
import { B_END, B_START, cpLen, intOf, SPACE, strip, W } from "./unicode.mjs";

const S = `[${SPACE}]`;
const NS = `[^${SPACE}]`;
const D = "\\p{Nd}";
const DB_LABELS = [
  "Subject Matter",
  "Published date",
  "Publication date",
  "Author",
  "Authors",
  "Journal",
  "Volume",
  "Issue",
  "Pages",
  "Publisher",
  "Date",
  "DOI",
];
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/**
 * @typedef {object} Front
 * @property {import("./ingest.mjs").Metadata} metadata
 * @property {boolean} found  a journal line, a DOI, an abstract or keywords were recognised
 * @property {number | null} first_page
 * @property {number[]} abstract  the abstract's line indexes
 * @property {number | null} keywords_line
 * @property {number} body_start
 * @property {number[]} title_lines
 */
// Longest labels first: `Published date01 June` must not read as `Date` + `01 June`.
const DB_LINE = new RegExp(
  `^(?<label>${[...DB_LABELS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join("|")})(?<value>[A-Z0-9(][^\\n]*)$`,
  "u",
);
const JOURNAL = new RegExp(
  `^(?<journal>${NS}[^\\n]*?)${S}*\\((?<year>${D}{4})\\),${S}*Vol(?:ume)?\\.?${S}*` +
    `(?<volume>[${W}.]+),${S}*(?:No|Issue|Nr)\\.?${S}*(?<issue>[${W}./–-]+),${S}*` +
    `(?:pp?\\.${S}*)?(?<first>${D}+)${S}*[–-]${S}*(?<last>${D}+)\\.?$`,
  "u",
);
const DOI_LINE = new RegExp(
  `^DOI:?${S}*(?<doi>10\\.${D}{4,9}/${NS}+?)\\.?(?:${S}+(?<rest>©[^\\n]*))?$`,
  "u",
);
const DOI = new RegExp(`10\\.${D}{4,9}/${NS}+`, "u");
const ABSTRACT = new RegExp(`^Abstract[.:]?${S}+(?<text>${NS}[^\\n]*)$`, "u");
const KEYWORDS = new RegExp(`^Key${S}?words?${S}*[:.]${S}*(?<text>[^\\n]*)$`, "iu");
const PUBLISHER_WORDS = new RegExp(
  `${B_START}(Publications?|Publishers?|Publishing|Press|Verlag|Ltd|Inc|LLC|Elsevier|Sage|SAGE|` +
    `Springer|Wiley|Routledge|Taylor|Francis|Brill|University)${B_END}`,
  "u",
);
// `[^\W\d_][\w’'-]*`: a word that starts with a letter.
const WORD_RUN = new RegExp(`(?:[\\p{L}\\p{Nl}\\p{No}])[${W}’'-]*`, "gu");
const AUTHOR_SPLIT = new RegExp(`${S}*(?:;|,${S}*and${S}+|${S}+and${S}+|${S}*&${S}*|,)${S}*`, "u");
const PARAGRAPH_END = new RegExp(`[.?!][”’"]?${D}*$`, "u");
const PUBLISHER_PLACES = new RegExp(`${S}*\\([^\\n]*\\)${S}*$`, "u");
const COLON_GLUED = new RegExp(`:(?=${NS})`, "gu");
const HEADER_LINE = new RegExp(`[${W}’'-]+`, "gu");

export function emptyMetadata() {
  return {
    title: "",
    subtitle: "",
    authors: [],
    journal: "",
    year: null,
    volume: "",
    issue: "",
    first_page: null,
    last_page: null,
    doi: "",
    publisher: "",
    keywords: [],
    published_date: "",
    copyright: "",
  };
}

function words(text) {
  return (text.toLowerCase().match(WORD_RUN) || []).filter((w) => cpLen(w) > 1);
}

export function splitAuthors(value) {
  return strip(value).split(AUTHOR_SPLIT).map(strip).filter(Boolean);
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
// datetime.strptime's patterns for %d, %m, %Y, %B and %b (C locale; case is ignored; a space
// in the format stands for any run of spaces).
const DAY = `(?<d>3[01]|[12]${D}|0[1-9]|[1-9]| [1-9])`;
const MONTH = `(?<m>1[0-2]|0[1-9]|[1-9])`;
const YEAR = `(?<y>${D}{4})`;
const FULL = `(?<B>${[...MONTHS].sort((a, b) => b.length - a.length).join("|")})`;
const ABBR = `(?<b>${MONTHS.map((m) => m.slice(0, 3)).join("|")})`;
const DATE_FORMATS = [
  `${DAY}${S}+${FULL}${S}+${YEAR}`,
  `${FULL}${S}+${DAY},${S}+${YEAR}`,
  `${DAY}${S}+${ABBR}${S}+${YEAR}`,
  `${YEAR}-${MONTH}-${DAY}`,
].map((f) => new RegExp(`^${f}$`, "iu"));

function isoDate(value) {
  const v = strip(value);
  for (const format of DATE_FORMATS) {
    const m = format.exec(v);
    if (!m) continue;
    const g = m.groups || {};
    const day = intOf(strip(g.d));
    const year = intOf(g.y);
    const name = (g.B || g.b || "").toLowerCase();
    const month = g.m ? intOf(g.m) : MONTHS.findIndex((mo) => mo.startsWith(name)) + 1;
    const date = new Date(Date.UTC(2000, month - 1, day));
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    if (year < 1 || day > days || Number.isNaN(date.getTime())) continue;
    const pad = (n, w) => String(n).padStart(w, "0");
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  }
  return v;
}

function splitTitle(text) {
  const at = text.indexOf(": ");
  if (at === -1) return [strip(text).replace(/:+$/u, ""), ""];
  return [strip(text.slice(0, at)), strip(text.slice(at + 2))];
}

export function parseFront(lines) {
  const meta = emptyMetadata();
  /** @type {Front} */
  const front = {
    metadata: meta,
    found: false,
    first_page: null,
    abstract: [],
    keywords_line: null,
    body_start: 0,
    title_lines: [],
  };
  const abstract = indexOf(lines, (ln) => ABSTRACT.test(ln));
  const kw = indexOf(lines, (ln) => KEYWORDS.test(ln));
  const headerEnd = findHeaderEnd(lines, abstract, kw);
  const recognised = readHeader(lines.slice(0, headerEnd), meta);
  front.found = Boolean(recognised.length && (meta.journal || meta.doi)) || abstract !== null;
  if (front.found) {
    readTitleBlock(lines, (recognised.length ? Math.max(...recognised) : -1) + 1, headerEnd, front);
  }
  if (!meta.title && recognised.length && recognised[0] === 0 && !DB_LINE.test(lines[0])) {
    [meta.title, meta.subtitle] = splitTitle(strip(lines[0]));
  }
  if (meta.first_page === null) {
    for (const ln of lines.slice(0, headerEnd)) {
      const p = headPage(ln, meta);
      if (p !== null) {
        meta.first_page = p;
        break;
      }
    }
  }
  front.first_page = meta.first_page;
  if (abstract !== null) {
    const end = kw !== null && kw > abstract ? kw : paragraphEnd(lines, abstract);
    for (let i = abstract; i < end; i++) front.abstract.push(i);
  }
  if (kw !== null) {
    front.keywords_line = kw;
    meta.keywords = splitKeywords(KEYWORDS.exec(lines[kw])?.groups?.text ?? "");
  }
  const ends = [...front.abstract, ...(kw !== null ? [kw] : [])];
  front.body_start = ends.length ? Math.max(...ends) + 1 : headerEnd;
  return front;
}

function indexOf(lines, pred) {
  const i = lines.findIndex(pred);
  return i === -1 ? null : i;
}

function surnamesOf(authors) {
  return new Set(
    authors
      .map((a) =>
        strip(a)
          .split(new RegExp(`${S}+`, "u"))
          .filter(Boolean),
      )
      .filter((p) => p.length)
      .map((p) => p[p.length - 1].toLowerCase()),
  );
}

function findHeaderEnd(lines, abstract, kw) {
  if (abstract !== null) return abstract;
  if (kw !== null) return kw;
  const j = indexOf(lines.slice(0, 30), (ln) => JOURNAL.test(ln));
  if (j === null) return 0;
  const meta = emptyMetadata();
  readHeader(lines.slice(0, j + 1), meta);
  const surnames = surnamesOf(meta.authors);
  for (let i = j + 1; i < Math.min(lines.length, j + 12); i++) {
    const line = strip(lines[i]);
    if (DOI_LINE.test(line)) continue;
    const named = (line.toLowerCase().match(HEADER_LINE) || []).some((w) => surnames.has(w));
    if (named && cpLen(line) <= 80) return i + 1;
    if (cpLen(line) > 60) return i;
  }
  return j + 1;
}

function readHeader(header, meta) {
  const recognised = [];
  header.forEach((raw, i) => {
    const line = strip(raw);
    const journal = JOURNAL.exec(line)?.groups;
    const doi = !journal && DOI_LINE.exec(line)?.groups;
    const db = !journal && !doi && !meta.journal && DB_LINE.exec(line)?.groups;
    if (journal) {
      meta.journal = strip(journal.journal);
      meta.year = intOf(journal.year);
      meta.volume = journal.volume;
      meta.issue = journal.issue;
      meta.first_page = intOf(journal.first);
      meta.last_page = intOf(journal.last);
    } else if (doi) {
      meta.doi = meta.doi || doi.doi;
      meta.copyright = strip(doi.rest || "");
    } else if (db) {
      dbField(meta, db.label, strip(db.value));
    } else if (i !== 0 && !(line && headPage(line, meta) !== null)) {
      return;
    }
    if (line) recognised.push(i);
  });
  return recognised;
}

function readTitleBlock(lines, start, end, front) {
  const meta = front.metadata;
  if (start < end && PUBLISHER_WORDS.test(lines[start])) {
    meta.publisher = strip(lines[start].replace(PUBLISHER_PLACES, ""));
    start += 1;
  }
  let block = [];
  for (let i = start; i < end; i++) if (strip(lines[i])) block.push(i);
  if (!block.length) return;
  const names = splitAuthors(lines[block[block.length - 1]]);
  const known = new Set(words(meta.authors.join(" ")));
  if (block.length > 1 && (!known.size || words(names.join(" ")).some((w) => known.has(w)))) {
    meta.authors = names;
    block = block.slice(0, -1);
  }
  front.title_lines = block;
  [meta.title, meta.subtitle] = splitTitle(joinTitle(block.map((i) => strip(lines[i]))));
}

function joinTitle(lines) {
  let out = "";
  for (const ln of lines) out = out ? strip(`${out} ${ln}`) : ln;
  return out.replace(COLON_GLUED, ": ");
}

function paragraphEnd(lines, start) {
  for (let i = start; i < lines.length; i++) {
    if (!strip(lines[i])) return i;
    if (PARAGRAPH_END.test(lines[i]) && cpLen(lines[i]) < 60) return i + 1;
  }
  return lines.length;
}

function dbField(meta, label, value) {
  if (label === "DOI") {
    const m = DOI.exec(value);
    meta.doi = m ? m[0].replace(/\.+$/u, "") : value;
  } else if (label === "Author" || label === "Authors") {
    const before = [...meta.authors];
    meta.authors.push(...splitAuthors(value).filter((a) => !before.includes(a)));
  } else if (["Published date", "Publication date", "Date"].includes(label)) {
    meta.published_date = meta.published_date || isoDate(value);
  } else if (label === "Journal") {
    meta.journal = value;
  } else if (label === "Publisher") {
    meta.publisher = value;
  }
}

export function splitKeywords(text) {
  let parts;
  if (text.includes("•")) parts = text.split("•");
  else if (text.includes(";")) parts = text.split(";");
  else parts = text.split(",");
  return parts.filter((p) => strip(p)).map((p) => strip(p).replace(/\.+$/u, ""));
}
