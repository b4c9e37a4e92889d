//! The periodic check of the shared update source, started with the window when `update_source` is
//! set. It runs on its own thread; the store is locked only to import, so patients keep reading the
//! old content until the new one is committed.

use std::time::Duration;

use kiosk_core::library::Library;
use kiosk_core::update::{keep_checking, UpdateOptions};
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

/// How long after start the first check waits, so the window is up first.
const FIRST_CHECK_DELAY: Duration = Duration::from_secs(30);

/// Starts the update thread if the settings name a source.
pub(crate) fn start<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let settings = state.settings();
    let Some(source) = settings.update_source.clone() else {
        return;
    };
    let interval = settings.update_interval();
    let library = match Library::for_settings(&state.data_dir, &settings) {
        Ok(library) => library,
        Err(error) => {
            tracing::error!(%error, "automatic updates are off until the settings file is fixed");
            return;
        }
    };
    let app = app.clone();
    tracing::info!(%source, minutes = interval.as_secs() / 60, "automatic updates on");
    std::thread::spawn(move || {
        std::thread::sleep(FIRST_CHECK_DELAY);
        let state = app.state::<AppState>();
        // Each outcome is logged, audited and remembered for the staff screen by the check itself.
        keep_checking(
            &library,
            &state.store,
            &source,
            UpdateOptions::default(),
            interval,
            |_| {},
        );
    });
}
