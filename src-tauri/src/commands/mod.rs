//! Every command the page may call, grouped by who calls it: the patient screens
//! ([`patient`]), the staff PIN and session ([`staff_session`]), the staff screen's content
//! sections ([`staff_content`]) and its settings ([`staff_settings`]), and the content editor
//! window of `clinic-kiosk author` ([`author`]).
//!
//! [`handler`] registers them; the same names are listed in `build.rs` (their permissions: the
//! kiosk's in `COMMANDS`, the editor's in `AUTHOR_COMMANDS`), in `capabilities/main.json`
//! (the kiosk's, granted to the kiosk window) and `capabilities/author.json` (the editor's,
//! granted to the editor window), and in `ui/js/api.js` (the only caller). A test
//! (`command_list_tests`) keeps the lists equal and apart.

pub(crate) mod author;
pub(crate) mod patient;
pub(crate) mod staff_content;
pub(crate) mod staff_session;
pub(crate) mod staff_settings;

use tauri::ipc::Invoke;
use tauri::Runtime;

/// The invoke handler with every command.
pub(crate) fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        patient::app_info,
        patient::list_topics,
        patient::list_questions,
        patient::get_question,
        patient::open_answer,
        patient::search,
        patient::startup,
        patient::qr_code,
        patient::print_sheet,
        patient::write_sheet_job,
        patient::renew_page,
        staff_session::staff_status,
        staff_session::staff_unlock,
        staff_session::staff_set_first_pin,
        staff_session::staff_lock,
        staff_session::staff_touch,
        staff_session::leave_kiosk,
        staff_content::staff_bundles,
        staff_content::staff_find_bundles,
        staff_content::staff_preview_import,
        staff_content::staff_import_bundle,
        staff_content::staff_rollback_bundle,
        staff_content::staff_audit_log,
        staff_content::staff_usage,
        staff_content::staff_update_status,
        staff_content::staff_save_usage_csv,
        staff_settings::staff_settings,
        staff_settings::staff_save_settings,
        author::author_info,
        author::author_open,
        author::author_check,
        author::author_new,
        author::author_save,
        author::author_export,
        author::author_close,
    ]
}
