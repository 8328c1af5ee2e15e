// rapidfuzz's `fuzz.partial_ratio`, which the build uses to recognise a running head by the
// journal's name or the title: the best Indel similarity (0–100) of the shorter string against
// every alignment with the longer one (windows of its length, and the partial windows at either
// end). rapidfuzz searches every alignment too for a needle of up to 64 characters; for longer
// ones it tries only those that start at a common block, which can score lower than this.

export function partialRatio(a, b) {
  const s1 = Array.from(a);
  const s2 = Array.from(b);
  if (!s1.length && !s2.length) return 100;
  const [short, long] = s1.length <= s2.length ? [s1, s2] : [s2, s1];
  let best = bestAlignment(short, long);
  if (best !== 1 && s1.length === s2.length) best = Math.max(best, bestAlignment(long, short));
  return best * 100;
}

function bestAlignment(s1, s2) {
  const chars = new Set(s1);
  const len1 = s1.length;
  const len2 = s2.length;
  let best = 0;
  const consider = (window) => {
    const r = similarity(s1, window);
    if (r > best) best = r;
    return best === 1;
  };
  for (let i = 1; i < len1; i++) {
    if (chars.has(s2[i - 1]) && consider(s2.slice(0, i))) return 1;
  }
  for (let i = 0; i < len2 - len1; i++) {
    if (chars.has(s2[i + len1 - 1]) && consider(s2.slice(i, i + len1))) return 1;
  }
  for (let i = Math.max(0, len2 - len1); i < len2; i++) {
    if (chars.has(s2[i]) && consider(s2.slice(i))) return 1;
  }
  return best;
}

// 1 - Indel distance / total length, the Indel distance being len1 + len2 - 2 × LCS.
export function similarity(s1, s2) {
  const total = s1.length + s2.length;
  if (!total) return 1;
  const dist = total - 2 * lcs(s1, s2);
  return 1.0 - dist / total;
}

function lcs(s1, s2) {
  let prev = new Array(s2.length + 1).fill(0);
  for (const c of s1) {
    const row = [0];
    for (let j = 0; j < s2.length; j++) {
      row.push(c === s2[j] ? prev[j] + 1 : Math.max(prev[j + 1], row[j]));
    }
    prev = row;
  }
  return prev[s2.length];
}

// rapidfuzz's `fuzz.ratio`: the Indel similarity of the two strings, 0–100.
export function ratio(a, b) {
  return similarity(Array.from(a), Array.from(b)) * 100;
}
