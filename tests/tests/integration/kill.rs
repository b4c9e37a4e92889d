//! Killing the process at any moment during an import (kill -9) leaves a database that passes
//! `PRAGMA integrity_check` and serves exactly the old or the new version.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kiosk_core::store::{Store, DATABASE_FILE};
use kiosk_tests::{kiosk, kiosk_bin, temp_dir, BundleBuilder};

#[test]
fn kill_9_during_import_leaves_the_old_or_the_new_version() {
    let data = temp_dir();
    let work = temp_dir();
    // Two large versions with different question counts, so the count tells which one serves.
    let versions = [(2u32, 3000usize), (3, 2500)];
    let paths: Vec<_> = versions
        .iter()
        .map(|(v, n)| BundleBuilder::new("big-en", *v, "en", *n).write(&work.path().join(format!("v{v}"))))
        .collect();
    let first = kiosk(data.path(), &["bundle", "import", paths[0].to_str().expect("utf-8")]);
    assert_eq!(first.code, 0, "the first import completes: {first:?}");
    // Time one whole replacing import, so the kills spread over its length.
    let started = Instant::now();
    let timed = kiosk(data.path(), &["bundle", "import", paths[1].to_str().expect("utf-8")]);
    assert_eq!(timed.code, 0, "the second import completes: {timed:?}");
    let full = started.elapsed().max(Duration::from_millis(200));

    let mut serving = versions[1];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15 ^ u64::from(std::process::id());
    let budget = Instant::now();
    let mut kills = 0;
    for round in 0..40 {
        if budget.elapsed() > Duration::from_secs(35) {
            break;
        }
        let next = versions[round % 2];
        let path = &paths[round % 2];
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(seed % (full.as_millis() as u64 + 1));
        let mut child = Command::new(kiosk_bin())
            .arg("--data-dir")
            .arg(data.path())
            .args(["bundle", "import", "--allow-downgrade"])
            .arg(path)
            .env_remove("CLINIC_KIOSK_DATA_DIR")
            .env("RUST_LOG", "off")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("clinic-kiosk starts");
        std::thread::sleep(delay);
        let finished = child.try_wait().expect("status").is_some();
        if !finished {
            child.kill().expect("SIGKILL is delivered");
            kills += 1;
        }
        let status = child.wait().expect("the child ends");

        let store = Store::open(&data.path().join(DATABASE_FILE)).expect("the database opens after kill -9");
        let integrity = store.integrity_check().expect("integrity_check runs");
        assert_eq!(
            integrity, "ok",
            "round {round} (killed after {delay:?}): the database must stay sound"
        );
        let now = store
            .bundles()
            .expect("bundles list")
            .into_iter()
            .find(|b| b.id == "big-en")
            .map(|b| (b.version, b.questions as usize))
            .expect("the bundle is never lost");
        assert!(
            now == serving || now == next,
            "round {round} (killed after {delay:?}, {status}): serves {now:?}, but only the old {serving:?} or the new {next:?} is allowed"
        );
        if status.success() {
            assert_eq!(now, next, "a finished import serves the new version");
        }
        serving = now;
    }
    assert!(kills >= 5, "the test must actually interrupt imports (only {kills} kills); the machine may be too fast for the bundle size");
}
