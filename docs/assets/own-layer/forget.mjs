// "Forget my copy" (your-copy/main.mjs) asks first, when this device keeps the student's own
// highlights and notes, whether they go too: a modal dialog made with DOM calls (words as text
// only), focus on the choice that keeps them.

import * as store from "./store.mjs";

/**
 * Ask; resolves to "keep", "erase" or "cancel".
 * @returns {Promise<"keep" | "erase" | "cancel">}
 */
export async function askAboutNotes() {
  if (!localStorage.getItem(store.FLAG)) return "keep"; // none kept: no database to open
  const { marks } = await store.all();
  if (!marks.length) return "keep";
  const dialog = document.createElement("dialog");
  dialog.className = "own-ui own-editor md-typeset";
  dialog.setAttribute("aria-labelledby", "own-forget-title");
  const form = document.createElement("form");
  form.method = "dialog";
  const title = document.createElement("h2");
  title.id = "own-forget-title";
  title.textContent = "Forget your copy";
  const text = document.createElement("p");
  const n = marks.length;
  text.textContent =
    `This device also keeps your ${n} highlight${n === 1 ? "" : "s"} and notes. Kept, they ` +
    "show again when you next read with your copy, and stay listed in My notes.";
  const buttons = document.createElement("p");
  const button = (/** @type {string} */ value, /** @type {string} */ label, primary = false) => {
    const b = document.createElement("button");
    b.value = value;
    if (primary) b.autofocus = true;
    b.textContent = label;
    buttons.append(b, " ");
    return b;
  };
  const keep = button("keep", "Forget the copy, keep my notes", true);
  button("erase", "Forget the copy and erase my notes");
  button("cancel", "Cancel");
  form.append(title, text, buttons);
  dialog.append(form);
  document.body.append(dialog);
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("own-layer.css", import.meta.url).href;
  document.head.append(css);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const choice =
        dialog.returnValue === "keep" || dialog.returnValue === "erase"
          ? dialog.returnValue
          : "cancel";
      dialog.remove();
      resolve(/** @type {"keep" | "erase" | "cancel"} */ (choice));
    });
    dialog.showModal();
    keep.focus();
  });
}

/** Erase the student's marks (the choice "erase"). */
export const eraseNotes = () => store.clear();
