//! The doctor's checks of the machine around the kiosk: display, printer, print spool, update
//! source, disk.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::Check;
use crate::display::{answers, non_empty_env, wayland_socket, x_socket};

/// Where the package installs the kiosk service, first the administrator's override.
const SERVICE_UNITS: [&str; 3] = [
    "/etc/systemd/system/clinic-kiosk.service",
    "/usr/lib/systemd/system/clinic-kiosk.service",
    "/lib/systemd/system/clinic-kiosk.service",
];
/// The kiosk compositor the service runs.
const CAGE: &str = "/usr/bin/cage";
/// CUPS's server settings, where `PreserveJobFiles` says how long printed documents are kept.
const CUPSD_CONF: &str = "/etc/cups/cupsd.conf";
/// How long the update source may take to answer.
const UPDATE_TIMEOUT: Duration = Duration::from_secs(5);
/// Below this, imports and the database may fail.
const FAIL_BELOW_BYTES: u64 = 100 * 1024 * 1024;
/// Below this, it is time to make room.
const WARN_BELOW_BYTES: u64 = 1024 * 1024 * 1024;

/// A display for the window, without opening one: a Wayland or X socket in this session, else
/// the kiosk service with cage and a graphics device to draw on.
pub fn display() -> Check {
    let wayland = non_empty_env("WAYLAND_DISPLAY");
    let x = non_empty_env("DISPLAY");
    if let Some(name) = &wayland {
        let socket = wayland_socket(name, non_empty_env("XDG_RUNTIME_DIR").as_deref());
        if socket.as_deref().is_some_and(answers) {
            return Check::ok("display", format!("Wayland display {name} is available"));
        }
    }
    if let Some(name) = &x {
        match x_socket(name) {
            Some(socket) if answers(&socket) => return Check::ok("display", format!("X display {name} is available")),
            Some(_) => {}
            None => {
                return Check::ok(
                    "display",
                    format!("X display {name} is set (a remote display, not checked further)"),
                )
            }
        }
    }
    let dead = match (wayland, x) {
        (Some(w), _) => format!("WAYLAND_DISPLAY={w} names no running display. "),
        (None, Some(x)) => format!("DISPLAY={x} names no running X server. "),
        (None, None) => String::new(),
    };
    let service = SERVICE_UNITS.iter().map(Path::new).find(|p| p.exists());
    match service {
        None => Check::fail(
            "display",
            format!("{dead}No display in this session and the kiosk service is not installed. Install the clinic-kiosk package (its service starts the kiosk with cage on tty1), or run the kiosk from a desktop session"),
        ),
        Some(_) if !Path::new(CAGE).exists() => Check::fail(
            "display",
            format!("{dead}The kiosk service needs the cage compositor, which is missing: apt install cage"),
        ),
        Some(unit) => match graphics_device() {
            Some(card) => Check::ok(
                "display",
                format!("no display in this session; the kiosk service ({}) brings its own with cage on tty1, drawing on {}", unit.display(), card.display()),
            ),
            None => Check::fail(
                "display",
                format!("{dead}The kiosk service uses cage, but this PC has no graphics device (/dev/dri/card*) to draw on. Check the graphics driver (ls /dev/dri; journalctl -k | grep -i drm)"),
            ),
        },
    }
}

fn graphics_device() -> Option<PathBuf> {
    let mut cards: Vec<PathBuf> = std::fs::read_dir("/dev/dri")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("card")))
        .collect();
    cards.sort();
    cards.into_iter().next()
}

/// The configured (or default) printer is known to CUPS, enabled and accepting jobs.
pub fn printer(configured: Option<&str>) -> Check {
    match printers::ready_printer(configured) {
        Ok(name) => Check::ok("printer", format!("{name} is ready")),
        Err(error) => Check::fail(
            "printer",
            format!("{error}. Patients cannot print their questions until this is fixed"),
        ),
    }
}

/// CUPS keeps no copy of printed sheets (which hold what patients picked and typed): cupsd.conf
/// says `PreserveJobFiles No`. Without the line CUPS keeps every printed document for a day.
pub fn print_spool() -> Check {
    print_spool_in(Path::new(CUPSD_CONF))
}

