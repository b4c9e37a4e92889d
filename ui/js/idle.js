// Between patients: after a quiet spell, ask "Are you still there?" with a visible countdown and a
// large "I'm still here" button (WCAG 2.2.1); when the countdown ends, reset the kiosk for the next
// patient.
import { el } from "./dom.js";
import { t } from "./i18n.js";
import * as picked from "./picked.js";

const ACTIVITY = ["pointerdown", "keydown", "input", "wheel", "touchstart"];

let idleMs = 90_000;
let warningSeconds = 30;
let idleTimer = 0;
let countdownTimer = 0;
let dialog = null;
let hooks = { reset: () => {}, printPicked: async () => {}, isResting: () => false };

/**
 * Starts watching for activity.
 * @param {{idleSeconds: number, warningSeconds: number, reset: Function, printPicked: Function, isResting: Function}} options
 */
export function initIdle(options) {
  idleMs = options.idleSeconds * 1000;
  warningSeconds = options.warningSeconds;
  hooks = options;
  for (const type of ACTIVITY) {
    document.addEventListener(type, onActivity, { capture: true, passive: true });
  }
  // Test-only: a page driven through WebDriver (navigator.webdriver is true only then) may end the
  // quiet spell at once, so the memory soak (scripts/soak.sh) runs a thousand patients in an hour
  // instead of a day. A patient cannot reach it: the kiosk runs no script but its own.
  if (navigator.webdriver === true) window.kioskIdleNow = idleNow;
  restart();
}

/**
 * Asks "Are you still there?" and lets the countdown run out at once: the reset idling triggers.
 * `options.renewUnderWebDriver`: end on a fresh page as a kiosk does (main.js, renewPage); the
 * driver's session ends with the old page, so only a driver that attaches again asks for it.
 */
async function idleNow(options = {}) {
  if (!dialog) warn();
  close();
  await hooks.reset(options);
}

/** Applies a new idle time (staff changed it on the staff screen). */
export function setIdleSeconds(seconds) {
  idleMs = seconds * 1000;
  if (!dialog) restart();
}

function onActivity() {
  if (!dialog) restart();
}

function restart() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(warn, idleMs);
}

function warn() {
  if (hooks.isResting()) {
    restart();
    return;
  }
  let remaining = warningSeconds;
  const count = el("p", { class: "idle-count", attrs: { id: "idle-count", "aria-live": "polite" } });
  const show = () => {
    count.textContent = t("idle.countdown", { seconds: remaining });
  };
  const stay = el("button", {
    class: "primary-button idle-stay",
    text: t("idle.stay"),
    attrs: { type: "button" },
    on: { click: () => close() },
  });
  const actions = el("div", { class: "dialog-actions idle-actions" }, [stay]);
  if (picked.count() > 0) {
    actions.prepend(
      el("button", {
        class: "secondary-button idle-print",
        text: t("idle.print"),
        attrs: { type: "button" },
        on: {
          click: async () => {
            close();
            await hooks.printPicked();
          },
        },
      }),
    );
  }
  dialog = el("dialog", { class: "idle-dialog", attrs: { "aria-labelledby": "idle-title", "aria-describedby": "idle-count" } }, [
    el("h2", { text: t("idle.title"), attrs: { id: "idle-title" } }),
    count,
    actions,
  ]);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close();
  });
  document.body.append(dialog);
  show();
  dialog.showModal();
  stay.focus();
  countdownTimer = setInterval(() => {
    remaining -= 1;
    show();
    if (remaining <= 0) {
      close();
      hooks.reset();
    }
  }, 1000);
}

function close() {
  clearInterval(countdownTimer);
  if (dialog) {
    dialog.close();
    dialog.remove();
    dialog = null;
  }
  restart();
}
