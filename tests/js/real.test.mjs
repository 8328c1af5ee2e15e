// The real excerpt, where a copy is present (it is copyrighted and never in the repository):
// the browser's ingestion of it with notes/article.yml gives the build's JSON exactly, and every
// note of notes/annotations/ anchors at the same offsets, pages and numbers in both. Failures
// name fields and note ids only, never the article's words.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { anchorNotes } from "../../docs/assets/your-copy/anchor.mjs";
import { ingestText } from "../../docs/assets/your-copy/ingest.mjs";
import { python, REPO, structureOf, testWords } from "./helpers.mjs";

const SOURCE =
  process.env.ARTICLE_SOURCE || join(REPO, "..", "shared", "sources", "fumagalli-2007-excerpt.txt");
const skip = existsSync(SOURCE)
  ? false
  : `the article's raw excerpt is not at ${SOURCE} (it is copyrighted and kept outside the ` +
    "repository; set ARTICLE_SOURCE to a copy); tests over the real text run where it is present";

// The build's article, notes and anchors of the real excerpt, as JSON.
function built() {
  const code = `
import json
from pathlib import Path
from annotated.anchors import anchor
from annotated.ingest import ingest
from annotated.ingest.source import read_source
from annotated.notes import load_notes
notes = load_notes(Path("notes"))
article = ingest(read_source(Path(${JSON.stringify(SOURCE)})), "copy.txt", notes.structure)
result = anchor(article, notes)
print(json.dumps({
    "article": article.to_dict(),
    "notes": [{"id": ln.id, "paragraph": ln.paragraph, "phrase": ln.note.phrase,
               "before": ln.note.before, "after": ln.note.after,
               "occurrence": ln.note.occurrence, "path": ln.path, "line": ln.line}
              for ln in notes.notes],
    "anchored": [[a.note.id, a.block, a.start, a.end, a.page, a.number] for a in result.anchored],
    "misses": [[m.note.id, m.status, m.problem.message] for m in result.misses],
}))`;
  return JSON.parse(python(code).toString("utf8"));
}

// The paths (metadata.title, blocks.3.text …) at which two JSON values differ.
function differences(a, b, path = "") {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [path || "(root)"];
}

test("the real excerpt: the browser's article and anchors are the build's", { skip }, async () => {
  const words = await testWords();
  const py = built();
  const structure = structureOf(join(REPO, "notes"));
  const { extra, partial, ...article } = ingestText(
    readFileSync(SOURCE, "utf8"),
    structure,
    words,
    {
      path: "copy.txt",
    },
  );
  assert.deepEqual(differences(article, py.article), []);
  assert.equal(extra.length, 0);
  const result = anchorNotes(article, py.notes, structure);
  const anchored = result.anchored.map((a) => [
    a.note.id,
    a.block,
    a.start,
    a.end,
    a.page,
    a.number,
  ]);
  const mismatched = anchored
    .filter((a, i) => JSON.stringify(a) !== JSON.stringify(py.anchored[i]))
    .map((a) => a[0]);
  assert.deepEqual(mismatched, []);
  assert.equal(anchored.length, py.anchored.length);
  assert.ok(anchored.length >= 60, `only ${anchored.length} notes anchored`);
  assert.deepEqual(
    result.misses.map((m) => m.note.id),
    py.misses.map((m) => m[0]),
  );
});
