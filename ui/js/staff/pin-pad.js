// The staff PIN dialog: a large digit pad (kiosks have no keyboard; a physical one works too).
// The digits typed are shown as dots and never leave this dialog except in the one call that
// checks them.
import { el } from "../dom.js";
import { t } from "../i18n.js";

const MAX_DIGITS = 12;

/**
 * Opens the pad. `submit(pin)` checks the digits and resolves with an error sentence to show (the
 * pad stays open and clears) or null (the pad closes and `openPinPad` resolves true). Cancel
 * resolves false.
 * @param {{title: string, prompt: string, submit: (pin: string) => Promise<string|null>}} options
 */
export function openPinPad({ title, prompt, submit }) {
  return new Promise((resolve) => {
    let digits = "";
    const dots = el("p", { class: "pin-dots", attrs: { id: "pin-dots", "aria-live": "polite" } });
    const message = el("p", { class: "pin-message", attrs: { id: "pin-message", role: "alert" } });
    const promptLine = el("p", { class: "pin-prompt", text: prompt, attrs: { id: "pin-prompt" } });
    const show = () => {
      dots.textContent = digits.length ? "●".repeat(digits.length) : "—";
      dots.setAttribute("aria-label", t("staff.pin.count", { count: digits.length }));
    };
    const press = (digit) => {
      if (digits.length < MAX_DIGITS) digits += digit;
      message.textContent = "";
      show();
    };
    const erase = () => {
      digits = digits.slice(0, -1);
      show();
    };
    const finish = (result) => {
      dialog.close();
      dialog.remove();
      resolve(result);
    };
    const confirm = async () => {
      if (!digits) return;
      const pin = digits;
      digits = "";
      show();
      okKey.disabled = true;
      try {
        const problem = await submit(pin);
        if (problem === null) {
          finish(true);
          return;
        }
        message.textContent = problem;
      } finally {
        okKey.disabled = false;
      }
    };
    const key = (label, onPress, className = "pin-key", ariaLabel = label) =>
      el("button", { class: className, text: label, attrs: { type: "button", "aria-label": ariaLabel }, on: { click: onPress } });
    const okKey = key(t("staff.pin.ok"), confirm, "pin-key pin-ok");
    const pad = el("div", { class: "pin-pad" }, [
      ...["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => key(d, () => press(d))),
      key("⌫", erase, "pin-key pin-erase", t("staff.pin.erase")),
      key("0", () => press("0")),
      okKey,
    ]);
    const dialog = el("dialog", { class: "pin-dialog", attrs: { "aria-labelledby": "pin-title", "aria-describedby": "pin-prompt" } }, [
      el("h2", { text: title, attrs: { id: "pin-title" } }),
      promptLine,
      dots,
      message,
      pad,
      el("div", { class: "dialog-actions" }, [
        el("button", { class: "secondary-button", text: t("keyboard.cancel"), attrs: { type: "button" }, on: { click: () => finish(false) } }),
      ]),
    ]);
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.addEventListener("keydown", (event) => {
      if (/^[0-9]$/.test(event.key)) press(event.key);
      else if (event.key === "Backspace") erase();
      else if (event.key === "Enter" && event.target === dialog) confirm();
    });
    show();
    document.body.append(dialog);
    dialog.showModal();
    okKey.focus();
  });
}
