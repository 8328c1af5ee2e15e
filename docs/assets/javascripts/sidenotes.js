/* Margin notes: only what reading.css cannot do on its own.

   - A note's number (button.sn-ref) or its phrase (mark.anchor) opens and closes the note; Escape
     closes it and returns focus to the number. aria-expanded is the one state, and reading.css
     shows what it says: on narrow screens a closed note is hidden, in the wide margin it is cut
     to its first line (a page has more notes than its margin can hold in full).
   - A link to #sn-... opens that note and brings it into view, also after instant navigation.
   - Print: each paragraph's notes are copied, numbered, after the paragraph (CSS cannot move them).
   Collisions in the margin need no script: the notes are right floats with `clear: right`.
   Everything is bound once on `document` (delegation), so Material's instant navigation, which
   swaps the page content without reloading, needs only the per-page setup in `setUp`. */
(() => {
  "use strict";

  // Material's breakpoint for the table of contents, which reading pages give up for the margin;
  // reading.css uses the same one.
  const wide = matchMedia("(min-width: 60em)");
  const calm = matchMedia("(prefers-reduced-motion: reduce)");
  const FLASH_MS = 1600;
  let lastOpened = null;

  const noteOf = (button) => document.getElementById(button.getAttribute("aria-controls"));
  const buttonOf = (note) =>
    document.querySelector(`button.sn-ref[aria-controls="${CSS.escape(note.id)}"]`);

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
    // In the margin the note may sit lower than its phrase: show the reader where it went.
    if (open && wide.matches) {
      flash(note);
      note.scrollIntoView({ block: "nearest", behavior: calm.matches ? "auto" : "smooth" });
    }
  }

  function reveal(id) {
    const note = id && id.startsWith("sn-") ? document.getElementById(id) : null;
    if (!note || !note.classList.contains("sidenote")) return;
    const button = buttonOf(note);
    if (button) setOpen(button, true);
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
    reveal(decodeURIComponent(location.hash.slice(1)));
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.sn-ref[aria-controls]");
    if (button) {
      activate(button);
      return;
    }
    // A tap on the phrase acts like its number, unless the reader is selecting text.
    if (event.target.closest("a") || String(window.getSelection())) return;
    const mark = event.target.closest("mark.anchor[data-note]");
    if (mark) {
      const next = mark.nextElementSibling;
      if (next && next.matches("button.sn-ref")) activate(next);
      return;
    }
    // A click on a note cut short in the margin opens it in full.
    const note = event.target.closest(".sidenote[id]");
    const owner = note && buttonOf(note);
    if (owner && wide.matches && owner.getAttribute("aria-expanded") === "false") {
      setOpen(owner, true);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const inside = document.activeElement && document.activeElement.closest(".sidenote");
    const focused = document.activeElement && document.activeElement.closest("button.sn-ref");
    const button = inside ? buttonOf(inside) : focused || lastOpened;
    if (!button || button.getAttribute("aria-expanded") !== "true") return;
    setOpen(button, false);
    if (inside || focused) button.focus();
  });

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
