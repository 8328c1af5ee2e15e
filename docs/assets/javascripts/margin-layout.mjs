/* Where each margin entry goes: a pure function of measured numbers (no DOM), so that it can be
   tested with `node --test` (tests/js/margin-layout.test.mjs) and timed on its own.

   Why this design (read against gwern.net's js/sidenotes.js and Google Docs' comment margin):
   - Like gwern, two margins: a note goes to the side where it can sit nearest its line (the right
     side first), and page turns are fixed marks the notes flow around. Unlike gwern, which sorts
     notes into "cells" and nudges them up and down by halves, each column here is packed by the
     pool-adjacent-violators method: entries that would overlap are merged into a run placed at the
     mean of their lines, which is the placement with the least total (squared) distance from the
     lines, in one pass. Each entry is held inside its own paragraph's band, so no note stands
     beside another paragraph.
   - Like Google Docs, an opened note keeps its place and the entries below it in its column move
     down out of its way (`openAt`), back again when it closes; nothing else moves.
   - Unlike gwern, which gives up on sidenotes when they cannot fit, a passage too dense for even
     two margins groups the entries of neighbouring lines into one ("3 notes"), which opens as a
     list, until every entry is within `tolerance` of its line. Notes never drift down the page. */

/** @typedef {{top: number, bottom: number}} Band */

/**
 * @typedef {object} MarginItem
 * @property {string} id
 * @property {number} top     the top of the phrase's line, in page pixels: where the entry belongs
 * @property {number} height  the entry's height as it will stand (one line closed, all of it open)
 * @property {number} band    index of the item's paragraph in `bands`
 * @property {number} [column] a fixed item's column (a page turn): it stays at `top`, in it
 */

/**
 * @typedef {object} MarginInput
 * @property {MarginItem[]} items in reading order
 * @property {Band[]} bands       the paragraphs' vertical extents, page pixels
 * @property {number} columns     1 (right) or 2 (right, left)
 * @property {number} gap         the least space between two entries
 * @property {number} groupHeight the height of a grouped entry ("3 notes")
 * @property {number} tolerance   the most a closed entry may stand from its line before grouping
 */

/**
 * @typedef {object} Placed
 * @property {string[]} ids  one id, or the notes of a group in reading order
 * @property {number} column 0 (right) or 1 (left)
 * @property {number} top    page pixels
 * @property {number} height
 * @property {boolean} fixed a page turn
 */

/**
 * @typedef {object} Entry
 * @property {string[]} ids
 * @property {number} want    where it belongs (a group: the mean of its lines)
 * @property {number} height
 * @property {number} weight
 * @property {number} lo      its band's limits for its top
 * @property {number} hi
 * @property {number[]} tops  its members' lines
 * @property {boolean} movable closed and free: may be grouped
 * @property {number} band
 * @property {number} pos
 */

/**
 * Place every entry. Deterministic; O(n) per packing, O(n²) at worst when grouping.
 * @param {MarginInput} input
 * @returns {Placed[]} in column order, top to bottom
 */
export function layoutMargin(input) {
  const { items, bands, gap } = input;
  const columns = input.columns >= 2 ? 2 : 1;
  /** @type {Entry[][]} */
  const lanes = Array.from({ length: columns }, () => []);
  /** @type {number[]} */
  const ends = Array(columns).fill(-Infinity);
  const order = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.top - b.item.top || a.i - b.i);
  for (const { item } of order) {
    const band = bands[item.band] ?? { top: -Infinity, bottom: Infinity };
    const fixed = item.column !== undefined;
    const want = item.top;
    /** @type {Entry} */
    const entry = {
      ids: [item.id],
      want,
      height: item.height,
      weight: 1,
      lo: band.top,
      hi: Math.max(band.top, band.bottom - item.height),
      tops: [item.top],
      movable: !fixed,
      band: item.band,
      pos: want,
    };
    if (fixed) {
      entry.lo = -Infinity;
      entry.hi = Infinity;
    }
    // The column where it can stand nearest its line, given those above it; the right first.
    let column = fixed ? Math.min(/** @type {number} */ (item.column), columns - 1) : 0;
    if (!fixed) {
      let best = Infinity;
      for (let c = 0; c < columns; c++) {
        const at = Math.max(want, ends[c] + gap);
        if (at - want < best - 0.5) {
          best = at - want;
          column = c;
        }
      }
    }
    lanes[column].push(entry);
    ends[column] = Math.max(ends[column], want) + entry.height;
  }
  /** @type {Placed[]} */
  const placed = [];
  lanes.forEach((lane, column) => {
    const packedLane = groupUntilLevel(lane, gap, input.groupHeight, input.tolerance);
    for (const e of packedLane) {
      placed.push({ ids: e.ids, column, top: e.pos, height: e.height, fixed: !e.movable });
    }
  });
  return placed;
}

/**
 * Pack a column; while an entry stands more than `tolerance` from one of its lines, merge the two
 * neighbours in its run whose lines are closest into a group, and pack again.
 * @param {Entry[]} lane
 * @param {number} gap
 * @param {number} groupHeight
 * @param {number} tolerance
 * @returns {Entry[]}
 */
