// The student's own layer on a reading page: their highlights (four colours) on the words of
// the text, their private notes on a highlight or on a whole paragraph, from a small toolbar
// that appears on a selection. boot.js imports this module when the page has marks to paint or
// when the student selects words; nothing of it leaves the device (store.mjs).
//
//   paint()      find every mark of this page again in its text and show it; report the misses
//   selected()   the selection changed: offer the toolbar for it, or take the toolbar away
//
// The markup it adds comes from the <template> elements the build renders into reading pages
// (overrides/partials/own-layer.html); this module fills in text and attributes only.

import { onTextReplaced } from "../javascripts/page.js";
import { offsetOf, readParagraph, unwrap, wrap } from "./dom.mjs";
import { crossing, describe, locate, pageAt, toWords } from "./quote.mjs";
import { COLORS, makeMark } from "./records.mjs";
import * as store from "./store.mjs";

/** @typedef {import("./records.mjs").Mark} Mark */
/** @typedef {import("./dom.mjs").Paragraph} Paragraph */

const SITE = new URL("../../", import.meta.url);
const LABEL = { yellow: "yellow", green: "green", blue: "blue", pink: "pink" };

/** This page, as marks name it: its path in the site ("reading/introduction/"). */
export function pageKey(path = location.pathname) {
  const p = decodeURI(path);
  return p.startsWith(SITE.pathname) ? p.slice(SITE.pathname.length) : p;
}

/** @type {Promise<unknown> | null} */
let stylesheet = null;
/** The layer's stylesheet, loaded once; nothing of the layer shows before it applies. */
function loadStyles() {
  if (!stylesheet) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("own-layer.css", import.meta.url).href;
    stylesheet = new Promise((resolve) => {
      link.onload = link.onerror = resolve;
    });
    document.head.append(link);
  }
  return stylesheet;
}

/** A clone of one of the build's templates. @param {string} id */
function fromTemplate(id) {
  const t = /** @type {HTMLTemplateElement | null} */ (document.getElementById(id));
  if (!t)
    throw new Error(`the page has no <template id="${id}"> (overrides/partials/own-layer.html)`);
  return /** @type {HTMLElement} */ (
    /** @type {Element} */ (t.content.firstElementChild).cloneNode(true)
  );
}

/** Whether the page shows the article's words (full edition, or the student's copy). */
function showsText() {
  const marker = document.querySelector(".reading-edition");
  return Boolean(marker && marker.getAttribute("data-edition") === "full");
}

function paragraphs() {
  /** @type {Map<string, Paragraph>} */
  const found = new Map();
  for (const el of document.querySelectorAll(".md-content .para[id]")) {
    const p = readParagraph(/** @type {HTMLElement} */ (el));
    if (p) found.set(p.id, p);
  }
  return found;
}

/* ---- painting ------------------------------------------------------------------------------ */

/** @type {Mark[]} this page's marks */
let marks = [];
/** @type {{mark: Mark, message: string}[]} */
let missed = [];

export async function paint() {
  await loadStyles();
  const { marks: every } = await store.all();
  const key = pageKey();
  marks = every.filter((m) => m.page === key);
  for (const el of document.querySelectorAll(".md-content .own-ui:not(template *)")) {
    if (!el.closest("dialog[open]")) el.remove();
  }
  for (const m of document.querySelectorAll(".md-content mark[data-highlight]")) {
    unwrap(m.closest(".para-body") || document, m.getAttribute("data-id") || "");
  }
  let paras = paragraphs();
  missed = [];
  const highlights = marks.filter((m) => m.kind === "highlight");
  const placedIds = new Set();
  if (showsText()) {
    const texts = new Map([...paras].map(([id, p]) => [id, p.text]));
    const { placed, missed: lost } = locate(texts, highlights);
    const byId = new Map(highlights.map((m) => [m.id, m]));
    // Outer marks first, so that a nested one is wrapped inside its outer one.
    placed.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const p of placed) {
      const mark = /** @type {Mark} */ (byId.get(p.id));
      const para = /** @type {Paragraph} */ (paras.get(mark.paragraph));
      const made = wrap(para, p.start, p.end, () => markElement(mark));
      if (made.length) {
        made[0].tabIndex = 0;
        made[0].setAttribute("aria-label", ariaLabel(mark));
      }
      paras.set(mark.paragraph, /** @type {Paragraph} */ (readParagraph(para.el)));
      placedIds.add(p.id);
    }
    for (const l of lost)
      missed.push({ mark: /** @type {Mark} */ (byId.get(l.id)), message: l.message });
    for (const m of highlights) {
      if (!paras.has(m.paragraph)) {
        missed.push({ mark: m, message: `paragraph "${m.paragraph}" is no longer on this page` });
      }
    }
  }
  paras = paragraphs();
  for (const [id, para] of paras)
    showNotes(
      para,
      marks.filter((m) => m.paragraph === id),
    );
  report(highlights.length - placedIds.size);
}

