//! `pack` as a publisher uses it: after edits, with a bump, signed; and the refusals, which must
//! leave the folder and the output exactly as they were.

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{validate, BundleFiles, Limits, MANIFEST, SIGNATURE};
use kiosk_core::trust::{check_signature, generate_keypair, KeyProtection, SignatureStatus, TrustedKey};

use crate::{new_bundle, pack, NewBundle, PackOptions, SigningKey};

fn starter(work: &Path) -> PathBuf {
    let dir = work.join("riverside-en");
    new_bundle(
        &dir,
        NewBundle {
            id: "riverside-en".into(),
            language: "en".into(),
            title: "Riverside".into(),
            publisher: "Riverside Clinic".into(),
        },
    )
    .expect("the starter is written")
}

fn question_file(dir: &Path) -> PathBuf {
    dir.join("questions/riverside-en-example.json")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("readable");
    assert!(text.contains(from), "{from:?} is in {}", path.display());
    std::fs::write(path, text.replace(from, to)).expect("writable");
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                all.push((path.display().to_string(), std::fs::read(&path).expect("readable")));
            }
        }
    }
    all.sort();
    all
}

#[test]
fn an_edited_folder_packs_into_a_valid_zip_with_fresh_hashes() {
    let work = tempfile::tempdir().expect("temp");
    let dir = starter(work.path());
    edit(&question_file(&dir), "Bring a list", "Please bring a list");
    std::fs::write(dir.join("notes.txt"), "to do").expect("a stray file");
    let report = pack(&dir, PackOptions::default()).expect("packs");
    assert!(
        report
            .validation
            .warnings
            .iter()
            .any(|w| w.to_string().starts_with("notes.txt: is not a question file")),
        "a stray file travels with the bundle, so pack says so: {:?}",
        report.validation.warnings
    );
    let packed = report.packed.expect("a valid bundle is packed");
    assert_eq!(
        packed.zip,
        work.path().join("riverside-en-1.zip"),
        "default: beside the folder"
    );
    let stick = work.path().join("stick");
    std::fs::create_dir(&stick).expect("a folder");
    let to_stick = pack(
        &dir,
        PackOptions {
            out: Some(stick.clone()),
            ..PackOptions::default()
        },
    )
    .expect("packs");
    assert_eq!(
        to_stick.packed.map(|p| p.zip),
        Some(stick.join("riverside-en-1.zip")),
        "--out FOLDER writes the zip into it"
    );
    assert!(packed.manifest_changed, "the hash of the edited file changed");
    let files = BundleFiles::read_path(&packed.zip, Limits::default()).expect("the zip reads");
    assert!(validate(&files).bundle().is_some(), "the zip is a valid bundle");
    let folder = BundleFiles::read_path(&dir, Limits::default()).expect("the folder reads");
    assert!(
        validate(&folder).bundle().is_some(),
        "the folder's manifest was updated too"
    );
}

#[test]
fn a_problem_refuses_the_pack_and_nothing_changes() {
    let work = tempfile::tempdir().expect("temp");
    let dir = starter(work.path());
    edit(&question_file(&dir), "\"topic\": \"general\"", "\"topic\": \"nowhere\"");
    let before = snapshot(work.path());
    let out = work.path().join("out.zip");
    let report = pack(
        &dir,
        PackOptions {
            out: Some(out.clone()),
            bump: true,
            key: None,
        },
    )
    .expect("content problems are a report, not an error");
    assert!(report.packed.is_none(), "an invalid bundle is not packed");
    let lines: Vec<String> = report.validation.errors.iter().map(ToString::to_string).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("questions/riverside-en-example.json: topic: \"nowhere\" is not a topic")),
        "problems are listed as bundle validate prints them: {lines:?}"
    );
    assert_eq!(
        snapshot(work.path()),
        before,
        "neither the folder nor the output changed"
    );
}

