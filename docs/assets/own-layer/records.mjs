// The student's marks as they are kept on the device: one record per highlight or paragraph
// note, each carrying the format it was written in (`schema`). A later format adds a step to
// STEPS (from n to n + 1); records written by an older site are brought up to date when the
// store opens, and a record this site cannot read (written by a newer one, or damaged) is kept
// as it is and reported, never dropped.

/** The format this site writes. */
export const SCHEMA = 1;

export const COLORS = /** @type {const} */ (["yellow", "green", "blue", "pink"]);

/**
 * @typedef {object} Mark
 * @property {number} schema
 * @property {string} id
 * @property {"highlight" | "note"} kind  a highlight (words, a colour, maybe a note) or a note
 *   on a whole paragraph
 * @property {string} page  the reading page, relative to the site ("reading/introduction/")
 * @property {string} paragraph  the paragraph's id ("intro-2")
 * @property {string} exact  the highlighted words ("" for a paragraph note)
 * @property {string} before
 * @property {string} after
 * @property {number | null} occurrence
 * @property {string | null} color  one of COLORS (null for a paragraph note)
 * @property {string} note  the student's note, plain text ("" for none)
 * @property {number | null} printed  the printed page the words (or paragraph) start on
 * @property {string} created  ISO time
 * @property {string} updated  ISO time
 */

/** @type {Record<number, (record: any) => any>} from format n to n + 1 (none yet) */
export const STEPS = {};

export class FormatError extends Error {
  constructor(message) {
    super(message);
    this.name = "FormatError";
  }
}

const FIELDS = {
  id: "string",
  kind: "string",
  page: "string",
  paragraph: "string",
  exact: "string",
  before: "string",
  after: "string",
  note: "string",
  created: "string",
  updated: "string",
};

/**
 * A record in this site's format, or a FormatError that says why it cannot be.
 * @param {any} record
 * @param {Record<number, (record: any) => any>} [steps]
 * @param {number} [current]
 * @returns {Mark}
 */
export function migrate(record, steps = STEPS, current = SCHEMA) {
  if (!record || typeof record !== "object") throw new FormatError("not a mark: " + String(record));
  const from = record.schema;
  if (!Number.isInteger(from) || from < 1) {
    throw new FormatError(`mark ${record.id ?? "?"} has no format number (schema: ${from})`);
  }
  if (from > current) {
    throw new FormatError(
      `mark ${record.id ?? "?"} was written by a newer version of this site (format ${from}; ` +
        `this one reads up to ${current}): open the site's latest version, or export there`,
    );
  }
  let out = record;
  for (let v = from; v < current; v++) {
    const step = steps[v];
    if (!step) throw new FormatError(`no way from format ${v} to ${v + 1} (mark ${record.id})`);
    out = { ...step(out), schema: v + 1 };
  }
  return check(out);
}

/**
 * The record itself when it holds every field of the current format, else a FormatError
 * naming the first wrong one.
 * @param {any} m
 * @returns {Mark}
 */
export function check(m) {
  for (const [key, type] of Object.entries(FIELDS)) {
    if (typeof m[key] !== type)
      throw new FormatError(`mark ${m.id ?? "?"}: ${key} is not a ${type}`);
  }
  if (m.kind !== "highlight" && m.kind !== "note") {
    throw new FormatError(`mark ${m.id}: kind "${m.kind}" is neither "highlight" nor "note"`);
  }
  if (m.kind === "highlight" && !COLORS.includes(m.color)) {
    throw new FormatError(`mark ${m.id}: colour "${m.color}" is not one of ${COLORS.join(", ")}`);
  }
  if (m.kind === "highlight" && !m.exact) throw new FormatError(`mark ${m.id}: no words`);
  return m;
}

/**
 * Bring every record up to date: the migrated ones, and those that cannot be, with the reason.
 * @param {any[]} records
 * @param {Record<number, (record: any) => any>} [steps]
 * @param {number} [current]
 */
export function migrateAll(records, steps = STEPS, current = SCHEMA) {
  /** @type {Mark[]} */
  const marks = [];
  /** @type {{record: any, reason: string}[]} */
  const unreadable = [];
  for (const r of records) {
    try {
      marks.push(migrate(r, steps, current));
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      unreadable.push({ record: r, reason: e.message });
    }
  }
  return { marks, unreadable };
}

/**
 * A new mark in this format.
 * @param {Partial<Mark> & {kind: Mark["kind"], page: string, paragraph: string}} fields
 * @param {() => string} [newId]
 * @param {() => string} [now]
 * @returns {Mark}
 */
export function makeMark(fields, newId = randomId, now = () => new Date().toISOString()) {
  const t = now();
  return check({
    schema: SCHEMA,
    id: newId(),
    exact: "",
    before: "",
    after: "",
    occurrence: null,
    color: null,
    note: "",
    printed: null,
    created: t,
    updated: t,
    ...fields,
  });
}

function randomId() {
  return "m-" + crypto.randomUUID();
}

/**
 * Two marks that say the same thing: the same words in the same place with the same colour and
 * note, or the same note on the same paragraph. Import merges on this, so that importing the
 * same file twice, or a file exported from this device, adds nothing.
 * @param {Mark} a
 * @param {Mark} b
 */
export function sameMark(a, b) {
  return a.id === b.id || sameContent(a, b);
}

/**
 * @param {Mark} a
 * @param {Mark} b
 */
function sameContent(a, b) {
  return (
    a.kind === b.kind &&
    a.paragraph === b.paragraph &&
    a.exact === b.exact &&
    a.before === b.before &&
    a.after === b.after &&
    (a.occurrence ?? null) === (b.occurrence ?? null) &&
    a.color === b.color &&
    a.note === b.note
  );
}

/**
 * What an import changes: marks not kept yet (`added`), kept marks that the file holds in a
 * later edit (same id, later `updated`: the note changed on another device), and how many it
 * already had.
 * @param {Mark[]} kept
 * @param {Mark[]} incoming
 */
export function merge(kept, incoming) {
  /** @type {Mark[]} */
  const added = [];
  /** @type {Mark[]} */
  const updated = [];
  let duplicates = 0;
  for (const m of incoming) {
    const same = kept.find((k) => k.id === m.id);
    if (same) {
      if (m.updated > same.updated && !sameContent(same, m)) updated.push(m);
      else duplicates++;
    } else if ([...kept, ...added].some((k) => sameMark(k, m))) duplicates++;
    else added.push(m);
  }
  return { added, updated, duplicates };
}
