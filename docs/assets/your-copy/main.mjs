/* "Read with your own copy": the student's PDF or text becomes the full edition in their
   browser, with nothing uploaded. loader.js imports this module when it is needed.

   openPanel(trigger)  the panel: choose, drop or paste a copy; read it; keep it; report
   showCopy()          on a companion reading page, with a copy kept: the full edition from it
   forget()            remove the copy from this device

   The work is the build's, in the same order: the PDF's text (extract.mjs, pdf.js) or the
   pasted text -> the article (ingest.mjs) -> the notes placed (anchor.mjs) -> each block's
   .para-body (render.mjs, from fragments the build made: data.json, written by
   scripts/annotated/your_copy.py). Every file it needs comes from this site; the copy itself
   only ever goes to IndexedDB (store.mjs). */

import { textReplaced } from "../javascripts/page.js";
import { anchorNotes } from "./anchor.mjs";
import { mapBlocks } from "./blocks.mjs";
import { extractText, Refusal } from "./extract.mjs";
import { ingestText } from "./ingest.mjs";
import { showBar } from "./loader.js";
import { busy, noFiles, panel, refused, reported } from "./panel.mjs";
import { pageTurns, renderBody } from "./render.mjs";
import { sourceOf } from "./source.mjs";
import * as store from "./store.mjs";
import { loadWords } from "./words.mjs";

/**
 * data.json, written by the build (scripts/annotated/your_copy.py, reader_data). Markup comes
 * as shells of the build's own templates (render.mjs: literal pieces and named holes), which
 * render.mjs fills and joins.
 * @typedef {object} ReaderData
 * @property {import("./ingest.mjs").Structure} structure
 * @property {Record<string, string>} pages  part id -> its generated page (`reading/….md`)
 * @property {ReaderNote[]} notes
 * @property {import("./render.mjs").BodyShells} shells  a full edition's `.para-body` markup
 * @property {string} words  the word list's file (words.mjs)
 * @property {{lib: string, worker: string} | null} pdf  pdf.js's files; null: built without it
 *
 * One note, as anchor.mjs and render.mjs read it (note_data in your_copy.py):
 * @typedef {object} ReaderNote
 * @property {string} id
 * @property {string} paragraph  the block it belongs to
 * @property {string} phrase
 * @property {string | null} before
 * @property {string | null} after
 * @property {number | null} occurrence
 * @property {string} kind
 * @property {string} mark_open  the <mark> that opens its phrase
 * @property {import("./render.mjs").Shell} note_after  what follows its phrase (hole: number)
 * @property {string} [path]  where it was written (the build's notes; absent in data.json)
 * @property {number} [line]
 */

const here = (path) => new URL(path, import.meta.url).href;
const SITE = new URL("../../", import.meta.url);

export const MESSAGES = {
  encrypted:
    "This PDF is protected by a password, so its text cannot be read here: use a copy without one, or paste the text.",
  broken: "This PDF is damaged and cannot be read: download it again, or paste the text.",
  noPdf: "Reading PDFs is not part of this build of the site: paste the article’s text instead.",
  failed: "Your copy could not be read here: paste the text instead, or tell the site’s editors.",
};

// A file of the site that the reader needs and did not get (a 404, the network gone, a page in
// place of the data): one sentence that names it, never a reader that silently does nothing.
/** @param {string} path @param {number | null} [status] @returns {string} */
export function unavailable(path, status) {
  const file = new URL(path, import.meta.url).pathname.replace(SITE.pathname, "");
  const why = status ? ` (HTTP ${status})` : "";
  return `This site could not give ${file}${why}, which reading your copy needs: reload the page, or tell the site’s editors.`;
}

/** @param {string} path @returns {Promise<Response>} */
async function need(path) {
  /** @type {Response | null} */
  let response = null;
  try {
    response = await fetch(here(path));
  } catch {
    // offline, or refused: no status to give
  }
  if (!response?.ok) throw new Refusal(unavailable(path, response?.status));
  return response;
}

/** @type {ReaderData | null} */
let data = null;
/** @returns {Promise<ReaderData>} */
async function loadData() {
  if (!data) {
    const response = await need("data.json");
    try {
      data = /** @type {ReaderData} */ (await response.json());
    } catch {
      throw new Refusal(unavailable("data.json"));
    }
  }
  return data;
}