function groupUntilLevel(lane, gap, groupHeight, tolerance) {
  let entries = lane;
  for (;;) {
    const runs = pack(entries, gap);
    let worst = -1;
    let worstBy = tolerance;
    // Too far from a line, or pushed out of its paragraph (a band too full for its notes).
    entries.forEach((e, i) => {
      if (!e.movable) return;
      const by = Math.max(...e.tops.map((t) => Math.abs(e.pos - t)), tolerance + e.pos - e.hi);
      if (by > worstBy + 0.5) {
        worst = i;
        worstBy = by;
      }
    });
    if (worst < 0) return entries;
    // The closest pair of neighbours in the worst entry's run (same paragraph, both movable).
    const [start, end] = runs.find(([s, e]) => s <= worst && worst <= e) ?? [worst, worst];
    let pair = -1;
    let span = Infinity;
    for (let i = Math.max(start, 0); i < end; i++) {
      const a = entries[i];
      const b = entries[i + 1];
      if (!a.movable || !b.movable || a.band !== b.band) continue;
      const s = Math.max(...a.tops, ...b.tops) - Math.min(...a.tops, ...b.tops);
      if (s < span) {
        span = s;
        pair = i;
      }
    }
    if (pair < 0) return entries; // nothing left to group: the best this column can do
    const a = entries[pair];
    const b = entries[pair + 1];
    const tops = [...a.tops, ...b.tops];
    const want = tops.reduce((x, y) => x + y, 0) / tops.length;
    /** @type {Entry} */
    const group = {
      ids: [...a.ids, ...b.ids],
      want,
      height: groupHeight,
      weight: tops.length,
      lo: Math.max(a.lo, b.lo),
      hi: Math.max(Math.max(a.lo, b.lo), Math.min(a.hi + a.height, b.hi + b.height) - groupHeight),
      tops,
      movable: true,
      band: a.band,
      pos: want,
    };
    entries = [...entries.slice(0, pair), group, ...entries.slice(pair + 2)];
  }
}

/**
 * Pool adjacent violators with bounds: sets each entry's `pos` so that none overlaps the next
 * (with `gap` between), each run as near the weighted mean of its entries' places as its
 * entries' bands allow. Returns the runs as [first, last] index pairs.
 * @param {Entry[]} entries in the column's order
 * @param {number} gap
 * @returns {Array<[number, number]>}
 */
export function pack(entries, gap) {
  /** @type {Run[]} */
  const runs = [];
  entries.forEach((e, i) => {
    // A run is a block: entry k stands at run.pos + its offset (the heights and gaps above it).
    // A page turn pins its run: the others in it are placed around it.
    /** @type {Run} */
    let run = {
      first: i,
      last: i,
      w: e.weight,
      wy: e.weight * e.want,
      lo: e.lo,
      hi: e.hi,
      size: e.height,
      pin: e.movable ? undefined : e.want,
      pos: 0,
    };
    run.pos = place(run);
    for (;;) {
      const prev = runs[runs.length - 1];
      if (!prev || prev.pos + prev.size + gap <= run.pos + 1e-6) break;
      runs.pop();
      const shift = prev.size + gap; // the later run's entries sit this far below the merged top
      run = {
        first: prev.first,
        last: run.last,
        w: prev.w + run.w,
        wy: prev.wy + run.wy - run.w * shift,
        lo: Math.max(prev.lo, run.lo - shift),
        hi: Math.min(prev.hi, run.hi - shift),
        size: shift + run.size,
        pin: prev.pin ?? (run.pin === undefined ? undefined : run.pin - shift),
        pos: 0,
      };
      run.pos = place(run);
    }
    runs.push(run);
  });
  for (const run of runs) {
    let y = run.pos;
    for (let k = run.first; k <= run.last; k++) {
      entries[k].pos = y;
      y += entries[k].height + gap;
    }
  }
  return runs.map((r) => [r.first, r.last]);
}

/**
 * @typedef {object} Run
 * @property {number} first
 * @property {number} last
 * @property {number} w    the sum of its entries' weights
 * @property {number} wy   the sum of weight × the top each entry asks of the run
 * @property {number} lo   the bounds of the run's top
 * @property {number} hi
 * @property {number} size its height, gaps included
 * @property {number | undefined} pin the run's top when it holds a page turn
 * @property {number} pos
 */

/**
 * A run's top: its weighted mean, inside its bounds; where the bounds cross (too much for the
 * band), its lower bound, so that the run starts in its paragraph and grouping takes the excess.
 * @param {Run} run
 */
function place(run) {
  if (run.pin !== undefined) return run.pin;
  const mean = run.wy / run.w;
  if (run.lo > run.hi) return run.lo;
  return Math.min(Math.max(mean, run.lo), run.hi);
}

/**
 * One entry opened in full (a note, or a group's list): it keeps its top and takes `height`; the
 * entries below it in its column (page turns too, for as long as it is open) move down as far as
 * they must. Everything else stays where it was.
 * @param {Placed[]} placed the closed layout (layoutMargin's result)
 * @param {number} index    the entry opened
 * @param {number} height   its height opened
 * @param {number} gap
 * @returns {Placed[]}
 */
export function openAt(placed, index, height, gap) {
  const opened = { ...placed[index], height };
  const out = placed.map((p, i) => (i === index ? opened : { ...p }));
  const below = out
    .filter((p) => p !== opened && p.column === opened.column && p.top >= opened.top)
    .sort((a, b) => a.top - b.top);
  let end = opened.top + opened.height + gap;
  for (const p of below) {
    p.top = Math.max(p.top, end);
    end = p.top + p.height + gap;
  }
  return out;
}
