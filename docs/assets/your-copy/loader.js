/* "Read with your own copy", on every page: the one small script. It offers the reader on the
   home page and on companion reading pages, offers "Forget my copy" on every page while a copy
   is kept on this device (a flag in localStorage says so without opening IndexedDB), and loads
   the rest (main.mjs) only when it is needed. Re-run after each instant navigation. */
(() => {
  "use strict";
  const base = new URL(".", document.currentScript.src);
  const flag = new URL("../..", base).pathname + ".your-copy";
  const main = () => import(new URL("main.mjs", base).href);

  function button(label, run) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = label;
    b.addEventListener("click", () => main().then((m) => run(m, b)));
    return b;
  }

  function setUp() {
    const content = document.querySelector(".md-content__inner");
    if (!content || content.querySelector(".your-copy-bar")) return;
    const marker = document.querySelector(".reading-edition");
    const companion = marker && marker.dataset.edition === "companion";
    const home = new URL(".", location).pathname === new URL("../..", base).pathname;
    const kept = localStorage.getItem(flag) === "1";
    if (!kept && !home && !companion) return;
    const bar = document.createElement("p");
    bar.className = "your-copy-bar";
    if (kept) {
      bar.append("You are reading your own copy, kept on this device. ");
      bar.append(button("Forget my copy", (m) => m.forget()));
      if (companion) main().then((m) => m.showCopy());
    } else {
      bar.append(button("Read with your copy", (m, b) => m.openPanel(b)));
    }
    const title = content.querySelector("h1");
    if (title) title.after(bar);
    else content.prepend(bar);
  }

  // main.mjs says when a copy was kept or forgotten: the bar changes with it.
  document.addEventListener("your-copy:changed", () => {
    document.querySelector(".your-copy-bar")?.remove();
    setUp();
  });
  if (window.document$) window.document$.subscribe(setUp);
  else setUp();
})();