let stylesheet = null;
function loadStyles() {
  if (stylesheet) return;
  stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = here("your-copy.css");
  document.head.append(stylesheet);
}

/* ---- the copy's text ---------------------------------------------------------------------- */

// One pdf.js worker for every copy read on this page: it is loaded once, and then nothing is.
let worker = null;

async function pdfText(bytes, d) {
  if (!d.pdf) throw new Refusal(MESSAGES.noPdf);
  let pdfjs;
  try {
    pdfjs = await import(here(d.pdf.lib));
  } catch {
    throw new Refusal(unavailable(d.pdf.lib));
  }
  pdfjs.GlobalWorkerOptions.workerSrc = here(d.pdf.worker);
  worker = worker || new pdfjs.PDFWorker();
  try {
    await worker.promise; // a worker that cannot load is not a damaged PDF
  } catch {
    worker = null;
    throw new Refusal(unavailable(d.pdf.worker));
  }
  let doc;
  try {
    // No URL for fonts, character maps or WebAssembly: pdf.js then asks for nothing (reading
    // text needs none of them), and eval is off as the page's policy wants.
    const options = { data: bytes, worker, isEvalSupported: false, useSystemFonts: false };
    doc = await pdfjs.getDocument(options).promise;
  } catch (e) {
    if (e instanceof Error && e.name === "PasswordException") throw new Refusal(MESSAGES.encrypted);
    throw new Refusal(MESSAGES.broken);
  }
  try {
    const pages = [];
    for (let i = 1; i <= doc.numPages; i++) {
      busy(`Reading page ${i} of ${doc.numPages} …`, i - 1, doc.numPages);
      const page = await doc.getPage(i);
      pages.push({ items: (await page.getTextContent()).items });
      page.cleanup();
    }
    return extractText(pages, d.structure);
  } finally {
    doc.destroy();
  }
}

/* ---- the copy, read -------------------------------------------------------------------------- */

let words = null;

async function readCopy(input) {
  const d = await loadData();
  let text;
  let outside = [];
  let source;
  if (typeof input === "string") {
    text = input; // empty: ingestText says so
    source = { kind: "text", name: "" };
  } else {
    busy("Opening your copy …");
    const bytes = new Uint8Array(await input.arrayBuffer());
    const given = sourceOf(bytes); // a PDF, text, or refused
    if (given.kind === "pdf") {
      const got = await pdfText(bytes, d);
      text = got.text;
      outside = got.skipped.filter((s) => s.why === "outside").map((s) => s.page);
    } else text = given.text;
    source = { kind: given.kind, name: input.name };
  }
  busy("Reading the article …");
  const article = await ingest(text, d); // refuses another article
  busy("Placing the notes …");
  const placed = place(article, d);
  const report = {
    placed: placed.anchored.length,
    total: d.notes.length,
    misses: placed.misses.map((m) => ({ phrase: m.phrase, reason: m.reason })),
    outside: outside.sort((a, b) => a - b),
    partial: article.partial || [],
  };
  return { article, text, source, report };
}

async function ingest(text, d) {
  words = words || (await loadWords(await need(d.words)));
  return ingestText(text, d.structure, words);
}

// Which structure map a kept article was read by: when the site's map changes (a new
// deployment), the kept text is read again by the new one.
const mapKey = (d) => JSON.stringify(d.structure);

// Why a note was not placed, for the student (the build's message is for the notes' editors).
const REASONS = {
  orphaned: "phrase not found in your copy: a different version?",
  ambiguous: "these words occur more than once in your copy, and nothing tells which is meant",
  crossing: "in your copy these words run from one paragraph into the next",
  overlapping: "these words overlap the phrase of another note",
};

// A copy that stops early (article.partial says so once) has not got these notes' words: that
// is not "a different version".
const ABSENT = "its paragraph is not in your copy";
const CUT = "your copy stops before these words";

