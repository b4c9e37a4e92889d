// The staff screen: reached only through the staff gesture and PIN. It closes itself after two
// minutes without a touch, so it is never left open for the next patient.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t, appInfo } from "../i18n.js";
import * as nav from "../navigation.js";
import { showError } from "../status.js";

const STAFF_IDLE_MS = 120_000;
const ACTIVITY = ["pointerdown", "keydown"];

let closeTimer = 0;
let open = false;

export async function renderStaff(container) {
  container.append(
    el("h1", { class: "screen-heading", text: t("staff.heading") }),
    el("p", { class: "notice", text: t("staff.intro") }),
  );
  const actions = el("div", { class: "staff-actions" }, [button(t("staff.back"), () => closeStaff(), "primary-button staff-back")]);
  if (appInfo()?.kiosk) {
    actions.append(
      button(
        t("staff.leave"),
        async () => {
          try {
            await api.leaveKiosk();
          } catch (error) {
            showError(error);
            closeStaff();
          }
        },
        "secondary-button staff-leave",
      ),
    );
  }
  container.append(actions);
  open = true;
  watchStaffIdle();
}

/** Returns to the patient Home screen; leaving the staff screen ends the staff session. */
export function closeStaff() {
  return nav.home();
}

/** Called after every screen change: leaving the staff screen, by any way, ends the session. */
export function afterScreenChange(screenName) {
  if (!open || screenName === "staff") return;
  open = false;
  stopWatching();
  api.staffLock().catch(() => {});
}

/** Whether the staff screen is showing (the patient idle timer rests meanwhile). */
export function isStaffShowing() {
  return nav.current()?.name === "staff";
}

function onActivity() {
  clearTimeout(closeTimer);
  closeTimer = setTimeout(() => closeStaff(), STAFF_IDLE_MS);
}

function watchStaffIdle() {
  stopWatching();
  for (const type of ACTIVITY) document.addEventListener(type, onActivity, { capture: true, passive: true });
  onActivity();
}

function stopWatching() {
  clearTimeout(closeTimer);
  for (const type of ACTIVITY) document.removeEventListener(type, onActivity, { capture: true });
}
