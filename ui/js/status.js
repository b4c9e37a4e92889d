// A plain-words message line for errors, shown over any screen.
import { t } from "./i18n.js";
import { ERROR_CODES } from "./api.js";

let timer = 0;

/** Shows an error in words a patient understands; details go to the console for staff. */
export function showError(error) {
  console.error(error);
  showMessage(error?.code === ERROR_CODES.NOT_FOUND ? t("error.not_found") : t("error.generic"));
}

/** Shows a short message over any screen for a few seconds. */
export function showMessage(text) {
  const node = document.getElementById("status");
  node.textContent = text;
  node.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => {
    node.hidden = true;
  }, 8000);
}