#[test]
fn bump_and_key_raise_the_version_and_sign_the_zip() {
    let work = tempfile::tempdir().expect("temp");
    let dir = starter(work.path());
    let pair = generate_keypair(KeyProtection::Unencrypted).expect("keys");
    let key_path = work.path().join("publisher.key");
    std::fs::write(&key_path, &pair.secret_file).expect("key written");
    let key = SigningKey::read(&key_path, None).expect("key read");
    let report = pack(
        &dir,
        PackOptions {
            out: Some(work.path().join("signed.zip")),
            key: Some(key),
            bump: true,
        },
    )
    .expect("packs");
    let packed = report.packed.expect("packed");
    assert_eq!(
        (packed.bumped_from, packed.version),
        (Some(1), 2),
        "--bump raises 1 to 2"
    );
    assert_eq!(packed.signed_by.as_deref(), Some(pair.key_id.as_str()));
    let trusted = TrustedKey::parse(&pair.public_file).expect("public key");
    let zip = BundleFiles::read_path(&packed.zip, Limits::default()).expect("zip reads");
    assert!(
        matches!(
            check_signature(&zip, std::slice::from_ref(&trusted)),
            Ok(SignatureStatus::Verified(_))
        ),
        "a kiosk trusting the key accepts the zip"
    );
    let folder = BundleFiles::read_path(&dir, Limits::default()).expect("folder reads");
    assert!(
        matches!(check_signature(&folder, &[trusted]), Ok(SignatureStatus::Verified(_))),
        "the folder carries the same signature"
    );

    // Packing again after an edit without the key cannot keep a signature that no longer matches.
    edit(&question_file(&dir), "Bring a list", "Please bring a list");
    let again = pack(&dir, PackOptions::default())
        .expect("packs")
        .packed
        .expect("packed");
    assert!(again.removed_stale_signature && again.signed_by.is_none(), "{again:?}");
    assert!(!dir.join(SIGNATURE).exists(), "the stale signature is gone");
}

#[test]
fn a_password_protected_key_signs_with_its_password_and_a_wrong_one_changes_nothing() {
    let work = tempfile::tempdir().expect("temp");
    let dir = starter(work.path());
    let pair = generate_keypair(KeyProtection::Password("correct horse".into())).expect("keys");
    let key_path = work.path().join("publisher.key");
    std::fs::write(&key_path, &pair.secret_file).expect("key written");
    let out = work.path().join("signed.zip");

    let before = snapshot(work.path());
    let wrong = SigningKey::read(&key_path, Some("wrong horse".into())).expect("the file reads");
    let result = pack(
        &dir,
        PackOptions {
            out: Some(out.clone()),
            key: Some(wrong),
            bump: true,
        },
    );
    match &result {
        Err(crate::Error::Key { path, .. }) => assert_eq!(path, &key_path, "the message names the key file"),
        other => panic!("a wrong password must be a key error, not {other:?}"),
    }
    assert_eq!(
        snapshot(work.path()),
        before,
        "a wrong password leaves the folder as it was and writes no zip"
    );

    let right = SigningKey::read(&key_path, Some("correct horse".into())).expect("the file reads");
    let packed = pack(
        &dir,
        PackOptions {
            out: Some(out.clone()),
            key: Some(right),
            bump: false,
        },
    )
    .expect("packs")
    .packed
    .expect("packed");
    let trusted = TrustedKey::parse(&pair.public_file).expect("public key");
    let zip = BundleFiles::read_path(&packed.zip, Limits::default()).expect("zip reads");
    assert!(
        matches!(check_signature(&zip, &[trusted]), Ok(SignatureStatus::Verified(_))),
        "the right password signs a zip a kiosk trusting the key accepts"
    );
}

#[test]
fn the_zip_is_never_written_inside_the_bundle() {
    let work = tempfile::tempdir().expect("temp");
    let dir = starter(work.path());
    let manifest_before = std::fs::read(dir.join(MANIFEST)).expect("manifest");
    let result = pack(
        &dir,
        PackOptions {
            out: Some(dir.join("x.zip")),
            ..PackOptions::default()
        },
    );
    assert!(
        matches!(result, Err(crate::Error::OutputInsideBundle { .. })),
        "{result:?}"
    );
    assert!(!dir.join("x.zip").exists());
    assert_eq!(std::fs::read(dir.join(MANIFEST)).expect("manifest"), manifest_before);
}

