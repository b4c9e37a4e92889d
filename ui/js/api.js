// The only module that knows Tauri command names. Every call resolves with data or rejects with
// an ApiError {code, message}; ERROR_CODES mirrors the app's ErrorCode (src-tauri/src/error.rs,
// whose test pins the two lists together), plus UNAVAILABLE, the page's own.

export const ERROR_CODES = Object.freeze({
  UNREADABLE: "unreadable",
  INVALID_BUNDLE: "invalid_bundle",
  NOT_NEWER: "not_newer",
  QUESTION_ID_TAKEN: "question_id_taken",
  NOT_FOUND: "not_found",
  SIGNATURE_REFUSED: "signature_refused",
  UPDATE_FAILED: "update_failed",
  SETTINGS: "settings",
  NOT_IMPORTABLE: "not_importable",
  STORAGE: "storage",
  PRINTER_UNAVAILABLE: "printer_unavailable",
  STAFF_ONLY: "staff_only",
  BAD_PIN: "bad_pin",
  PIN_ALREADY_SET: "pin_already_set",
  PIN_SETUP_LOCKED: "pin_setup_locked",
  INVALID_SETTING: "invalid_setting",
  NO_USB_STICK: "no_usb_stick",
  SAVE_FAILED: "save_failed",
  INVALID_ADDRESS: "invalid_address",
  INTERNAL: "internal",
  UNAVAILABLE: "unavailable",
});

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }

  static from(raw) {
    if (raw && typeof raw === "object" && typeof raw.code === "string") {
      return new ApiError(raw.code, String(raw.message ?? ""));
    }
    return new ApiError(ERROR_CODES.INTERNAL, String(raw));
  }
}

// Tauri's own JavaScript API (`invoke` in @tauri-apps/api/core) is this one call on the object
// the app injects into every page; calling it directly spares each page the 41 KB global
// `__TAURI__` script (`withGlobalTauri`), which would run before anything else on every start.
async function call(command, args) {
  const ipc = window.__TAURI_INTERNALS__;
  if (typeof ipc?.invoke !== "function") {
    throw new ApiError(ERROR_CODES.UNAVAILABLE, "The kiosk's content service is not available.");
  }
  try {
    return await ipc.invoke(command, args);
  } catch (raw) {
    throw ApiError.from(raw);
  }
}

export const appInfo = (language) => call("app_info", { language });
export const listTopics = (language) => call("list_topics", { language });
export const listQuestions = (language, bundleId, topic, offset, limit) =>
  call("list_questions", { language, bundleId, topic, offset, limit });
// Reads an answer; counts nothing (the sheet, "My questions" and previews use it).
export const getQuestion = (language, id) => call("get_question", { language, id });
// The patient opens an answer: read and counted once. Only the answer screen calls it.
export const openAnswer = (language, id) => call("open_answer", { language, id });
// { hits, showing_results_for }: the latter names the corrected words when a word was misspelled.
export const search = (language, query) => call("search", { language, query });
// { sheet, info, topics }: a command-line sheet job if any, app_info for the default language and
// its topics: all Home needs, in one round trip.
export const startup = () => call("startup", {});
export const qrCode = (address) => call("qr_code", { address });
export const printSheet = () => call("print_sheet", {});
export const writeSheetJob = () => call("write_sheet_job", {});
// After the idle reset: a fresh page in a fresh web process, opening on the attract screen.
export const renewPage = () => call("renew_page", {});
export const staffStatus = () => call("staff_status", {});
export const staffUnlock = (pin) => call("staff_unlock", { pin });
export const staffSetFirstPin = (pin) => call("staff_set_first_pin", { pin });
export const staffLock = () => call("staff_lock", {});
export const staffTouch = () => call("staff_touch", {});
export const leaveKiosk = () => call("leave_kiosk", {});
export const staffBundles = () => call("staff_bundles", {});
export const staffFindBundles = () => call("staff_find_bundles", {});
export const staffPreviewImport = (path) => call("staff_preview_import", { path });
export const staffImportBundle = (path, digest) => call("staff_import_bundle", { path, digest });
export const staffRollbackBundle = (id) => call("staff_rollback_bundle", { id });
export const staffAuditLog = (limit) => call("staff_audit_log", { limit });
export const staffUsage = () => call("staff_usage", {});
export const staffSaveUsageCsv = () => call("staff_save_usage_csv", {});
export const staffUpdateStatus = () => call("staff_update_status", {});
export const staffSettings = () => call("staff_settings", {});
export const staffSaveSettings = (changes) => call("staff_save_settings", { changes });

// The content editor (`clinic-kiosk author DIR`). Only the editor window is granted these
// (src-tauri/capabilities/author.json); the kiosk window cannot call them.
export const authorInfo = (language) => call("author_info", { language });
export const authorOpen = () => call("author_open", {});
export const authorCheck = (manifest, question, others) => call("author_check", { manifest, question, others });
export const authorNew = (id, language, title, publisher) => call("author_new", { id, language, title, publisher });
export const authorSave = (manifest, questions) => call("author_save", { manifest, questions });
export const authorExport = (out, key, password, bump) => call("author_export", { out, key, password, bump });
// Closes the editor window (after the page has offered to keep unsaved work).
export const authorClose = () => call("author_close", {});
