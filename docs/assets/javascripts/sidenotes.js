/* Margin notes: only what reading.css cannot do on its own.

   - Narrow screens: a note's number (button.sn-ref) or its phrase (mark.anchor) opens and closes
     the note in place; Escape closes it and returns focus to the number. aria-expanded always says
     whether the note is visible, so reading.css shows exactly what the button announces.
   - A link to #sn-... opens that note and brings it into view, also after instant navigation.
   - Print: each paragraph's notes are copied, numbered, after the paragraph (CSS cannot move them).
   Collisions in the margin need no script: the notes are right floats with `clear: right`.
   Everything is bound once on `document` (delegation), so Material's instant navigation, which
   swaps the page content without reloading, needs only the per-page setup in `setUp`. */
(() => {
  "use strict";

  // Material's own breakpoint for its two sidebars; reading.css uses the same one.
  const wide = matchMedia("(min-width: 76.25em)");
  const FLASH_MS = 1600;
  let lastOpened = null;

  const buttons = () => document.querySelectorAll("button.sn-ref[aria-controls]");
  const noteOf = (button) => document.getElementById(button.getAttribute("aria-controls"));
  const buttonOf = (note) =>
    document.querySelector(`button.sn-ref[aria-controls="${CSS.escape(note.id)}"]`);

  // In the margin every note is visible; narrow, only the ones the reader opened.
  function sync() {
    for (const button of buttons()) {
      const open = wide.matches || button.dataset.open === "true";
      button.setAttribute("aria-expanded", String(open));
    }
  }

  function setOpen(button, open) {
    button.dataset.open = String(open);
    lastOpened = open ? button : null;
    sync();
  }

  function flash(note) {
    note.classList.add("sn-flash");
    setTimeout(() => note.classList.remove("sn-flash"), FLASH_MS);
  }

  // Narrow: toggle in place. Wide: the note is already in the margin, so point at it instead.
  function activate(button) {
    const note = noteOf(button);
    if (!note) return;
    if (wide.matches) {
      flash(note);
      note.scrollIntoView({ block: "nearest", behavior: "smooth" });
    } else {
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
    }
  }

  function reveal(id) {
    const note = id && id.startsWith("sn-") ? document.getElementById(id) : null;
    if (!note || !note.classList.contains("sidenote")) return;
    const button = buttonOf(note);
    if (button && !wide.matches) setOpen(button, true);
    flash(note);
    note.scrollIntoView({ block: "center" });
  }

  // One numbered list per paragraph, shown only by the print stylesheet.
  function printNotes(para) {
    const notes = para.querySelectorAll(".sidenote");
    if (!notes.length || para.querySelector(":scope > .sn-print-notes")) return;
    const list = document.createElement("ol");
    list.className = "sn-print-notes";
    list.setAttribute("aria-hidden", "true");
    for (const note of notes) {
      const item = document.createElement("li");
      item.dataset.kind = note.dataset.kind || "";
      for (const child of note.childNodes) item.append(child.cloneNode(true));
      for (const el of item.querySelectorAll("[id]")) el.removeAttribute("id");
      list.append(item);
    }
    para.append(list);
  }

  function setUp() {
    for (const para of document.querySelectorAll(".para")) printNotes(para);
    // Footnote markers carry their explanation in a tooltip; let the keyboard reach it too.
    for (const sup of document.querySelectorAll("sup.fn-marker:not([tabindex])")) {
      sup.tabIndex = 0;
    }
    sync();
    reveal(decodeURIComponent(location.hash.slice(1)));
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.sn-ref[aria-controls]");
    if (button) {
      activate(button);
      return;
    }
    // A tap on the phrase acts like its number, unless the reader is selecting text.
    const mark = event.target.closest("mark.anchor[data-note]");
    if (mark && !event.target.closest("a") && !String(window.getSelection())) {
      const next = mark.nextElementSibling;
      if (next && next.matches("button.sn-ref")) activate(next);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || wide.matches) return;
    const inside = document.activeElement && document.activeElement.closest(".sidenote");
    const focused = document.activeElement && document.activeElement.closest("button.sn-ref");
    const button = inside ? buttonOf(inside) : focused || lastOpened;
    if (!button || button.getAttribute("aria-expanded") !== "true") return;
    setOpen(button, false);
    if (inside || focused) button.focus();
  });

  wide.addEventListener("change", sync);

  // Material re-renders the page on instant navigation and announces it through document$;
  // without Material (or before it loads) the plain DOM events do the same job.
  if (window.document$) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  window.addEventListener("hashchange", () => reveal(decodeURIComponent(location.hash.slice(1))));
})();
