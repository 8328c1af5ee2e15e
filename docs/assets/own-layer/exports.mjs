// The student's marks as files to take away, and back: pure functions from marks to
//   - W3C Web Annotations (JSON-LD): one AnnotationCollection, as the build's own export
//     (scripts/annotated/exports/web_annotation.py); its printed-page selector is the same rule,
//     checked by one table of cases both run (tests/vectors/annotation-pages.json);
//   - a Hypothesis import file, by the rules of the Hypothesis client's import
//     (src/sidebar/helpers/import.ts, src/sidebar/services/import-annotations.ts);
//   - Markdown for the student's own study notes;
// and from a JSON-LD file back to marks (fromWebAnnotations), for another browser or device.
//
// `Reading` (readingOrder) is what the site knows of the article: its metadata and each
// paragraph's page, part, label and printed pages, from the own-copy reader's data.json.

import { COLORS, check, SCHEMA } from "./records.mjs";

/** @typedef {import("./records.mjs").Mark} Mark */

export const CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const PDF_FRAGMENT = "http://tools.ietf.org/rfc/rfc3778";
export const HTML_FRAGMENT = "http://tools.ietf.org/rfc/rfc3236";
export const HYPOTHESIS_USER = "acct:my_notes@hypothes.is";

/** The colours as a stylesheet the Web Annotation model carries (§4.4), for other tools. */
export const SWATCHES = { yellow: "#fff1a8", green: "#c8efc4", blue: "#cde4ff", pink: "#ffd3e6" };

/**
 * @typedef {object} Paragraph
 * @property {number} index  its place in the reading, from 0
 * @property {string} page  its reading page ("reading/introduction/")
 * @property {string} part  that page's title
 * @property {string} label  "¶ 2", "Abstract"
 * @property {number[]} pages  its printed pages
 * @typedef {object} Reading
 * @property {{doi: string, first_page: number, title: string, subtitle?: string, authors: string[], year: number}} metadata
 * @property {Map<string, Paragraph>} paragraphs
 * @property {string} site  the site's address, ending in "/"
 */

/**
 * @param {{metadata: any, parts: {id: string, title: string, blocks: {id: string, type: string, pages: number[]}[]}[]}} structure
 * @param {Record<string, string>} pages  part id -> its Markdown page ("reading/introduction.md")
 * @param {string} site
 * @returns {Reading}
 */
export function readingOrder(structure, pages, site) {
  const paragraphs = new Map();
  let index = 0;
  for (const part of structure.parts) {
    const page = (pages[part.id] || "").replace(/\.md$/, "/");
    let n = 0;
    for (const b of part.blocks) {
      const label = b.type === "paragraph" ? `¶ ${++n}` : b.type[0].toUpperCase() + b.type.slice(1);
      paragraphs.set(b.id, { index: index++, page, part: part.title, label, pages: b.pages });
    }
  }
  return { metadata: structure.metadata, paragraphs, site };
}

const doiUrl = (/** @type {Reading} */ r) => `https://doi.org/${r.metadata.doi}`;
const pagesLabel = (/** @type {number[]} */ p) =>
  !p.length
    ? ""
    : p.length === 1 || p[0] === p[p.length - 1]
      ? `p. ${p[0]}`
      : `pp. ${p[0]}–${p[p.length - 1]}`;

/** The marks in reading order: by paragraph, its notes first, then its highlights as made. */
export function inReadingOrder(/** @type {Mark[]} */ marks, /** @type {Reading} */ reading) {
  const rank = (/** @type {Mark} */ m) =>
    reading.paragraphs.get(m.paragraph)?.index ?? Number.MAX_SAFE_INTEGER;
  return [...marks].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.kind === "note" ? 0 : 1) - (b.kind === "note" ? 0 : 1) ||
      (a.printed ?? 0) - (b.printed ?? 0) ||
      a.created.localeCompare(b.created),
  );
}