function place(article, d) {
  const result = anchorNotes(article, d.notes, d.structure);
  const present = new Set(article.blocks.map((b) => b.id));
  const last = article.blocks[article.blocks.length - 1];
  // Stopped early: the map goes on past the copy's last block (an excerpt's own last block is
  // cut mid-sentence too, and there a phrase not found is still "a different version").
  const early = Boolean(last) && mapBlocks(d.structure).at(-1)?.id !== last.id;
  /** @param {{note: {paragraph: string}, status: string, message: string}} m */
  const why = (m) => {
    if (!present.has(m.note.paragraph)) return ABSENT;
    if (m.status === "orphaned" && early && m.note.paragraph === last.id) return CUT;
    return REASONS[m.status] || m.message;
  };
  return {
    anchored: result.anchored,
    misses: result.misses.map((m) => ({ phrase: m.note.phrase, reason: why(m) })),
  };
}

/* ---- the page ------------------------------------------------------------------------------ */

/* Every block of this reading page, its body replaced by the full edition's. */
/**
 * @param {import("./ingest.mjs").Article} article
 * @param {ReaderData} d
 */
function render(article, d) {
  const marker = document.querySelector(/** @type {"div"} */ (".reading-edition"));
  if (marker?.dataset.edition !== "companion") return false;
  const part = d.structure.parts.find((p) => p.id === marker.dataset.part);
  if (!part) return false;
  const { anchored } = anchorNotes(article, d.notes, d.structure);
  const turns = pageTurns(article);
  const blocks = new Map(article.blocks.map((b) => [b.id, b]));
  for (const bmap of part.blocks) {
    const el = document.getElementById(bmap.id);
    const body = el?.querySelector(":scope > .para-body");
    const block = blocks.get(bmap.id);
    if (!body || !block) continue;
    const options = { turns: turns.get(bmap.id) || new Map(), lang: bmap.lang || "" };
    body.innerHTML = renderBody(block, anchored, d.shells, options);
  }
  marker.dataset.edition = "full";
  marker.dataset.copy = "own";
  textReplaced(); // sidenotes.js and cite.js set the page up again
  // The browser scrolled to the link's target before the text made the page longer: go there
  // again (a note's link, #sn-…, is sidenotes.js's to reveal).
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && !id.startsWith("sn-") && document.getElementById(id);
  if (target) target.scrollIntoView({ block: "start" });
  return true;
}

export async function showCopy() {
  const copy = await store.load();
  if (!copy) {
    showBar();
    return;
  }
  const d = await loadData();
  if (copy.map !== mapKey(d)) {
    try {
      copy.article = await ingest(copy.text, d);
      copy.map = mapKey(d);
      await store.save(copy);
    } catch {
      return; // the new map no longer fits the kept copy: the page stays as published
    }
  }
  render(copy.article, d);
}

export async function forget() {
  // The student's own highlights and notes (docs/assets/own-layer/) are theirs to keep or erase.
  const own = await import("../own-layer/forget.mjs");
  const choice = await own.askAboutNotes();
  if (choice === "cancel") return;
  if (choice === "erase") await own.eraseNotes();
  await store.forget();
  location.reload(); // the page as published: the companion edition
}

function firstReadingPage(d) {
  const first = d.structure.parts[0];
  return new URL(d.pages[first.id].replace(/\.md$/, "/"), SITE).href;
}

export async function openPanel(trigger) {
  loadStyles();
  const dialog = panel(async (input) => {
    try {
      const d = await loadData();
      const { article, text, source, report } = await readCopy(input);
      busy("Keeping your copy on this device …");
      const counts = { placed: report.placed, total: report.total };
      await store.save({ article, text, map: mapKey(d), source, report: counts });
      const shown = render(article, d);
      report.reading = shown ? null : firstReadingPage(d);
      reported(report);
      showBar();
    } catch (e) {
      const refusal = e instanceof Error && e.name === "Refusal"; // ours or ingest.mjs's
      refused(refusal ? e.message : MESSAGES.failed);
      if (!refusal) console.warn("own copy:", e);
    }
  });
  // The panel opens at once; what it needs from the site is asked for now, and a file that
  // does not come is said in the panel, before the student gives a copy.
  loadData().then(
    (d) => d.pdf || noFiles(MESSAGES.noPdf),
    (e) => refused(e.message),
  );
  // Focus goes back where the panel was opened from; once a copy is kept, that button has
  // made way for "Forget my copy" in the same bar.
  dialog.addEventListener("close", () => {
    const back = trigger?.isConnected ? trigger : document.querySelector(".your-copy-bar button");
    if (back) back.focus();
  });
  dialog.showModal();
}
