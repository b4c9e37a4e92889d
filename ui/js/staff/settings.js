// Staff: the four settings front-desk staff may change (clinic name, idle time, default language,
// printer). A change is kept in the kiosk's database and wins over the settings file; "Use the
// settings file" drops it again.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t, setLanguage, language } from "../i18n.js";
import { openKeyboard } from "../keyboard.js";
import { section, outcome, report } from "./common.js";

const LANGUAGES = [
  ["en", "English"],
  ["es", "Español"],
];

/** The "Settings" section; `onSaved` runs after a change (so the page picks up idle time etc.). */
export async function settingsSection(onSaved) {
  const body = el("div", { class: "staff-settings" });
  const result = outcome("staff-settings-outcome");
  const node = section("staff-settings", t("staff.settings.heading"), [body, result]);
  const draw = async (current) => {
    const s = current ?? (await api.staffSettings());
    const clinic = el("input", { class: "staff-input", attrs: { id: "setting-clinic-name", type: "text", maxlength: "80", autocomplete: "off" } });
    clinic.value = s.effective.clinic_name ?? "";
    // Kiosks often have no keyboard: the on-screen one fills the field too.
    const clinicKeys = button(
      t("search.keyboard"),
      async () => {
        const typed = await openKeyboard({ title: t("staff.settings.clinic_name"), maxLength: 80, initial: clinic.value });
        if (typed !== null) clinic.value = typed;
      },
      "secondary-button staff-keyboard",
    );
    const idle = el("input", { class: "staff-input", attrs: { id: "setting-idle-seconds", type: "number", min: "30", max: "1800", step: "10" } });
    idle.value = String(s.effective.idle_seconds);
    const lang = el("select", { class: "staff-input", attrs: { id: "setting-default-language" } }, LANGUAGES.map(([code, name]) => el("option", { text: name, attrs: { value: code } })));
    lang.value = s.effective.default_language;
    const printer = el("select", { class: "staff-input", attrs: { id: "setting-printer" } }, [
      el("option", { text: t("staff.settings.default_printer"), attrs: { value: "" } }),
      ...[...new Set([...(s.printers ?? []), ...(s.effective.printer ? [s.effective.printer] : [])])].map((name) => el("option", { text: name, attrs: { value: name } })),
    ]);
    printer.value = s.effective.printer ?? "";
    const row = (key, label, input, inputId = input.id) =>
      el("div", { class: "staff-setting" }, [
        el("label", { text: label, attrs: { for: inputId } }),
        input,
        el("span", { class: "staff-note", text: s.overrides[key] !== null && s.overrides[key] !== undefined ? t("staff.settings.from_staff") : t("staff.settings.from_file") }),
        s.overrides[key] !== null && s.overrides[key] !== undefined
          ? button(t("staff.settings.use_file"), () => save({ [key]: null }), "secondary-button staff-use-file")
          : null,
      ]);
    body.replaceChildren(
      row("clinic_name", t("staff.settings.clinic_name"), el("span", { class: "staff-with-keys", attrs: { id: "setting-clinic-name-group" } }, [clinic, clinicKeys]), clinic.id),
      row("idle_seconds", t("staff.settings.idle_seconds"), idle),
      row("default_language", t("staff.settings.default_language"), lang),
      row("printer", t("staff.settings.printer"), printer),
      el("div", { class: "staff-actions" }, [
        button(
          t("staff.settings.save"),
          () => {
            const changes = {};
            const same = (a, b) => (a ?? "") === (b ?? "");
            if (!same(clinic.value.trim(), s.effective.clinic_name)) changes.clinic_name = clinic.value.trim();
            if (Number(idle.value) !== s.effective.idle_seconds) changes.idle_seconds = Number(idle.value);
            if (lang.value !== s.effective.default_language) changes.default_language = lang.value;
            if (!same(printer.value, s.effective.printer)) changes.printer = printer.value;
            return save(changes);
          },
          "primary-button staff-save-settings",
        ),
      ]),
      el("p", { class: "staff-note", text: t("staff.settings.file_note", { path: s.settings_path }) }),
    );
  };
  const save = async (changes) => {
    report(result, "", true);
    if (Object.keys(changes).length === 0) {
      report(result, t("staff.settings.nothing"), true);
      return;
    }
    try {
      const saved = await api.staffSaveSettings(changes);
      await setLanguage(language());
      await draw(saved);
      report(result, t("staff.settings.saved"), true);
      await onSaved();
    } catch (error) {
      report(result, error.message, false);
    }
  };
  await draw();
  return node;
}
