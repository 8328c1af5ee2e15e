/* Notes on the reading pages: only what reading.css cannot do on its own.

   - A note's number (button.sn-ref) or its phrase (mark.anchor) opens the note and moves focus
     into it; the number inside the note (a.sn-num) or Escape goes back to the phrase.
     aria-expanded is the one state; reading.css shows what it says.
   - A link to #sn-… opens that note and brings it into view, also after instant navigation.
   - The notes filter: html[data-hide] lists the kinds unticked (reading.css hides them); it is
     remembered on this device, and restored before the first paint by overrides/main.html.
   - Print: each paragraph's notes, numbered, after it; built when printing starts, removed after.
   - "Cite": cite.js, loaded on the first click on a "Cite" link or the first selection of words.
   - The wide margin: margin.mjs, loaded where it has work (`needsMargin`): the text on the page
     (the full edition, or the companion's after the own-copy swap) and a screen 60em wide. No
     other page fetches it; overrides/main.html preloads it on the full edition's wide pages.
   Everything is bound once on `document`. The per-page set-up (`setUp`) runs on every page shown
   (instant navigation too) and again when the own-copy reader has replaced the blocks' bodies
   (page.js). */

import { onEveryPage, onTextReplaced } from "./page.js";
import { HIDE, write } from "./storage.js";

const wide = matchMedia("(min-width: 60em)");
const calm = matchMedia("(prefers-reduced-motion: reduce)");
const FLASH_MS = 1600;
const root = document.documentElement;
let lastOpened = null;
const targetOf = (/** @type {Event} */ event) => /** @type {Element} */ (event.target);
/** @type {Promise<typeof import("./cite.js")> | null} */
let citeLoaded = null;
const cite = () => (citeLoaded ||= import("./cite.js"));

const noteOf = (button) => document.getElementById(button.getAttribute("aria-controls"));
const buttonOf = (note) =>
  document.querySelector(`button.sn-ref[aria-controls="${CSS.escape(note.id)}"]`);
const scroll = (el, block) =>
  el.scrollIntoView({ block, behavior: calm.matches ? "auto" : "smooth" });

function setOpen(button, open) {
  button.setAttribute("aria-expanded", String(open));
  lastOpened = open ? button : null;
}

function flash(note) {
  note.classList.add("sn-flash");
  setTimeout(() => note.classList.remove("sn-flash"), FLASH_MS);
}

function activate(button) {
  const note = noteOf(button);
  if (!note) return;
  const open = button.getAttribute("aria-expanded") !== "true";
  setOpen(button, open);
  if (!open) return;
  flash(note);
  note.focus({ preventScroll: true });
  scroll(note, "nearest");
}

function reveal(id) {
  const note = id?.startsWith("sn-") ? document.getElementById(id) : null;
  if (!note?.classList.contains("sidenote")) return;
  const kind = note.dataset.kind || "";
  if (hidden().includes(kind)) {
    setHidden(hidden().filter((k) => k !== kind)); // a link must land on its note
    syncFilter();
  }
  const button = buttonOf(note);
  if (button) setOpen(button, true);
  flash(note);
  note.scrollIntoView({ block: "center" });
}

// ---- the filter --------------------------------------------------------------------------

function hidden() {
  return (root.getAttribute("data-hide") || "").split(" ").filter(Boolean);
}

function setHidden(kinds) {
  if (kinds.length) root.setAttribute("data-hide", kinds.join(" "));
  else root.removeAttribute("data-hide");
  write(HIDE, kinds.length ? kinds.join(" ") : null); // refused: it still works on this page
}

function syncFilter() {
  const off = hidden();
  /** @type {NodeListOf<HTMLInputElement>} */
  const boxes = document.querySelectorAll(".note-filter input[value]");
  for (const box of boxes) {
    box.checked = !off.includes(box.value);
    // After the own-copy reader's swap only the notes placed in the copy are on the page.
    const count = box.parentElement?.querySelector(".nf-count");
    const sel = `.para .sidenote[data-kind="${CSS.escape(box.value)}"]`;
    if (count) count.textContent = String(document.querySelectorAll(sel).length);
  }
}

// ---- print ---------------------------------------------------------------------------------

function printNotes() {
  for (const para of document.querySelectorAll(".para")) {
    /** @type {NodeListOf<HTMLElement>} */
    const notes = para.querySelectorAll(".para-body span.sidenote");
    if (!notes.length || para.querySelector(":scope > .sn-print-notes")) continue;
    const list = document.createElement("ol");
    list.className = "sn-print-notes";
    list.setAttribute("aria-hidden", "true");
    for (const note of notes) {
      if (hidden().includes(note.dataset.kind || "")) continue; // print what the reader chose to see
      const item = document.createElement("li");
      item.append(...[...note.childNodes].map((n) => n.cloneNode(true)));
      for (const el of item.querySelectorAll("[id]")) el.removeAttribute("id");
      list.append(item);
    }
    para.append(list);
  }
}

