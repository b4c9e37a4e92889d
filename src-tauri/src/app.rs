//! The kiosk window: one webview serving `ui/`, locked to the app's own origin.

use std::path::Path;

use kiosk_core::settings::Settings;
use tauri::webview::NewWindowResponse;
use tauri::{Builder, Runtime, WebviewUrl, WebviewWindowBuilder};

use crate::sheet_job::SheetJob;
use crate::state::AppState;
use crate::{content, fresh_page, updates};

/// Registers the state and the commands. Shared by [`run`] and the tests' mock runtime.
pub fn configure<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder.manage(state).invoke_handler(crate::commands::handler())
}

/// Opens the content store in `data_dir` and runs the kiosk window until it is closed. `settings`
/// were read from `settings_path`; staff overrides stored in the database are applied over them.
pub fn run(data_dir: &Path, settings_path: &Path, settings: Settings) -> Result<(), String> {
    start(data_dir, Some(settings_path), settings, None)
}

/// Renders the questions sheet for `job` in a hidden window, prints it to the job's PDF file and
/// exits (the `sheet` command).
pub fn run_sheet_job(data_dir: &Path, settings: Settings, job: SheetJob) -> Result<(), String> {
    start(data_dir, None, settings, Some(job))
}

fn start(
    data_dir: &Path,
    settings_path: Option<&Path>,
    settings: Settings,
    job: Option<SheetJob>,
) -> Result<(), String> {
    require_display()?;
    let store = content::open_store(data_dir, &settings).map_err(|e| e.to_string())?;
    let hidden = job.is_some();
    let kiosk = settings.kiosk && !hidden;
    // The state applies the staff overrides (clinic name, idle time, language, printer) over the file.
    let mut state = AppState::new(store, settings, data_dir);
    if let Some(path) = settings_path {
        state = state.with_settings_path(path);
    }
    if let Some(job) = job {
        state = state.with_sheet_job(job);
        std::thread::spawn(|| {
            std::thread::sleep(SHEET_JOB_TIMEOUT);
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"error: the sheet was not printed within 60 seconds; check the display and the printing system\n",
            );
            std::process::exit(crate::exit_code::ExitCode::Refused.code());
        });
    }
    configure(Builder::default(), state)
        .setup(move |app| {
            let mut window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Clinic Kiosk")
                .inner_size(1024.0, 768.0)
                .min_inner_size(800.0, 600.0)
                .on_navigation(is_app_url)
                .on_new_window(|_url, _features| NewWindowResponse::Deny);
            if hidden {
                window = window.visible(false);
            }
            if kiosk {
                window = window
                    .decorations(false)
                    .always_on_top(true)
                    .resizable(false)
                    .fullscreen(true);
            }
            let window = window.build()?;
            if kiosk {
                cover_the_monitor(&window);
            }
            if !hidden {
                fresh_page::watch(&window);
                updates::start(app.handle());
            }
            #[cfg(target_os = "linux")]
            crate::watchdog::start(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!())
        .map_err(|e| format!("the kiosk window could not start: {e}"))
}

/// Refuses to open a window without a display, saying what to do instead.
pub(crate) fn require_display() -> Result<(), String> {
    #[cfg(unix)]
    if let Some(reason) = crate::display::unavailable() {
        return Err(reason);
    }
    Ok(())
}

/// Places the window over the whole monitor. Without a window manager (a bare X server, or a kiosk
/// compositor that ignores the request) fullscreen alone leaves a small window in a corner.
fn cover_the_monitor<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    let monitor = match window.current_monitor() {
        Ok(Some(monitor)) => Some(monitor),
        _ => window.primary_monitor().ok().flatten(),
    };
    let Some(monitor) = monitor else {
        tracing::warn!("no monitor was found; the kiosk window keeps its size");
        return;
    };
    let (position, size) = (*monitor.position(), *monitor.size());
    if let Err(error) = window
        .set_position(position)
        .and_then(|()| window.set_size(size))
        .and_then(|()| window.set_focus())
    {
        tracing::warn!(%error, "the kiosk window could not cover the monitor");
    }
}

/// How long a command-line sheet job may take before it gives up.
const SHEET_JOB_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Only the app's own pages may load in the window; every other address is refused.
pub(crate) fn is_app_url(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_app_url;

    #[test]
    fn only_the_app_origin_is_navigable() {
        let ok = |u: &str| is_app_url(&u.parse().expect("valid url"));
        assert!(ok("tauri://localhost/index.html"), "the app's own page (Linux, macOS)");
        assert!(ok("http://tauri.localhost/index.html"), "the app's own page (Windows)");
        assert!(!ok("https://example.com/"), "the kiosk never leaves the app");
        assert!(!ok("file:///etc/passwd"), "no local files");
        assert!(!ok("http://tauri.localhost.evil.com/"), "look-alike hosts are refused");
    }
}
