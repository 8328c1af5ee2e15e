// A paragraph's text as the reader sees it, and the way back from offsets in it to the page:
// the words of `.para-body` without what the build puts between them (note numbers and margin
// notes, page turns, footnote markers, labels), so that the text is the same whether the build
// made the page (full edition) or the student's copy did (render.mjs makes the same markup).

/** What is not the article's words. */
const NOT_TEXT = ".sn-ref, .sidenote, .page-turn, .fn-marker, .block-label, .truncated, .own-ui";

/**
 * @typedef {{node: Text, start: number}} Segment
 * @typedef {object} Paragraph
 * @property {string} id
 * @property {HTMLElement} el  the `.para`
 * @property {HTMLElement} body  its `.para-body`
 * @property {number[]} pages  its printed pages
 * @property {string} text
 * @property {Segment[]} segments  each text node and where it starts in `text`
 * @property {{page: number, offset: number}[]} turns  page turns inside it
 */

/**
 * @param {HTMLElement} el  a `.para`
 * @returns {Paragraph | null}
 */
export function readParagraph(el) {
  const body = /** @type {HTMLElement | null} */ (el.querySelector(":scope > .para-body"));
  if (!body) return null;
  const pages = (el.dataset.pages || "").split(" ").filter(Boolean).map(Number);
  /** @type {Segment[]} */
  const segments = [];
  const turns = [];
  let text = "";
  let block = null;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        const e = /** @type {Element} */ (node);
        if (e.matches(".page-turn"))
          turns.push({ page: Number(e.getAttribute("data-page")), offset: text.length });
        return e.matches(NOT_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = /** @type {Text} */ (n);
    // An epigraph's lines are paragraphs of their own: a line end between them.
    const p = node.parentElement?.closest("p, li, blockquote");
    if (block && p !== block && text && !text.endsWith("\n")) text += "\n";
    block = p;
    segments.push({ node, start: text.length });
    text += node.data;
  }
  return { id: el.id, el, body, pages, text, segments, turns };
}

/**
 * The offset in `para.text` of a boundary point (a selection's start or end): inside a text
 * node, exactly; elsewhere, where the next of the paragraph's words starts.
 * @param {Paragraph} para
 * @param {Node} node
 * @param {number} offset
 */
export function offsetOf(para, node, offset) {
  for (const s of para.segments) if (s.node === node) return s.start + offset;
  const point = document.createRange();
  point.setStart(node, offset);
  for (const s of para.segments) if (point.comparePoint(s.node, 0) >= 0) return s.start;
  return para.text.length;
}

/**
 * Wrap the words at [start, end) in marks made by `make` (one per text node they cross); the
 * paragraph must be read again afterwards.
 * @param {Paragraph} para
 * @param {number} start
 * @param {number} end
 * @param {() => HTMLElement} make
 * @returns {HTMLElement[]}
 */
export function wrap(para, start, end, make) {
  const made = [];
  for (const s of para.segments) {
    const segEnd = s.start + s.node.data.length;
    const a = Math.max(start, s.start);
    const b = Math.min(end, segEnd);
    if (a >= b) continue;
    let node = s.node;
    if (a > s.start) node = node.splitText(a - s.start);
    if (b < segEnd) node.splitText(b - a);
    const mark = make();
    node.replaceWith(mark);
    mark.append(node);
    made.push(mark);
  }
  return made;
}

/**
 * Take the marks of one highlight out of the text, leaving its words as they were.
 * @param {ParentNode} root
 * @param {string} id
 */
export function unwrap(root, id) {
  for (const mark of root.querySelectorAll(`mark[data-highlight][data-id="${CSS.escape(id)}"]`)) {
    const parent = mark.parentNode;
    if (!parent) continue;
    mark.replaceWith(...mark.childNodes);
    parent.normalize();
  }
}
