//! Generates the permissions for our own commands, so the capability can grant the main window
//! exactly these and nothing else.

/// Every command the UI may call; `ui/js/api.js` is the only file that names them.
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

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build configuration is valid");
}
