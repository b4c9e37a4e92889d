// The hidden way in for staff: five taps on the title bar's title within three seconds. Patients
// are unlikely to do this by chance, and it needs no visible button a curious visitor would try.
const TAPS = 5;
const WITHIN_MS = 3000;

/** Calls `onGesture` when `target` is tapped five times within three seconds. */
export function watchStaffGesture(target, onGesture) {
  let taps = [];
  target.addEventListener("pointerdown", () => {
    const now = performance.now();
    taps = taps.filter((time) => now - time < WITHIN_MS);
    taps.push(now);
    if (taps.length >= TAPS) {
      taps = [];
      onGesture();
    }
  });
}
