// A port of scripts/annotated/anchors.py: each note's phrase becomes offsets in its block, or a
// miss with the reason. As in the build: the exact phrase (spacing of the note ignored), then
// its context (`before`, `after`) or `occurrence` to choose between repeats, never a fuzzy
// guess; phrases may nest or follow each other, not overlap; numbers run from 1 on each reading
// page (a part of the structure map), in reading order.
//
//   anchorNotes(article, notes, structure) -> {anchored, misses, warnings}
//     article: ingestText's result; notes: [{id, paragraph, phrase, before, after, occurrence,
//     …}] (data.json's notes; the build's LocatedNote fields, flat; `path` and `line`, when
//     given, go into the messages); structure: the structure map (for the part of each block).
//     anchored: [{note, block, start, end, page, number}] in reading order (code points);
//     misses: [{note, status, message, path, line}], status "orphaned" | "ambiguous" |
//     "crossing" | "overlapping", message the build's own words.

import { ratio } from "./fuzz.mjs";
import { cpLen, lstrip, rstrip, SPACE, strip, toCodePoints, toUnits } from "./unicode.mjs";

const SPACES = new RegExp(`[${SPACE}]+`, "gu");
const S = `[${SPACE}]`;
const NS = `[^${SPACE}]`;
const LEFT_WORDS = new RegExp(`(?:${NS}+${S}+){0,3}(?=\\n?$)`, "u");
const RIGHT_WORDS = new RegExp(`^(?:${S}*${NS}+){0,3}`, "u");
const WORD = new RegExp(`${NS}+`, "gu");

export function normalisePhrase(phrase) {
  return strip(phrase.replace(SPACES, " "));
}

// Start offsets (UTF-16) of every, possibly overlapping, exact occurrence.
export function occurrences(text, phrase) {
  const found = [];
  if (!phrase) return found;
  for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) found.push(i);
  return found;
}

// Python's text[a:b] with code-point offsets, on a UTF-16 string.
function cpSlice(text, a, b) {
  return text.slice(toUnits(text, Math.max(0, a)), b === undefined ? undefined : toUnits(text, b));
}

export function select(text, phrase, starts, before, after) {
  if (!before && !after) return [...starts];
  const wantBefore = before ? normalisePhrase(before) : "";
  const wantAfter = after ? normalisePhrase(after) : "";
  const reach = 4 * (cpLen(wantBefore) + cpLen(wantAfter)) + 16;
  const keep = [];
  for (const s of starts) {
    const sc = toCodePoints(text, s);
    const head = rstrip(cpSlice(text, sc - reach, sc).replace(SPACES, " "));
    if (before && !head.endsWith(wantBefore)) continue;
    const ec = sc + cpLen(phrase);
    const tail = lstrip(cpSlice(text, ec, ec + reach).replace(SPACES, " "));
    if (after && !tail.startsWith(wantAfter)) continue;
    keep.push(s);
  }
  return keep;
}

function pyRound2(x) {
  // Python's round(x, 2) then "{:.2f}": ties (exactly k/8) go to the even hundredth.
  const eighths = x * 8;
  if (Number.isInteger(eighths) && eighths % 2 === 1) {
    const down = Math.floor(x * 100);
    return ((down % 2 === 0 ? down : down + 1) / 100).toFixed(2);
  }
  return x.toFixed(2);
}

export function nearest(text, phrase) {
  const spans = [...text.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]);
  const n = phrase.split(SPACES).filter(Boolean).length;
  /** @type {[number, string]} */
  let best = [0, ""];
  for (const size of [n, n - 1, n + 1]) {
    if (size < 1) continue;
    for (let i = 0; i + size <= spans.length; i++) {
      const candidate = text.slice(spans[i][0], spans[i + size - 1][1]);
      const score = ratio(phrase, candidate);
      if (score > best[0]) best = [score, candidate];
    }
  }
  return [pyRound2(best[0] / 100), best[1]];
}

