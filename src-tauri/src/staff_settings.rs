//! Tauri commands for the staff screen's settings: clinic name, idle time, default language and
//! printer. Staff changes are stored in the database (`kiosk_core::staff_settings`), win over the
//! settings file, and take effect at once. Each command first calls [`require_staff`].

use kiosk_core::staff_settings::{SettingsChanges, StaffSettingsReport};
use kiosk_core::store::AuditSource;
use serde::Serialize;
use tauri::State;

use crate::commands::AppState;
use crate::error::{CommandError, ErrorCode};
use crate::staff_commands::require_staff;

/// The settings as the staff screen shows them.
#[derive(Debug, Serialize)]
pub struct StaffSettingsView {
    /// The file's values, the staff overrides and what applies now.
    #[serde(flatten)]
    pub report: StaffSettingsReport,
    /// The CUPS printers to choose from; empty when CUPS cannot be asked.
    pub printers: Vec<String>,
    /// The settings file IT edits.
    pub settings_path: String,
}

fn view(state: &AppState, report: StaffSettingsReport) -> StaffSettingsView {
    let printers = printers::queue_names().unwrap_or_else(|error| {
        tracing::info!(%error, "no printer list for the staff screen");
        Vec::new()
    });
    StaffSettingsView {
        report,
        printers,
        settings_path: state.settings_path.display().to_string(),
    }
}

#[tauri::command(async)]
pub(crate) fn staff_settings(state: State<'_, AppState>) -> Result<StaffSettingsView, CommandError> {
    require_staff(&state)?;
    let overrides = state.with(|store| store.setting_overrides())?;
    Ok(view(&state, StaffSettingsReport::new(state.file_settings(), overrides)))
}

/// Sets (a value) or clears (`null`) staff overrides; they apply at once. An invalid value is
/// refused with `invalid_setting` and nothing changes.
#[tauri::command(async)]
pub(crate) fn staff_save_settings(
    state: State<'_, AppState>,
    changes: serde_json::Map<String, serde_json::Value>,
) -> Result<StaffSettingsView, CommandError> {
    require_staff(&state)?;
    let changes =
        SettingsChanges::parse(&changes).map_err(|e| CommandError::new(ErrorCode::InvalidSetting, e.to_string()))?;
    let overrides = state.with_mut(|store| store.save_setting_overrides(&changes, AuditSource::Staff))?;
    state.apply_overrides(&overrides);
    tracing::info!(detail = %changes.describe(), "staff changed settings");
    Ok(view(&state, StaffSettingsReport::new(state.file_settings(), overrides)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_language_staff_may_choose_has_interface_text() {
        for language in kiosk_core::staff_settings::UI_LANGUAGES {
            assert_eq!(
                crate::commands::ui_strings(language).0,
                *language,
                "default_language {language} is offered, so the kiosk must have screens in it"
            );
        }
    }
}
