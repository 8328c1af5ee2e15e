/* The margin of the full edition's reading pages on wide screens: measures the page, asks
   margin-layout.mjs (pure) where each entry goes, and writes the answer. Nothing here moves the
   text: entries are absolutely placed in the columns reading.css leaves beside it.

   - A closed entry is one line (number, kind, the note's first words). Hover, focus or a tap on
     its phrase, its number or the entry shows the whole note where the entry stood; the entries
     below it in that column move down out of its way, and back when it closes.
   - Lines too crowded even for both margins are grouped ("3 notes · 4 5 6"): the group opens as a
     list of its notes, and a phrase of the group opens the list with its note in full. Its
     button comes after the paragraph's phrases in the Tab order; Enter or Space opens the list
     and moves the focus to its first note (Tab then walks its notes, their links and phrases),
     Escape or the focus leaving the group closes it, Escape returning the focus to the button.
   - Laid out again, in one animation frame, on resize, font load, a change of the filter
     (html[data-hide]), a note opened or closed (aria-expanded, kept by sidenotes.js),
     the own-copy reader's swap and Material's instant navigation (page.js).
   - Each layout is timed as the performance measure "margin-layout" (the benchmark reads it).
   sidenotes.js imports this module only where it has work (the text shown, a wide screen); once
   here it stays, through instant navigation, for the pages that follow. Below 60em, in print and
   on a page without the text it writes nothing (and clears what it wrote): reading.css's rules
   for those stand as they are. */

import { layoutMargin, openAt } from "./margin-layout.mjs";
import { onEveryPage, onTextReplaced } from "./page.js";

const WIDE = matchMedia("screen and (min-width: 60em)");
const TOLERANCE = 30; // px: the most a closed entry stands from its line before lines are grouped
const GAP = 3; // px between two entries
const HOVER_OPEN_MS = 120; // a pointer passing over a phrase does not open its note
const HOVER_CLOSE_MS = 300; // time to move from the phrase to its note
const root = document.documentElement;

/** @type {string | null} what the pointer rests on: a note's id, or "group:<first id>" */
let hovered = null;
/** @type {string | null} what holds the focus: the same */
let focused = null;
/** @type {string | null} closed by Escape until the focus moves */
let dismissed = null;
let hoverTimer = 0;
let frame = 0;
/** @type {string | null} the note a link last brought into view here */
let revealed = null;
let closedHeight = 0; // a closed entry's, kept for when every note is open
/** @type {Map<string, HTMLButtonElement>} group buttons by the id of their first note */
const groups = new Map();

/** The reading page's marker when it shows the text (the build's full edition or one's own copy). */
function marker() {
  const m = document.querySelector(".reading-edition[data-edition='full']");
  return m instanceof HTMLElement ? m : null;
}

/** Lay the margin out in the next animation frame (many triggers, one layout). */
export function schedule() {
  if (!frame) frame = requestAnimationFrame(run);
}

function run() {
  cancelAnimationFrame(frame);
  frame = 0;
  const edition = marker();
  if (!edition || !WIDE.matches) {
    clear(edition);
    return;
  }
  performance.mark("margin-layout-start");
  lay(edition);
  performance.measure("margin-layout", "margin-layout-start");
  // A link to a note (sidenotes.js opened it and scrolled to where it stood): where it stands now.
  const id = decodeURIComponent(location.hash.slice(1));
  const note = id.startsWith("sn-") && id !== revealed ? document.getElementById(id) : null;
  if (note?.classList.contains("sn-full")) {
    revealed = id;
    note.scrollIntoView({ block: "center" });
  }
}

/** @param {HTMLElement | null} edition */
function clear(edition) {
  for (const button of groups.values()) button.remove();
  groups.clear();
  for (const el of document.querySelectorAll("[data-side]")) {
    if (!(el instanceof HTMLElement)) continue;
    el.removeAttribute("data-side");
    el.removeAttribute("data-grouped");
    el.classList.remove("sn-full");
    el.style.removeProperty("top");
  }
  if (edition) delete edition.dataset.margin;
}

/** @param {Element} el */
const shown = (el) => el instanceof HTMLElement && el.offsetParent !== null;