/** @param {Mark} mark */
function markElement(mark) {
  const el = document.createElement("mark");
  el.setAttribute("data-highlight", /** @type {string} */ (mark.color));
  el.setAttribute("data-id", mark.id);
  if (mark.note) el.setAttribute("data-has-note", "");
  return el;
}

/** @param {Mark} mark */
function ariaLabel(mark) {
  return `Your ${LABEL[mark.color] || ""} highlight${mark.note ? ", with a note" : ""}: press Enter to change it`;
}

/** The student's notes under their paragraph, in the order of the words they are on. */
function showNotes(/** @type {Paragraph} */ para, /** @type {Mark[]} */ own) {
  const withNotes = own.filter((m) => m.note);
  if (!withNotes.length) return;
  const order = (/** @type {Mark} */ m) => {
    if (m.kind === "note") return -1;
    const i = para.text.indexOf(m.exact);
    return i === -1 ? para.text.length : i;
  };
  withNotes.sort((a, b) => order(a) - order(b) || a.created.localeCompare(b.created));
  const box = fromTemplate("own-layer-notes");
  const list = /** @type {HTMLElement} */ (box.querySelector("ul"));
  for (const m of withNotes) {
    const li = fromTemplate("own-layer-note");
    li.setAttribute("data-own-note", m.kind);
    li.setAttribute("data-id", m.id);
    const q = /** @type {HTMLElement} */ (li.querySelector(".own-note-quote"));
    if (m.kind === "highlight") {
      q.textContent = m.exact;
      q.setAttribute("data-highlight", /** @type {string} */ (m.color));
    } else q.replaceWith("On the paragraph:");
    /** @type {HTMLElement} */ (li.querySelector(".own-note-text")).textContent = m.note;
    const edit = /** @type {HTMLButtonElement} */ (li.querySelector("[data-own-action=edit]"));
    edit.addEventListener("click", () => editNote(m, edit));
    list.append(li);
  }
  para.el.append(box);
}

/** What could not be placed, said at the top of the page: never dropped in silence. */
function report(unplaced) {
  const title = document.querySelector(".md-content h1");
  if (!title) return;
  if (missed.length) {
    const box = fromTemplate("own-layer-missed");
    const list = /** @type {HTMLElement} */ (box.querySelector("ul"));
    for (const { mark, message } of missed) {
      const li = document.createElement("li");
      li.setAttribute("data-own-missed", mark.id);
      const q = document.createElement("q");
      q.textContent = mark.exact;
      li.append(q, ` (${mark.paragraph}): ${message}. `);
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Remove it";
      remove.addEventListener("click", async () => {
        await store.remove(mark.id);
        await paint();
      });
      li.append(remove);
      list.append(li);
    }
    title.after(box);
  } else if (unplaced > 0 && !showsText()) {
    const box = fromTemplate("own-layer-hidden");
    /** @type {HTMLElement} */ (box.querySelector("[data-count]")).textContent = String(unplaced);
    title.after(box);
  }
}

/* ---- the toolbar ------------------------------------------------------------------------- */

/** @type {HTMLElement | null} */
let toolbar = null;
/**
 * What the toolbar acts on: words just selected, or one of the student's highlights.
 * @type {{para: Paragraph, start?: number, end?: number, quote?: any, mark?: Mark} | null}
 */
let target = null;
/** @type {string} */
let lastColor = COLORS[0];

