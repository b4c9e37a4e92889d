//! Rollback: the last three imported versions of a bundle are kept in the data folder; staff or IT
//! can step back through them, and every step is audited.

use kiosk_tests::{audit_log, installed, kiosk, temp_dir, BundleBuilder};

#[test]
fn rollback_steps_back_through_the_last_three_versions() {
    let data = temp_dir();
    let work = temp_dir();
    for version in 2..=5u32 {
        let path = BundleBuilder::new("steps-en", version, "en", version as usize)
            .write(&work.path().join(format!("v{version}")));
        let run = kiosk(data.path(), &["bundle", "import", path.to_str().expect("utf-8")]);
        assert_eq!(run.code, 0, "version {version} imports: {run:?}");
    }
    let kept: Vec<String> = std::fs::read_dir(data.path().join("bundles/steps-en"))
        .expect("kept bundles are in the data folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".zip"))
        .collect();
    let mut kept = kept;
    kept.sort();
    assert_eq!(
        kept,
        ["3.zip", "4.zip", "5.zip"],
        "only the last three versions are kept"
    );

    for expected in [4u32, 3] {
        let run = kiosk(data.path(), &["bundle", "rollback", "steps-en"]);
        assert_eq!(run.code, 0, "rolling back to {expected} works: {run:?}");
        assert_eq!(
            installed(data.path(), "steps-en"),
            Some((expected, expected)),
            "the kept version {expected} serves, with its own questions"
        );
    }
    let run = kiosk(data.path(), &["bundle", "rollback", "steps-en"]);
    assert_eq!(
        run.code, 1,
        "there is nothing older than the oldest kept version: {run:?}"
    );
    assert!(run.stderr.contains("no earlier version"), "and it says so: {run:?}");
    assert_eq!(
        installed(data.path(), "steps-en"),
        Some((3, 3)),
        "a refused rollback changes nothing"
    );

    let log = audit_log(data.path());
    let rollbacks: Vec<_> = log.iter().filter(|e| e["action"] == "rollback").collect();
    assert_eq!(
        rollbacks.len(),
        3,
        "every rollback is audited, refused ones too: {log:?}"
    );
    assert_eq!(rollbacks[0]["result"], "refused", "newest first: the refused one");
    assert_eq!(
        rollbacks[2]["from_version"], 5,
        "from → to is recorded: {:?}",
        rollbacks[2]
    );
    assert_eq!(rollbacks[2]["to_version"], 4);
    assert_eq!(rollbacks[2]["source"], "cli");

    let newer = BundleBuilder::new("steps-en", 6, "en", 6).write(&work.path().join("v6"));
    let run = kiosk(data.path(), &["bundle", "import", newer.to_str().expect("utf-8")]);
    assert_eq!(
        run.code, 0,
        "after a rollback a newer version imports as usual: {run:?}"
    );
}

#[test]
fn rollback_of_an_unknown_bundle_is_refused() {
    let data = temp_dir();
    let run = kiosk(data.path(), &["bundle", "rollback", "no-such-bundle"]);
    assert_eq!(run.code, 1, "nothing to roll back is a clear refusal: {run:?}");
}
