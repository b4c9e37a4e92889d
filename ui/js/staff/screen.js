// The staff screen: reached only through the staff gesture and PIN. Installed content and
// rollback, import from a USB stick, shared updates, settings, usage counts and the audit log.
// It closes itself after the staff session's idle time (two minutes) without a touch, so it is never left open for the next
// patient, and leaving it by any way ends the staff session.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t, appInfo } from "../i18n.js";
import * as nav from "../navigation.js";
import { showError } from "../status.js";
import { setIdleSeconds } from "../idle.js";
import { installedSection } from "./content.js";
import { importSection } from "./import.js";
import { updatesSection, auditSection, usageSection } from "./activity.js";
import { settingsSection } from "./settings.js";

/** How long the screen stays open without a touch: the kiosk's staff session time (staff_status). */
let staffIdleMs = 0;
const TOUCH_EVERY_MS = 20_000;
const ACTIVITY = ["pointerdown", "keydown"];

let closeTimer = 0;
let lastTouch = 0;
let open = false;

export async function renderStaff(container) {
  const status = await api.staffStatus();
  staffIdleMs = status.idle_seconds * 1000;
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
  container.append(el("h1", { class: "screen-heading", text: t("staff.heading") }), el("p", { class: "notice", text: t("staff.intro") }), actions);
  if (appInfo()?.kiosk && appInfo()?.service) container.append(el("p", { class: "staff-note", text: t("staff.leave_service") }));
  // A bad settings file stops imports and updates until IT fixes it; say which line.
  if (status.settings_problem) container.append(el("p", { class: "staff-problem staff-settings-problem", text: t("staff.settings_problem", { problem: status.settings_problem }) }));
  open = true;
  watchStaffIdle();

  // Each section loads on its own, so one failing (say, CUPS is down) does not hide the others.
  const guarded = async (make) => {
    try {
      return await make();
    } catch (error) {
      return el("p", { class: "staff-problem", text: error.message });
    }
  };
  const audit = await guarded(() => auditSection());
  const installed = await guarded(() => installedSection(() => audit.refresh?.()));
  const afterImport = async () => {
    await installed.refresh?.();
    await audit.refresh?.();
  };
  container.append(
    installed,
    await guarded(() => importSection(afterImport)),
    await guarded(() => updatesSection()),
    await guarded(() => settingsSection(async () => setIdleSeconds(appInfo().idle_seconds))),
    await guarded(() => usageSection()),
    audit,
  );
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
  closeTimer = setTimeout(() => closeStaff(), staffIdleMs);
  // Keep the kiosk's side of the session alive while staff are busy here.
  const now = Date.now();
  if (now - lastTouch > TOUCH_EVERY_MS) {
    lastTouch = now;
    api.staffTouch().catch(() => {});
  }
}

function watchStaffIdle() {
  stopWatching();
  for (const type of ACTIVITY) document.addEventListener(type, onActivity, { capture: true, passive: true });
  lastTouch = Date.now();
  clearTimeout(closeTimer);
  closeTimer = setTimeout(() => closeStaff(), staffIdleMs);
}

function stopWatching() {
  clearTimeout(closeTimer);
  for (const type of ACTIVITY) document.removeEventListener(type, onActivity, { capture: true });
}
