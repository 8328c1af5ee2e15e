/* On every page: "Read with your copy" (home, companion reading pages), "Forget my copy" while a
   copy is kept (a localStorage flag says so). main.mjs loads only when needed. */
(() => {
  "use strict";
  const base = new URL(".", document.currentScript.src);
  const root = new URL("../..", base).pathname;
  const main = () => import(new URL("main.mjs", base).href);

  function button(label, run) {
    const b = document.createElement("button");
    b.type = "button";
    // Not .md-button: its focus colours fail WCAG AA.
    b.style.cssText =
      "font:inherit;font-weight:700;padding:.3em .9em;border:.1rem solid;" +
      "border-radius:.1rem;background:none;color:var(--md-typeset-a-color);cursor:pointer";
    b.textContent = label;
    b.onclick = () => main().then((m) => run(m, b));
    return b;
  }

  function setUp() {
    const content = document.querySelector(".md-content__inner");
    if (!content || content.querySelector(".your-copy-bar")) return;
    const marker = document.querySelector(".reading-edition");
    const companion = marker && marker.dataset.edition === "companion";
    const kept = localStorage.getItem(root + ".your-copy") === "1";
    if (!kept && !companion && new URL(".", location).pathname !== root) return;
    const bar = document.createElement("p");
    bar.className = "your-copy-bar";
    if (kept) {
      bar.append("You are reading your own copy, kept on this device. ");
      bar.append(button("Forget my copy", (m) => m.forget()));
      if (companion) main().then((m) => m.showCopy());
    } else bar.append(button("Read with your copy", (m, b) => m.openPanel(b)));
    const title = content.querySelector("h1");
    title ? title.after(bar) : content.prepend(bar);
  }

  // main.mjs tells when a copy was kept or forgotten.
  document.addEventListener("your-copy:changed", () => {
    document.querySelector(".your-copy-bar")?.remove();
    setUp();
  });
  window.document$ ? document$.subscribe(setUp) : setUp();
})();