function context(text, start, end) {
  const left = LEFT_WORDS.exec(text.slice(0, start));
  const right = RIGHT_WORDS.exec(text.slice(end));
  return `…${left ? left[0] : ""}[${text.slice(start, end)}]${right ? right[0] : ""}…`;
}

function describeContext(before, after) {
  const parts = [];
  if (before) parts.push(`after the words "${normalisePhrase(before)}"`);
  if (after) parts.push(`before the words "${normalisePhrase(after)}"`);
  return parts.join(" and ");
}

function miss(note, status, message) {
  return { note, status, message, path: note.path ?? null, line: note.line ?? null };
}

export function anchorNotes(article, notes, structure) {
  const blocks = new Map(article.blocks.map((b) => [b.id, b]));
  const order = article.blocks.map((b) => b.id);
  const misses = [];
  const found = [];
  for (const note of notes) {
    const block = blocks.get(note.paragraph);
    if (block === undefined) {
      misses.push(miss(note, "orphaned", `paragraph "${note.paragraph}" is not in the article`));
      continue;
    }
    const outcome = anchorOne(note, block, article, order);
    if (typeof outcome !== "number") misses.push(outcome);
    else found.push([note, block, outcome, outcome + normalisePhrase(note.phrase).length]);
  }
  const [kept, overlapping] = separateOverlaps(found);
  misses.push(...overlapping);
  const anchored = number(kept, structure, order);
  return { anchored, misses, warnings: orderWarnings(anchored) };
}

function clash(s1, e1, s2, e2) {
  if (s1 === s2 && e1 === e2) return true;
  const nested = (s1 <= s2 && e2 <= e1) || (s2 <= s1 && e1 <= e2);
  return !nested && s2 < e1 && s1 < e2;
}

