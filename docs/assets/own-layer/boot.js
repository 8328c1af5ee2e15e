/* On every page (overrides/main.html): the student's own layer, loaded only when used. On a
   reading page, layer.mjs loads when this device keeps marks (a localStorage flag says so,
   store.mjs keeps it) or when the student selects words in a paragraph; "My notes" loads
   my-notes.mjs, the home page's "Keep this reading on this device" offline.mjs. Each reading
   page reopens where the student left it: the first paragraph in view is remembered here. */
(() => {
  const base = new URL(".", /** @type {HTMLScriptElement} */ (document.currentScript).src);
  const root = new URL("../..", base).pathname;
  const FLAG = root + ".own-layer";
  const PLACES = root + ".own-layer:places";
  const own = (name) => import(new URL(name, base).href);
  let layer = null;
  const load = () => {
    layer =
      layer ||
      own("layer.mjs").then((m) => {
        m.bind();
        return m;
      });
    return layer;
  };
  const paraOf = (n) => {
    const e = n && (n.nodeType === 1 ? n : n.parentElement);
    return e?.closest(".md-content .para[id]");
  };
  const page = () => decodeURI(location.pathname).slice(root.length);
  const places = () => {
    try {
      return JSON.parse(localStorage.getItem(PLACES) || "{}");
    } catch {
      return {};
    }
  };

  let settle = 0;
  document.addEventListener("selectionchange", () => {
    clearTimeout(settle);
    settle = setTimeout(() => {
      const s = getSelection();
      if (layer || (s && !s.isCollapsed && paraOf(s.anchorNode))) load().then((m) => m.selected());
    }, 200);
  });
  // H, with words selected, moves into the toolbar (before Material's own keys see it).
  document.addEventListener(
    "keydown",
    (e) => {
      if (e.key.toLowerCase() !== "h" || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = /** @type {Element | null} */ (e.target);
      if (target?.closest?.("input, textarea, select, [contenteditable]")) return;
      const s = getSelection();
      if (!s || s.isCollapsed || !paraOf(s.anchorNode)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      load().then((m) => m.focusToolbar());
    },
    true,
  );

  let saving = 0;
  addEventListener("scroll", () => {
    clearTimeout(saving);
    saving = setTimeout(() => {
      // The first paragraph in view and how far into it the view starts: a page made longer
      // or shorter by a new build still reopens at those words.
      const first = [...document.querySelectorAll(".md-content .para[id]")].find(
        (p) => p.getBoundingClientRect().bottom > 0,
      );
      if (!first) return;
      const all = places();
      all[page()] = [first.id, Math.round(-first.getBoundingClientRect().top)];
      localStorage.setItem(PLACES, JSON.stringify(all));
    }, 400);
  });

  function setUp() {
    if (document.querySelector("[data-my-notes]")) own("my-notes.mjs").then((m) => m.show());
    if (document.querySelector("[data-keep-offline]")) own("offline.mjs").then((m) => m.bind());
    if (!document.querySelector(".md-content .para[id]")) return;
    if (localStorage.getItem(FLAG)) load().then((m) => m.paint());
    const [id, into] = places()[page()] || [];
    const el = id && !location.hash && scrollY === 0 && document.getElementById(id);
    if (el) scrollTo(0, el.getBoundingClientRect().top + scrollY + into);
  }
  // Kept offline (offline.mjs): the page names the app's manifest, and when a new build takes
  // over (on the student's word, in any tab) every open page reloads, so none mixes two builds.
  if (localStorage.getItem(root + ".own-layer:offline")) {
    const link = document.createElement("link");
    link.rel = "manifest";
    link.href = root + "manifest.webmanifest";
    document.head.append(link);
    const sw = navigator.serviceWorker;
    if (sw?.controller) sw.addEventListener("controllerchange", () => location.reload());
  }
  // Material's instant navigation, when it is on: each new page is announced on document$.
  const material = /** @type {{document$?: {subscribe: (f: () => void) => void}}} */ (
    /** @type {unknown} */ (window)
  );
  material.document$ ? material.document$.subscribe(setUp) : setUp();
})();
