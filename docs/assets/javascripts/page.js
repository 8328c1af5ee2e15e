/* When our scripts set a page up: on every page shown, and again when the reading's text is
   replaced. Material's instant navigation swaps the content without a new load, and tells of
   each page shown through its document$ (which also replays the current one); the own-copy
   reader (your-copy/main.mjs) replaces the blocks' bodies and calls textReplaced(). */

/** @typedef {{subscribe(next: () => void): unknown}} Observable */

/**
 * Runs `setUp` for this page and for each page instant navigation shows after it.
 * @param {() => void} setUp
 */
export function onEveryPage(setUp) {
  const material = /** @type {{document$?: Observable}} */ (/** @type {unknown} */ (window));
  if (material.document$) material.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
}

/** @type {Set<() => void>} */
const replaced = new Set();

/**
 * Runs `then` each time the reading's text has been replaced on this page.
 * @param {() => void} then
 */
export function onTextReplaced(then) {
  replaced.add(then);
}

/** The reading's text was replaced (the own-copy reader's swap): set the page up again. */
export function textReplaced() {
  for (const then of replaced) then();
}
