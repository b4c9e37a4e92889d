// A plain-words message line for errors, shown over any screen.
import { t } from "./i18n.js";
import { ERROR_CODES } from "./api.js";

let timer = 0;

/** Shows an error in words a patient understands; details go to the console for staff. */
export function showError(error) {
  console.error(error);
  const node = document.getElementById("status");
  node.textContent = error?.code === ERROR_CODES.NOT_FOUND ? t("error.not_found") : t("error.generic");
  node.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => {
    node.hidden = true;
  }, 8000);
}
