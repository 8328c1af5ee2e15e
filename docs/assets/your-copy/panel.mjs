/* The panel: a modal <dialog> (the browser gives it focus handling and Escape) where the student
   chooses or drops their PDF, or pastes the text, and sees the progress, then the report or
   the one sentence that says why the copy was refused.

   The hooks are a contract with the tests and the benchmark (tests/browser/test_your_copy.py,
   scripts/benchmark/browser.py): the file input carries data-your-copy, the paste box
   data-your-copy-text, its button data-your-copy-read; the report is
   [data-your-copy-report][data-placed][data-total]; a refusal is [data-your-copy-error]. */

const TEMPLATE = `
<form method="dialog" class="yc-close-form"><button class="yc-close">Close</button></form>
<h2 id="yc-title">Read with your copy</h2>
<p class="yc-promise">Your copy stays on this device: it is read here, in your browser, and nothing of it is sent anywhere.</p>
<div class="yc-drop" data-your-copy-drop>
  <label for="yc-file">Choose the article’s PDF (or a text file)</label>
  <input type="file" id="yc-file" accept="application/pdf,.pdf,text/plain,.txt" data-your-copy>
  <p class="yc-hint">or drop it here</p>
</div>
<label for="yc-text">Or paste its text, as copied from the publisher’s preview</label>
<textarea id="yc-text" rows="5" spellcheck="false" data-your-copy-text></textarea>
<p><button type="button" class="md-button md-button--primary" data-your-copy-read>Read the pasted text</button></p>
<div class="yc-progress" role="status" aria-live="polite"><progress hidden></progress> <span class="yc-step"></span></div>
<p class="yc-error" role="alert" data-your-copy-error hidden></p>
<div class="yc-report" data-your-copy-report hidden></div>`;

let dialog = null;

/* The panel, made once per page; `work(fileOrText)` reads what the student gives. */
export function panel(work) {
  if (dialog && document.body.contains(dialog)) return dialog;
  // The last outcome goes at once, so that nothing stale is on show while the next is read.
  const read = (given) => {
    for (const el of dialog.querySelectorAll("[data-your-copy-error], [data-your-copy-report]")) {
      el.hidden = true;
    }
    work(given);
  };
  dialog = document.createElement("dialog");
  dialog.className = "your-copy-panel md-typeset";
  dialog.setAttribute("aria-labelledby", "yc-title");
  dialog.innerHTML = TEMPLATE;
  // The template holds each of these.
  const file = /** @type {HTMLInputElement} */ (dialog.querySelector("[data-your-copy]"));
  const text = /** @type {HTMLTextAreaElement} */ (dialog.querySelector("[data-your-copy-text]"));
  const drop = /** @type {HTMLElement} */ (dialog.querySelector("[data-your-copy-drop]"));
  const readButton = /** @type {HTMLButtonElement} */ (
    dialog.querySelector("[data-your-copy-read]")
  );
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    file.value = ""; // so that choosing the same file again reads it again
    if (chosen) read(chosen);
  });
  readButton.addEventListener("click", () => read(text.value));
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("yc-over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("yc-over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("yc-over");
    const dropped = e.dataTransfer?.files[0];
    if (dropped) read(dropped);
    else read(e.dataTransfer?.getData("text/plain") ?? "");
  });
  document.body.append(dialog);
  return dialog;
}

// While a copy is being read, no second one can be given.
function controls(enabled) {
  for (const el of dialog.querySelectorAll("[data-your-copy-text], [data-your-copy-read]")) {
    el.disabled = !enabled;
  }
  const file = dialog.querySelector("[data-your-copy]");
  if (!file.dataset.off) file.disabled = !enabled;
}

/* The file input, off for good (a site built without pdf.js), with the reason beside it. */
export function noFiles(reason) {
  const file = dialog.querySelector("[data-your-copy]");
  file.disabled = true;
  file.dataset.off = "1";
  dialog.querySelector(".yc-hint").textContent = reason;
}

/* What the panel shows: one state at a time. */
/**
 * @param {string} step
 * @param {number | null} [done]
 * @param {number | null} [total]
 */
export function busy(step, done = null, total = null) {
  controls(false);
  const bar = dialog.querySelector("progress");
  bar.hidden = false;
  if (total) {
    bar.max = total;
    bar.value = done;
  } else bar.removeAttribute("value");
  dialog.querySelector(".yc-step").textContent = step;
  dialog.querySelector("[data-your-copy-error]").hidden = true;
  dialog.querySelector("[data-your-copy-report]").hidden = true;
}

function idle() {
  controls(true);
  dialog.querySelector("progress").hidden = true;
  dialog.querySelector(".yc-step").textContent = "";
}

export function refused(sentence) {
  idle();
  const el = dialog.querySelector("[data-your-copy-error]");
  el.textContent = sentence;
  el.hidden = false;
}

/* report: {placed, total, misses: [{phrase, reason}], outside: [pages], partial: [sentence],
   reading: href|null} */
export function reported(report) {
  idle();
  const el = dialog.querySelector("[data-your-copy-report]");
  el.dataset.placed = String(report.placed);
  el.dataset.total = String(report.total);
  el.replaceChildren();
  const head = document.createElement("p");
  head.className = "yc-count";
  head.textContent = `${report.placed} of ${report.total} notes placed.`;
  el.append(head);
  // What the copy lacks first (it stops early, it has no page numbers): it explains the list.
  for (const sentence of report.partial || []) {
    const p = document.createElement("p");
    p.className = "yc-partial";
    p.textContent = sentence;
    el.append(p);
  }
  if (report.misses.length) {
    const intro = document.createElement("p");
    intro.textContent = "Not placed, and why:";
    const list = document.createElement("ul");
    for (const m of report.misses) {
      const item = document.createElement("li");
      const q = document.createElement("q");
      q.textContent = m.phrase;
      item.append(q, `: ${m.reason}`);
      list.append(item);
    }
    el.append(intro, list);
  }
  if (report.outside.length) {
    const p = document.createElement("p");
    const pages = report.outside;
    const span = pages.length > 1 ? `pp. ${pages[0]}–${pages[pages.length - 1]}` : `p. ${pages[0]}`;
    p.textContent = `Your copy goes on beyond the excerpt (${span}); those pages have no notes and are not shown.`;
    el.append(p);
  }
  if (report.reading) {
    const p = document.createElement("p");
    const a = document.createElement("a");
    a.href = report.reading;
    a.textContent = "Start reading";
    p.append(a);
    el.append(p);
  }
  el.hidden = false;
  // Focus on the outcome, so that a screen reader reads it out and the keyboard starts there.
  el.tabIndex = -1;
  el.focus();
}