function getToolbar() {
  if (toolbar) return toolbar;
  const bar = fromTemplate("own-layer-toolbar");
  toolbar = bar;
  bar.addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
  bar.addEventListener("click", (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest("button");
    if (button) act(button);
  });
  bar.addEventListener("keydown", (e) => {
    const buttons = [...bar.querySelectorAll("button:not([hidden]):not([disabled])")];
    const i = buttons.indexOf(/** @type {any} */ (document.activeElement));
    if (e.key === "Escape") {
      hide(true);
    } else if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && i !== -1) {
      const step = e.key === "ArrowRight" ? 1 : -1;
      /** @type {HTMLElement} */ (buttons[(i + step + buttons.length) % buttons.length]).focus();
    } else return;
    e.preventDefault();
  });
  return toolbar;
}

function hide(restoreFocus = false) {
  if (!toolbar?.isConnected) return;
  const from = target;
  toolbar.remove();
  target = null;
  if (restoreFocus && from?.mark) {
    const el = /** @type {HTMLElement | null} */ (
      document.querySelector(`mark[data-id="${from.mark.id}"][tabindex]`)
    );
    if (el) el.focus();
  }
}

/**
 * Show the toolbar after `anchor` (so that Tab reaches it next), under `rect`.
 * @param {Node} anchor
 * @param {DOMRect} rect
 * @param {{words: boolean, existing: boolean, message?: string}} offer
 */
function show(anchor, rect, offer) {
  const bar = getToolbar();
  for (const b of bar.querySelectorAll("[data-highlight-color]")) {
    /** @type {HTMLButtonElement} */ (b).disabled = !offer.words;
    b.setAttribute(
      "aria-pressed",
      String(Boolean(target?.mark && target.mark.color === b.getAttribute("data-highlight-color"))),
    );
  }
  const note = /** @type {HTMLButtonElement} */ (bar.querySelector("[data-own-action=note]"));
  note.disabled = !offer.words;
  /** @type {HTMLElement} */ (bar.querySelector("[data-own-action=remove]")).hidden =
    !offer.existing;
  /** @type {HTMLElement} */ (bar.querySelector(".own-toolbar-msg")).textContent =
    offer.message || "";
  // After the words' inline ancestors (an instructor's marked phrase among them), inside their
  // paragraph: next in the order Tab follows, outside any phrase's own markup.
  let after = anchor;
  while (after.parentElement && !after.parentElement.matches("p, li, blockquote, div")) {
    after = after.parentElement;
  }
  if (after.parentNode) after.parentNode.insertBefore(bar, after.nextSibling);
  // Under the words, where a phone's own selection menu (above them) does not hide it.
  const host = /** @type {HTMLElement} */ (
    bar.offsetParent || document.body
  ).getBoundingClientRect();
  const width = bar.offsetWidth;
  const left = Math.max(4, Math.min(rect.left, document.documentElement.clientWidth - width - 4));
  // Below the "Cite selection" button when it shows (cite.js puts it under the same words), so
  // that neither covers the other.
  const cite = document.querySelector(".cite-float:not([hidden])");
  const under = cite ? Math.max(rect.bottom, cite.getBoundingClientRect().bottom) : rect.bottom;
  bar.style.top = `${under - host.top + 6}px`;
  bar.style.left = `${left - host.left}px`;
}

/** The selection changed (boot.js calls this, a moment after it settles). */
export async function selected() {
  await loadStyles();
  const sel = getSelection();
  const active = document.activeElement;
  if (toolbar?.isConnected && active && toolbar.contains(active)) return;
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) {
    if (target && !target.mark) hide();
    return;
  }
  const range = sel.getRangeAt(0);
  const el = (/** @type {Node} */ n) =>
    n.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (n) : n.parentElement;
  const startPara = el(range.startContainer)?.closest(".md-content .para[id]");
  const endPara = el(range.endContainer)?.closest(".md-content .para[id]");
  if (!startPara) return hide();
  const para = /** @type {Paragraph} */ (readParagraph(/** @type {HTMLElement} */ (startPara)));
  const anchor =
    range.endContainer.nodeType === Node.TEXT_NODE
      ? range.endContainer
      : range.endContainer.childNodes[range.endOffset - 1] || range.endContainer;
  const rects = range.getClientRects();
  const rect = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
  target = { para };
  if (startPara !== endPara) {
    show(anchor, rect, {
      words: false,
      existing: false,
      message: "Select words within one paragraph to highlight them.",
    });
    return;
  }
  const inText =
    showsText() &&
    para.body.contains(range.startContainer) &&
    para.body.contains(range.endContainer);
  if (!inText) {
    const message = showsText()
      ? ""
      : "This edition shows no text to highlight: add a note on the paragraph.";
    show(anchor, rect, { words: false, existing: false, message });
    return;
  }
  const [start, end] = toWords(
    para.text,
    offsetOf(para, range.startContainer, range.startOffset),
    offsetOf(para, range.endContainer, range.endOffset),
  );
  const d = describe(para.text, start, end);
  if (!d) return hide();
  const own = marks.filter((m) => m.kind === "highlight" && m.paragraph === para.id);
  const { placed } = locate(new Map([[para.id, para.text]]), own);
  const crossed = crossing(placed, d.start, d.end);
  if (crossed) {
    const same = crossed.start === d.start && crossed.end === d.end;
    const mark = own.find((m) => m.id === crossed.id);
    if (same && mark) {
      target = { para, mark };
      show(anchor, rect, { words: true, existing: true });
    } else {
      show(anchor, rect, {
        words: false,
        existing: false,
        message: "These words cross one of your highlights: select inside it or around it.",
      });
    }
    return;
  }
  target = { para, start: d.start, end: d.end, quote: d.quote };
  show(anchor, rect, { words: true, existing: false });
}

