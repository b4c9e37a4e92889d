//! The default bundles at start: installed when missing or newer, left alone (and not validated
//! again) when the store already holds their version.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::open;
use crate::bundle::{BundleFiles, Limits};
use crate::library::Library;

fn default_bundle(version: u32, question_text: &str) -> BundleFiles {
    let question = json!({
        "id": "q1",
        "topic": "basics",
        "question": question_text,
        "summary": "Call your care team if you have a fever [1].",
        "sections": [{ "heading": "Why", "paragraphs": ["A fever can be a sign of infection [1]."] }],
        "ask_your_doctor": ["Who do I call at night?"],
        "references": [{ "n": 1, "text": "Example. A page.", "url": "https://www.cancer.gov/" }],
        "reviewed": "2026-01-15"
    });
    let bytes = serde_json::to_vec_pretty(&question).expect("json");
    let manifest: Value = json!({
        "format": 1,
        "id": "defaults-en",
        "version": version,
        "title": "Defaults",
        "publisher": "Test publisher",
        "language": "en",
        "published": "2026-01-15",
        "disclaimer": "General information only.",
        "topics": [{ "id": "basics", "title": "Basics" }],
        "files": { "questions/q1.json": hex::encode(Sha256::digest(&bytes)) }
    });
    let entries = vec![
        (
            "manifest.json".to_string(),
            serde_json::to_vec(&manifest).expect("json"),
        ),
        ("questions/q1.json".to_string(), bytes),
    ];
    BundleFiles::from_entries(entries, Limits::default()).expect("within limits")
}

fn installed(dir: &std::path::Path, defaults: &[BundleFiles]) -> Option<u32> {
    let library = Library::without_keys(dir);
    let opened = open(&library, defaults).expect("the store opens");
    opened
        .store
        .installed_version("defaults-en")
        .expect("the version can be read")
}

#[test]
fn a_default_is_installed_once_and_a_newer_one_replaces_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        installed(dir.path(), &[default_bundle(1, "When should I call?")]),
        Some(1),
        "a missing default is installed"
    );
    assert_eq!(
        installed(dir.path(), &[default_bundle(2, "When should I call my team?")]),
        Some(2),
        "a newer default carried by a new binary replaces the installed one"
    );
}

#[test]
fn an_installed_default_stays_as_it_is_whatever_the_embedded_copy_of_that_version_holds() {
    let dir = tempfile::tempdir().expect("temp dir");
    installed(dir.path(), &[default_bundle(1, "When should I call?")]);
    // The same id and version with a body that no longer matches its manifest's hash: the check
    // on the manifest's version alone must skip it, as import_if_newer would after validating.
    let original = default_bundle(1, "When should I call?");
    let changed = default_bundle(1, "Something else entirely?");
    let tampered = BundleFiles::from_entries(
        vec![
            (
                "manifest.json".to_string(),
                original.get("manifest.json").expect("manifest").to_vec(),
            ),
            (
                "questions/q1.json".to_string(),
                changed.get("questions/q1.json").expect("question").to_vec(),
            ),
        ],
        Limits::default(),
    )
    .expect("within limits");
    let library = Library::without_keys(dir.path());
    let opened = open(&library, &[tampered]).expect("the store opens");
    let answer = opened.store.answer("q1", "en").expect("the question is still there");
    assert_eq!(
        answer.question, "When should I call?",
        "the installed default keeps serving unchanged"
    );
}