/** The printed pages a mark is on: its first page for words, the paragraph's for a note. */
function printedPages(/** @type {Mark} */ m, /** @type {Reading} */ r) {
  if (m.kind === "highlight" && m.printed != null) return [m.printed];
  return r.paragraphs.get(m.paragraph)?.pages ?? (m.printed != null ? [m.printed] : []);
}

/* ---- W3C Web Annotation -------------------------------------------------------------------- */

/**
 * The article's printed page(s) as a PDF fragment selector, refined by the quote when there is
 * one: the build's rule (web_annotation.selector), the same table of cases.
 * @param {number} firstPage  the article's first printed page
 * @param {number} first
 * @param {number} last
 * @param {{exact: string, prefix?: string, suffix?: string} | null} quote
 */
export function pageSelector(firstPage, first, last, quote) {
  const page = (/** @type {number} */ n) => ({
    type: "FragmentSelector",
    conformsTo: PDF_FRAGMENT,
    value: `page=${n - firstPage + 1}`,
  });
  const refined = quote ? { refinedBy: quoteSelector(quote) } : {};
  if (first === last) return { ...page(first), ...refined };
  return {
    type: "RangeSelector",
    startSelector: page(first),
    endSelector: page(last + 1),
    ...refined,
  };
}

function quoteSelector(/** @type {{exact: string, prefix?: string, suffix?: string}} */ q) {
  /** @type {Record<string, string>} */
  const s = { type: "TextQuoteSelector", exact: q.exact };
  if (q.prefix) s.prefix = q.prefix;
  if (q.suffix) s.suffix = q.suffix;
  return s;
}

const urn = (/** @type {string} */ id) => (id.startsWith("m-") ? `urn:uuid:${id.slice(2)}` : id);
const markId = (/** @type {string} */ id) => (id.startsWith("urn:uuid:") ? `m-${id.slice(9)}` : id);

/**
 * One mark as a Web Annotation. Two targets: the paragraph of the site's page (an HTML
 * fragment, refined by the words), which import reads back; and the article by its DOI at its
 * printed page, which other tools anchor in the PDF. A highlight's colour is its target's
 * styleClass, defined by the annotation's stylesheet (§4.4).
 * @param {Mark} m
 * @param {Reading} r
 */
export function webAnnotation(m, r) {
  const quote =
    m.kind === "highlight" ? { exact: m.exact, prefix: m.before, suffix: m.after } : null;
  const motivation = m.note ? "commenting" : "highlighting";
  /** @type {Record<string, any>} */
  const here = {
    source: `${r.site}${r.paragraphs.get(m.paragraph)?.page ?? m.page}`,
    selector: {
      type: "FragmentSelector",
      conformsTo: HTML_FRAGMENT,
      value: m.paragraph,
      ...(quote ? { refinedBy: quoteSelector(quote) } : {}),
    },
  };
  if (m.color) here.styleClass = m.color;
  const targets = [here];
  const pages = printedPages(m, r);
  if (pages.length) {
    const selector = pageSelector(r.metadata.first_page, pages[0], pages[pages.length - 1], quote);
    targets.push({ source: doiUrl(r), selector });
  }
  /** @type {Record<string, any>} */
  const a = {
    id: urn(m.id),
    type: "Annotation",
    motivation,
    created: m.created,
    modified: m.updated,
  };
  if (m.note) {
    a.body = { type: "TextualBody", value: m.note, format: "text/plain", purpose: "commenting" };
  }
  a.target = targets;
  if (m.color) {
    a.stylesheet = {
      type: "CssStylesheet",
      value: `.${m.color} { background-color: ${SWATCHES[m.color]}; }`,
    };
  }
  return a;
}

/**
 * @param {Mark[]} marks
 * @param {Reading} r
 * @param {{id: string, label?: string}} collection  its id (a URI) and label
 */