/** Is this note to be shown in full: opened (its number says so), pointed at, or focused? */
function active(/** @type {HTMLElement} */ note) {
  const button = document.querySelector(`button.sn-ref[aria-controls="${CSS.escape(note.id)}"]`);
  if (button && button.getAttribute("aria-expanded") === "true") return true;
  if (note.id === dismissed) return false;
  return note.id === hovered || note.id === focused || note.contains(document.activeElement);
}

/** @param {HTMLElement} edition */
function lay(edition) {
  const paras = [...document.querySelectorAll(".reading-edition ~ .para")].filter(shown);
  const notes = /** @type {HTMLElement[]} */ ([
    ...document.querySelectorAll(".reading-edition ~ .para .para-body span.sidenote[id]"),
  ]);
  const turns = /** @type {HTMLElement[]} */ ([
    ...document.querySelectorAll(
      ".reading-edition ~ .para .para-body p:not(.page-between) .page-turn > a",
    ),
  ]);

  // Writes first (which notes show in full; the margin's rules on), then every read, then the
  // layout, then writes.
  for (const note of notes) note.classList.toggle("sn-full", active(note));
  if (!edition.dataset.margin) edition.dataset.margin = "right"; // reading.css's margin rules on
  const content = edition.parentElement?.getBoundingClientRect();
  const first = paras[0]?.getBoundingClientRect();
  if (!content || !first) return;
  // Two margins where reading.css left room on the left for one (the article's padding).
  const width = notes.find(shown)?.offsetWidth || 0;
  const columns = width > 0 && first.left - content.left >= width + 8 ? 2 : 1;
  const y = scrollY;
  const bands = paras.map((p) => {
    const r = p.getBoundingClientRect();
    return { top: r.top + y, bottom: r.bottom + y + parseFloat(getComputedStyle(p).marginBottom) };
  });
  const bandOf = (/** @type {Element} */ el) =>
    paras.indexOf(/** @type {HTMLElement} */ (el.closest(".para")));

  /** @type {Map<string, {el: HTMLElement, closed: number, full: number}>} */
  const byId = new Map();
  /** @type {import("./margin-layout.mjs").MarginItem[]} */
  const items = [];
  for (const note of notes) {
    const mark = document.querySelector(`mark.anchor[data-note="${CSS.escape(note.id)}"]`);
    const line = mark?.getClientRects()[0];
    if (!shown(note) || !line) continue; // a hidden kind frees its room
    const full = note.offsetHeight;
    byId.set(note.id, { el: note, closed: 0, full });
    items.push({ id: note.id, top: line.top + y, height: 0, band: bandOf(note) });
  }
  // A closed entry's height: one line (reading.css), its padding and borders; a group's too.
  const sample = notes.find((n) => !n.classList.contains("sn-full"));
  if (sample) {
    const style = getComputedStyle(sample);
    const sizes = ["line-height", "padding-top", "padding-bottom", "border-top-width"];
    closedHeight = [...sizes, "border-bottom-width"]
      .map((k) => parseFloat(style.getPropertyValue(k)) || 0)
      .reduce((x, z) => x + z, 0);
  }
  const closed = closedHeight;
  for (const item of items) {
    item.height = closed;
    const entry = byId.get(item.id);
    if (entry) entry.closed = closed;
  }
  const turnSide = columns - 1; // page turns: the left margin when there are two
  for (const [i, a] of turns.entries()) {
    const line = a.parentElement?.getClientRects()[0];
    if (!line) continue;
    const id = `turn:${i}`;
    byId.set(id, { el: a, closed: a.offsetHeight, full: a.offsetHeight });
    items.push({
      id,
      top: line.top + y,
      height: a.offsetHeight,
      band: bandOf(a),
      column: turnSide,
    });
  }

  let placed = layoutMargin({
    items,
    bands,
    columns,
    gap: GAP,
    groupHeight: closed,
    tolerance: TOLERANCE,
  });

  // Open what is active, top first: each keeps its top and pushes what is below in its column.
  const order = placed.map((_, i) => i).sort((a, b) => placed[a].top - placed[b].top);
  for (const i of order) {
    const p = placed[i];
    if (p.fixed) continue;
    if (p.ids.length === 1) {
      const entry = byId.get(p.ids[0]);
      if (entry?.el.classList.contains("sn-full")) placed = openAt(placed, i, entry.full, GAP);
      continue;
    }
    const button = groups.get(p.ids[0]);
    if (groupOpen(p.ids, button)) {
      const list = p.ids.reduce((h, id) => {
        const e = byId.get(id);
        return h + GAP + (e ? (e.el.classList.contains("sn-full") ? e.full : e.closed) : 0);
      }, closed);
      placed = openAt(placed, i, list, GAP);
    }
  }

  // Writes: each element's top is relative to its paragraph (reading.css positions it there).
  const seen = new Set();
  for (const p of placed) {
    const side = p.column === 0 ? "right" : "left";
    if (p.ids.length === 1) {
      const entry = byId.get(p.ids[0]);
      if (entry) put(entry.el, side, p.top, bands[bandOf(entry.el)]);
      continue;
    }
    const key = p.ids[0];
    seen.add(key);
    const button = groupButton(
      key,
      p.ids,
      /** @type {HTMLElement} */ (paras[bandOf(byId.get(key)?.el ?? paras[0])]),
    );
    put(button, side, p.top, bands[bandOf(button)]);
    const open = groupOpen(p.ids, button);
    // (Only when it changes: the observer below would lay the margin out again.)
    if (button.getAttribute("aria-expanded") !== String(open))
      button.setAttribute("aria-expanded", String(open));
    let top = p.top + closed + GAP;
    for (const id of p.ids) {
      const entry = byId.get(id);
      if (!entry) continue;
      entry.el.toggleAttribute("data-grouped", !open);
      put(entry.el, side, top, bands[bandOf(entry.el)]);
      top += (entry.el.classList.contains("sn-full") ? entry.full : entry.closed) + GAP;
    }
  }
  for (const p of placed)
    if (p.ids.length === 1) byId.get(p.ids[0])?.el.removeAttribute("data-grouped");
  for (const [key, button] of groups) {
    if (!seen.has(key)) {
      button.remove();
      groups.delete(key);
    }
  }
  edition.dataset.margin = columns === 2 ? "both" : "right";
}

