// Marks and a reading written for the export tests (tests/js/own-exports.test.mjs, and
// tests/test_own_exports.py through `node tests/js/own-exports-fixture.mjs`, which prints the
// three exports as JSON).

import {
  hypothesisFile,
  markdown,
  readingOrder,
  webAnnotationCollection,
} from "../../docs/assets/own-layer/exports.mjs";
import { makeMark } from "../../docs/assets/own-layer/records.mjs";

export const STRUCTURE = {
  metadata: {
    doi: "10.9999/river.2011",
    first_page: 101,
    title: "River Councils",
    subtitle: "A Study",
    authors: ["Ada Kestrel"],
    year: 2011,
  },
  parts: [
    {
      id: "front",
      title: "Abstract",
      blocks: [{ id: "abstract", type: "abstract", pages: [101] }],
    },
    {
      id: "intro",
      title: "Introduction",
      blocks: [
        { id: "intro-1", type: "paragraph", pages: [101, 102] },
        { id: "intro-2", type: "paragraph", pages: [102] },
      ],
    },
  ],
};
export const PAGES = { front: "reading/front.md", intro: "reading/intro.md" };
export const SITE = "https://example.org/reading-site/";
export const READING = readingOrder(STRUCTURE, PAGES, SITE);

let n = 0;
const id = () => `m-00000000-0000-4000-8000-00000000000${++n}`;
const at = (/** @type {number} */ minute) => () =>
  `2026-12-02T06:${String(minute).padStart(2, "0")}:00.000Z`;

export const MARKS = [
  makeMark(
    {
      kind: "highlight",
      page: "reading/intro/",
      paragraph: "intro-2",
      exact: "voted again",
      before: "the",
      after: "again",
      color: "pink",
      note: "Why twice?\nAsk in class.",
      printed: 102,
    },
    id,
    at(3),
  ),
  makeMark(
    {
      kind: "note",
      page: "reading/intro/",
      paragraph: "intro-1",
      note: "The whole argument in one paragraph.",
      printed: 101,
    },
    id,
    at(2),
  ),
  makeMark(
    {
      kind: "highlight",
      page: "reading/front/",
      paragraph: "abstract",
      exact: "river councils",
      color: "yellow",
      printed: 101,
    },
    id,
    at(1),
  ),
  makeMark(
    {
      kind: "highlight",
      page: "reading/intro/",
      paragraph: "intro-1",
      exact: "met in spring",
      color: "green",
      printed: 102,
    },
    id,
    at(4),
  ),
];

export const EXPORTED = "2026-12-02T07:00:00.000Z";
export const COLLECTION_ID = "urn:uuid:11111111-2222-4333-8444-555555555555";

export function exportsOf(marks = MARKS) {
  return {
    jsonld: webAnnotationCollection(marks, READING, { id: COLLECTION_ID }),
    hypothesis: hypothesisFile(marks, READING, EXPORTED),
    markdown: markdown(marks, READING, EXPORTED),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() || "")) {
  process.stdout.write(JSON.stringify(exportsOf()));
}