export function webAnnotationCollection(marks, r, collection) {
  const items = inReadingOrder(marks, r).map((m) => webAnnotation(m, r));
  const m = r.metadata;
  return {
    "@context": CONTEXT,
    id: collection.id,
    type: "AnnotationCollection",
    label: collection.label || `My notes on ${m.authors.join(", ")} (${m.year}), “${m.title}”`,
    total: items.length,
    first: {
      id: `${collection.id}#page-1`,
      type: "AnnotationPage",
      partOf: collection.id,
      startIndex: 0,
      items,
    },
    last: `${collection.id}#page-1`,
  };
}

/**
 * Marks from a Web Annotation file this page (or another device's) exported: a collection, a
 * page, one annotation or a list. What cannot be read is said, one reason each.
 * @param {any} doc
 * @param {Reading} r
 * @returns {{marks: Mark[], problems: string[]}}
 */
export function fromWebAnnotations(doc, r) {
  const items = Array.isArray(doc)
    ? doc
    : doc && doc.type === "AnnotationCollection"
      ? doc.first?.items || []
      : doc && doc.type === "AnnotationPage"
        ? doc.items || []
        : doc && doc.type === "Annotation"
          ? [doc]
          : null;
  if (!items)
    return {
      marks: [],
      problems: [
        "this file holds no Web Annotations (no AnnotationCollection, AnnotationPage or Annotation)",
      ],
    };
  const marks = [];
  const problems = [];
  items.forEach((a, i) => {
    try {
      marks.push(fromWebAnnotation(a, r));
    } catch (e) {
      problems.push(
        `annotation ${i + 1}${a?.id ? ` (${a.id})` : ""}: ${/** @type {Error} */ (e).message}`,
      );
    }
  });
  return { marks, problems };
}

/** @param {any} a @param {Reading} r @returns {Mark} */
function fromWebAnnotation(a, r) {
  if (a?.type !== "Annotation") throw new Error("not an Annotation");
  const targets = Array.isArray(a.target) ? a.target : [a.target];
  const here = targets.find(
    (t) =>
      t?.selector &&
      t.selector.type === "FragmentSelector" &&
      t.selector.conformsTo === HTML_FRAGMENT,
  );
  if (!here)
    throw new Error("it names no paragraph of this site (it was not exported from My notes)");
  const paragraph = String(here.selector.value);
  const known = r.paragraphs.get(paragraph);
  if (!known) throw new Error(`paragraph "${paragraph}" is not in this reading`);
  const q = here.selector.refinedBy;
  const bodies = a.body == null ? [] : Array.isArray(a.body) ? a.body : [a.body];
  const note = bodies
    .filter(
      (b) => b && b.type === "TextualBody" && (b.purpose == null || b.purpose === "commenting"),
    )
    .map((b) => String(b.value))
    .join("\n\n");
  const color = q ? (COLORS.includes(here.styleClass) ? here.styleClass : COLORS[0]) : null;
  const created = typeof a.created === "string" ? a.created : new Date(0).toISOString();
  return check({
    schema: SCHEMA,
    id: markId(String(a.id)),
    kind: q ? "highlight" : "note",
    page: known.page,
    paragraph,
    exact: q ? String(q.exact) : "",
    before: q?.prefix ? String(q.prefix) : "",
    after: q?.suffix ? String(q.suffix) : "",
    occurrence: null,
    color,
    note,
    printed: pageOf(targets, r) ?? known.pages[0] ?? null,
    created,
    updated: typeof a.modified === "string" ? a.modified : created,
  });
}

/** The printed page back from the article target's PDF fragment ("page=2" -> 254). */
function pageOf(/** @type {any[]} */ targets, /** @type {Reading} */ r) {
  for (const t of targets) {
    const s = t?.selector;
    const frag = s && (s.type === "RangeSelector" ? s.startSelector : s);
    const m = frag && frag.conformsTo === PDF_FRAGMENT && /^page=(\d+)$/.exec(frag.value);
    if (m) return Number(m[1]) + r.metadata.first_page - 1;
  }
  return null;
}

/* ---- Hypothesis ------------------------------------------------------------------------- */