/**
 * @param {HTMLElement} el
 * @param {string} side
 * @param {number} top page pixels
 * @param {{top: number} | undefined} band its paragraph, which reading.css places it in
 */
function put(el, side, top, band) {
  if (el.dataset.side !== side) el.dataset.side = side;
  el.style.top = `${Math.round(top - (band?.top ?? 0))}px`;
}

/**
 * @param {string[]} ids
 * @param {HTMLButtonElement | undefined} button
 */
function groupOpen(ids, button) {
  const key = `group:${ids[0]}`;
  if (button && button.dataset.pinned === "true") return true;
  // The pointer resting on it shows the list; the focus does not (the button says
  // aria-expanded="false" until it is pressed, as a disclosure does).
  if (key === hovered) return key !== dismissed;
  return ids.some((id) => {
    const note = document.getElementById(id);
    return note instanceof HTMLElement && note.classList.contains("sn-full");
  });
}

/**
 * The button standing for a group: its numbers and how many notes; it opens them as a list.
 * @param {string} key
 * @param {string[]} ids
 * @param {HTMLElement} para
 */
function groupButton(key, ids, para) {
  let button = groups.get(key);
  const numbers = ids.map(
    (id) => document.getElementById(id)?.querySelector(".sn-num")?.textContent ?? "?",
  );
  const label = `${ids.length} notes: ${numbers.join(" · ")}`;
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "sn-group";
    button.dataset.group = key;
    groups.set(key, button);
  }
  if (button.parentElement !== para) para.append(button);
  if (button.textContent !== label) {
    button.setAttribute("aria-controls", ids.join(" "));
    const count = Object.assign(document.createElement("span"), {
      className: "sn-group-count",
      textContent: `${ids.length} notes:`,
    });
    button.replaceChildren(count, ` ${numbers.join(" · ")}`);
  }
  return button;
}

// ---- what opens a note: the pointer, the focus, Escape; clicks are sidenotes.js's -----------

