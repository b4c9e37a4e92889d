//! Tells systemd the kiosk is up and still answering, so a hung window is restarted.
//!
//! The packaged service runs `cage -- clinic-kiosk --kiosk` with `Type=notify`,
//! `NotifyAccess=all` and `WatchdogSec=`. The window, not cage, is what must stay alive, so the
//! app itself sends `READY=1` once its UI thread first answers and `WATCHDOG=1` only after the UI
//! thread has run a trivial closure: a UI thread that hangs stops the pings, and systemd kills and
//! restarts the service. Outside systemd (`NOTIFY_SOCKET` unset) nothing happens.
//!
//! `WATCHDOG_USEC` is read directly rather than through `sd_notify::watchdog_enabled`, which also
//! requires `WATCHDOG_PID` to be our own pid: systemd sets it to cage's pid, the service's main
//! process, and we are cage's child on purpose.

use std::sync::mpsc;
use std::time::Duration;

use tauri::{AppHandle, Runtime};

/// How often the UI is asked to answer when systemd sets no watchdog (only `READY=1` matters then).
const READY_POLL: Duration = Duration::from_millis(500);

/// Starts the watchdog thread when systemd is listening; returns at once either way.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    if std::env::var_os("NOTIFY_SOCKET").is_none() {
        return;
    }
    let interval = watchdog_interval(std::env::var("WATCHDOG_USEC").ok().as_deref());
    let spawned = std::thread::Builder::new()
        .name("systemd-watchdog".into())
        .spawn(move || watch(app, interval));
    if let Err(error) = spawned {
        tracing::error!(%error, "the systemd watchdog could not start; systemd will restart the kiosk");
    }
}

/// How often to ask the UI and ping: half of systemd's timeout (as `sd_watchdog_enabled(3)`
/// advises), or `None` when there is no watchdog.
pub fn watchdog_interval(watchdog_usec: Option<&str>) -> Option<Duration> {
    let usec: u64 = watchdog_usec?.trim().parse().ok().filter(|&usec| usec > 0)?;
    Some(Duration::from_micros(usec) / 2)
}

fn watch<R: Runtime>(app: AppHandle<R>, interval: Option<Duration>) {
    let mut ready = false;
    loop {
        let wait = interval.unwrap_or(READY_POLL);
        if ui_answers(&app, wait) {
            if !ready {
                ready = true;
                notify(&[sd_notify::NotifyState::Ready]);
                tracing::info!("told systemd the kiosk is ready");
                if interval.is_none() {
                    return;
                }
            }
            notify(&[sd_notify::NotifyState::Watchdog]);
            std::thread::sleep(wait);
        } else {
            tracing::warn!("the window did not answer within {wait:?}; not telling systemd it is alive");
        }
    }
}

/// Runs an empty closure on the UI thread and waits up to `wait` for it to have run.
fn ui_answers<R: Runtime>(app: &AppHandle<R>, wait: Duration) -> bool {
    let (answered, answer) = mpsc::sync_channel(1);
    if app
        .run_on_main_thread(move || {
            let _ = answered.send(());
        })
        .is_err()
    {
        // The event loop is gone (the app is closing): wait, then report no answer.
        std::thread::sleep(wait);
        return false;
    }
    answer.recv_timeout(wait).is_ok()
}

fn notify(state: &[sd_notify::NotifyState]) {
    if let Err(error) = sd_notify::notify(state) {
        tracing::warn!(%error, "could not notify systemd");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ui_is_asked_at_half_the_watchdog_timeout() {
        assert_eq!(
            watchdog_interval(Some("30000000")),
            Some(Duration::from_secs(15)),
            "WatchdogSec=30 gives a ping every 15 s"
        );
        assert_eq!(watchdog_interval(None), None, "no watchdog, no pings");
        assert_eq!(watchdog_interval(Some("0")), None, "0 turns the watchdog off");
        assert_eq!(watchdog_interval(Some("soon")), None, "garbage is no watchdog");
    }

    #[test]
    fn a_running_ui_thread_answers() {
        let app = tauri::test::mock_app();
        assert!(
            ui_answers(app.handle(), Duration::from_secs(5)),
            "a UI thread that runs closures earns the watchdog ping"
        );
    }
}
