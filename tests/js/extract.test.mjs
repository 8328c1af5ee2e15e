// extract.mjs: positioned pdf.js text items -> the raw layout the ingestion reads. The items are
// made by hand here, laid out like a journal page of the invented article of
// tests/fixtures/site/ (sizes and rises as pdf.js reports them for real journal PDFs).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  extractText,
  folio,
  lines,
  NO_TEXT,
  positioned,
  Refusal,
} from "../../docs/assets/your-copy/extract.mjs";

const BODY = 9;
const structure = {
  metadata: { journal: "Journal of Invented Studies", first_page: 101, last_page: 120 },
  parts: [
    {
      id: "introduction",
      blocks: [{ id: "intro-1", locator: "In the spring of 1999", pages: [101, 102] }],
    },
    {
      id: "rivers",
      blocks: [{ id: "rivers-1", locator: "Upriver became independent", pages: [102] }],
    },
  ],
};

// One item as pdf.js gives it: transform [size, 0, 0, size, x, baseline], width in points.
function item(str, x, y, size = BODY, width = str.length * size * 0.5) {
  return {
    str,
    transform: [size, 0, 0, size, x, y],
    width,
    height: size,
    fontName: "f1",
    hasEOL: false,
  };
}

// A run of words starting at x on baseline y, one item per word plus the spaces between.
function words(text, x, y, size = BODY) {
  const out = [];
  for (const w of text.split(" ")) {
    const it = item(w, x, y, size);
    out.push(it, item(" ", x + it.width, y, size, size * 0.25));
    x += it.width + size * 0.25;
  }
  out.pop();
  return out;
}

const texts = (items) => lines(positioned(items)).map((ln) => ln.text);

test("items on one baseline make one line, in reading order whatever order they came in", () => {
  const items = [...words("the water treaty", 45, 600), ...words("was a bargain", 45, 588)];
  const shuffled = [9, 0, 4, 7, 2, 5, 1, 8, 3, 6].map((i) => items[i]);
  assert.deepEqual(texts(shuffled), ["the water treaty", "was a bargain"]);
});

test("a gap between items is a space only when it is wide; touching items are one word", () => {
  // "fi" set as its own item right against "rst", as pdf.js gives a ligature glyph.
  const fi = item("fi", 45, 600, BODY, 5);
  const rst = item("rst treaty", 50, 600);
  const far = item("signed", 50 + rst.width + 3, 600);
  assert.deepEqual(texts([fi, rst, far]), ["first treaty signed"]);
});

test("ligature glyphs are spelled out", () => {
  assert.deepEqual(texts([item("the \uFB01rst and \uFB02ow, an o\uFB00er", 45, 600)]), [
    "the first and flow, an offer",
  ]);
});

test("a smaller, raised number is a footnote marker glued to the word before", () => {
  // As pdf.js gives it: "power." then the raised "2", then a space item, then "The".
  const line = words("with a distant power.", 45, 500);
  const power = line[line.length - 1];
  const end = power.transform[4] + power.width;
  const marker = item("2", end + 0.2, 503.6, 7.2, 3.6);
  const rest = words(" The speed", end + 4, 500);
  assert.deepEqual(texts([...line, marker, ...rest]), ["with a distant power.² The speed"]);
  // A space set before the marker still belongs after it.
  const spaced = [
    ...line,
    item(" ", end, 500, BODY, 2),
    { ...marker, transform: [7.2, 0, 0, 7.2, end + 2.2, 503.6] },
  ];
  assert.deepEqual(texts([...spaced, ...words("The speed", end + 6, 500)]), [
    "with a distant power.² The speed",
  ]);
});

test("a marker at the end of a line, and one in smaller type (an epigraph), are markers too", () => {
  const saying = words("(A riverside saying, as recorded by the author)", 130, 400, 8.5);
  const last = saying[saying.length - 1];
  const m1 = item("1", last.transform[4] + last.width, 403.6, 7.1, 3.5);
  const body = words("for good.", 45, 380);
  const m3 = item("3", body[2].transform[4] + body[2].width, 383.6, 7.2, 3.6);
  assert.deepEqual(texts([...saying, m1, ...body, m3]), [
    "(A riverside saying, as recorded by the author)¹",
    "for good.³",
  ]);
});

test("a marker after a word without punctuation is a marker all the same", () => {
  const line = words("the rapprochement with Russia", 45, 500);
  const word = line[2];
  const marker = item("12", word.transform[4] + word.width, 503.6, 7.2, 7.2);
  assert.deepEqual(texts([...line, marker]), ["the rapprochement¹² with Russia"]);
});

