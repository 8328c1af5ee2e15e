/* The student's copy on this device, and nowhere else: the article as the ingestion made it,
   in IndexedDB, until "Forget my copy". A flag in localStorage tells every page's loader
   (loader.js) that a copy is kept, without opening the database. Names carry the site's path,
   so two sites on one host (GitHub Pages) keep their copies apart. */

const SCOPE = new URL("../..", import.meta.url).pathname;
export const FLAG = `${SCOPE}.your-copy`;
const DB = `${SCOPE}your-copy`;
const STORE = "copy";
const KEY = "current";

function database() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run(mode, work) {
  const db = await database();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/* copy: {article, text (the raw text it was read from), map (which structure map read it),
   source: {kind: "pdf" | "text", name}, report: {placed, total}} */
export async function save(copy) {
  await run("readwrite", (s) => s.put(copy, KEY));
  localStorage.setItem(FLAG, "1");
}

export async function load() {
  const copy = await run("readonly", (s) => s.get(KEY));
  if (!copy) localStorage.removeItem(FLAG);
  return copy || null;
}

export async function forget() {
  await run("readwrite", (s) => s.delete(KEY));
  localStorage.removeItem(FLAG);
}
