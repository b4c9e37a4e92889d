//! `clinic-kiosk author DIR` on the command line: the refusals that come before any window.

use std::process::Command;

/// Runs `clinic-kiosk --data-dir DATA author DIR` without a display.
fn author(data: &std::path::Path, dir: &std::path::Path) -> kiosk_tests::Run {
    Command::new(kiosk_tests::kiosk_bin())
        .arg("--data-dir")
        .arg(data)
        .arg("author")
        .arg(dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("CLINIC_KIOSK_DATA_DIR")
        .output()
        .expect("clinic-kiosk can be started")
        .into()
}

#[test]
fn the_editor_refuses_the_kiosks_own_bundles_and_says_to_work_on_a_copy() {
    let data = kiosk_tests::temp_dir();
    let listed = kiosk_tests::kiosk(data.path(), &["bundle", "list"]);
    assert_eq!(listed.code, 0, "the kiosk is installed: {listed:?}");
    let kept = data.path().join("bundles");
    let run = author(data.path(), &kept);
    assert_eq!(run.code, 1, "refused: {run:?}");
    assert!(
        run.stderr.contains("inside the kiosk's data folder") && run.stderr.contains("Copy the bundle folder"),
        "the message names the problem and what to do: {run:?}"
    );
}

#[test]
fn without_a_display_the_editor_says_so() {
    let data = kiosk_tests::temp_dir();
    let work = kiosk_tests::temp_dir();
    let run = author(data.path(), &work.path().join("new-bundle"));
    assert_eq!(run.code, 1, "refused: {run:?}");
    assert!(run.stderr.contains("no display"), "{run:?}");
    assert!(!work.path().join("new-bundle").exists(), "nothing is created");
    assert!(
        std::fs::read_dir(data.path()).expect("data folder").next().is_none(),
        "the kiosk's data folder is not touched"
    );
}
