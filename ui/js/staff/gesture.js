// The hidden way in for staff: five taps within three seconds on the top bar, away from its buttons
// (on the title, or where the title would be at the largest text size). Patients are unlikely to
// do this by chance, and it needs no visible button a curious visitor would try.
const TAPS = 5;
const WITHIN_MS = 3000;

/** Calls `onGesture` when `target` (not one of its buttons) is tapped five times within three seconds. */
export function watchStaffGesture(target, onGesture) {
  let taps = [];
  target.addEventListener("pointerdown", (event) => {
    if (event.target instanceof Element && event.target.closest("button")) return;
    const now = performance.now();
    taps = taps.filter((time) => now - time < WITHIN_MS);
    taps.push(now);
    if (taps.length >= TAPS) {
      taps = [];
      onGesture();
    }
  });
}
