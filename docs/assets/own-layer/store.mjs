// The student's marks on this device, and nowhere else: IndexedDB, one record per mark
// (records.mjs says what a record holds and how an older one is brought up to date). A flag in
// localStorage tells every page's boot.js that there are marks to paint, without opening the
// database. Names carry the site's path, so two sites on one host keep their marks apart.

import { keyOf, write } from "../javascripts/storage.js";
import { migrateAll, SCHEMA } from "./records.mjs";

/** @typedef {import("./records.mjs").Mark} Mark */

export const FLAG = keyOf("own-layer");
export const PLACES = keyOf("own-layer:places");
const DB = keyOf("own-layer"); // IndexedDB's names follow the same convention
const MARKS = "marks";

/* The database's own version is the records' format: a new format's upgrade makes what the
   stores need (none yet beyond the first), and open() then migrates the records themselves. */
function database() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, SCHEMA);
    req.onupgradeneeded = (e) => {
      if (e.oldVersion < 1) {
        const marks = req.result.createObjectStore(MARKS, { keyPath: "id" });
        marks.createIndex("page", "page");
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error("another tab holds an older version of the notes open"));
  });
}

/**
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T> | void} work
 * @returns {Promise<T | undefined>}
 */
async function run(mode, work) {
  const db = await database();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(MARKS, mode);
      const req = work(tx.objectStore(MARKS));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

function flag(any) {
  write("own-layer", any ? "1" : null);
}

/**
 * Every mark, brought up to the current format (and written back when one changed), and the
 * records that could not be read, with why.
 * @returns {Promise<{marks: Mark[], unreadable: {record: any, reason: string}[]}>}
 */
export async function all() {
  const records = /** @type {any[]} */ ((await run("readonly", (s) => s.getAll())) || []);
  const result = migrateAll(records);
  const changed = result.marks.filter((m) => !records.includes(m)); // migrated copies
  if (changed.length) await putAll(changed);
  flag(records.length > 0);
  return result;
}

/** @param {Mark[]} marks */
export async function putAll(marks) {
  await run("readwrite", (s) => {
    for (const m of marks) s.put(m);
  });
  if (marks.length) flag(true);
}

/** @param {Mark} mark */
export const put = (mark) => putAll([mark]);

/** @param {string} id */
export async function remove(id) {
  await run("readwrite", (s) => s.delete(id));
  const left = await run("readonly", (s) => s.count());
  flag(Boolean(left));
}

/** Every mark and every reading place gone; how many marks there were. */
export async function clear() {
  const count = (await run("readonly", (s) => s.count())) || 0;
  await run("readwrite", (s) => s.clear());
  flag(false);
  write("own-layer:places", null);
  return count;
}