fn print_spool_in(conf: &Path) -> Check {
    let path = conf.display();
    let fix = format!("Add the line `PreserveJobFiles No` to {path} and restart CUPS (systemctl restart cups)");
    match std::fs::read_to_string(conf) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Check::ok(
            "print spool",
            format!("no CUPS server on this PC ({path} is missing); set `PreserveJobFiles No` on the print server the kiosk prints to"),
        ),
        Err(error) => Check::warn(
            "print spool",
            format!("not checked: {path} cannot be read ({error}); run the doctor as root (sudo clinic-kiosk doctor)"),
        ),
        Ok(text) => match preserve_job_files(&text) {
            Some(value) if keeps_nothing(&value) => Check::ok(
                "print spool",
                format!("CUPS keeps no copy of printed sheets (PreserveJobFiles {value})"),
            ),
            Some(value) => Check::warn(
                "print spool",
                format!("CUPS keeps a copy of every printed sheet (PreserveJobFiles {value} in {path}), with what patients typed. {fix}"),
            ),
            None => Check::warn(
                "print spool",
                format!("CUPS keeps a copy of every printed sheet for a day (its default: {path} has no PreserveJobFiles line), with what patients typed. {fix}"),
            ),
        },
    }
}

/// The value of the last top-level `PreserveJobFiles` line (directive names are not case
/// sensitive in CUPS).
fn preserve_job_files(cupsd_conf: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut value = None;
    for line in cupsd_conf.lines().map(str::trim) {
        if line.starts_with("</") {
            depth = depth.saturating_sub(1);
        } else if line.starts_with('<') {
            depth += 1;
        } else if depth == 0 && !line.starts_with('#') {
            let mut words = line.split_whitespace();
            if words.next().is_some_and(|w| w.eq_ignore_ascii_case("PreserveJobFiles")) {
                value = Some(words.collect::<Vec<_>>().join(" "));
            }
        }
    }
    value
}

fn keeps_nothing(value: &str) -> bool {
    ["no", "off", "false", "0"]
        .iter()
        .any(|v| value.eq_ignore_ascii_case(v))
}

/// The update source answers, asked exactly as the updater asks it (`kiosk_core::update::probe`):
/// an allowed address or a folder whose `index.json` can be read and is an index this kiosk reads.
///
/// With `index_key`, the index's signature is checked as the updater checks it, and an index past
/// its expiry is a warning.
pub fn update_source(source: Option<&str>, index_key: Option<&str>) -> Check {
    let Some(source) = source.map(str::trim).filter(|s| !s.is_empty()) else {
        return Check::ok(
            "update source",
            "none set: content changes only when staff import bundles",
        );
    };
    let key = match index_key.map(kiosk_core::trust::TrustedKey::parse).transpose() {
        Ok(key) => key,
        Err(error) => return Check::fail("update source", format!("index_key: {error}")),
    };
    match kiosk_core::update::probe(source, UPDATE_TIMEOUT, key.as_ref()) {
        Ok(probe) => match (probe.warning, &key) {
            (Some(warning), _) => Check::warn("update source", warning),
            (None, Some(key)) => Check::ok(
                "update source",
                format!("{} is readable, signed by the index key {} and current", probe.index, key.key_id()),
            ),
            (None, None) => Check::ok(
                "update source",
                format!("{} is readable and lists bundles this kiosk reads (its signature is not checked: set index_key to the publisher's key)", probe.index),
            ),
        },
        Err(error) => Check::fail(
            "update source",
            format!("{error}. Check update_source in the settings file (a folder, or an https:// address), the network and the proxy, or mount the share"),
        ),
    }
}

/// Free space on the disk that holds the data folder.
pub fn free_disk(data_dir: &Path) -> Check {
    let Some(existing) = data_dir.ancestors().find(|p| p.exists()) else {
        return Check::warn(
            "free disk",
            format!("not checked: no part of {} exists", data_dir.display()),
        );
    };
    match available_bytes(existing) {
        Ok(free) => {
            let text = format!("{} free on the disk of {}", human(free), existing.display());
            if free < FAIL_BELOW_BYTES {
                Check::fail("free disk", format!("only {text}; imports and the database will fail. Free some space (journalctl --vacuum-size=100M, apt clean)"))
            } else if free < WARN_BELOW_BYTES {
                Check::warn(
                    "free disk",
                    format!("only {text}; free some space soon (journalctl --vacuum-size=100M, apt clean)"),
                )
            } else {
                Check::ok("free disk", text)
            }
        }
        Err(error) => Check::warn("free disk", format!("not checked: {error}")),
    }
}