function separateOverlaps(found) {
  const kept = [];
  const misses = [];
  const open = [];
  const sorted = [...found].sort((x, y) => cmp(x[1].id, y[1].id) || x[2] - y[2] || y[3] - x[3]);
  for (const f of sorted) {
    const [note, block, start, end] = f;
    // The kept phrases still open at this start nest; only the innermost can clash.
    const closed = (top) => top[1].id !== block.id || top[3] <= start;
    while (open.length && closed(open[open.length - 1])) open.pop();
    const top = open.length ? open[open.length - 1] : null;
    if (top === null || !clash(top[2], top[3], start, end)) {
      kept.push(f);
      open.push(f);
      continue;
    }
    const other = top[0];
    const phrase = normalisePhrase(note.phrase);
    const where = other.path != null ? ` (${other.path}:${other.line})` : "";
    let message =
      `phrase "${phrase}" overlaps the phrase of note "${other.id}"${where}; marked phrases ` +
      "may nest or follow each other, not overlap";
    if (start === top[2] && end === top[3]) {
      message =
        `phrase "${phrase}" is also the phrase of note "${other.id}"${where}; merge the two ` +
        "notes or mark different words";
    }
    misses.push(miss(note, "overlapping", message));
  }
  const original = new Map(found.map((f, i) => [f, i]));
  kept.sort((x, y) => original.get(x) - original.get(y));
  return [kept, misses];
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function pageAt(block, offset) {
  let page = block.pages.length ? block.pages[0] : 0;
  for (const br of block.page_breaks) if (br.offset <= offset) page = br.page;
  return page;
}

function number(found, structure, order) {
  const partOf = new Map();
  for (const p of structure.parts) for (const b of p.blocks) partOf.set(b.id, p.id);
  const rank = new Map(order.map((id, i) => [id, i]));
  const sorted = [...found].sort(
    (x, y) => rank.get(x[1].id) - rank.get(y[1].id) || x[2] - y[2] || x[3] - y[3],
  );
  const counters = new Map();
  return sorted.map(([note, block, start, end]) => {
    const part = partOf.get(block.id) ?? "";
    counters.set(part, (counters.get(part) ?? 0) + 1);
    const [s, e] = [toCodePoints(block.text, start), toCodePoints(block.text, end)];
    const page = pageAt(block, s);
    return { note, block: block.id, start: s, end: e, page, number: counters.get(part) };
  });
}

// Notes written out of reading order (only when the notes say where they were written).
function orderWarnings(anchored) {
  if (!anchored.every((a) => a.note.path != null && a.note.line != null)) return [];
  const byBlock = new Map();
  for (const a of anchored) {
    if (!byBlock.has(a.block)) byBlock.set(a.block, []);
    byBlock.get(a.block).push(a.note);
  }
  const warnings = [];
  for (const [block, reading] of byBlock) {
    const written = [...reading].sort((x, y) => cmp(x.path, y.path) || x.line - y.line);
    const k = reading.findIndex((n, i) => n !== written[i]);
    if (k === -1) continue;
    const first = reading[k];
    warnings.push(
      `${first.path}:${first.line}: the notes of ${block} are not in reading order ` +
        `("${normalisePhrase(first.phrase)}" comes earlier in the text); ` +
        "reorder them so both editions number them alike",
    );
  }
  return warnings;
}

function anchorOne(note, block, article, order) {
  const text = block.text;
  const phrase = normalisePhrase(note.phrase);
  const starts = occurrences(text, phrase);
  if (!starts.length) return orphan(note, block, article, order, phrase);
  const picked = select(text, phrase, starts, note.before, note.after);
  const ctx = describeContext(note.before, note.after);
  if (!picked.length) {
    const where = starts.map((s) => context(text, s, s + phrase.length)).join(", ");
    return miss(
      note,
      "orphaned",
      `phrase "${phrase}" occurs in ${block.id} but never ${ctx}; its occurrences: ${where}`,
    );
  }
  if (note.occurrence != null) {
    if (note.occurrence > picked.length) {
      return miss(
        note,
        "orphaned",
        `phrase "${phrase}" has occurrence: ${note.occurrence}, but occurs only ` +
          `${picked.length} time(s) in ${block.id}${ctx ? " " + ctx : ""}`,
      );
    }
    return picked[note.occurrence - 1];
  }
  if (picked.length > 1) {
    const where = picked
      .map((s, i) => `(${i + 1}) ${context(text, s, s + phrase.length)}`)
      .join(", ");
    return miss(
      note,
      "ambiguous",
      `ambiguous phrase "${phrase}": ${picked.length} occurrences in ${block.id}` +
        `${ctx ? " " + ctx : ""}: ${where}; add "before", "after" or "occurrence"`,
    );
  }
  return picked[0];
}

function orphan(note, block, article, order, phrase) {
  const i = order.indexOf(block.id);
  const byId = new Map(article.blocks.map((b) => [b.id, b]));
  for (const [a, b] of [
    [i, i + 1],
    [i - 1, i],
  ]) {
    if (a < 0 || b >= order.length) continue;
    const one = byId.get(order[a]);
    const two = byId.get(order[b]);
    const joined = one.text + " " + two.text;
    for (const s of occurrences(joined, phrase)) {
      if (s < one.text.length && one.text.length < s + phrase.length) {
        return miss(
          note,
          "crossing",
          `phrase "${phrase}" crosses from paragraph ${one.id} into ${two.id}; ` +
            "a phrase must stay inside one paragraph",
        );
      }
    }
  }
  const elsewhere = article.blocks
    .filter((b) => b.id !== block.id && b.text.includes(phrase))
    .map((b) => b.id);
  const [score, passage] = nearest(block.text, phrase);
  let message = `phrase "${phrase}" not found in ${block.id}; nearest (${score}): "${passage}"`;
  if (elsewhere.length) message += `; it does occur in ${elsewhere.join(", ")}`;
  return miss(note, "orphaned", message);
}
