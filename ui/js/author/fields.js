// Form fields for the editor. Each text field carries its field path (the one `bundle validate`
// names, e.g. `sections[0].paragraphs[1]`) so the live checks can put the reading grade and the
// citation check beside it. Everything is built with createElement and textContent.
import { el } from "../dom.js";

/** A DOM id for a field path. */
export function fieldId(path) {
  return `f-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-$/, "")}`;
}

/**
 * A labelled text input (or text area) that calls `onInput(value)` as staff type.
 * With `graded`, an output beside it shows the reading grade; with `cites`, the citation check.
 */
export function textField({ label, path, value, onInput, multiline = false, rows = 3, type = "text", hint, graded = false, cites = false, extra }) {
  const id = fieldId(path);
  const described = [];
  const notes = [];
  if (hint) {
    notes.push(el("p", { class: "field-hint", text: hint, attrs: { id: `${id}-hint` } }));
    described.push(`${id}-hint`);
  }
  if (graded) {
    notes.push(el("output", { class: "grade", attrs: { id: `${id}-grade`, "data-grade-for": path, for: id } }));
    described.push(`${id}-grade`);
  }
  if (cites) {
    notes.push(el("output", { class: "cites", attrs: { id: `${id}-cites`, "data-cites-for": path, for: id } }));
    described.push(`${id}-cites`);
  }
  const input = multiline
    ? el("textarea", { class: "field-input", attrs: { id, rows: String(rows) } })
    : el("input", { class: "field-input", attrs: { id, type } });
  input.value = value ?? "";
  input.dataset.field = path;
  if (described.length > 0) input.setAttribute("aria-describedby", described.join(" "));
  input.addEventListener("input", () => onInput(input.value));
  return el("div", { class: "field" }, [
    el("label", { class: "field-label", text: label, attrs: { for: id } }),
    el("div", { class: "field-row" }, [input, extra ?? null]),
    notes.length > 0 ? el("div", { class: "field-notes" }, notes) : null,
  ]);
}

/** A small button for lists: remove, move up, move down, add. */
export function smallButton(text, label, onPress, className = "author-button small") {
  return el("button", {
    class: className,
    text,
    attrs: { type: "button", "aria-label": label },
    on: { click: onPress },
  });
}

/**
 * An editable list of texts (urgent signs, ask items, paragraphs): one field per item with a
 * remove button, and an add button. `onChange()` runs after an item is added or removed, so the
 * caller can draw the form again.
 */
export function textList({ legend, path, items, itemLabel, addLabel, onInput, onChange, graded = false, cites = false, multiline = false, max, hint }) {
  const fieldset = el("fieldset", { class: "list-field" }, [el("legend", { text: legend })]);
  if (hint) fieldset.append(el("p", { class: "field-hint", text: hint }));
  items.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    const remove = smallButton("Remove", `Remove ${itemLabel(index).toLowerCase()}`, () => {
      items.splice(index, 1);
      onChange();
    });
    fieldset.append(
      textField({
        label: itemLabel(index),
        path: itemPath,
        value: item,
        multiline,
        graded,
        cites,
        extra: remove,
        onInput: (value) => {
          items[index] = value;
          onInput();
        },
      }),
    );
  });
  if (max === undefined || items.length < max) {
    const add = smallButton(addLabel, addLabel, () => {
      items.push("");
      onChange(`${path}[${items.length - 1}]`);
    }, "author-button add-button");
    add.dataset.add = path;
    fieldset.append(add);
  }
  return fieldset;
}

/** A labelled drop-down list. */
export function selectField({ label, path, value, options, onInput }) {
  const id = fieldId(path);
  const select = el("select", { class: "field-input", attrs: { id } });
  for (const option of options) {
    const node = el("option", { text: option.label, attrs: { value: option.value } });
    select.append(node);
  }
  select.value = value ?? "";
  select.dataset.field = path;
  select.addEventListener("change", () => onInput(select.value));
  return el("div", { class: "field" }, [
    el("label", { class: "field-label", text: label, attrs: { for: id } }),
    select,
  ]);
}

/** Text with one item per line, e.g. keywords, as a list without empty lines. */
export function linesOf(text) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
