//! Generates the permissions for our own commands, so the capability can grant the main window
//! exactly these and nothing else.

/// Every command the UI may call; `ui/js/api.js` is the only file that names them.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_topics",
    "list_questions",
    "get_question",
    "search",
    "startup",
    "qr_code",
    "print_sheet",
    "staff_status",
    "staff_unlock",
    "staff_set_first_pin",
    "staff_lock",
    "staff_touch",
    "leave_kiosk",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build configuration is valid");
}
