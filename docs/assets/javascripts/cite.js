/* "Cite": the article's citation with the exact page(s) of a passage, in APA, Chicago, MLA and
   BibTeX, with a copy button; no network. The build formats every citation this page can need
   (each page and each run of pages, with citeproc-py) into div.reading-edition[data-cite]; this
   script only picks one. Passages: a block (its data-pages), a note (the pages its phrase spans:
   from the page turns around its mark, or in the companion edition its data-pages, from the note
   record) and, where the text is on the page, selected words, also across a page turn.
   Imported by sidenotes.js on first use (most visits never cite), which calls fromLink and
   placeButton. Without JavaScript, every "Cite" link leads to the how-to-cite page's table of
   passages. */

import { onTextReplaced } from "./page.js";

let dialog = null;
let floating = null;
let selected = null; // the last selection inside the text, kept for the floating button
const targetOf = (/** @type {Event} */ event) => /** @type {Element} */ (event.target);
const elementOf = (/** @type {Node} */ node) =>
  /** @type {Element} */ (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);

function citeData() {
  /** @type {HTMLElement | null} */
  const el = document.querySelector(".reading-edition[data-cite]");
  return el ? { data: JSON.parse(el.dataset.cite || "{}"), edition: el.dataset.edition } : null;
}

// The printed page at a point of the text: the block's first page, or the last page turn
// before the point.
function pageAt(node, offset) {
  const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const para = el?.closest(".para[data-pages]");
  if (!para) return null;
  let page = Number(para.dataset.pages.split(" ")[0]);
  const point = document.createRange();
  point.setStart(node, offset);
  for (const turn of para.querySelectorAll(".para-body .page-turn[data-page]")) {
    if (point.comparePoint(turn, 0) <= 0) page = Number(turn.dataset.page);
  }
  return page;
}

function blockPages(para) {
  const pages = para.dataset.pages.split(" ").map(Number);
  return [pages[0], pages[pages.length - 1]];
}

function notePages(note) {
  const mark = document.querySelector(`mark.anchor[data-note="${CSS.escape(note.id)}"]`);
  if (mark) return [pageAt(mark, 0), pageAt(mark, mark.childNodes.length)];
  // The companion edition: the phrase's own pages, from the build's note record.
  if (note.dataset.pages) return blockPages(note);
  return blockPages(note.closest(".para"));
}

const label = ([a, b]) => (a === b ? `p. ${a}` : `pp. ${a}–${b}`);

function section(style, key) {
  const wrap = document.createElement("section");
  const head = document.createElement("h3");
  head.textContent = style.label;
  const code = style.label === "BibTeX";
  const cite = document.createElement(code ? "pre" : "p");
  const ref = document.createElement(code ? "pre" : "p");
  cite.textContent = style.cite[key];
  if (code) ref.textContent = style.ref;
  else ref.innerHTML = style.ref; // formatted by the build (citeproc-py), from this very page
  const copy = document.createElement("button");
  copy.type = "button";
  copy.textContent = "Copy";
  copy.dataset.copy = `${cite.textContent}\n${ref.textContent}`;
  copy.setAttribute("aria-label", `Copy the ${style.label} citation`);
  wrap.append(head, cite, ref, copy);
  return wrap;
}

function open(what, pages) {
  const found = citeData();
  if (!found) return false;
  const key = pages[0] === pages[1] ? String(pages[0]) : `${pages[0]}-${pages[1]}`;
  const styles = Object.values(found.data.styles).filter((s) => key in s.cite);
  if (!styles.length) return false;
  if (!dialog) {
    dialog = document.createElement("dialog");
    dialog.className = "cite-dialog";
    dialog.setAttribute("aria-labelledby", "cite-title");
    document.body.append(dialog);
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog || targetOf(event).closest(".cite-close")) dialog.close();
      const copy = targetOf(event).closest("button[data-copy]");
      if (copy) copyText(copy);
    });
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "cite-close";
  close.textContent = "Close";
  const title = document.createElement("h2");
  title.id = "cite-title";
  title.textContent = `Cite ${what}, ${label(pages)}`;
  const status = document.createElement("p");
  status.className = "cite-status";
  status.setAttribute("role", "status");
  dialog.replaceChildren(close, title, ...styles.map((s) => section(s, key)), status);
  dialog.showModal();
  return true;
}

async function copyText(button) {
  const status = dialog.querySelector(".cite-status");
  try {
    await navigator.clipboard.writeText(button.dataset.copy);
    status.textContent = "Copied.";
  } catch {
    // No clipboard access (an insecure origin, a policy): select the text to copy by hand.
    const range = document.createRange();
    range.selectNodeContents(button.parentElement);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    status.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
  }
}

// ---- selected words (where the text is on the page) ---------------------------------------

function selection() {
  const sel = getSelection();
  if (!sel?.rangeCount || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const inText = (node) => {
    const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return el?.closest(".para-body") && !el.closest(".sidenote");
  };
  if (!inText(range.startContainer) || !inText(range.endContainer)) return null;
  const found = citeData();
  if (found?.edition !== "full") return null;
  return range;
}

/** The "Cite selection" button, beside words selected in the text (hidden otherwise). */
export function placeButton() {
  selected = selection();
  if (!selected) {
    if (floating) floating.hidden = true;
    return;
  }
  if (!floating) {
    floating = document.createElement("button");
    floating.type = "button";
    floating.className = "cite-float";
    floating.textContent = "Cite selection";
    // Keep the selection: a press on the button must not collapse it first.
    floating.addEventListener("pointerdown", (event) => event.preventDefault());
    floating.addEventListener("click", () => {
      if (!selected) return;
      const pages = [
        pageAt(selected.startContainer, selected.startOffset),
        pageAt(selected.endContainer, selected.endOffset),
      ];
      open("the selected words", pages);
    });
  }
  // In the block where the selection ends, so that Tab reaches it next; absolutely placed,
  // so nothing on the page moves.
  // selection() keeps a range only when it lies in a block's text.
  const para = /** @type {Element} */ (elementOf(selected.endContainer).closest(".para"));
  const rects = selected.getClientRects();
  const last = rects[rects.length - 1] || selected.getBoundingClientRect();
  const box = para.getBoundingClientRect();
  para.append(floating);
  floating.style.top = `${last.bottom - box.top + 4}px`;
  floating.style.left = `${Math.max(0, last.right - box.left - 80)}px`;
  floating.hidden = false;
}

let pending = false;
document.addEventListener("selectionchange", () => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    placeButton();
  });
});

/**
 * The "Cite" link of a block or a note; true when the dialog opened.
 * @param {Element} link
 */
export function fromLink(link) {
  const note = link.closest(".sidenote[id]");
  const para = link.closest(".para[data-pages]");
  if (note) {
    const number = note.querySelector(".sn-num");
    return open(`note ${number ? number.textContent : ""}`.trim(), notePages(note));
  }
  if (para) {
    const ref = para.querySelector(".para-ref");
    return open(ref ? ref.textContent : "this block", blockPages(para));
  }
  return false;
}

// The own-copy reader replaces the blocks' bodies: a kept selection may point into old text.
onTextReplaced(() => {
  selected = null;
  if (floating) floating.hidden = true;
});