function removePrintNotes() {
  for (const list of document.querySelectorAll(".sn-print-notes")) list.remove();
}

// ---- the wide margin ----------------------------------------------------------------------

/** @type {Promise<unknown> | null} */
let marginLoaded = null;

/** Does this page, at this width, show the text beside a margin? Once margin.mjs is loaded it
    follows every later page, width and swap itself (and clears the margin where there is none). */
function needsMargin() {
  if (marginLoaded || !wide.matches) return;
  if (document.querySelector(".reading-edition[data-edition='full']")) {
    marginLoaded = import("./margin.mjs").catch(() => {
      marginLoaded = null; // reading.css shows the notes as floats; the next page tries again
    });
  }
}

// ---- set-up and events ---------------------------------------------------------------------

function setUp() {
  needsMargin();
  syncFilter();
  /** @type {NodeListOf<HTMLElement>} */
  const sups = document.querySelectorAll("sup.fn-marker:not([tabindex])");
  for (const sup of sups) {
    sup.tabIndex = 0; // its explanation is a tooltip: let the keyboard reach it too
  }
  reveal(decodeURIComponent(location.hash.slice(1)));
}

document.addEventListener("change", (event) => {
  /** @type {HTMLInputElement | null} */
  const box = targetOf(event).closest(".note-filter input[value]");
  if (!box) return;
  const off = hidden().filter((k) => k !== box.value);
  setHidden(box.checked ? off : [...off, box.value]);
});

// Capture phase, so that links handled here are taken before Material's instant navigation.
document.addEventListener(
  "click",
  (event) => {
    /** @type {HTMLAnchorElement | null} */
    const citeLink = targetOf(event).closest("a.cite-link");
    if (citeLink) {
      event.preventDefault();
      event.stopPropagation();
      cite()
        .then((c) => c.fromLink(citeLink) || location.assign(citeLink.href))
        .catch(() => location.assign(citeLink.href)); // the table of passages instead
      return;
    }
    const button = targetOf(event).closest("button.sn-ref[aria-controls]");
    if (button) {
      activate(button);
      return;
    }
    // (Material makes every link absolute, so read the fragment, not the attribute.)
    /** @type {HTMLAnchorElement | null} */
    const back = targetOf(event).closest(".sidenote a.sn-num[href*='#snr-']");
    if (back) {
      const ref = document.getElementById(decodeURIComponent(back.hash.slice(1)));
      if (ref) {
        event.preventDefault();
        event.stopPropagation(); // a step inside the page, not a navigation for Material
        ref.focus({ preventScroll: true });
        scroll(ref, "center");
      }
      return;
    }
    // A tap on the phrase acts like its number, unless the reader is selecting text.
    if (targetOf(event).closest("a") || String(window.getSelection())) return;
    /** @type {HTMLElement | null} */
    const mark = targetOf(event).closest("mark.anchor[data-note]");
    if (mark) {
      const next = document.querySelector(
        `button.sn-ref[aria-controls="${CSS.escape(mark.dataset.note || "")}"]`,
      );
      if (next) activate(next);
      return;
    }
    // A click on a note shown in part, in the margin, shows it in full.
    const note = targetOf(event).closest(".sidenote[id]");
    const owner = note && buttonOf(note);
    if (owner && wide.matches && owner.getAttribute("aria-expanded") === "false") {
      setOpen(owner, true);
    }
  },
  true,
);

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const active = document.activeElement;
  const inside = active?.closest(".para-body .sidenote");
  const focused = active?.closest("button.sn-ref");
  const button = inside ? buttonOf(inside) : focused || lastOpened;
  if (button?.getAttribute("aria-expanded") !== "true") return;
  setOpen(button, false);
  if (inside || focused) button.focus();
});

// Words selected in the text: cite.js offers "Cite selection" (and follows later selections).
document.addEventListener("selectionchange", () => {
  if (citeLoaded || !document.querySelector(".reading-edition[data-edition='full']")) return;
  const sel = getSelection();
  const at = sel?.rangeCount && !sel.isCollapsed && sel.getRangeAt(0).commonAncestorContainer;
  const el = at ? (at instanceof Element ? at : at.parentElement) : null;
  if (el?.closest(".para-body")) cite().then((c) => c.placeButton());
});

window.addEventListener("beforeprint", printNotes);
window.addEventListener("afterprint", removePrintNotes);
// Print emulation (and some browsers' print preview) flips the media query without the events.
matchMedia("print").addEventListener("change", (m) =>
  m.matches ? printNotes() : removePrintNotes(),
);
window.addEventListener("hashchange", () => reveal(decodeURIComponent(location.hash.slice(1))));
wide.addEventListener("change", needsMargin); // a window widened, a tablet turned
onTextReplaced(setUp);
onEveryPage(setUp);
