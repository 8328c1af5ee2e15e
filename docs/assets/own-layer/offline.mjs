// "Keep this reading on this device": the whole site stored by a service worker (Workbox) so
// that it opens and works with no network. boot.js imports this module on the first press of the
// home page's switch (data-keep-offline), on every page once the site is kept, and where it
// cannot be kept (to say so); My notes imports it to forget the stored copy.

const SITE = new URL("../../", import.meta.url);

/** The caches this site's service worker made (Workbox names carry the site's scope). */
async function ourCaches() {
  if (!("caches" in self)) return [];
  return (await caches.keys()).filter((k) => k.includes(SITE.href) || k.includes(SITE.pathname));
}

/**
 * Remove the offline copy: the service worker and its caches. What it removed, in words, or
 * null when there was nothing.
 */
export async function forgetOffline() {
  let removed = false;
  if ("serviceWorker" in navigator) {
    for (const r of await navigator.serviceWorker.getRegistrations()) {
      if (r.scope.startsWith(SITE.href)) removed = (await r.unregister()) || removed;
    }
  }
  const names = await ourCaches();
  for (const name of names) await caches.delete(name);
  return removed || names.length ? "the copy of the site kept for reading offline" : null;
}

export const OFFLINE = `${SITE.pathname}own-layer:offline`; // as javascripts/storage.js

const say = (/** @type {string} */ text) => {
  const s = document.querySelector("[data-keep-offline-status]");
  if (s) s.textContent = text;
};

/** @param {number} bytes */
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The switch's state and words: "off", "storing", "ready", "update" or "unavailable". */
function state(
  /** @type {HTMLButtonElement} */ button,
  /** @type {string} */ value,
  /** @type {string} */ label,
) {
  button.setAttribute("data-state", value);
  button.textContent = label;
}

async function stored() {
  if (!navigator.storage?.estimate) return "";
  const { usage } = await navigator.storage.estimate();
  return usage ? ` (${megabytes(usage)} on this device with your notes)` : "";
}

/** The registration of this site's worker, if the student kept the site. */
async function registration() {
  if (!("serviceWorker" in navigator)) return null;
  const r = await navigator.serviceWorker.getRegistration(SITE.href);
  return r && r.scope === SITE.href ? r : null;
}

/** Resolves when `worker` has stored every file (installed), or rejects when it failed. */
function installed(/** @type {ServiceWorker} */ worker) {
  return new Promise((resolve, reject) => {
    if (
      worker.state === "installed" ||
      worker.state === "activated" ||
      worker.state === "activating"
    ) {
      resolve(worker);
      return;
    }
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" || worker.state === "activated") resolve(worker);
      if (worker.state === "redundant") reject(new Error("the browser could not store every file"));
    });
  });
}

async function keep(/** @type {HTMLButtonElement} */ button) {
  state(button, "storing", "Storing this reading …");
  say("Storing every page and file of this reading in this browser …");
  try {
    const r = await navigator.serviceWorker.register(new URL("sw.js", SITE).href, {
      scope: SITE.pathname,
    });
    const worker = r.installing || r.waiting || r.active;
    if (worker) await installed(worker);
    await navigator.serviceWorker.ready;
    localStorage.setItem(OFFLINE, "1");
    if (navigator.storage?.persist) await navigator.storage.persist().catch(() => false);
    state(button, "ready", "Kept on this device: remove the offline copy");
    say(
      `This reading opens and works with no network${await stored()}. Your notes stay when the site is updated.`,
    );
  } catch (e) {
    state(button, "off", "Keep this reading on this device");
    say(`It could not be stored: ${/** @type {Error} */ (e).message}. Nothing was kept.`);
  }
}

async function remove(/** @type {HTMLButtonElement} */ button) {
  await forgetOffline();
  localStorage.removeItem(OFFLINE);
  state(button, "off", "Keep this reading on this device");
  say("The offline copy is removed; your notes are still here.");
}

let everyPage = false;
/** Once the site is kept, on every page: the app's manifest is named, and when a new build
    takes over (on the student's word, in any tab) every open page reloads, so that none mixes
    files of two builds. */
function keptSite() {
  if (everyPage || !localStorage.getItem(OFFLINE)) return;
  everyPage = true;
  const link = document.createElement("link");
  link.rel = "manifest";
  link.href = new URL("manifest.webmanifest", SITE).href;
  document.head.append(link);
  const sw = navigator.serviceWorker;
  if (sw?.controller) sw.addEventListener("controllerchange", () => location.reload());
}

/** The home page's switch (data-keep-offline), and what a kept site does on every page.
    `pressed`: the switch was pressed before this module came (boot.js): do what it asked. */
export async function bind(pressed = 0) {
  keptSite();
  const button = /** @type {HTMLButtonElement | null} */ (
    document.querySelector("[data-keep-offline]")
  );
  if (!button || button.dataset.bound) return;
  button.dataset.bound = "";
  const asked = button.getAttribute("data-state"); // what the switch said when it was pressed
  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    state(button, "unavailable", "Keep this reading on this device");
    button.disabled = true;
    say(
      "This browser cannot keep the site for reading offline (it needs a secure https:// address).",
    );
    return;
  }
  const r = await registration();
  if (r?.active) {
    state(button, "ready", "Kept on this device: remove the offline copy");
    say("This reading opens and works with no network. Your notes stay when the site is updated.");
    if (r.waiting) offerUpdate(r);
    r.addEventListener("updatefound", () => {
      const next = r.installing;
      if (next)
        installed(next).then(
          () => offerUpdate(r),
          () => {},
        );
    });
  }
  const act = () => (button.getAttribute("data-state") === "ready" ? remove(button) : keep(button));
  button.addEventListener("click", act);
  if (pressed) asked === "ready" ? remove(button) : keep(button);
}

/** A new build is stored beside the one in use: it takes over on the student's word, whole. */
function offerUpdate(/** @type {ServiceWorkerRegistration} */ r) {
  const status = document.querySelector("[data-keep-offline-status]");
  if (!status || !r.waiting) return;
  const update = document.createElement("button");
  update.type = "button";
  update.setAttribute("data-offline-update", "");
  update.textContent = "Use the new version";
  status.replaceChildren("A new version of this reading is stored. ", update);
  update.addEventListener("click", () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), {
      once: true,
    });
    r.waiting?.postMessage("skip-waiting");
  });
}