/**
 * The Hypothesis client's import file. Its rules (src/sidebar/helpers/import.ts and
 * src/sidebar/services/import-annotations.ts): an object whose `annotations` is an array; each
 * annotation's `user` (the import panel lists annotations by user), `text`, `tags` (compared
 * with arraysEqual: an array), `target` (its first target's TextQuoteSelector is the quote that
 * duplicates are told by) and `permissions` (isShared reads `permissions.read`: the student's
 * marks are private, read by their user only, and Hypothesis imports them as private to the
 * person importing). A paragraph note is a page note: a target with no selector.
 * @param {Mark[]} marks
 * @param {Reading} r
 * @param {string} exported  ISO time
 */
export function hypothesisFile(marks, r, exported) {
  const m = r.metadata;
  const title = m.subtitle ? `${m.title}: ${m.subtitle}` : m.title;
  const uri = doiUrl(r);
  const annotations = inReadingOrder(marks, r).map((mark) => {
    const p = r.paragraphs.get(mark.paragraph);
    const pages = printedPages(mark, r);
    /** @type {Record<string, any>} */
    const target = { source: uri };
    if (mark.kind === "highlight") {
      target.selector = [
        quoteSelector({ exact: mark.exact, prefix: mark.before, suffix: mark.after }),
      ];
      if (pages.length) {
        target.selector.push({
          type: "PageSelector",
          index: pages[0] - m.first_page,
          label: String(pages[0]),
        });
      }
    }
    const where = `${p ? `${p.part}, ${p.label}` : mark.paragraph}${pages.length ? `, ${pagesLabel(pages)}` : ""}`;
    const text = mark.kind === "note" ? `${mark.note}\n\n(${where})` : mark.note;
    return {
      id: mark.id,
      created: mark.created,
      updated: mark.updated,
      user: HYPOTHESIS_USER,
      user_info: { display_name: "My notes (annotated reading)" },
      uri,
      document: { title: [title], highwire: { doi: [m.doi] } },
      target: [target],
      text,
      tags: mark.color ? [mark.color] : [],
      permissions: {
        read: [HYPOTHESIS_USER],
        update: [HYPOTHESIS_USER],
        delete: [HYPOTHESIS_USER],
      },
    };
  });
  return { export_date: exported, export_userid: HYPOTHESIS_USER, annotations };
}

/* ---- Markdown ------------------------------------------------------------------------------ */

const indent = (/** @type {string} */ s) => s.replace(/\n/g, "\n  ");

/**
 * Study notes in Markdown: by reading page and paragraph, each mark with its words, printed
 * page, colour and note, and a link back to the paragraph.
 * @param {Mark[]} marks
 * @param {Reading} r
 * @param {string} exported  ISO date
 */
export function markdown(marks, r, exported) {
  const m = r.metadata;
  const out = [
    `# My notes: ${m.authors.join(", ")} (${m.year}), “${m.title}”`,
    "",
    `Exported on ${exported.slice(0, 10)} from ${r.site} (doi:${m.doi}).`,
  ];
  let part = null;
  let para = null;
  for (const mark of inReadingOrder(marks, r)) {
    const p = r.paragraphs.get(mark.paragraph);
    const partTitle = p ? p.part : "Elsewhere";
    if (partTitle !== part) {
      part = partTitle;
      para = null;
      out.push("", `## ${partTitle}`);
    }
    if (mark.paragraph !== para) {
      para = mark.paragraph;
      const head = p ? `${p.label}, ${pagesLabel(p.pages)}` : mark.paragraph;
      const link = p ? ` ([on the site](${r.site}${p.page}#${mark.paragraph}))` : "";
      out.push("", `### ${head}${link}`, "");
    }
    if (mark.kind === "note") {
      out.push(`- Note on the paragraph: ${indent(mark.note)}`);
    } else {
      out.push(`- “${mark.exact}” (${pagesLabel(printedPages(mark, r))}, ${mark.color})`);
      if (mark.note) out.push(`  ${indent(mark.note)}`);
    }
  }
  return out.join("\n") + "\n";
}
