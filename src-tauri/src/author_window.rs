//! The editor window (`clinic-kiosk author DIR`): an ordinary desktop window on a staff PC, never
//! the kiosk. It has a state of its own — the bundle folder and nothing else — so its commands
//! have no way to the kiosk's database or installed content, and its capability
//! (`capabilities/author.json`) lets the window named [`AUTHOR_WINDOW`] call only the authoring
//! commands, while the kiosk's capability grants them to no window.

use std::path::{Path, PathBuf};

use tauri::webview::NewWindowResponse;
use tauri::{Builder, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The editor window's label, named by `capabilities/author.json`.
pub const AUTHOR_WINDOW: &str = "author";

/// What the authoring commands share: the bundle folder being edited.
pub struct AuthorState {
    /// The bundle folder given on the command line (it may not exist yet).
    pub(crate) dir: PathBuf,
}

impl AuthorState {
    /// The state for editing the bundle in `dir`.
    pub fn new(dir: &Path) -> Self {
        AuthorState { dir: dir.to_path_buf() }
    }
}

/// Registers the editor's state and the commands. Shared by [`run`] and the tests' mock runtime.
pub fn configure_author<R: Runtime>(builder: Builder<R>, state: AuthorState) -> Builder<R> {
    builder.manage(state).invoke_handler(crate::commands::handler())
}

/// A laptop screen: the window is made to fit 1366×768 with its title bar and a panel.
const WIDTH: f64 = 1366.0;
const HEIGHT: f64 = 700.0;

/// Opens the editor window on the bundle folder `dir` and runs until it is closed.
pub fn run(dir: &Path) -> Result<(), String> {
    crate::app::require_display()?;
    let dir = std::path::absolute(dir).map_err(|e| format!("the folder {} cannot be used: {e}", dir.display()))?;
    configure_author(Builder::default(), AuthorState::new(&dir))
        .setup(|app| {
            WebviewWindowBuilder::new(app, AUTHOR_WINDOW, WebviewUrl::App("author.html".into()))
                .title("Clinic Kiosk content editor")
                .inner_size(WIDTH, HEIGHT)
                .min_inner_size(1000.0, 600.0)
                .maximized(true)
                .on_navigation(crate::app::is_app_url)
                .on_new_window(|_url, _features| NewWindowResponse::Deny)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .map_err(|e| format!("the editor window could not start: {e}"))
}
