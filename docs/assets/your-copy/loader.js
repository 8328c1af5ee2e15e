/* On every page: "Read with your copy" (home, companion reading pages), "Forget my copy" while a
   copy is kept (a flag in storage says so). main.mjs is imported only when needed. The pages that
   offer a copy to everyone carry the bar already (overrides/main.html), so that nothing moves:
   its button is bound and relabelled in place; on the others it is added, for a kept copy only. */

import { onEveryPage } from "../javascripts/page.js";
import { read, YOUR_COPY } from "../javascripts/storage.js";

// What the reader needs did not come (its modules; data.json for a kept copy): one sentence in
// the bar, where the button is, rather than a button that silently does nothing.
/** @param {HTMLElement} bar @param {(m: any) => unknown} then */
const main = (bar, then) =>
  import("./main.mjs").then(then).catch((e) => {
    const say = document.createElement("span");
    say.role = "alert";
    say.textContent =
      e.name === "Refusal"
        ? e.message
        : "This site could not give the reader of your copy (assets/your-copy/main.mjs and its modules): reload the page, or tell the site’s editors.";
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
  if (bar && bar.dataset.added !== undefined && !kept) bar.remove();
  if (!bar?.isConnected) {
    if (!kept) return;
    bar = document.createElement("p");
    bar.className = "your-copy-bar";
    bar.dataset.added = "";
    const title = content.querySelector("h1");
    title ? title.after(bar) : content.prepend(bar);
  }
  const b = bar.querySelector("button") || document.createElement("button");
  b.type = "button";
  if (kept) {
    b.textContent = "Forget my copy";
    b.onclick = () => main(bar, (m) => m.forget());
    bar.replaceChildren("You are reading your own copy, kept on this device. ", b);
    if (companion) main(bar, (m) => m.showCopy());
  } else {
    b.textContent = "Read with your copy";
    b.onclick = () => main(bar, (m) => m.openPanel(b));
    bar.replaceChildren(b);
  }
}

onEveryPage(showBar);