#[test]
fn refresh_files_updates_the_hashes_of_a_draft_and_drops_a_stale_signature() {
    let work = tempfile::tempdir().expect("temp");
    let dir = starter(work.path());
    let pair = generate_keypair(KeyProtection::Unencrypted).expect("keys");
    let key_path = work.path().join("k.key");
    std::fs::write(&key_path, &pair.secret_file).expect("key");
    let key = SigningKey::read(&key_path, None).expect("key");
    pack(
        &dir,
        PackOptions {
            key: Some(key),
            ..PackOptions::default()
        },
    )
    .expect("packs");
    assert!(dir.join(SIGNATURE).exists());
    let unchanged = crate::refresh_files(&dir).expect("refreshes");
    assert!(
        !unchanged.manifest_changed && !unchanged.removed_stale_signature,
        "nothing to do: {unchanged:?}"
    );
    // A draft in progress (here: a question with an unknown topic) is saved as it is.
    edit(&question_file(&dir), "\"topic\": \"general\"", "\"topic\": \"later\"");
    let refreshed = crate::refresh_files(&dir).expect("a draft with problems is saved too");
    assert!(
        refreshed.manifest_changed && refreshed.removed_stale_signature,
        "{refreshed:?}"
    );
    let folder = BundleFiles::read_path(&dir, Limits::default()).expect("reads");
    let lines: Vec<String> = validate(&folder)
        .report
        .errors
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        lines.iter().all(|l| !l.contains("SHA-256")) && lines.iter().any(|l| l.contains("later")),
        "the hashes match again; only the content problem is left: {lines:?}"
    );
}

/// The starter with a second question and the topic's `questions` list set to `order`, declared
/// as `format`.
fn ordered_starter(work: &Path, order: &[&str], format: u32) -> PathBuf {
    let dir = starter(work);
    let mut question: serde_json::Value =
        serde_json::from_slice(&std::fs::read(question_file(&dir)).expect("readable")).expect("json");
    question["id"] = "parking".into();
    question["question"] = "Where can I park?".into();
    std::fs::write(
        dir.join("questions/parking.json"),
        serde_json::to_vec_pretty(&question).expect("json"),
    )
    .expect("writable");
    let path = dir.join(MANIFEST);
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("readable")).expect("json");
    manifest["format"] = format.into();
    manifest["topics"][0]["questions"] = serde_json::json!(order);
    std::fs::write(&path, serde_json::to_vec_pretty(&manifest).expect("json")).expect("writable");
    dir
}

#[test]
fn pack_keeps_a_topics_question_order_and_refuses_it_in_an_older_format() {
    let work = tempfile::tempdir().expect("temp");
    let order = ["riverside-en-example", "parking"];
    let dir = ordered_starter(work.path(), &order, 3);
    let packed = pack(&dir, PackOptions::default())
        .expect("packs")
        .packed
        .expect("a valid bundle is packed");
    let files = BundleFiles::read_path(&packed.zip, Limits::default()).expect("the zip reads");
    let bundle = validate(&files).into_bundle().expect("the zip is a valid bundle");
    assert_eq!(bundle.manifest().format, 3);
    assert_eq!(
        bundle.manifest().topics[0].questions,
        order,
        "the zip's manifest keeps the order"
    );

    let older = tempfile::tempdir().expect("temp");
    let dir = ordered_starter(older.path(), &order, 1);
    let before = snapshot(older.path());
    let report = pack(&dir, PackOptions::default()).expect("a report");
    assert!(report.packed.is_none(), "refused");
    assert!(
        report.validation.errors.iter().any(|e| e
            .to_string()
            .starts_with("manifest.json: topics[0].questions: needs \"format\": 3")),
        "the list names the format it needs: {:?}",
        report.validation.errors
    );
    assert_eq!(snapshot(older.path()), before, "nothing is written");
}
