/* What the student gave: a PDF, or text (UTF-8, or UTF-16 with its byte-order mark, as some
   editors save it), or neither, refused in one sentence. Pure: tests/js/source.test.mjs. */

import { Refusal } from "./extract.mjs";

export const NOT_PDF_OR_TEXT =
  "This file is neither a PDF nor text: choose the article’s PDF, or paste its text.";

// A PDF's header may follow some bytes of junk; readers look within the first kilobyte.
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function isPdf(bytes) {
  const end = Math.min(bytes.length - PDF.length, 1024);
  for (let i = 0; i <= end; i++) {
    if (PDF.every((b, k) => bytes[i + k] === b)) return true;
  }
  return false;
}

/* bytes -> {kind: "pdf"} | {kind: "text", text} */
export function sourceOf(bytes) {
  if (isPdf(bytes)) return { kind: "pdf" };
  let encoding = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  let text;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes); // drops a BOM
  } catch {
    throw new Refusal(NOT_PDF_OR_TEXT);
  }
  if (text.includes("\u0000")) throw new Refusal(NOT_PDF_OR_TEXT);
  return { kind: "text", text };
}