#[cfg(target_os = "linux")]
fn available_bytes(path: &Path) -> Result<u64, String> {
    let stat = rustix::fs::statvfs(path).map_err(|e| e.to_string())?;
    Ok(stat.f_bavail.saturating_mul(stat.f_frsize))
}

#[cfg(not(target_os = "linux"))]
fn available_bytes(_path: &Path) -> Result<u64, String> {
    Err("only checked on Linux".into())
}

fn human(bytes: u64) -> String {
    const GIB: f64 = 1024.0 * 1024.0 * 1024.0;
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= GIB {
        format!("{:.1} GiB", bytes as f64 / GIB)
    } else {
        format!("{:.0} MiB", bytes as f64 / MIB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::Status;

    #[test]
    fn update_sources_are_checked_as_the_updater_reads_them() {
        assert_eq!(
            update_source(None, None).status,
            Status::Ok,
            "no updates is a valid choice"
        );
        let feed = update_source(Some("https://kiosk.invalid/feed.json"), None);
        assert!(
            feed.message.contains("https://kiosk.invalid/feed.json/index.json"),
            "the updater reads index.json inside the address, so the doctor asks there too: {feed:?}"
        );
        let local = update_source(Some("http://localhost:1/"), None);
        assert_eq!(local.status, Status::Fail, "nothing answers on port 1: {local:?}");
        assert!(
            !local.message.contains("must come over https"),
            "plain http to this machine is allowed by the updater, so the doctor allows it too: {local:?}"
        );
        let folder = tempfile::tempdir().expect("tmp");
        std::fs::write(folder.path().join("index.json"), r#"{"format":1,"bundles":[]}"#).expect("index");
        let shared = update_source(folder.path().to_str(), None);
        assert_eq!(shared.status, Status::Ok, "{shared:?}");
        std::fs::remove_file(folder.path().join("index.json")).expect("removed");
        assert_eq!(
            update_source(folder.path().to_str(), None).status,
            Status::Fail,
            "a folder without index.json gives the updater nothing, so the doctor fails it"
        );
        assert_eq!(
            update_source(Some("http://cdn.example.org/"), None).status,
            Status::Fail,
            "content must not travel in clear text"
        );
        let missing = update_source(Some("/no/such/update/folder"), None);
        assert_eq!(missing.status, Status::Fail, "{missing:?}");
        assert!(missing.message.contains("/no/such/update/folder"), "{missing:?}");
    }

    #[test]
    fn the_print_spool_warns_unless_cups_keeps_no_job_files() {
        let dir = tempfile::tempdir().expect("tmp");
        let conf = dir.path().join("cupsd.conf");
        let check_with = |text: &str| {
            std::fs::write(&conf, text).expect("write cupsd.conf");
            print_spool_in(&conf)
        };
        let unset = check_with("LogLevel warn\nMaxLogSize 0\n<Location />\n  Order allow,deny\n</Location>\n");
        assert_eq!(
            unset.status,
            Status::Warn,
            "CUPS's default keeps files a day: {unset:?}"
        );
        assert!(
            unset.message.contains("PreserveJobFiles No"),
            "says what to add: {unset:?}"
        );
        let off = check_with("# PreserveJobFiles Yes\npreservejobfiles No\n");
        assert_eq!(
            off.status,
            Status::Ok,
            "set to No (names are not case sensitive): {off:?}"
        );
        let kept = check_with("PreserveJobFiles No\nPreserveJobFiles 86400\n");
        assert_eq!(kept.status, Status::Warn, "the last line wins: {kept:?}");
        assert!(kept.message.contains("86400"), "{kept:?}");
        let nested = check_with("<Policy default>\nPreserveJobFiles No\n</Policy>\n");
        assert_eq!(nested.status, Status::Warn, "only a top-level line counts: {nested:?}");
        let missing = print_spool_in(&dir.path().join("no-cups.conf"));
        assert_eq!(
            missing.status,
            Status::Ok,
            "no local CUPS server, nothing spooled here: {missing:?}"
        );
    }

    #[test]
    fn free_space_is_read_from_the_nearest_existing_folder() {
        let dir = tempfile::tempdir().expect("tmp");
        let check = free_disk(&dir.path().join("not/yet/made"));
        assert!(
            check.message.contains("free on the disk"),
            "a data folder not made yet is still checked: {check:?}"
        );
        assert_eq!(human(3 * 1024 * 1024 * 1024 / 2), "1.5 GiB");
    }
}
