/* On every page (overrides/main.html): the student's own layer, loaded only when used. On a
   reading page, layer.mjs loads when this device keeps marks (a localStorage flag says so,
   store.mjs keeps it) or when the student selects words in a paragraph; "My notes" loads
   my-notes.mjs, the home page's "Keep this reading on this device" offline.mjs, which also
   runs on every page once the site is kept. Each reading page reopens where the student left
   it: the first paragraph in view, and how far into it, is remembered here. Kept small (a page
   that does not use the layer carries under 1 KB more: tests/test_offline.py). The home page's
   switch loads offline.mjs on its first press, unless the page must say at once that the site
   is kept (a flag, or a page the worker serves) or cannot be (no service worker here). */
(() => {
  const base = new URL(".", /** @type {HTMLScriptElement} */ (document.currentScript).src);
  const root = new URL("../..", base).pathname;
  const PARA = ".md-content .para[id]";
  const PLACES = root + "own-layer:places"; // keys as javascripts/storage.js names them
  const store = localStorage;
  const own = (/** @type {string} */ name) => import(new URL(name + ".mjs", base).href);
  const has = (/** @type {string} */ s) => document.querySelector(s);
  /** @type {Promise<any> | null} */
  let layer = null;
  const load = () => {
    layer = layer || own("layer").then((m) => m.bind() || m);
    return layer;
  };
  const page = () => decodeURI(location.pathname).slice(root.length);
  const places = () => {
    try {
      return JSON.parse(store.getItem(PLACES) || "{}");
    } catch {
      return {};
    }
  };

  let wait = 0;
  document.addEventListener("selectionchange", () => {
    clearTimeout(wait);
    wait = setTimeout(() => {
      const s = getSelection();
      const n = s && !s.isCollapsed ? s.anchorNode : null;
      const e = n && (n.nodeType === 1 ? /** @type {Element} */ (n) : n.parentElement);
      if (layer || e?.closest(PARA)) load().then((m) => m.selected());
    }, 200);
  });

  let saving = 0;
  addEventListener("scroll", () => {
    clearTimeout(saving);
    saving = setTimeout(() => {
      const first = [...document.querySelectorAll(PARA)].find(
        (p) => p.getBoundingClientRect().bottom > 0,
      );
      if (!first) return;
      const all = places();
      all[page()] = [first.id, Math.round(-first.getBoundingClientRect().top)];
      store.setItem(PLACES, JSON.stringify(all));
    }, 400);
  });

  const sw = navigator.serviceWorker;
  document.addEventListener("click", (event) => {
    const t = /** @type {Element} */ (event.target);
    if (t.closest?.("[data-keep-offline]:not([data-bound])")) own("offline").then((m) => m.bind(1));
  });

  function setUp() {
    if (has("[data-my-notes]")) own("my-notes").then((m) => m.show());
    const kept = store.getItem(root + "own-layer:offline") || sw?.controller;
    if (kept || (has("[data-keep-offline]") && !(sw && isSecureContext))) {
      own("offline").then((m) => m.bind());
    }
    if (!has(PARA)) return;
    if (store.getItem(root + "own-layer")) load().then((m) => m.paint());
    const [id, into] = places()[page()] || [];
    const el = id && !location.hash && scrollY === 0 && document.getElementById(id);
    if (el) scrollTo(0, el.getBoundingClientRect().top + scrollY + into);
  }
  // Material's instant navigation, when it is on: each new page is announced on document$.
  const material = /** @type {{document$?: {subscribe: (f: () => void) => void}}} */ (
    /** @type {unknown} */ (window)
  );
  material.document$ ? material.document$.subscribe(setUp) : setUp();
})();
