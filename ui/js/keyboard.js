// An on-screen keyboard in a dialog, for kiosks without a physical keyboard. It writes into its
// own text field (a physical keyboard works too) and hands the text back on "Done".
import { el } from "./dom.js";
import { t } from "./i18n.js";

const ROWS = [
  ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
  ["q", "w", "e", "r", "t", "y", "u", "i", "o", "p"],
  ["a", "s", "d", "f", "g", "h", "j", "k", "l", "ñ"],
  ["z", "x", "c", "v", "b", "n", "m", ",", ".", "?"],
  ["á", "é", "í", "ó", "ú", "ü", "¿", "¡", "'", "-"],
];

/**
 * Opens the keyboard. Resolves with the text on "Done", or null on "Cancel".
 * @param {{title: string, maxLength: number, initial?: string}} options
 */
export function openKeyboard({ title, maxLength, initial = "" }) {
  return new Promise((resolve) => {
    let shift = false;
    const field = el("textarea", {
      class: "keyboard-field",
      attrs: { id: "keyboard-field", maxlength: String(maxLength), rows: "2", "aria-label": title },
    });
    field.value = initial;
    const counter = el("p", { class: "keyboard-counter", attrs: { "aria-live": "polite" } });
    const updateCounter = () => {
      counter.textContent = t("keyboard.count", { used: field.value.length, max: maxLength });
    };
    field.addEventListener("input", updateCounter);
    updateCounter();

    const insert = (text) => {
      const start = field.selectionStart ?? field.value.length;
      const end = field.selectionEnd ?? field.value.length;
      const next = field.value.slice(0, start) + text + field.value.slice(end);
      if (next.length > maxLength) return;
      field.value = next;
      field.selectionStart = field.selectionEnd = start + text.length;
      if (shift) setShift(false);
      updateCounter();
    };
    const letterKeys = [];
    const setShift = (on) => {
      shift = on;
      for (const key of letterKeys) key.textContent = on ? key.dataset.key.toUpperCase() : key.dataset.key;
      shiftKey.setAttribute("aria-pressed", String(on));
    };
    const key = (label, onPress, className = "key", ariaLabel = label) =>
      el("button", {
        class: className,
        text: label,
        attrs: { type: "button", "aria-label": ariaLabel },
        on: { click: onPress },
      });

    const rows = ROWS.map((row) =>
      el(
        "div",
        { class: "keyboard-row" },
        row.map((ch) => {
          const button = key(ch, () => insert(shift ? ch.toUpperCase() : ch));
          button.dataset.key = ch;
          if (ch.toUpperCase() !== ch) letterKeys.push(button);
          return button;
        }),
      ),
    );
    const shiftKey = key("⇧", () => setShift(!shift), "key key-wide", t("keyboard.shift"));
    shiftKey.setAttribute("aria-pressed", "false");
    const backspace = () => {
      const start = field.selectionStart ?? field.value.length;
      const end = field.selectionEnd ?? field.value.length;
      if (start === end && start > 0) {
        field.value = field.value.slice(0, start - 1) + field.value.slice(end);
        field.selectionStart = field.selectionEnd = start - 1;
      } else if (start !== end) {
        field.value = field.value.slice(0, start) + field.value.slice(end);
        field.selectionStart = field.selectionEnd = start;
      }
      updateCounter();
    };
    rows.push(
      el("div", { class: "keyboard-row" }, [
        shiftKey,
        key(t("keyboard.space"), () => insert(" "), "key key-space"),
        key("⌫", backspace, "key key-wide", t("keyboard.backspace")),
      ]),
    );

    const dialog = el("dialog", { class: "keyboard-dialog", attrs: { "aria-labelledby": "keyboard-title" } });
    const finish = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.append(
      el("h2", { text: title, attrs: { id: "keyboard-title" } }),
      field,
      counter,
      el("div", { class: "keyboard" }, rows),
      el("div", { class: "dialog-actions" }, [
        key(t("keyboard.cancel"), () => finish(null), "secondary-button"),
        key(t("keyboard.done"), () => finish(field.value.trim() || null), "primary-button keyboard-done"),
      ]),
    );
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(null);
    });
    document.body.append(dialog);
    dialog.showModal();
    field.focus();
  });
}