/** The toolbar for one of the student's highlights (clicked, or Enter on it). */
function openOn(/** @type {HTMLElement} */ markEl) {
  const id = markEl.getAttribute("data-id");
  const mark = marks.find((m) => m.id === id);
  const paraEl = markEl.closest(".para[id]");
  if (!mark || !paraEl) return;
  const para = /** @type {Paragraph} */ (readParagraph(/** @type {HTMLElement} */ (paraEl)));
  target = { para, mark };
  const all = document.querySelectorAll(`mark[data-id="${CSS.escape(mark.id)}"]`);
  const last = all[all.length - 1];
  const rects = last.getClientRects();
  show(last, rects[rects.length - 1] || last.getBoundingClientRect(), {
    words: true,
    existing: true,
  });
  /** @type {HTMLElement} */ (getToolbar().querySelector("button:not([disabled])")).focus();
}

/** Keyboard: H (with words selected) moves into the toolbar. */
export async function focusToolbar() {
  if (!toolbar?.isConnected) await selected();
  const first =
    toolbar?.isConnected && toolbar.querySelector("button:not([disabled]):not([hidden])");
  if (first) /** @type {HTMLElement} */ (first).focus();
  return Boolean(first);
}

async function act(/** @type {HTMLElement} */ button) {
  const t = target;
  if (!t) return;
  const color = button.getAttribute("data-highlight-color");
  const action = button.getAttribute("data-own-action");
  if (color) {
    lastColor = color;
    if (t.mark) {
      await store.put({ ...t.mark, color, updated: new Date().toISOString() });
      await done(`Highlight now ${color}.`, t.mark.id);
    } else {
      const mark = newHighlight(t, color);
      await store.put(mark);
      await done(`Highlighted in ${color}.`, mark.id);
    }
  } else if (action === "note") {
    let mark = t.mark;
    if (!mark) {
      mark = newHighlight(t, lastColor);
      await store.put(mark);
      await done("", mark.id);
    }
    hide();
    editNote(mark, null);
  } else if (action === "para-note") {
    hide();
    const para = t.para;
    const mark = makeMark({
      kind: "note",
      page: pageKey(),
      paragraph: para.id,
      printed: para.pages[0] ?? null,
    });
    editNote(mark, null);
  } else if (action === "remove" && t.mark) {
    await store.remove(t.mark.id);
    await done("Highlight removed.", null);
  }
}

function newHighlight(t, color) {
  return makeMark({
    kind: "highlight",
    page: pageKey(),
    paragraph: t.para.id,
    ...t.quote,
    color,
    printed: pageAt(t.para.pages, t.para.turns, t.start),
  });
}

let askedToKeep = false;
/** The first time the student keeps something: ask the browser to keep it for good. */
async function askToKeep() {
  if (askedToKeep || !navigator.storage || !navigator.storage.persist) return "";
  askedToKeep = true;
  if (await navigator.storage.persisted()) return "";
  const granted = await navigator.storage.persist().catch(() => false);
  return granted
    ? ""
    : " This browser may clear it when space runs short (or, in Safari, after seven days without a visit): export your notes from My notes to keep a copy.";
}

