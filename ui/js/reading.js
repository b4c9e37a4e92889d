// Reading options: three text sizes and a high-contrast theme, each one CSS custom property or
// attribute on the root element, so one switch changes every screen. Reset returns to defaults.

const SCALES = [1.0, 1.2, 1.45];
export const DEFAULT_SIZE = 1;

/** Sets the text size step (0, 1 or 2). */
export function setSize(step) {
  const size = Math.max(0, Math.min(SCALES.length - 1, step));
  document.documentElement.style.setProperty("--scale", String(SCALES[size]));
  document.documentElement.dataset.size = String(size);
  for (const button of document.querySelectorAll(".size-button")) {
    button.setAttribute("aria-pressed", String(Number(button.dataset.size) === size));
  }
}

/** Turns the high-contrast theme on or off. */
export function setContrast(on) {
  if (on) {
    document.documentElement.dataset.theme = "contrast";
  } else {
    delete document.documentElement.dataset.theme;
  }
  document.getElementById("contrast-toggle").setAttribute("aria-pressed", String(on));
}

/** Wires the toolbar buttons. */
export function initReading() {
  for (const button of document.querySelectorAll(".size-button")) {
    button.addEventListener("click", () => setSize(Number(button.dataset.size)));
  }
  const contrast = document.getElementById("contrast-toggle");
  contrast.addEventListener("click", () => setContrast(contrast.getAttribute("aria-pressed") !== "true"));
  resetReading();
}

/** Back to the defaults, for the next patient. */
export function resetReading() {
  setSize(DEFAULT_SIZE);
  setContrast(false);
}
