//! The staff screen's content commands: installed bundles with their signer, bundles found on USB
//! sticks and in the import folder, the import preview, import, rollback, the audit log, usage
//! counts (and saving their CSV) and the state of shared updates. Each is a thin adapter over
//! `kiosk_core`; every one first calls [`AppState::require_staff`].

use std::path::{Path, PathBuf};

use kiosk_core::library::{ImportPreview, Imported, Library};
use kiosk_core::scan::{find_bundles, FoundBundle};
use kiosk_core::store::{
    AuditAction, AuditEntry, AuditSource, ImportOptions, InstalledBundle, UpdateCheck, UsageReport,
};
use serde::Serialize;
use tauri::State;

use crate::error::{CommandError, ErrorCode};
use crate::state::AppState;

fn library(state: &AppState) -> Result<Library, CommandError> {
    Library::for_settings(&state.data_dir, &state.settings()).map_err(CommandError::from)
}

/// Only bundles under the scanned roots (USB sticks, the import folder) may be previewed or
/// imported from the screen, so the page cannot point the importer at arbitrary files.
fn importable(state: &AppState, path: &str) -> Result<PathBuf, CommandError> {
    kiosk_core::scan::confine(&state.scan_roots, Path::new(path)).map_err(CommandError::from)
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
    state.require_staff()?;
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
    state.require_staff()?;
    Ok(find_bundles(&state.scan_roots))
}

#[tauri::command(async)]
pub(crate) fn staff_preview_import(state: State<'_, AppState>, path: String) -> Result<ImportPreview, CommandError> {
    state.require_staff()?;
    let path = importable(&state, &path)?;
    let library = library(&state)?;
    // Read and checked without the store lock: patients never wait behind a staff preview.
    let prepared = library.prepare_preview(&path)?;
    state.with(|store| prepared.finish(store))
}

#[tauri::command(async)]
pub(crate) fn staff_import_bundle(
    state: State<'_, AppState>,
    path: String,
    digest: String,
) -> Result<Imported, CommandError> {
    state.require_staff()?;
    let path = importable(&state, &path)?;
    let library = library(&state)?;
    // Read and checked without the store lock; installed only if it is what the preview showed.
    let checked = library.check_previewed(&path, &digest);
    state.with_mut(|store| {
        library.import_checked(
            store,
            &path,
            checked,
            AuditSource::Staff,
            AuditAction::Import,
            ImportOptions::default(),
        )
    })
}

#[tauri::command(async)]
pub(crate) fn staff_rollback_bundle(state: State<'_, AppState>, id: String) -> Result<Imported, CommandError> {
    state.require_staff()?;
    let library = library(&state)?;
    state.with_mut(|store| library.rollback(store, &id, AuditSource::Staff))
}

#[tauri::command(async)]
pub(crate) fn staff_audit_log(state: State<'_, AppState>, limit: Option<u32>) -> Result<Vec<AuditEntry>, CommandError> {
    state.require_staff()?;
    state.with(|store| store.audit_log(limit.unwrap_or(200).min(1000)))
}

#[tauri::command(async)]
pub(crate) fn staff_usage(state: State<'_, AppState>) -> Result<UsageReport, CommandError> {
    state.require_staff()?;
    state.with(|store| store.usage())
}

/// Saves the usage counts as a CSV file on the USB stick (or, with none, in the import folder);
/// returns the file written. On a packaged kiosk the package's USB helper makes the (read-only)
/// sticks writable for the moment of the write.
#[tauri::command(async)]
pub(crate) fn staff_save_usage_csv(state: State<'_, AppState>) -> Result<String, CommandError> {
    state.require_staff()?;
    let usage = state.with(|store| store.usage())?;
    // Sticks are mounted read-only on a packaged kiosk; writable only while this window lives.
    let _writable = kiosk_core::usb::open_write_window(Path::new(kiosk_core::usb::WRITE_SOCKET))
        .map_err(|e| CommandError::new(ErrorCode::SaveFailed, e.to_string()))?;
    let day = time::OffsetDateTime::now_utc().date();
    let path = kiosk_core::scan::save_usage_csv(&state.scan_roots, &usage, day)?;
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
    state.require_staff()?;
    let settings = state.settings();
    Ok(UpdateStatus {
        interval_minutes: settings.update_interval_minutes(),
        source: settings.update_source,
        last_check: state.with(|store| store.last_update_check())?,
    })
}
