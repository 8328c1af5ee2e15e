// "Keep this reading on this device": the whole site stored by a service worker (Workbox) so
// that it opens and works with no network. boot.js imports this module on the home page (where
// the switch is, data-keep-offline) and My notes imports it to forget the stored copy.

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

export function bind() {}
