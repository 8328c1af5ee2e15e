// "My notes" (docs/my-notes.md): the student's marks in reading order, by page and paragraph,
// each linking back; a filter by colour; print; export (exports.mjs) and import; and "Delete
// everything on this device". boot.js imports this module on that page only. The page's own
// Markdown holds the controls; the list is made here with DOM calls, its words as text only.

import {
  fromWebAnnotations,
  hypothesisFile,
  inReadingOrder,
  markdown,
  readingOrder,
  webAnnotationCollection,
} from "./exports.mjs";
import { merge } from "./records.mjs";
import * as store from "./store.mjs";

/** @typedef {import("./records.mjs").Mark} Mark */
/** @typedef {import("./exports.mjs").Reading} Reading */

const SITE = new URL("../../", import.meta.url);
const here = (/** @type {string} */ path) => new URL(path, import.meta.url).href;

let stylesheet = null;
function loadStyles() {
  if (stylesheet?.isConnected) return;
  stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = here("own-layer.css");
  document.head.append(stylesheet);
}

/** @type {Promise<Reading> | null} */
let reading = null;
/** What the site knows of the reading: the own-copy reader's data (structure, pages). */
export function loadReading() {
  reading =
    reading ||
    fetch(here("../your-copy/data.json"))
      .then((r) => r.json())
      .then((d) => readingOrder(d.structure, d.pages, SITE.href));
  return reading;
}

const el = (/** @type {string} */ tag, /** @type {string} */ className = "", text = "") => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
};
const pagesLabel = (/** @type {number[]} */ p) =>
  !p.length
    ? ""
    : p.length === 1 || p[0] === p[p.length - 1]
      ? `p. ${p[0]}`
      : `pp. ${p[0]}–${p[p.length - 1]}`;

function status(/** @type {string} */ message) {
  const s = document.querySelector("[data-my-notes-status]");
  if (s) s.textContent = message;
}

/** The list, in reading order: a heading per reading page, one per paragraph, then its marks. */
function render(
  /** @type {Mark[]} */ marks,
  /** @type {Reading} */ r,
  /** @type {string[]} */ unreadable,
) {
  const box = /** @type {HTMLElement} */ (document.querySelector("[data-my-notes]"));
  box.replaceChildren();
  box.setAttribute("data-count", String(marks.length));
  if (!marks.length) {
    box.append(el("p", "my-notes-empty", "No highlights or notes on this device yet."));
  }
  let part = null;
  let para = null;
  /** @type {HTMLElement | null} */
  let list = null;
  for (const m of inReadingOrder(marks, r)) {
    const p = r.paragraphs.get(m.paragraph);
    const partTitle = p ? p.part : "Paragraphs no longer in the reading";
    if (partTitle !== part) {
      part = partTitle;
      para = null;
      box.append(el("h2", "", partTitle));
    }
    if (m.paragraph !== para) {
      para = m.paragraph;
      const head = el("h3");
      const a = /** @type {HTMLAnchorElement} */ (
        el("a", "", p ? `${p.label}, ${pagesLabel(p.pages)}` : m.paragraph)
      );
      a.href = new URL(`${p ? p.page : m.page}#${m.paragraph}`, SITE).href;
      head.append(a);
      box.append(head);
      list = el("ul", "my-notes-list");
      box.append(list);
    }
    const li = el("li", "my-notes-item");
    li.setAttribute("data-id", m.id);
    li.setAttribute("data-filter", m.kind === "note" ? "note" : String(m.color));
    if (m.kind === "highlight") {
      const q = el("q", "", m.exact);
      q.setAttribute("data-highlight", String(m.color));
      const link = /** @type {HTMLAnchorElement} */ (el("a", "my-notes-back"));
      link.href = new URL(`${m.page}#${m.paragraph}`, SITE).href;
      link.append(q);
      li.append(
        link,
        el("span", "my-notes-meta", ` ${m.printed != null ? `p. ${m.printed}, ` : ""}${m.color}`),
      );
    } else {
      li.append(el("span", "my-notes-meta", "Note on the paragraph"));
    }
    if (m.note) {
      const note = el("p", "my-notes-note", m.note);
      note.setAttribute("data-own-note", m.kind);
      li.append(note);
    }
    /** @type {HTMLElement} */ (list).append(li);
  }
  if (unreadable.length) {
    box.append(el("h2", "", "Kept, but not readable by this version of the site"));
    const ul = el("ul");
    for (const reason of unreadable) ul.append(el("li", "", reason));
    box.append(ul);
  }
  applyFilter();
}

