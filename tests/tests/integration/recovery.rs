//! A corrupt database found at start is moved aside and rebuilt from the kept bundles and the
//! embedded defaults; the kiosk keeps serving and the recovery is audited.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use kiosk_tests::{audit_log, installed, kiosk, kiosk_with_input, temp_dir, BundleBuilder};

fn garbage_header(db: &Path) {
    std::fs::write(db, b"this is not a database at all, just some bytes").expect("overwritten");
}

fn damaged_pages(db: &Path) {
    let len = std::fs::metadata(db).expect("db exists").len();
    let mut file = std::fs::OpenOptions::new().write(true).open(db).expect("db opens");
    // Keep page 1 (the header and schema) and scribble over the b-tree pages after it.
    let mut offset = 4096;
    while offset + 512 < len {
        file.seek(SeekFrom::Start(offset)).expect("seek");
        file.write_all(&[0xA5; 512]).expect("scribbled");
        offset += 4096;
    }
}

/// A way to damage the database file, with its name.
type Damage = (&'static str, fn(&Path));

#[test]
fn a_corrupt_database_is_moved_aside_and_rebuilt() {
    let cases: [Damage; 2] = [("not a database", garbage_header), ("damaged pages", damaged_pages)];
    for (name, damage) in cases {
        let data = temp_dir();
        let work = temp_dir();
        let path = BundleBuilder::new("kept-en", 2, "en", 40).write(&work.path().join("b"));
        let run = kiosk(data.path(), &["bundle", "import", path.to_str().expect("utf-8")]);
        assert_eq!(run.code, 0, "{name}: the bundle imports: {run:?}");

        damage(&data.path().join("kiosk.sqlite3"));

        let show = kiosk(data.path(), &["show", "q1"]);
        assert_eq!(
            show.code, 0,
            "{name}: the kiosk keeps serving after the damage: {show:?}"
        );
        assert_eq!(
            installed(data.path(), "kept-en"),
            Some((2, 40)),
            "{name}: the imported bundle is rebuilt from its kept copy"
        );
        assert!(
            installed(data.path(), "oncology-en").is_some(),
            "{name}: the embedded defaults are back"
        );
        let aside = std::fs::read_dir(data.path())
            .expect("data folder")
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with("kiosk.sqlite3.corrupt-"));
        assert!(aside, "{name}: the damaged file is kept aside for IT, not deleted");
        let log = audit_log(data.path());
        assert!(
            log.iter().any(|e| e["action"] == "recover" && e["source"] == "startup"),
            "{name}: the recovery is in the audit log: {log:?}"
        );
    }
}

/// What IT does when `clinic-kiosk doctor` reports damage the start does not look for (a search
/// index's entries): stop the kiosk, move the database aside, start it again.
#[test]
fn a_database_moved_aside_by_it_is_rebuilt_from_the_kept_bundles() {
    let data = temp_dir();
    let work = temp_dir();
    let path = BundleBuilder::new("kept-en", 3, "en", 12).write(&work.path().join("b"));
    let run = kiosk(data.path(), &["bundle", "import", path.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "the bundle imports: {run:?}");

    for suffix in ["", "-wal", "-shm"] {
        let file = data.path().join(format!("kiosk.sqlite3{suffix}"));
        if file.exists() {
            std::fs::rename(&file, data.path().join(format!("kiosk.sqlite3{suffix}.damaged"))).expect("moved aside");
        }
    }
    let show = kiosk(data.path(), &["show", "q1"]);
    assert_eq!(show.code, 0, "the kiosk starts without its database: {show:?}");
    assert_eq!(
        installed(data.path(), "kept-en"),
        Some((3, 12)),
        "the clinic's own bundle comes back from its kept copy, not only the defaults"
    );
    assert!(
        installed(data.path(), "oncology-en").is_some(),
        "the embedded defaults are there"
    );
    let log = audit_log(data.path());
    assert!(
        log.iter().any(|e| e["action"] == "recover"
            && e["source"] == "startup"
            && e["detail"].as_str().is_some_and(|d| d.contains("missing"))),
        "the rebuild is in the new audit log and says why: {log:?}"
    );
}

#[test]
fn a_first_start_restores_nothing() {
    let data = temp_dir();
    let list = kiosk(data.path(), &["bundle", "list"]);
    assert_eq!(list.code, 0, "a fresh kiosk starts: {list:?}");
    let log = audit_log(data.path());
    assert!(
        !log.iter().any(|e| e["action"] == "recover"),
        "a new installation has nothing to recover, so no recovery is logged: {log:?}"
    );
}

#[test]
fn the_staff_pin_survives_a_database_rebuild() {
    let cases: [Damage; 2] = [("not a database", garbage_header), ("damaged pages", damaged_pages)];
    for (name, damage) in cases {
        let data = temp_dir();
        let set = kiosk_with_input(data.path(), &["staff", "set-pin"], "402917\n");
        assert_eq!(set.code, 0, "{name}: IT sets the PIN: {set:?}");

        damage(&data.path().join("kiosk.sqlite3"));
        let show = kiosk(data.path(), &["show", "q1"]);
        assert!(
            show.stderr.contains("rebuilt") || audit_log(data.path()).iter().any(|e| e["action"] == "recover"),
            "{name}: the database was rebuilt: {show:?}"
        );

        let mut store =
            kiosk_core::store::Store::open(&data.path().join("kiosk.sqlite3")).expect("the rebuilt database");
        assert!(
            store.staff_pin_is_set().expect("readable"),
            "{name}: the rebuilt database still has the staff PIN, so nobody can choose a new one"
        );
        assert_eq!(
            store
                .check_staff_pin("402917", std::time::Instant::now())
                .expect("checked"),
            kiosk_core::store::PinCheck::Accepted,
            "{name}: the old PIN still opens the staff screen"
        );
    }
}

#[test]
fn setting_the_pin_at_the_terminal_is_audited() {
    let data = temp_dir();
    let set = kiosk_with_input(data.path(), &["staff", "set-pin"], "402917\n");
    assert_eq!(set.code, 0, "IT sets the PIN: {set:?}");
    let log = audit_log(data.path());
    assert!(
        log.iter().any(|e| e["action"] == "staff_pin" && e["source"] == "cli"),
        "the PIN change is in the audit log: {log:?}"
    );
}

/// Started for the kiosk window, with a database that cannot be opened (here its path is a
/// folder), the app ends with a message naming the problem and the exit code of a refusal: not a
/// panic, and not a window left empty.
#[test]
fn a_database_that_cannot_open_stops_the_window_with_a_message() {
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!("skipped: no DISPLAY (scripts/test.sh starts an Xvfb)");
        return;
    }
    let data = temp_dir();
    std::fs::create_dir_all(data.path().join("kiosk.sqlite3")).expect("a folder where the database goes");
    let mut child = std::process::Command::new(kiosk_tests::kiosk_bin())
        .arg("--data-dir")
        .arg(data.path())
        .env_remove("CLINIC_KIOSK_DATA_DIR")
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_DATA_HOME", data.path().join("xdg-data"))
        .env("XDG_CACHE_HOME", data.path().join("xdg-cache"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("clinic-kiosk can be started");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("the app can be waited for").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the kiosk kept running for 60 s with a database it cannot open");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let run: kiosk_tests::Run = child.wait_with_output().expect("its output").into();
    assert_eq!(run.code, 1, "a store that cannot open is a refusal (exit 1): {run:?}");
    assert!(
        run.stderr.contains("error: ") && run.stderr.contains("kiosk.sqlite3") && !run.stderr.contains("panicked"),
        "the message names the database file, without a panic: {run:?}"
    );
}
