//! A fresh WebKit web process for each patient, and the page back after a web process crash.
//!
//! WebKit's web process keeps process-wide caches (JIT code, JavaScript heaps, decoded fonts and
//! images) that grow as patients browse: about 110 MiB when fresh, 150 MiB after a hundred
//! patients (docs/performance.md, "Memory over time"). Reloading the page gives none of it back; a
//! new web process does. So at the idle reset, once the page has forgotten the patient, it asks
//! for a fresh page ([`renew`]): the web process is ended and the app's page loads again in a new
//! one, opening on the attract screen (`index.html?after=reset`). Nothing of the last patient
//! survives even in WebKit's memory (typed text in a garbage-collected heap, say).
//!
//! A handler of WebKit's `web-process-terminated` signal ([`watch`]) loads the page again when the
//! web process dies for any other reason (a crash, WebKit's memory limit): without it the kiosk
//! window would stay blank until the app was restarted. Those are logged as warnings; an ending
//! the app asked for is not a failure, and [`renew`] loads its page itself.

use tauri::{Runtime, Url, WebviewWindow};

/// The page the window shows, as the kiosk starts.
const START_PAGE: &str = "tauri://localhost/index.html";

/// The query that tells the page it replaces one that was reset for the next patient
/// (`ui/js/main.js` then opens on the attract screen).
const AFTER_RESET: &str = "after=reset";

/// Where the window goes when its web process has ended: the app's own page on the origin it
/// showed (`current`), on the attract screen if the app ended the process at a reset.
pub(crate) fn next_page(current: Option<&str>, after_reset: bool) -> Url {
    let mut page = current
        .and_then(|address| Url::parse(address).ok())
        .filter(crate::app::is_app_url)
        .unwrap_or_else(|| Url::parse(START_PAGE).expect("the start page is a valid address"));
    page.set_path("/index.html");
    page.set_query(after_reset.then_some(AFTER_RESET));
    page.set_fragment(None);
    page
}

/// Ends the window's web process and loads the page again in a fresh one, on the attract screen
/// (on Linux; elsewhere it loads the page again in the same process). The end comes a moment
/// after this returns, so the page's call gets its answer first.
pub fn renew<R: Runtime>(window: &WebviewWindow<R>) -> Result<(), String> {
    #[cfg(target_os = "linux")]
    {
        window
            .with_webview(|webview| linux::end_soon(webview.inner()))
            .map_err(|e| e.to_string())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let current = window.url().map_err(|e| e.to_string())?;
        window
            .navigate(next_page(Some(current.as_str()), true))
            .map_err(|e| e.to_string())
    }
}

/// Loads the page again whenever the window's web process ends (see the module's docs).
pub fn watch<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    if let Err(error) = window.with_webview(|webview| linux::watch(webview.inner())) {
        tracing::warn!(%error, "the kiosk cannot watch its web process; a crash would leave the window blank");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(target_os = "linux")]
mod linux {
    use std::time::Duration;

    use gtk::glib;
    use webkit2gtk::{WebProcessTerminationReason, WebView, WebViewExt};

    use super::next_page;

    /// Time for the page's call to [`super::renew`] to get its answer before its process ends.
    const ANSWER_GRACE: Duration = Duration::from_millis(250);

    /// After a crash, a pause before loading the page again, so a page that crashes at once does
    /// not keep a core busy.
    const AFTER_CRASH: Duration = Duration::from_secs(1);

    /// Ends the web process and loads the page again (WebKit starts a new process for it), without
    /// waiting for [`watch`]'s handler: the window is never left without a page.
    pub(super) fn end_soon(view: WebView) {
        glib::timeout_add_local_once(ANSWER_GRACE, move || {
            let current = view.uri();
            view.terminate_web_process();
            view.load_uri(next_page(current.as_deref(), true).as_str());
            tracing::info!("a fresh web process for the next patient");
        });
    }

    pub(super) fn watch(view: WebView) {
        view.connect_web_process_terminated(|view, reason| {
            // The app's own renewal ([`end_soon`]) loads its page itself: nothing failed.
            if reason == WebProcessTerminationReason::TerminatedByApi {
                return;
            }
            let current = view.uri();
            tracing::warn!(?reason, "the page's web process ended; loading the page again");
            let view = view.clone();
            glib::timeout_add_local_once(AFTER_CRASH, move || {
                view.load_uri(next_page(current.as_deref(), false).as_str());
            });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::next_page;

    #[test]
    fn a_reset_reopens_the_apps_page_on_the_attract_screen() {
        assert_eq!(
            next_page(Some("tauri://localhost/index.html"), true).as_str(),
            "tauri://localhost/index.html?after=reset",
            "the renewed page knows it follows a reset"
        );
        assert_eq!(
            next_page(Some("http://tauri.localhost/index.html?after=reset#x"), false).as_str(),
            "http://tauri.localhost/index.html",
            "after a crash the page starts afresh on the origin it had"
        );
    }

    #[test]
    fn an_address_outside_the_app_never_becomes_the_next_page() {
        for current in [Some("https://example.com/index.html"), Some("not an address"), None] {
            assert_eq!(
                next_page(current, false).as_str(),
                "tauri://localhost/index.html",
                "{current:?} gives way to the app's own start page"
            );
        }
    }
}
