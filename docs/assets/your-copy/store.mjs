/* The student's copy on this device, and nowhere else: the article as the ingestion made it,
   in IndexedDB, until "Forget my copy". A flag in storage tells every page's loader (loader.js)
   that a copy is kept, without opening the database. The database is named as the flag's key
   is (storage.js: the site's path first), so two sites on one host keep their copies apart. */

import { keyOf, write, YOUR_COPY } from "../javascripts/storage.js";

const DB = keyOf(YOUR_COPY);
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
  write(YOUR_COPY, "1");
}

export async function load() {
  const copy = await run("readonly", (s) => s.get(KEY));
  if (!copy) write(YOUR_COPY, null);
  return copy || null;
}

export async function forget() {
  await run("readwrite", (s) => s.delete(KEY));
  write(YOUR_COPY, null);
}
