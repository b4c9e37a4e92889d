// Saving and exporting: Save writes every question file and the manifest (with its file list
// and fingerprints recomputed); Export packs the saved folder into a signed zip after the full
// check, raising the version if asked. A new folder starts with the starter bundle.
import * as api from "../api.js";
import { el } from "../dom.js";
import { draft, forSaving, manifestForSaving } from "./model.js";
import { withQuestionOrder } from "./order.js";
import { fieldId, textField } from "./fields.js";
import { say, showBundle } from "./main.js";

/** Wires the Save and Export buttons and Ctrl+S. */
export function initFiles() {
  document.getElementById("author-save").addEventListener("click", save);
  document.getElementById("author-export").addEventListener("click", openExport);
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      if (draft.manifest) save();
    }
  });
}

/** Problems as lines for the status line: the count and the first few. */
function problemSummary(report) {
  const errors = report.errors ?? [];
  const warnings = report.warnings ?? [];
  const first = errors.slice(0, 3).map((p) => `${p.file}: ${p.field ? `${p.field}: ` : ""}${p.message}`);
  return { errors, warnings, text: first.join(" · ") };
}

/** Saves the bundle; resolves true when it was written. */
export async function save() {
  try {
    const report = await api.authorSave(withQuestionOrder(manifestForSaving()), draft.questions.map(forSaving));
    draft.dirty = false;
    draft.manifest = report.manifest;
    document.getElementById("author-save").disabled = true;
    const { errors, warnings, text } = problemSummary(report.validation);
    if (errors.length > 0) {
      say(`Saved. ${errors.length} problem(s) must be fixed before export: ${text}`, true);
    } else {
      say(`Saved. The bundle is valid${warnings.length > 0 ? ` (${warnings.length} warning(s))` : ""}.`);
    }
    return true;
  } catch (error) {
    say(`Not saved: ${error.message}`, true);
    return false;
  }
}

/** The export form, in a dialog: the key, its password, where the zip goes, a new version. */
function openExport() {
  const dialog = el("dialog", { class: "author-dialog", attrs: { id: "export-dialog", "aria-labelledby": "export-heading" } });
  const fields = {};
  const field = (key, options) => {
    const node = textField({ ...options, path: `export.${key}`, onInput: (value) => (fields[key] = value) });
    fields[key] = options.value ?? "";
    return node;
  };
  const bump = el("input", { attrs: { type: "checkbox", id: "export-bump" } });
  bump.checked = true;
  const message = el("p", { class: "export-message", attrs: { role: "alert" } });
  const exportButton = el("button", { class: "author-button author-primary", text: "Export", attrs: { type: "button", id: "export-go" } });
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  exportButton.addEventListener("click", async () => {
    exportButton.disabled = true;
    message.textContent = "Checking and packing…";
    try {
      if (draft.dirty && !(await save())) {
        message.textContent = "The bundle could not be saved; see the message at the top.";
        return;
      }
      const result = await api.authorExport(fields.out, fields.key, fields.password, bump.checked);
      if (!result.packed) {
        const { errors, text } = problemSummary(result.validation);
        message.textContent = `Not exported: ${errors.length} problem(s). ${text}`;
        return;
      }
      const packed = result.packed;
      const signed = packed.signed_by ? `, signed by key ${packed.signed_by}` : ", not signed";
      say(`Exported ${packed.id} version ${packed.version} (${packed.questions} questions${signed}) to ${packed.zip}`);
      await showBundle(await api.authorOpen());
      close();
    } catch (error) {
      message.textContent = error.message;
    } finally {
      exportButton.disabled = false;
    }
  });
  dialog.append(
    el("h2", { text: "Export signed bundle", attrs: { id: "export-heading" } }),
    field("key", {
      label: "Secret key file (from clinic-kiosk bundle keygen or minisign -G)",
      hint: "Leave empty for an unsigned zip: kiosks that trust publisher keys refuse it.",
    }),
    field("password", { label: "Key password (if the key has one)", type: "password" }),
    field("out", {
      label: "Zip file to write",
      value: `${draft.dir.replace(/\/+$/, "")}-v${draft.manifest.version + 1}.zip`,
      hint: "Put it on the USB stick for the kiosk, e.g. /media/you/STICK/clinic.zip.",
    }),
    el("div", { class: "field checkbox-field" }, [
      bump,
      el("label", { text: "Raise the version by one (kiosks import only a newer version)", attrs: { for: "export-bump" } }),
    ]),
    message,
    el("div", { class: "form-actions" }, [
      exportButton,
      el("button", { class: "author-button", text: "Cancel", attrs: { type: "button" }, on: { click: close } }),
    ]),
  );
  bump.addEventListener("change", () => {
    const out = document.getElementById(fieldId("export.out"));
    const version = draft.manifest.version + (bump.checked ? 1 : 0);
    out.value = out.value.replace(/-v\d+\.zip$/, `-v${version}.zip`);
    fields.out = out.value;
  });
  document.body.append(dialog);
  dialog.showModal();
  document.getElementById(fieldId("export.key")).focus();
}

/** The form that starts a new bundle in the (empty) folder. */
export function renderNewBundle(container) {
  const choices = { id: "", language: "en", title: "", publisher: "" };
  const field = (key, options) =>
    textField({ ...options, path: `new.${key}`, value: choices[key], onInput: (value) => (choices[key] = value) });
  const create = el("button", { class: "author-button author-primary", text: "Start the bundle", attrs: { type: "button", id: "new-create" } });
  create.addEventListener("click", async () => {
    try {
      const opened = await api.authorNew(choices.id, choices.language, choices.title, choices.publisher);
      say("The bundle was started with one example question. Change it, or add your own.");
      await showBundle(opened);
    } catch (error) {
      say(error.message, true);
    }
  });
  container.replaceChildren(
    el("h2", { class: "form-heading", text: "Start a new bundle" }),
    el("p", { text: `There is no bundle in ${draft.dir} yet. Fill in these four things to start one.` }),
    field("id", { label: "Bundle id, e.g. riverside-en (lowercase letters, digits, dashes)" }),
    field("language", { label: "Language (en or es)" }),
    field("title", { label: "Title, e.g. Your visit to Riverside Clinic" }),
    field("publisher", { label: "Publisher, e.g. Riverside Clinic" }),
    el("div", { class: "form-actions" }, [create]),
  );
}
