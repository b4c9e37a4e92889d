//! Where the kiosk's log lines go.
//!
//! Under systemd (the packaged kiosk service) they go to the journal with their levels, where
//! `journalctl -u clinic-kiosk` finds them and the journal caps their size. Started by hand, the
//! kiosk window also keeps a size-capped log file in its data folder, so a kiosk that was not
//! started by systemd still leaves a trail without ever filling the disk. Command-line commands
//! log to stderr only: they are short and someone is watching.

use std::path::Path;
use std::sync::Mutex;

use file_rotate::compression::Compression;
use file_rotate::suffix::AppendCount;
use file_rotate::{ContentLimit, FileRotate};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer};

/// The log file's folder, inside the data folder.
pub const LOG_FOLDER: &str = "logs";
/// The log file's name.
pub const LOG_FILE: &str = "clinic-kiosk.log";
/// The log file is rotated once it passes this size…
const LOG_FILE_BYTES: usize = 1024 * 1024;
/// …and this many rotated files are kept, so the logs never take more than about 4 MiB.
const ROTATED_FILES: usize = 3;

/// Where log lines should go, decided from the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// The systemd journal (we run as a systemd service).
    Journal,
    /// Standard error and a size-capped file in the data folder (the window, not under systemd).
    StderrAndFile,
    /// Standard error only (command-line commands).
    Stderr,
}

impl Destination {
    /// Chooses the destination: the window logs to the journal when systemd started it (systemd
    /// sets `INVOCATION_ID` for services and `JOURNAL_STREAM` when stderr is the journal), else to
    /// a file as well as stderr. Commands always use stderr, which a unit sends to the journal.
    pub fn choose(window: bool, under_systemd: bool) -> Destination {
        match (window, under_systemd) {
            (true, true) => Destination::Journal,
            (true, false) => Destination::StderrAndFile,
            (false, _) => Destination::Stderr,
        }
    }
}

/// Sets up logging once for the process. `window` is true for the kiosk window, false for
/// command-line commands. `RUST_LOG` overrides the level (default: info for the window, warn
/// for commands). Never fails: when the journal or the file cannot be used, stderr is.
pub fn init(window: bool, data_dir: &Path) {
    let default = if window { "info" } else { "warn" };
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let stderr = || tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    match Destination::choose(window, crate::service::under_systemd()) {
        Destination::Journal => match journal_layer() {
            Some(journal) => {
                let _ = tracing_subscriber::registry()
                    .with(journal.with_filter(filter()))
                    .try_init();
            }
            None => {
                let _ = tracing_subscriber::registry()
                    .with(stderr().with_filter(filter()))
                    .try_init();
            }
        },
        Destination::StderrAndFile => {
            let file = capped_file(data_dir).map(|writer| {
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(writer)
                    .with_filter(filter())
            });
            let _ = tracing_subscriber::registry()
                .with(stderr().with_filter(filter()))
                .with(file)
                .try_init();
        }
        Destination::Stderr => {
            let _ = tracing_subscriber::registry()
                .with(stderr().with_filter(filter()))
                .try_init();
        }
    }
}

#[cfg(target_os = "linux")]
fn journal_layer() -> Option<tracing_journald::Layer> {
    tracing_journald::layer()
        .ok()
        .map(|layer| layer.with_syslog_identifier("clinic-kiosk".into()))
}

#[cfg(not(target_os = "linux"))]
fn journal_layer() -> Option<tracing_subscriber::layer::Identity> {
    None
}

/// The rotating log file `DATA/logs/clinic-kiosk.log`, or `None` when its folder cannot be made
/// (a read-only data folder must not keep the kiosk from starting).
fn capped_file(data_dir: &Path) -> Option<Mutex<FileRotate<AppendCount>>> {
    let folder = data_dir.join(LOG_FOLDER);
    // FileRotate panics when it cannot make the folder, so it is made (and checked) here first.
    std::fs::create_dir_all(&folder).ok()?;
    Some(Mutex::new(FileRotate::new(
        folder.join(LOG_FILE),
        AppendCount::new(ROTATED_FILES),
        ContentLimit::BytesSurpassed(LOG_FILE_BYTES),
        Compression::None,
        None,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journal_is_used_under_systemd_and_a_file_only_for_the_window() {
        assert_eq!(Destination::choose(true, true), Destination::Journal);
        assert_eq!(
            Destination::choose(false, true),
            Destination::Stderr,
            "a command's warnings stay on its stderr, which a unit sends to the journal anyway"
        );
        assert_eq!(
            Destination::choose(true, false),
            Destination::StderrAndFile,
            "a kiosk started by hand keeps a log file"
        );
        assert_eq!(
            Destination::choose(false, false),
            Destination::Stderr,
            "commands at a terminal write no log files"
        );
    }

    #[test]
    fn the_log_file_is_capped() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().expect("tmp");
        let writer = capped_file(dir.path()).expect("a writable data folder gets a log file");
        let line = vec![b'x'; 64 * 1024];
        for _ in 0..100 {
            let mut file = writer.lock().expect("not poisoned");
            file.write_all(&line).expect("written");
            file.flush().expect("flushed");
        }
        let total: u64 = std::fs::read_dir(dir.path().join(LOG_FOLDER))
            .expect("log folder")
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum();
        let cap = ((ROTATED_FILES + 1) * (LOG_FILE_BYTES + line.len())) as u64;
        assert!(
            total <= cap,
            "6.4 MB written must leave at most {cap} bytes of logs, found {total}"
        );
    }
}
