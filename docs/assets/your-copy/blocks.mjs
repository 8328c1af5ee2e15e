// A port of the structure-map half of scripts/annotated/ingest/blocks.py: where the body's
// blocks begin, found by the map's locators (every one found, in order, at the start of a
// line), and what the built blocks disagree with the map about. The browser never infers
// paragraphs: a text the map does not fit is refused (ingest.mjs), not guessed at.
//
//   mapSegments(lines, structure, path, warnings, words) -> [{id, type, lines}] | null
//   checkAgainstMap(blocks, structure, path) -> warnings
//   paragraphEnds(lines, from) -> index of the first line after the paragraph that starts at
//     `from`, by the build's inference rule (a short line that ends a sentence), or null

import { endsSentence } from "./lines.mjs";
import { reflow } from "./repairs.mjs";
import { cpLen, first, isDigit, isUpper, SPACE, strip } from "./unicode.mjs";

const SHORT = 0.9;
const SPACES = new RegExp(`[${SPACE}]+`, "gu");

export function mapBlocks(structure) {
  return structure.parts.flatMap((p) => p.blocks);
}

export function norm(text) {
  return strip(
    text
      .replaceAll("’", "'")
      .replaceAll("‘", "'")
      .replaceAll("“", '"')
      .replaceAll("”", '"')
      .replace(SPACES, " "),
  );
}

function startsWith(lines, i, locator, words) {
  const want = norm(locator);
  const firstWord = want.split(" ")[0];
  if (!norm(lines[i].text).startsWith(firstWord)) return false;
  let text = "";
  for (const line of lines.slice(i, i + 4)) {
    text = text ? reflow(`${text}\n${line.text}`, words) : line.text;
    if (cpLen(text) >= cpLen(want)) break;
  }
  return norm(text).startsWith(want);
}

export function mapSegments(lines, structure, path, warnings, words) {
  const wanted = mapBlocks(structure).filter((b) => b.type !== "abstract" && b.type !== "keywords");
  const starts = [];
  const missing = [];
  let pos = 0;
  for (const b of wanted) {
    let i = null;
    for (let k = pos; k < lines.length; k++) {
      if (startsWith(lines, k, b.locator, words)) {
        i = k;
        break;
      }
    }
    if (i === null) {
      missing.push(b.id);
      continue;
    }
    if (missing.length) {
      warnings.push(
        `${path}: the structure map does not fit this text: block "${missing[0]}" ` +
          `(locator not found before line ${lines[i].number}); paragraphs inferred instead`,
      );
      return null;
    }
    starts.push(i);
    pos = i + 1;
  }
  if (!starts.length) {
    if (lines.length) {
      warnings.push(
        `${path}: the structure map does not fit this text (no locator found); ` +
          "paragraphs inferred instead",
      );
    }
    return null;
  }
  if (missing.length) {
    warnings.push(
      `${path}: blocks of the structure map not in this excerpt: ${missing.join(", ")}`,
    );
  }
  const segments = [];
  if (starts[0] > 0) {
    warnings.push(
      `${path}:${lines[0].number}: text before the first mapped block kept as ` +
        '"unmapped-1"; add a block for it to notes/article.yml',
    );
    segments.push({ id: "unmapped-1", type: "paragraph", lines: lines.slice(0, starts[0]) });
  }
  const found = wanted.filter((b) => !missing.includes(b.id));
  found.forEach((b, k) => {
    const e = k + 1 < starts.length ? starts[k + 1] : lines.length;
    segments.push({ id: b.id, type: b.type ?? "paragraph", lines: lines.slice(starts[k], e) });
  });
  return segments;
}

// statistics.quantiles(lengths, n=4)[2] (the "exclusive" method), or the longest of < 4 lines.
export function typicalLength(lines) {
  const lengths = lines.map((ln) => cpLen(ln.text)).sort((a, b) => a - b);
  if (lengths.length < 4) return lengths.length ? lengths[lengths.length - 1] : 0;
  const m = lengths.length + 1;
  const j = Math.floor((3 * m) / 4);
  const delta = 3 * m - j * 4;
  return (lengths[j - 1] * (4 - delta) + lengths[j] * delta) / 4;
}

export function paragraphEnds(lines, from, full = typicalLength(lines)) {
  for (let i = from; i + 1 < lines.length; i++) {
    const text = lines[i].text;
    const next = first(lines[i + 1].text);
    const opens = isUpper(next) || isDigit(next) || '“‘"('.includes(next);
    if (endsSentence(text) && cpLen(text) < SHORT * full && next && opens) return i + 1;
  }
  return null;
}

const pyList = (xs) => `[${xs.join(", ")}]`;

export function checkAgainstMap(blocks, structure, path) {
  const found = new Map(blocks.map((b) => [b.id, b]));
  const out = [];
  for (const m of mapBlocks(structure)) {
    const b = found.get(m.id);
    if (b === undefined) continue;
    if (!norm(b.text).startsWith(norm(m.locator))) {
      const begins = Array.from(b.text).slice(0, 40).join("");
      out.push(
        `${path}: block "${m.id}" begins "${begins}", not with its locator ` +
          `"${m.locator}" in the structure map`,
      );
    }
    const same = b.pages.length === m.pages.length && b.pages.every((p, k) => p === m.pages[k]);
    if (!same && !b.truncated) {
      out.push(
        `${path}: block "${m.id}" is on pages ${pyList(b.pages)} of the text; the structure map ` +
          `says ${pyList(m.pages)}`,
      );
    }
  }
  return out;
}