test("digits on the baseline and at the body's size stay words; a lone number is its own line", () => {
  const line = [...words("independent in", 45, 500), item("1991", 120, 500), item("102", 200, 60)];
  assert.deepEqual(texts(line), ["independent in 1991", "102"]);
});

test("a number of the same size set level with the line is not a marker", () => {
  const line = [...words("Vol. 12, No.", 45, 500), item("1", 103, 500)];
  assert.deepEqual(texts(line), ["Vol. 12, No. 1"]);
});

test("sideways text (a stamp up the margin) is dropped", () => {
  const up = { ...item("Downloaded from example.org", 10, 300), transform: [0, 9, -9, 0, 10, 300] };
  assert.deepEqual(texts([up, ...words("the water", 45, 300)]), ["the water"]);
});

test("a line-end soft hyphen or hyphen character is a plain hyphen", () => {
  assert.deepEqual(texts([item("this arrange\u00AD", 45, 500), item("ment lasted", 45, 488)]), [
    "this arrange-",
    "ment lasted",
  ]);
});

// A page: a head or folio apart at the top or foot, then body lines 12 pt apart.
/**
 * @param {{head?: string | null, foot?: string | null, body?: string[], stamp?: string | null,
 *   top?: number}} parts
 */
function page({ head = null, foot = null, body = [], stamp = null, top = 640 }) {
  const items = [];
  if (head) items.push(...words(head, 45, top + 25, 8));
  body.forEach((text, i) => {
    items.push(...words(text, 45, top - 12 * i));
  });
  if (foot) items.push(...words(foot, 230, 40, 8));
  if (stamp) items.push(...words(stamp, 45, 20, 7));
  return { items };
}

test("the printed page comes from the running head at the top, in either form", () => {
  const ls = (head) => lines(positioned(page({ head, body: ["a line", "another line"] }).items));
  assert.deepEqual(folio(ls("102 Journal of Invented Studies 12(1)"), [101, 120]), {
    page: 102,
    line: 0,
    alone: false,
    words: null,
  });
  assert.equal(folio(ls("Example: Rivers and Realignments 101"), [101, 120])?.page, 101);
});

test("a folio alone at the foot gives the page; the head's words become a head line", () => {
  const pages = [
    page({ body: ["In the spring of 1999, Upriver signed", "a treaty."], foot: "101" }),
    page({
      head: "Journal of Invented Studies",
      body: ["Upriver became independent", "in 1991."],
      foot: "102",
    }),
  ];
  const got = extractText(pages, structure);
  assert.deepEqual(got.printed, [101, 102]);
  assert.equal(
    got.text,
    [
      "101 Journal of Invented Studies",
      "In the spring of 1999, Upriver signed",
      "a treaty.",
      "102 Journal of Invented Studies",
      "Upriver became independent",
      "in 1991.",
    ].join("\n"),
  );
});

test("a heading that opens a page numbered at the foot stays: only smaller type is a head", () => {
  const items = [
    ...words("Upriver and Its Neighbours", 45, 665, 10),
    ...words("Upriver became independent", 45, 640),
    ...words("in 1991.", 45, 628),
    ...words("102", 230, 40, 8),
  ];
  const got = extractText([{ items }], structure);
  assert.equal(
    got.text,
    [
      "102 Journal of Invented Studies",
      "Upriver and Its Neighbours",
      "Upriver became independent",
      "in 1991.",
    ].join("\n"),
  );
});

test("a running head printed at the foot is read as the head of its page, at its top", () => {
  const pages = [
    page({
      body: ["In the spring of 1999, Upriver signed", "a treaty."],
      foot: "Example: Rivers and Realignments 101",
    }),
    page({
      body: ["Upriver became independent", "in 1991."],
      foot: "102 Journal of Invented Studies 12(1)",
    }),
  ];
  assert.equal(
    extractText(pages, structure).text,
    [
      "Example: Rivers and Realignments 101",
      "In the spring of 1999, Upriver signed",
      "a treaty.",
      "102 Journal of Invented Studies 12(1)",
      "Upriver became independent",
      "in 1991.",
    ].join("\n"),
  );
});

test("a last block begun on the page before ends at the next paragraph of the last page", () => {
  const next = page({
    head: "102 Journal of Invented Studies 12(1)",
    body: ["runs on here and ends.", ""],
  });
  next.items.push(...words("A paragraph the excerpt lacks", 55, 640 - 12));
  const pages = [
    page({
      head: "Example: Rivers and Realignments 101",
      body: ["In the spring of 1999, Upriver signed", "Upriver became independent and"],
    }),
    next,
    page({ head: "Example: Rivers and Realignments 103", body: ["More of the article."] }),
  ];
  const got = extractText(pages, structure).text;
  assert.ok(got.endsWith("102 Journal of Invented Studies 12(1)\nruns on here and ends."), got);
});

