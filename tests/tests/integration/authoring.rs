//! The publisher's path on the command line: `bundle new` starts a bundle that validates, and
//! `bundle pack` turns an edited folder into a signed zip a kiosk imports — or, on any problem,
//! writes nothing at all.

use std::path::{Path, PathBuf};

use kiosk_tests::{installed, keygen, kiosk, temp_dir, Run};

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Every file under `dir` with its bytes, to show that a refusal changed nothing.
pub(crate) fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path.clone());
                all.push((path, Vec::new()));
            } else {
                let bytes = std::fs::read(&path).expect("file readable");
                all.push((path, bytes));
            }
        }
    }
    all.sort();
    all
}

/// A publisher's command: no kiosk data folder is involved, so each gets a fresh one.
fn publisher(args: &[&str]) -> Run {
    kiosk(temp_dir().path(), args)
}

fn new_bundle(work: &Path, id: &str, language: &str) -> (PathBuf, Run) {
    let dir = work.join(id);
    let run = publisher(&[
        "bundle",
        "new",
        s(&dir),
        "--id",
        id,
        "--language",
        language,
        "--title",
        "Riverside questions",
        "--publisher",
        "Riverside Clinic",
    ]);
    (dir, run)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("readable");
    assert!(text.contains(from), "{from:?} is in {}", path.display());
    std::fs::write(path, text.replace(from, to)).expect("writable");
}

#[test]
fn bundle_new_writes_a_starter_that_validates_and_never_overwrites() {
    let work = temp_dir();
    for (id, language) in [("riverside-en", "en"), ("riverside-es", "es")] {
        let (dir, run) = new_bundle(work.path(), id, language);
        assert_eq!(run.code, 0, "bundle new must work: {run:?}");
        let check = publisher(&["bundle", "validate", s(&dir)]);
        assert_eq!(
            check.code, 0,
            "the starter must pass bundle validate as it is: {check:?}"
        );
        assert!(
            !check.stderr.contains("warning"),
            "the starter must not start a writer off with warnings: {check:?}"
        );
    }
    let before = snapshot(work.path());
    let (_, again) = new_bundle(work.path(), "riverside-en", "en");
    assert_eq!(again.code, 2, "a folder with content is never overwritten: {again:?}");
    assert!(again.stderr.contains("already exists"), "{again:?}");
    let (_, bad) = new_bundle(work.path(), "Riverside EN", "en");
    assert_eq!(bad.code, 1, "a bad id is refused: {bad:?}");
    assert!(
        bad.stderr.contains("id: must be lowercase"),
        "the id rule is named: {bad:?}"
    );
    assert_eq!(
        snapshot(work.path()),
        before,
        "refused bundle new commands wrote nothing"
    );
}

#[test]
fn pack_refuses_a_problem_and_writes_nothing() {
    let work = temp_dir();
    let (dir, run) = new_bundle(work.path(), "clinic-en", "en");
    assert_eq!(run.code, 0, "{run:?}");
    let question = dir.join("questions/clinic-en-example.json");
    edit(
        &question,
        "Write down your questions before you come [1].",
        "Write them down [2].",
    );
    let before = snapshot(work.path());
    let out = work.path().join("out.zip");
    let run = publisher(&["bundle", "pack", s(&dir), "--bump", "--out", s(&out)]);
    assert_eq!(run.code, 1, "a bundle with a problem is not packed: {run:?}");
    assert!(
        run.stdout.contains(
            "questions/clinic-en-example.json: sections[0].paragraphs[0]: cites [2] but the question has no reference 2"
        ),
        "the problem is printed as bundle validate prints it: {run:?}"
    );
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
    assert_eq!(
        snapshot(work.path()),
        before,
        "neither the folder (hashes, version) nor the output changed"
    );
}

#[test]
fn pack_bumps_signs_and_the_zip_imports_where_the_key_is_trusted() {
    let work = temp_dir();
    let data = temp_dir();
    let config = work.path().join("config.toml");
    let (public, secret) = keygen(work.path(), "publisher");
    let trust = kiosk(data.path(), &["--config", s(&config), "trust", "add", s(&public)]);
    assert_eq!(trust.code, 0, "{trust:?}");
    let (dir, run) = new_bundle(work.path(), "clinic-en", "en");
    assert_eq!(run.code, 0, "{run:?}");

    let first = publisher(&["bundle", "pack", s(&dir), "--key", s(&secret)]);
    assert_eq!(first.code, 0, "a starter packs and signs: {first:?}");
    let zip1 = work.path().join("clinic-en-1.zip");
    assert!(first.stdout.contains(s(&zip1)), "the zip is named: {first:?}");
    let import = kiosk(data.path(), &["--config", s(&config), "bundle", "import", s(&zip1)]);
    assert_eq!(import.code, 0, "the signed zip imports: {import:?}");

    // An edit without --bump would not be newer; with it, the new version replaces the old.
    edit(
        &dir.join("questions/clinic-en-example.json"),
        "Bring a list of the medicines you take.",
        "Bring a list of the medicines and vitamins you take.",
    );
    let second = publisher(&["bundle", "pack", s(&dir), "--bump", "--key", s(&secret)]);
    assert_eq!(second.code, 0, "{second:?}");
    assert!(second.stdout.contains("version 2 (raised from 1)"), "{second:?}");
    let validate = publisher(&["bundle", "validate", s(&dir)]);
    assert_eq!(
        validate.code, 0,
        "the folder's manifest now matches its files: {validate:?}"
    );
    let zip2 = work.path().join("clinic-en-2.zip");
    let import = kiosk(data.path(), &["--config", s(&config), "bundle", "import", s(&zip2)]);
    assert_eq!(import.code, 0, "the bumped, signed zip imports: {import:?}");
    assert!(import.stdout.contains("signed by key"), "{import:?}");
    assert_eq!(installed(data.path(), "clinic-en"), Some((2, 1)));
    let search = kiosk(data.path(), &["search", "vitamins", "--json"]);
    assert!(
        search.stdout.contains("clinic-en-example"),
        "the edited answer is found: {search:?}"
    );
}
