/* What this site remembers on this device, under one convention for every key: the site's own
   path, then the setting's name ("/annotated-reading/hide"), so that two sites on one host
   (GitHub Pages: user.github.io/a/ and /b/) keep theirs apart. Every read and write goes
   through here: storage can be refused (private mode, a policy, a full quota), and then a read
   gives null and a write does nothing, so the page still works for this visit.

   overrides/main.html's head script reads HIDE before the first paint, by the same rule from the
   template's base_url (tests/browser/test_margin_notes.py checks that the two agree). */

/** The site's root path, as every key begins: this file is assets/javascripts/storage.js. */
export const SITE = new URL("../../", import.meta.url).pathname;

/** The kinds of note the reader unticked, space-separated (sidenotes.js). */
export const HIDE = "hide";
/** "1" while the student's copy is kept in IndexedDB (your-copy/store.mjs, your-copy/loader.js). */
export const YOUR_COPY = "your-copy";

/** @param {string} name */
export const keyOf = (name) => SITE + name;

/** @typedef {"local" | "session"} Area  localStorage, or sessionStorage (this tab's visit) */

/** @param {Area} area */
const storage = (area) => (area === "session" ? sessionStorage : localStorage);

/**
 * @param {string} name
 * @param {Area} [area]
 * @returns {string | null}
 */
export function read(name, area = "local") {
  try {
    return storage(area).getItem(keyOf(name));
  } catch {
    return null;
  }
}

/**
 * Stores `value`, or forgets the setting when it is null; false when storage was refused.
 * @param {string} name
 * @param {string | null} value
 * @param {Area} [area]
 */
export function write(name, value, area = "local") {
  try {
    if (value === null) storage(area).removeItem(keyOf(name));
    else storage(area).setItem(keyOf(name), value);
    return true;
  } catch {
    return false;
  }
}