function applyFilter() {
  const shown = new Set(
    [...document.querySelectorAll("[data-my-notes-filter] input:checked")].map(
      (i) => /** @type {HTMLInputElement} */ (i).value,
    ),
  );
  for (const li of document.querySelectorAll(".my-notes-item")) {
    /** @type {HTMLElement} */ (li).hidden = !shown.has(li.getAttribute("data-filter") || "");
  }
  // A paragraph with nothing left to show goes too, its heading with it.
  for (const ul of document.querySelectorAll(".my-notes-list")) {
    const empty = ![...ul.children].some((li) => !(/** @type {HTMLElement} */ (li).hidden));
    /** @type {HTMLElement} */ (ul).hidden = empty;
    const head = /** @type {HTMLElement | null} */ (ul.previousElementSibling);
    if (head) head.hidden = empty;
  }
}

function download(
  /** @type {string} */ name,
  /** @type {string} */ type,
  /** @type {string} */ text,
) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = /** @type {HTMLAnchorElement} */ (el("a"));
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function exportAs(/** @type {string} */ format) {
  const r = await loadReading();
  const { marks } = await store.all();
  const now = new Date().toISOString();
  if (format === "jsonld") {
    const doc = webAnnotationCollection(marks, r, { id: `urn:uuid:${crypto.randomUUID()}` });
    download("my-notes.jsonld", "application/ld+json", JSON.stringify(doc, null, 2) + "\n");
  } else if (format === "hypothesis") {
    download(
      "my-notes-hypothesis.json",
      "application/json",
      JSON.stringify(hypothesisFile(marks, r, now), null, 2) + "\n",
    );
  } else if (format === "markdown") {
    download("my-notes.md", "text/markdown", markdown(marks, r, now));
  }
  status(`Exported ${marks.length} highlight${marks.length === 1 ? "" : "s"} and notes.`);
}

async function importFile(/** @type {File} */ file) {
  const r = await loadReading();
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch {
    status(`${file.name} is not a JSON-LD file: export one from My notes on the other device.`);
    return;
  }
  const { marks: incoming, problems } = fromWebAnnotations(doc, r);
  const { marks: kept } = await store.all();
  const { added, updated, duplicates } = merge(kept, incoming);
  await store.putAll([...added, ...updated]);
  const parts = [`Imported ${added.length} from ${file.name}`];
  if (updated.length) parts.push(`${updated.length} updated`);
  if (duplicates) parts.push(`${duplicates} already here`);
  if (problems.length) parts.push(`${problems.length} not read: ${problems.join("; ")}`);
  status(parts.join("; ") + ".");
  await refresh();
}

async function refresh() {
  const [r, { marks, unreadable }] = await Promise.all([loadReading(), store.all()]);
  render(
    marks,
    r,
    unreadable.map((u) => u.reason),
  );
}

/* ---- this device ------------------------------------------------------------------------- */

/** Whether the browser promised to keep the notes; said on the page, with what to do if not. */
async function storageStatus() {
  const s = document.querySelector("[data-storage-status]");
  if (!s) return;
  const persisted = navigator.storage?.persisted ? await navigator.storage.persisted() : false;
  s.setAttribute("data-persisted", String(persisted));
  s.textContent = persisted
    ? "This browser has agreed to keep your notes until you delete them."
    : "This browser has not agreed to keep your notes for good: it may clear them when the device runs short of space (Safari clears a site’s data after seven days without a visit). Export them now and then to keep a copy.";
}

async function deleteEverything() {
  const erased = [];
  const count = await store.clear();
  erased.push(
    `${count} highlight${count === 1 ? "" : "s"} and notes, and the places where you left each page`,
  );
  const copy = await import("../your-copy/store.mjs");
  if (await copy.load()) {
    await copy.forget();
    erased.push("your copy of the article");
    // My notes offers no copy: the loader's bar here only said one was kept.
    document.querySelector(".your-copy-bar")?.remove();
  }
  const offline = await import("./offline.mjs").then((o) => o.forgetOffline()).catch(() => null);
  if (offline) erased.push(offline);
  status(`Erased from this device: ${erased.join("; ")}.`);
  await refresh();
}

let bound = false;
export async function show() {
  loadStyles();
  if (!bound) {
    bound = true;
    document.addEventListener("change", (e) => {
      const t = /** @type {HTMLInputElement} */ (e.target);
      if (t.closest?.("[data-my-notes-filter]")) applyFilter();
      if (t.matches?.("[data-import]") && t.files?.[0]) {
        const f = t.files[0];
        t.value = "";
        importFile(f);
      }
    });
    document.addEventListener("click", (e) => {
      const b = /** @type {HTMLElement} */ (e.target).closest?.("button");
      if (!b?.closest(".md-content")) return;
      const format = b.getAttribute("data-export");
      if (format) exportAs(format);
      else if (b.hasAttribute("data-print")) print();
      else if (b.hasAttribute("data-delete-all")) {
        const d = /** @type {HTMLDialogElement | null} */ (
          document.querySelector("[data-delete-dialog]")
        );
        if (!d) return;
        d.returnValue = "";
        d.onclose = () => {
          if (d.returnValue === "delete") deleteEverything();
          b.focus();
        };
        d.showModal();
      }
    });
  }
  await refresh();
  await storageStatus();
}
