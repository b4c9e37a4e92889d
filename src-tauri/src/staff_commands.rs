//! Tauri commands for the staff screen: installed bundles with their signer, bundles found on USB
//! sticks and in the import folder, the import preview, import, rollback, the audit log, usage
//! counts (and their CSV) and the state of shared updates. Each is a thin adapter over
//! `kiosk_core`; every one first calls [`require_staff`].

use std::path::{Path, PathBuf};

use kiosk_core::library::{ImportPreview, Imported, Library};
use kiosk_core::scan::{find_bundles, FoundBundle};
use kiosk_core::store::{
    AuditAction, AuditEntry, AuditSource, ImportOptions, InstalledBundle, UpdateCheck, UsageReport,
};
use serde::Serialize;
use tauri::State;

use crate::commands::{AppState, CommandError};

/// The one gate every staff command passes: an open staff session (the right staff PIN within the
/// last two minutes of staff activity), else the error `staff_only`.
pub(crate) fn require_staff(state: &AppState) -> Result<(), CommandError> {
    state.staff.require()
}

fn library(state: &AppState) -> Result<Library, CommandError> {
    Library::new(&state.data_dir, &state.settings().trusted_keys).map_err(CommandError::from)
}

/// Only bundles under the scanned roots (USB sticks, the import folder) may be previewed or
/// imported from the screen, so the page cannot point the importer at arbitrary files.
fn importable(state: &AppState, path: &str) -> Result<PathBuf, CommandError> {
    let refused = || CommandError {
        code: "not_importable".into(),
        message: format!("{path} is not on a USB stick or in the import folder; choose a bundle from the list"),
    };
    let canonical = Path::new(path).canonicalize().map_err(|_| refused())?;
    let inside = state
        .scan_roots
        .iter()
        .filter_map(|root| root.canonicalize().ok())
        .any(|root| canonical.starts_with(root));
    inside.then_some(canonical).ok_or_else(refused)
}

/// An installed bundle and the earlier versions kept for a rollback.
#[derive(Debug, Serialize)]
pub struct StaffBundle {
    /// The installed bundle.
    #[serde(flatten)]
    pub bundle: InstalledBundle,
    /// Kept versions older than the installed one, newest first (empty: no rollback possible).
    pub earlier_versions: Vec<u32>,
}

#[tauri::command(async)]
pub(crate) fn staff_bundles(state: State<'_, AppState>) -> Result<Vec<StaffBundle>, CommandError> {
    require_staff(&state)?;
    let bundles = state.with(|store| store.bundles())?;
    Ok(bundles
        .into_iter()
        .map(|bundle| StaffBundle {
            earlier_versions: kiosk_core::kept::earlier_versions(&state.data_dir, &bundle.id, bundle.version),
            bundle,
        })
        .collect())
}

#[tauri::command(async)]
pub(crate) fn staff_find_bundles(state: State<'_, AppState>) -> Result<Vec<FoundBundle>, CommandError> {
    require_staff(&state)?;
    Ok(find_bundles(&state.scan_roots))
}

#[tauri::command(async)]
pub(crate) fn staff_preview_import(state: State<'_, AppState>, path: String) -> Result<ImportPreview, CommandError> {
    require_staff(&state)?;
    let path = importable(&state, &path)?;
    let library = library(&state)?;
    state.with(|store| library.preview(store, &path))
}

#[tauri::command(async)]
pub(crate) fn staff_import_bundle(state: State<'_, AppState>, path: String) -> Result<Imported, CommandError> {
    require_staff(&state)?;
    let path = importable(&state, &path)?;
    let library = library(&state)?;
    state.with_mut(|store| {
        library.import_path(
            store,
            &path,
            AuditSource::Staff,
            AuditAction::Import,
            ImportOptions::default(),
        )
    })
}

#[tauri::command(async)]
pub(crate) fn staff_rollback_bundle(state: State<'_, AppState>, id: String) -> Result<Imported, CommandError> {
    require_staff(&state)?;
    let library = library(&state)?;
    state.with_mut(|store| library.rollback(store, &id, AuditSource::Staff))
}

#[tauri::command(async)]
pub(crate) fn staff_audit_log(state: State<'_, AppState>, limit: Option<u32>) -> Result<Vec<AuditEntry>, CommandError> {
    require_staff(&state)?;
    state.with(|store| store.audit_log(limit.unwrap_or(200).min(1000)))
}

#[tauri::command(async)]
pub(crate) fn staff_usage(state: State<'_, AppState>) -> Result<UsageReport, CommandError> {
    require_staff(&state)?;
    state.with(|store| store.usage())
}

#[tauri::command(async)]
pub(crate) fn staff_usage_csv(state: State<'_, AppState>) -> Result<String, CommandError> {
    require_staff(&state)?;
    state.with(|store| store.usage().map(|usage| usage.to_csv()))
}

/// Saves the usage counts as a CSV file on the USB stick (or, with none, in the import folder);
/// returns the file written. On a packaged kiosk the package's USB helper makes the (read-only)
/// sticks writable for the moment of the write.
#[tauri::command(async)]
pub(crate) fn staff_save_usage_csv(state: State<'_, AppState>) -> Result<String, CommandError> {
    require_staff(&state)?;
    let csv = state.with(|store| store.usage().map(|usage| usage.to_csv()))?;
    // Sticks are mounted read-only on a packaged kiosk; writable only while this window lives.
    let _writable = kiosk_core::usb::open_write_window(std::path::Path::new(kiosk_core::usb::WRITE_SOCKET))
        .map_err(|e| CommandError::new("usb_not_writable", e.to_string()))?;
    let Some(folder) = kiosk_core::scan::save_folders(&state.scan_roots).into_iter().next() else {
        return Err(CommandError::new(
            "no_usb_stick",
            "No USB stick was found. Put a USB stick in the kiosk, wait a few seconds, and try again.",
        ));
    };
    let day = time::OffsetDateTime::now_utc().date();
    let path = folder.join(format!("clinic-kiosk-usage-{day}.csv"));
    std::fs::write(&path, csv).map_err(|e| {
        CommandError::new(
            "save_failed",
            format!(
                "The file could not be saved on {} ({e}). Check that the USB stick is not full or locked.",
                folder.display()
            ),
        )
    })?;
    Ok(path.display().to_string())
}

/// Shared updates as the staff screen shows them.
#[derive(Debug, Serialize)]
pub struct UpdateStatus {
    /// The configured source, if any.
    pub source: Option<String>,
    /// Minutes between checks.
    pub interval_minutes: u32,
    /// The last check, if there was one.
    pub last_check: Option<UpdateCheck>,
}

#[tauri::command(async)]
pub(crate) fn staff_update_status(state: State<'_, AppState>) -> Result<UpdateStatus, CommandError> {
    require_staff(&state)?;
    let settings = state.settings();
    Ok(UpdateStatus {
        interval_minutes: settings.update_interval_minutes(),
        source: settings.update_source,
        last_check: state.with(|store| store.last_update_check())?,
    })
}
