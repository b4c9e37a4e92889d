// From the staff gesture to the staff screen: asks for the PIN (or, on first use outside kiosk
// mode, for a new PIN twice; in kiosk mode it says to ask IT), and opens the staff screen when the
// kiosk accepts it.
import * as api from "../api.js";
import { t } from "../i18n.js";
import { openPinPad } from "./pin-pad.js";
import * as nav from "../navigation.js";
import { showError, showMessage } from "../status.js";

let asking = false;

/** Runs the PIN dialog and, on success, shows the staff screen. */
export async function askForStaffPin() {
  if (asking) return;
  asking = true;
  try {
    const status = await api.staffStatus();
    if (!status.pin_set && status.kiosk) {
      // A kiosk never lets whoever taps first choose the PIN (e.g. after a database rebuild).
      showMessage(t("staff.pin.ask_it"));
      return;
    }
    const opened = status.pin_set ? await enterPin() : await chooseFirstPin();
    if (opened) await nav.go("staff");
  } catch (error) {
    showError(error);
  } finally {
    asking = false;
  }
}

function enterPin() {
  return openPinPad({
    title: t("staff.pin.title"),
    prompt: t("staff.pin.prompt"),
    submit: async (pin) => {
      const check = await api.staffUnlock(pin);
      switch (check.result) {
        case "accepted":
          return null;
        case "wrong":
          return check.wait_seconds > 0 ? t("staff.pin.wrong_wait", { seconds: check.wait_seconds }) : t("staff.pin.wrong");
        case "too_soon":
          return t("staff.pin.too_soon", { seconds: check.wait_seconds });
        default:
          return t("staff.pin.not_set");
      }
    },
  });
}

async function chooseFirstPin() {
  let first = null;
  return openPinPad({
    title: t("staff.pin.new_title"),
    prompt: t("staff.pin.new_prompt"),
    submit: async (pin) => {
      if (first === null) {
        first = pin;
        document.getElementById("pin-prompt").textContent = t("staff.pin.again");
        return "";
      }
      if (pin !== first) {
        first = null;
        document.getElementById("pin-prompt").textContent = t("staff.pin.new_prompt");
        return t("staff.pin.mismatch");
      }
      try {
        await api.staffSetFirstPin(pin);
        return null;
      } catch (error) {
        first = null;
        document.getElementById("pin-prompt").textContent = t("staff.pin.new_prompt");
        return error.message;
      }
    },
  });
}
