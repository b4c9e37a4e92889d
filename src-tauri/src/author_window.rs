//! The editor window (`clinic-kiosk author DIR`): an ordinary desktop window on a staff PC, never
//! the kiosk. It has a state of its own — the bundle folder and nothing else — so its commands
//! have no way to the kiosk's database or installed content, and its capability
//! (`capabilities/author.json`) lets the window named [`AUTHOR_WINDOW`] call only the authoring
//! commands, while the kiosk's capability grants them to no window.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use tauri::webview::NewWindowResponse;
use tauri::{Builder, Manager as _, Runtime, WebviewUrl, WebviewWindowBuilder, WindowEvent};

/// The editor window's label, named by `capabilities/author.json`.
pub const AUTHOR_WINDOW: &str = "author";

/// What the authoring commands share: the bundle folder being edited.
pub struct AuthorState {
    /// The bundle folder given on the command line (it may not exist yet).
    pub(crate) dir: PathBuf,
    /// Whether the page said the window may close (nothing unsaved, or staff chose to discard it).
    may_close: AtomicBool,
}

impl AuthorState {
    /// The state for editing the bundle in `dir`.
    pub fn new(dir: &Path) -> Self {
        AuthorState {
            dir: dir.to_path_buf(),
            may_close: AtomicBool::new(false),
        }
    }

    /// Lets the window close (the page asked, see `author_close`).
    pub(crate) fn allow_close(&self) {
        self.may_close.store(true, Ordering::SeqCst);
    }

    /// Whether the window may close now.
    pub(crate) fn may_close(&self) -> bool {
        self.may_close.load(Ordering::SeqCst)
    }
}

/// Registers the editor's state and the commands. Shared by [`run`] and the tests' mock runtime.
pub fn configure_author<R: Runtime>(builder: Builder<R>, state: AuthorState) -> Builder<R> {
    builder.manage(state).invoke_handler(crate::commands::handler())
}

/// The bundle folder as an absolute path, refused when it lies in the kiosk's data folder: the
/// kept copies there are what the kiosk serves and rolls back to, and only the import pipeline may
/// change them.
fn outside_kiosk(dir: &Path, kiosk_data: &Path) -> Result<PathBuf, String> {
    let absolute = |path: &Path| {
        let path =
            std::path::absolute(path).map_err(|e| format!("the folder {} cannot be used: {e}", path.display()))?;
        // Resolve links where the folder exists, so a link into the data folder is caught too.
        Ok::<PathBuf, String>(path.canonicalize().unwrap_or(path))
    };
    let (bundle, data) = (absolute(dir)?, absolute(kiosk_data)?);
    if bundle.starts_with(&data) {
        return Err(format!(
            "{} is inside the kiosk's data folder {}; the editor works on a copy. Copy the bundle folder elsewhere (e.g. your home folder) and open the copy",
            dir.display(),
            data.display()
        ));
    }
    Ok(bundle)
}

/// Tells the page that the window is being closed (`ui/js/author/main.js` listens).
const CLOSE_REQUESTED: &str = "window.dispatchEvent(new Event('author-close-requested'))";

/// A laptop screen: the window is made to fit 1366×768 with its title bar and a panel.
const WIDTH: f64 = 1366.0;
const HEIGHT: f64 = 700.0;

/// Opens the editor window on the bundle folder `dir` and runs until it is closed. `kiosk_data` is
/// the kiosk's data folder on this PC, which the editor refuses to edit in (see [`outside_kiosk`]).
pub fn run(dir: &Path, kiosk_data: &Path) -> Result<(), String> {
    let dir = outside_kiosk(dir, kiosk_data)?;
    crate::app::require_display()?;
    configure_author(Builder::default(), AuthorState::new(&dir))
        .setup(|app| {
            let window = WebviewWindowBuilder::new(app, AUTHOR_WINDOW, WebviewUrl::App("author.html".into()))
                .title("Clinic Kiosk content editor")
                .inner_size(WIDTH, HEIGHT)
                .min_inner_size(1000.0, 600.0)
                .maximized(true)
                .on_navigation(crate::app::is_app_url)
                .on_new_window(|_url, _features| NewWindowResponse::Deny)
                .build()?;
            // Closing the window asks the page first, which offers to keep unsaved work; the page
            // then calls `author_close`.
            let asked = window.clone();
            window.on_window_event(move |event| {
                if let WindowEvent::CloseRequested { api, .. } = event {
                    if !asked.state::<AuthorState>().may_close() {
                        api.prevent_close();
                        if asked.eval(CLOSE_REQUESTED).is_err() {
                            asked.state::<AuthorState>().allow_close();
                        }
                    }
                }
            });
            Ok(())
        })
        .run(tauri::generate_context!())
        .map_err(|e| format!("the editor window could not start: {e}"))
}

#[cfg(test)]
mod tests {
    use super::outside_kiosk;

    #[test]
    fn the_editor_refuses_to_work_inside_the_kiosks_data_folder() {
        let data = tempfile::tempdir().expect("temp dir");
        let kept = data.path().join("bundles/oncology-en/2");
        std::fs::create_dir_all(&kept).expect("kept copy");
        let refused = outside_kiosk(&kept, data.path()).expect_err("refused");
        assert!(
            refused.contains("works on a copy"),
            "the message says what to do: {refused}"
        );
        let elsewhere = tempfile::tempdir().expect("temp dir");
        let link = elsewhere.path().join("link");
        std::os::unix::fs::symlink(&kept, &link).expect("a link into the data folder");
        assert!(
            outside_kiosk(&link, data.path()).is_err(),
            "a link into the data folder is refused too"
        );
        let fine = outside_kiosk(&elsewhere.path().join("new-bundle"), data.path()).expect("allowed");
        assert!(fine.is_absolute(), "the folder is used as an absolute path");
    }
}
