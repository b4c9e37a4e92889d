// The kiosk stays on its own pages and its own screen: no links out, no context menu, no dragging
// text or pictures away, and none of the browser shortcuts that would print the raw page, zoom,
// reload (losing the patient's place), close the window or open developer tools.
const BLOCKED_WITH_CONTROL = new Set(["p", "w", "q", "r", "s", "o", "n", "t", "f", "g", "u", "j", "+", "-", "=", "0", "_"]);
const BLOCKED_ALONE = new Set(["F1", "F3", "F5", "F6", "F7", "F11", "F12", "BrowserBack", "BrowserForward", "BrowserRefresh"]);

let blockedCount = 0;

/** Whether a key press is one of the shortcuts the kiosk swallows. */
export function isBlockedShortcut(event) {
  if (BLOCKED_ALONE.has(event.key)) return true;
  if ((event.ctrlKey || event.metaKey) && BLOCKED_WITH_CONTROL.has(event.key.toLowerCase())) return true;
  if ((event.ctrlKey || event.metaKey) && event.shiftKey && ["i", "c", "k"].includes(event.key.toLowerCase())) return true;
  if (event.altKey && ["ArrowLeft", "ArrowRight", "Home", "F4"].includes(event.key)) return true;
  return false;
}

/** How many shortcuts were swallowed since start (read by the end-to-end tests). */
export function blockedShortcuts() {
  return blockedCount;
}

export function initLockdown() {
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link && (link.target === "_blank" || new URL(link.href, location.href).origin !== location.origin)) {
      event.preventDefault();
    }
  });
  document.addEventListener("contextmenu", (event) => event.preventDefault());
  document.addEventListener("dragstart", (event) => event.preventDefault());
  window.addEventListener(
    "keydown",
    (event) => {
      if (isBlockedShortcut(event)) {
        event.preventDefault();
        event.stopPropagation();
        blockedCount += 1;
        document.body.dataset.blockedShortcuts = String(blockedCount);
      }
    },
    { capture: true },
  );
  // Pinch and Ctrl+wheel zoom.
  window.addEventListener(
    "wheel",
    (event) => {
      if (event.ctrlKey) event.preventDefault();
    },
    { capture: true, passive: false },
  );
  for (const type of ["gesturestart", "gesturechange"]) {
    document.addEventListener(type, (event) => event.preventDefault());
  }
}
