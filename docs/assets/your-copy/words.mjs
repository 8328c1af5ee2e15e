// The word list the repairs ask: wordfreq's English Zipf values, as the build ships them
// (scripts/annotated/ingest/wordlist.py writes the file: gzip of UTF-8 lines
// `{Zipf × 100}<TAB>{words}`). A word not in it is unknown (0), exactly as the build's `zipf()`
// says 0 for any word rarer than 2.5 (no decision of the repairs depends on a value below that).
//
//   loadWords(source) -> Promise<Words>   source: Response, Blob, ArrayBuffer or Uint8Array
//                                          (gzip bytes; decompressed with DecompressionStream)
//   wordsFromText(text) -> Words           the decompressed text
//   words.zipf(word) -> number             2.5 … 7.73, or 0 when the list does not know it

export class Words {
  constructor(hundredths) {
    this.hundredths = hundredths; // Map: lower-case word -> Zipf × 100
  }

  zipf(word) {
    const v = this.hundredths.get(word.toLowerCase());
    return v === undefined ? 0 : v / 100;
  }

  get size() {
    return this.hundredths.size;
  }
}

export function wordsFromText(text) {
  const table = new Map();
  for (const line of text.split("\n")) {
    if (!line) continue;
    const tab = line.indexOf("\t");
    const value = Number(line.slice(0, tab));
    if (tab < 1 || !Number.isInteger(value)) {
      throw new Error(`word list: bad line ${JSON.stringify(line.slice(0, 40))}`);
    }
    for (const w of line.slice(tab + 1).split(" ")) table.set(w, value);
  }
  return new Words(table);
}

export async function loadWords(source) {
  /** @type {ReadableStream<any>} */
  let stream;
  if (typeof Response !== "undefined" && source instanceof Response) {
    if (!source.body) throw new Error("the word list came with no body");
    stream = source.body;
  } else if (typeof Blob !== "undefined" && source instanceof Blob) stream = source.stream();
  else stream = new Blob([source]).stream();
  const text = await new Response(stream.pipeThrough(new DecompressionStream("gzip"))).text();
  return wordsFromText(text);
}