/** After a change: clear the selection, paint again, say what happened, keep focus sensible. */
async function done(message, focusId) {
  hide();
  const sel = getSelection();
  if (sel) sel.removeAllRanges();
  await paint();
  announce(message ? message + (await askToKeep()) : "");
  if (focusId) {
    const el = /** @type {HTMLElement | null} */ (
      document.querySelector(`mark[data-id="${focusId}"][tabindex]`)
    );
    if (el) el.focus({ preventScroll: true });
  }
}

function announce(message) {
  if (!message) return;
  let live = document.querySelector(".own-live");
  if (!live) {
    live = fromTemplate("own-layer-live");
    document.body.append(live);
  }
  live.textContent = message;
}

/* ---- the note editor ------------------------------------------------------------------ */

/** @type {HTMLDialogElement | null} */
let editor = null;

/**
 * Edit the note of a highlight or of a paragraph (a new paragraph note is saved on Save).
 * @param {Mark} mark
 * @param {HTMLElement | null} back  where focus returns
 */
function editNote(mark, back) {
  if (!editor?.isConnected) {
    editor = /** @type {HTMLDialogElement} */ (fromTemplate("own-layer-editor"));
    document.body.append(editor);
  }
  const dialog = editor;
  const quote = /** @type {HTMLElement} */ (dialog.querySelector(".own-editor-quote"));
  quote.textContent = mark.kind === "highlight" ? `“${mark.exact}”` : `On ¶ ${mark.paragraph}`;
  const text = /** @type {HTMLTextAreaElement} */ (dialog.querySelector("textarea"));
  text.value = mark.note;
  /** @type {HTMLElement} */ (dialog.querySelector("[value=delete]")).hidden = !mark.note;
  dialog.returnValue = "";
  dialog.onclose = async () => {
    const how = dialog.returnValue;
    const now = new Date().toISOString();
    if (how === "save" && text.value.trim()) {
      await store.put({ ...mark, note: text.value.trim(), updated: now });
      await done("Note saved.", mark.kind === "highlight" ? mark.id : null);
    } else if (how === "delete" || (how === "save" && !text.value.trim())) {
      if (mark.kind === "note") await store.remove(mark.id);
      else await store.put({ ...mark, note: "", updated: now });
      await done("Note deleted.", mark.kind === "highlight" ? mark.id : null);
    }
    const el = back?.isConnected
      ? back
      : document.querySelector(`mark[data-id="${mark.id}"][tabindex]`);
    if (el) /** @type {HTMLElement} */ (el).focus();
  };
  dialog.showModal();
  text.focus();
}

/* ---- events ----------------------------------------------------------------------------- */

let bound = false;
/** Listen for clicks and Enter on the student's highlights (once per document). */
export function bind() {
  if (bound) return;
  bound = true;
  document.addEventListener("click", (e) => {
    const m = /** @type {HTMLElement} */ (e.target).closest?.("mark[data-highlight]");
    const sel = getSelection();
    if (m && (!sel || sel.isCollapsed)) openOn(/** @type {HTMLElement} */ (m));
    else if (
      toolbar?.isConnected &&
      !toolbar.contains(/** @type {Node} */ (e.target)) &&
      (!sel || sel.isCollapsed)
    )
      hide();
  });
  document.addEventListener("keydown", (e) => {
    const m = /** @type {HTMLElement} */ (e.target).closest?.("mark[data-highlight]");
    if (m && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      openOn(/** @type {HTMLElement} */ (m));
    }
  });
  onTextReplaced(() => paint()); // the own copy replaced the text: find the marks again
  // H, with words selected, moves into the toolbar (before Material's own keys see it).
  document.addEventListener(
    "keydown",
    (e) => {
      if (e.key.toLowerCase() !== "h" || e.ctrlKey || e.metaKey || e.altKey) return;
      const at = /** @type {Element | null} */ (e.target);
      if (at?.closest?.("input, textarea, select, [contenteditable]")) return;
      const sel = getSelection();
      const n = sel && !sel.isCollapsed ? sel.anchorNode : null;
      const el = n && (n.nodeType === 1 ? /** @type {Element} */ (n) : n.parentElement);
      if (!el?.closest(".md-content .para[id]")) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      focusToolbar();
    },
    true,
  );
}
