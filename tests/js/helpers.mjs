// What the JavaScript tests share: the repository's paths, the shared tables of tests/vectors/,
// and the word list, written by the same Python function that writes it into the site.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { loadWords } from "../../docs/assets/your-copy/words.mjs";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const VECTORS = join(REPO, "tests", "vectors");
const VENV_PYTHON = join(REPO, ".venv", "bin", "python");
export const PYTHON = existsSync(VENV_PYTHON) ? VENV_PYTHON : "python3";

export function table(name) {
  return JSON.parse(readFileSync(join(VECTORS, name), "utf8"));
}

// Run a Python snippet with the build's modules importable; its stdout as bytes.
export function python(code, input) {
  return execFileSync(PYTHON, ["-c", code], {
    cwd: REPO,
    env: { ...process.env, PYTHONPATH: join(REPO, "scripts") },
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
}

let words = null;

// The file the build ships (wordlist_bytes), kept in the build's cache as the build keeps it:
// named by the list's code and wordfreq's version (annotated.your_copy.words_gz), since making
// it takes a second.
export async function testWords() {
  if (words === null) {
    const version = python(
      "from importlib.metadata import version\nprint(version('wordfreq'), end='')",
    );
    const code = readFileSync(join(REPO, "scripts", "annotated", "ingest", "wordlist.py"));
    const key = createHash("sha256").update(code).update(version).digest("hex").slice(0, 16);
    const cached = join(REPO, "build", "cache", `words-${key}.gz`);
    let gz;
    if (existsSync(cached)) gz = readFileSync(cached);
    else {
      gz = python(
        "import sys\nfrom annotated.ingest.wordlist import wordlist_bytes\n" +
          "sys.stdout.buffer.write(wordlist_bytes())",
      );
      mkdirSync(dirname(cached), { recursive: true });
      writeFileSync(`${cached}.tmp`, gz);
      renameSync(`${cached}.tmp`, cached);
    }
    words = await loadWords(new Uint8Array(gz));
  }
  return words;
}

// A structure map (a folder with article.yml) as the JSON the browser gets: the build's model.
export function structureOf(dir) {
  const code =
    "import json\nfrom pathlib import Path\nfrom annotated.notes import load_structure\n" +
    `print(json.dumps(load_structure(Path(${JSON.stringify(dir)})).model_dump(mode='json')))`;
  return JSON.parse(python(code).toString("utf8"));
}

// xorshift32, for seeded random tests: the same inputs on every run. `generator(seed)(n)` is an
// integer in [0, n).
export function generator(seed) {
  let x = seed;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}