/** @param {EventTarget | null} target */
function subject(target) {
  if (!(target instanceof Element)) return null;
  const group = target.closest("button.sn-group");
  if (group instanceof HTMLElement) return `group:${group.dataset.group ?? ""}`;
  const mark = target.closest("mark.anchor[data-note]");
  if (mark instanceof HTMLElement) return mark.dataset.note ?? null;
  const ref = target.closest("button.sn-ref[aria-controls]");
  if (ref) return ref.getAttribute("aria-controls");
  const note = target.closest(".para-body span.sidenote[id]");
  return note ? note.id : null;
}

/** @param {string | null} next */
function hover(next) {
  clearTimeout(hoverTimer);
  if (next === hovered) return;
  hoverTimer = window.setTimeout(
    () => {
      hovered = next;
      schedule();
    },
    next ? HOVER_OPEN_MS : HOVER_CLOSE_MS,
  );
}

document.addEventListener("pointerover", (event) => {
  if (event.pointerType !== "mouse" || !WIDE.matches || !marker()) return;
  const next = subject(event.target);
  // Within an open group's list, the pointer keeps the group open.
  const inGroup =
    hovered?.startsWith("group:") &&
    next &&
    groups.get(hovered.slice(6))?.getAttribute("aria-controls")?.split(" ").includes(next);
  if (inGroup) return hover(hovered);
  hover(next);
});

/** The open (pinned) group and its notes' ids, if any. */
function pinned() {
  const button = document.querySelector("button.sn-group[data-pinned='true']");
  if (!(button instanceof HTMLButtonElement)) return null;
  return { button, ids: button.getAttribute("aria-controls")?.split(" ") ?? [] };
}

document.addEventListener("focusin", (event) => {
  dismissed = null;
  focused = subject(event.target);
  // The focus has left an open group (its button, its notes and their phrases): it closes.
  const open = pinned();
  if (open && event.target !== open.button && !(focused && open.ids.includes(focused)))
    open.button.dataset.pinned = "false";
  schedule();
});

document.addEventListener("focusout", () => {
  focused = null;
  schedule();
});

document.addEventListener("click", (event) => {
  // What is clicked is what the pointer rests on, at once: no other note stays open over it.
  const next = subject(event.target);
  if (next && event.pointerType === "mouse") {
    clearTimeout(hoverTimer);
    hovered = next;
  }
  const group = event.target instanceof Element && event.target.closest("button.sn-group");
  if (!(group instanceof HTMLElement)) return;
  group.dataset.pinned = String(group.dataset.pinned !== "true");
  // Pressed from the keyboard (a click of no pointer): into the list, now, once it is laid out
  // open (a closed group's notes are hidden, so cannot take the focus).
  const first = document.getElementById(group.getAttribute("aria-controls")?.split(" ")[0] ?? "");
  if (event.detail === 0 && group.dataset.pinned === "true" && first) {
    run();
    first.tabIndex = -1; // focusable from a script, not a stop of its own in the Tab order
    first.focus();
    return;
  }
  schedule();
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = pinned();
  if (open) {
    open.button.dataset.pinned = "false";
    // From its list, back to its button (a note opened from its number inside it is
    // sidenotes.js's: its Escape returns to that phrase).
    const note = document.activeElement?.closest(".para-body span.sidenote[id]");
    const ref = note && document.querySelector(`button.sn-ref[aria-controls="${note.id}"]`);
    if (note && open.ids.includes(note.id) && ref?.getAttribute("aria-expanded") !== "true")
      open.button.focus();
  }
  dismissed = focused ?? hovered;
  hovered = null;
  schedule();
});

// ---- when to lay out again --------------------------------------------------------------

new MutationObserver(schedule).observe(root, {
  subtree: true,
  attributes: true,
  attributeFilter: ["aria-expanded", "data-hide", "data-edition"],
});
new ResizeObserver(schedule).observe(root);
WIDE.addEventListener("change", schedule);
document.fonts?.ready.then(schedule);
document.fonts?.addEventListener?.("loadingdone", schedule);
onTextReplaced(schedule);
window.addEventListener("hashchange", () => {
  revealed = null;
  schedule();
});
onEveryPage(() => {
  revealed = null;
  schedule();
});
