/* On every page: "Read with your copy" (home, companion reading pages), "Forget my copy" while a
   copy is kept (a flag in storage says so). main.mjs is imported only when needed. The pages that
   offer a copy to everyone carry the bar already (overrides/main.html), so that nothing moves:
   its button is bound in place. Every other state of the bar, and the sentence said when the
   reader did not come, are taken from the page's <template id="your-copy-bar">
   (overrides/partials/your-copy-bar.html): this script writes no markup and no words. */

import { onEveryPage } from "../javascripts/page.js";
import { read, YOUR_COPY } from "../javascripts/storage.js";

/** A copy of the template's element matching `sel`. @param {string} sel @returns {any} */
const take = (sel) =>
  /** @type {HTMLTemplateElement | null} */ (document.getElementById("your-copy-bar"))?.content
    .querySelector(sel)
    ?.cloneNode(true);

// What the reader needs did not come (its modules; data.json for a kept copy): one sentence in
// the bar, where the button is, rather than a button that silently does nothing.
/** @param {HTMLElement} bar @param {(m: any) => unknown} then */
const main = (bar, then) =>
  import("./main.mjs").then(then).catch((e) => {
    const say = take("[role=alert]");
    if (e.name === "Refusal") say.textContent = e.message;
    bar.append(" ", say);
  });

/** The bar as this page and the kept copy want it; main.mjs calls it when a copy is kept or
    forgotten. */
export function showBar() {
  const content = document.querySelector(".md-content__inner");
  if (!content) return;
  /** @type {HTMLElement | null} */
  const marker = document.querySelector(".reading-edition");
  const companion = marker && marker.dataset.edition === "companion";
  const kept = read(YOUR_COPY) === "1";
  /** @type {HTMLElement | null} */
  let bar = content.querySelector(".your-copy-bar");
  // Added here (the page does not offer a copy): only while one is kept.
  const added = !bar || bar.dataset.added !== undefined;
  if (added && !kept) return bar?.remove();
  if (!bar || (bar.dataset.kept !== undefined) !== kept) {
    /** @type {HTMLElement} */
    const fresh = take(kept ? "[data-kept]" : ".your-copy-bar:not([data-kept])");
    if (added) fresh.dataset.added = "";
    const title = content.querySelector("h1");
    bar ? bar.replaceWith(fresh) : title ? title.after(fresh) : content.prepend(fresh);
    bar = fresh;
  }
  const b = /** @type {HTMLButtonElement} */ (bar.querySelector("button"));
  const here = bar;
  b.onclick = kept ? () => main(here, (m) => m.forget()) : () => main(here, (m) => m.openPanel(b));
  if (kept && companion) main(bar, (m) => m.showCopy());
}

onEveryPage(showBar);