test("a number outside the article's pages is not a folio (a year at the foot of a page)", () => {
  const ls = lines(positioned(page({ body: ["a line", "another line"], foot: "1999" }).items));
  assert.equal(folio(ls, [101, 120]), null);
});

test("a cover page and 'Downloaded from … on …' stamps are left out", () => {
  const pages = [
    page({
      body: ["Rivers and Realignments", "Jane Q. Example", "Terms of use apply."],
      stamp: "Downloaded from library.example.edu on 2 May 2024",
    }),
    page({
      head: "Example: Rivers and Realignments 101",
      body: ["In the spring of 1999, Upriver signed", "a treaty."],
      stamp: "Downloaded from library.example.edu on 2 May 2024",
    }),
    page({
      head: "102 Journal of Invented Studies 12(1)",
      body: ["Upriver became independent", "in 1991."],
      stamp: "Downloaded from library.example.edu on 2 May 2024",
    }),
  ];
  const got = extractText(pages, structure);
  assert.deepEqual(got.printed, [101, 102]);
  assert.deepEqual(got.skipped, [{ index: 0, why: "cover" }]);
  assert.equal(
    got.text,
    [
      "Example: Rivers and Realignments 101",
      "In the spring of 1999, Upriver signed",
      "a treaty.",
      "102 Journal of Invented Studies 12(1)",
      "Upriver became independent",
      "in 1991.",
    ].join("\n"),
  );
});

test("the stamps of other libraries and databases are left out too", () => {
  const stamps = [
    "Downloaded by [Example University Library] at 10:12 05 May 2024",
    "This content downloaded from 192.0.2.1 on Mon, 06 May 2024 10:00:00 UTC",
    "All use subject to https://library.example.edu/terms",
  ];
  const first = page({
    head: "Example: Rivers and Realignments 101",
    body: ["In the spring of 1999, Upriver signed", "a treaty."],
  });
  stamps.forEach((stamp, i) => {
    first.items.push(...words(stamp, 45, 30 - 8 * i, 7));
  });
  assert.equal(
    extractText([first], structure).text,
    [
      "Example: Rivers and Realignments 101",
      "In the spring of 1999, Upriver signed",
      "a treaty.",
    ].join("\n"),
  );
});

test("a line of the text that speaks of downloads is no stamp", () => {
  const one = page({
    head: "Example: Rivers and Realignments 101",
    body: ["In the spring of 1999, Upriver signed", "figures downloaded from the river board by"],
  });
  assert.ok(
    extractText([one], structure).text.endsWith("figures downloaded from the river board by"),
  );
});

test("a first page without a folio takes the number before the next page's", () => {
  const pages = [
    page({
      body: ["Rivers and Realignments", "In the spring of 1999, Upriver signed", "a treaty."],
    }),
    page({
      head: "102 Journal of Invented Studies 12(1)",
      body: ["Upriver became independent", "in 1991."],
    }),
  ];
  assert.deepEqual(extractText(pages, structure).printed, [101, 102]);
});

test("pages beyond the excerpt, and the paragraphs after its last block, are left out", () => {
  const last = page({
    head: "102 Journal of Invented Studies 12(1)",
    body: ["Upriver became independent in 1991", "with two dams.", "", ""],
  });
  // A new paragraph, indented, after the last mapped block.
  last.items.push(...words("A second paragraph the excerpt lacks", 55, 640 - 24));
  const pages = [
    page({
      head: "Example: Rivers and Realignments 101",
      body: ["In the spring of 1999, Upriver signed", "a treaty."],
    }),
    last,
    page({ head: "Example: Rivers and Realignments 103", body: ["More of the article."] }),
  ];
  const got = extractText(pages, structure);
  assert.deepEqual(got.printed, [101, 102]);
  assert.deepEqual(got.skipped, [{ index: 2, page: 103, why: "outside" }]);
  assert.ok(got.text.endsWith("Upriver became independent in 1991\nwith two dams."), got.text);
});

test("a PDF without any text is refused with one sentence", () => {
  assert.throws(
    () => extractText([{ items: [] }, { items: [item(" ", 0, 0)] }], structure),
    (e) => {
      assert.ok(e instanceof Refusal);
      assert.equal(e.message, NO_TEXT);
      assert.equal(
        e.message,
        "This PDF has no text to read: it is an image (a scan), so paste the article's text instead.",
      );
      return true;
    },
  );
});
