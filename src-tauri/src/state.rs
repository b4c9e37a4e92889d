//! The app's one managed state: the content store, the settings in force (the file's, with staff
//! overrides), the data folder, where staff bundles are looked for, the staff session and, for the
//! command line's `sheet`, the sheet job. Every command reaches the store through [`AppState::with`]
//! or [`AppState::with_mut`], which turn engine errors into [`CommandError`]s.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use kiosk_core::settings::Settings;
use kiosk_core::staff_settings::StaffSettings;
use kiosk_core::store::Store;

use crate::error::CommandError;
use crate::sheet_job::SheetJob;
use crate::staff_session::StaffSession;

/// The app's one managed state.
pub struct AppState {
    pub(crate) store: Mutex<Store>,
    /// The settings file as read at start.
    file_settings: Settings,
    /// The settings in force: the file's, with the staff overrides from the database applied.
    effective_settings: RwLock<Settings>,
    /// The settings file, as the staff screen names it.
    pub(crate) settings_path: PathBuf,
    pub(crate) data_dir: PathBuf,
    /// Where the staff screen looks for bundles (removable media and the import folder).
    pub(crate) scan_roots: Vec<PathBuf>,
    pub(crate) sheet_job: Option<SheetJob>,
    pub(crate) staff: StaffSession,
}

impl AppState {
    /// Wraps an open store, the settings file's settings and the data folder (kept bundles,
    /// downloads). The settings in force are the file's with the staff overrides stored in the
    /// database applied; on first start there are none, so the file's values apply.
    pub fn new(store: Store, settings: Settings, data_dir: &Path) -> Self {
        let overrides = store.setting_overrides().unwrap_or_else(|error| {
            tracing::warn!(%error, "the staff settings could not be read; the settings file values apply");
            StaffSettings::default()
        });
        AppState {
            store: Mutex::new(store),
            scan_roots: kiosk_core::scan::default_roots(settings.import_folder.as_deref()),
            effective_settings: RwLock::new(settings.with_overrides(&overrides)),
            file_settings: settings,
            settings_path: Settings::path(None),
            data_dir: data_dir.to_path_buf(),
            sheet_job: None,
            staff: StaffSession::default(),
        }
    }

    /// The same state, naming `path` as the settings file it was read from.
    pub fn with_settings_path(mut self, path: &Path) -> Self {
        self.settings_path = path.to_path_buf();
        self
    }

    /// The settings in force now (a copy): the file's, with staff overrides applied.
    pub(crate) fn settings(&self) -> Settings {
        match self.effective_settings.read() {
            Ok(settings) => settings.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The settings as the settings file gives them, without staff overrides.
    pub(crate) fn file_settings(&self) -> &Settings {
        &self.file_settings
    }

    /// Puts staff overrides into force at once.
    pub(crate) fn apply_overrides(&self, overrides: &StaffSettings) {
        let effective = self.file_settings.with_overrides(overrides);
        match self.effective_settings.write() {
            Ok(mut settings) => *settings = effective,
            Err(poisoned) => *poisoned.into_inner() = effective,
        }
    }

    /// The same state, looking for importable bundles under `roots` instead of the defaults.
    pub fn with_scan_roots(mut self, roots: Vec<PathBuf>) -> Self {
        self.scan_roots = roots;
        self
    }

    /// The same state, set to print one sheet to a file and exit.
    pub fn with_sheet_job(mut self, job: SheetJob) -> Self {
        self.sheet_job = Some(job);
        self
    }

    pub(crate) fn with<T>(&self, f: impl FnOnce(&Store) -> kiosk_core::Result<T>) -> Result<T, CommandError> {
        let store = self.store.lock().map_err(|_| CommandError::internal())?;
        f(&store).map_err(CommandError::from)
    }

    pub(crate) fn with_mut<T>(&self, f: impl FnOnce(&mut Store) -> kiosk_core::Result<T>) -> Result<T, CommandError> {
        let mut store = self.store.lock().map_err(|_| CommandError::internal())?;
        f(&mut store).map_err(CommandError::from)
    }

    /// The one gate every staff command passes: an open staff session (the right staff PIN within
    /// the last two minutes of staff activity), else the error `staff_only`.
    pub(crate) fn require_staff(&self) -> Result<(), CommandError> {
        self.staff.require()
    }

    /// Counts a usage event; a count that cannot be written is logged, never shown to a patient.
    pub(crate) fn count(&self, record: impl FnOnce(&Store) -> kiosk_core::Result<()>) {
        if let Err(error) = self.with(record) {
            tracing::warn!(?error, "a usage count could not be written");
        }
    }
}
