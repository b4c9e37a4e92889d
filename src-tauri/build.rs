//! Generates the permissions for our own commands, so each capability can grant its window exactly
//! its commands and nothing else: `capabilities/main.json` the kiosk's [`COMMANDS`] to the kiosk
//! window, `capabilities/author.json` the editor's [`AUTHOR_COMMANDS`] to the editor window.

/// Every command the kiosk window may call; `ui/js/api.js` is the only file that names them.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_topics",
    "list_questions",
    "get_question",
    "open_answer",
    "search",
    "startup",
    "qr_code",
    "print_sheet",
    "write_sheet_job",
    "renew_page",
    "staff_status",
    "staff_unlock",
    "staff_set_first_pin",
    "staff_lock",
    "staff_touch",
    "leave_kiosk",
    "staff_bundles",
    "staff_find_bundles",
    "staff_preview_import",
    "staff_import_bundle",
    "staff_rollback_bundle",
    "staff_audit_log",
    "staff_usage",
    "staff_update_status",
    "staff_save_usage_csv",
    "staff_settings",
    "staff_save_settings",
];

/// Every command the content editor window (`clinic-kiosk author`) may call, and no kiosk window.
const AUTHOR_COMMANDS: &[&str] = &[
    "author_info",
    "author_open",
    "author_check",
    "author_new",
    "author_save",
    "author_export",
    "author_close",
];

fn main() {
    let all: Vec<&'static str> = COMMANDS.iter().chain(AUTHOR_COMMANDS).copied().collect();
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(all.leak())),
    )
    .expect("tauri build configuration is valid");
}
