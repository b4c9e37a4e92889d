//! A table of broken bundles, each with the message it must produce. After every refusal the
//! installed content must be exactly what it was: a bad bundle never half-replaces good content.

use std::path::{Path, PathBuf};

use kiosk_tests::{kiosk, temp_dir, BundleBuilder};
use serde_json::json;

fn base() -> BundleBuilder {
    BundleBuilder::new("test-en", 2, "en", 2)
}

fn with(change: fn(&mut BundleBuilder)) -> impl Fn(&Path) -> PathBuf {
    move |dir: &Path| {
        let mut b = base();
        change(&mut b);
        b.write(&dir.join("bundle"))
    }
}

/// One bad bundle: its name, the message it must produce, and how to make it in a folder.
type Case = (&'static str, &'static str, Box<dyn Fn(&Path) -> PathBuf>);

fn cases() -> Vec<Case> {
    vec![
        (
            "a format newer than this kiosk reads",
            "manifest.json: format: is 4, but this kiosk reads bundle formats 1 to 3: this kiosk needs an update",
            Box::new(with(|b| b.manifest["format"] = json!(4))),
        ),
        (
            "format zero",
            "manifest.json: format: must be a whole number from 1 to 3, found 0",
            Box::new(with(|b| b.manifest["format"] = json!(0))),
        ),
        (
            "reviewed_by in a format-1 bundle",
            "manifest.json: reviewed_by: needs \"format\": 2 in manifest.json",
            Box::new(with(|b| {
                b.manifest["reviewed_by"] = json!("Dr. A. Example, MD, Test Clinic")
            })),
        ),
        (
            "urgent in a format-1 bundle",
            "questions/q1.json: urgent: needs \"format\": 2 in manifest.json",
            Box::new(with(|b| b.questions[0]["urgent"] = json!(["Chest pain"]))),
        ),
        (
            "empty reviewed_by",
            "manifest.json: reviewed_by: must not be empty",
            Box::new(with(|b| {
                b.manifest["format"] = json!(2);
                b.manifest["reviewed_by"] = json!(" ");
            })),
        ),
        (
            "empty urgent list",
            "questions/q1.json: urgent: must hold 1 to 8 items, found 0",
            Box::new(with(|b| {
                b.manifest["format"] = json!(2);
                b.questions[0]["urgent"] = json!([]);
            })),
        ),
        (
            "nine urgent signs",
            "questions/q1.json: urgent: must hold 1 to 8 items, found 9",
            Box::new(with(|b| {
                b.manifest["format"] = json!(2);
                b.questions[0]["urgent"] = json!((1..=9).map(|i| format!("Sign {i}")).collect::<Vec<_>>());
            })),
        ),
        (
            "urgent sign over 120 characters",
            "questions/q1.json: urgent[1]: must be 1 to 120 characters long, found 121",
            Box::new(with(|b| {
                b.manifest["format"] = json!(2);
                b.questions[0]["urgent"] = json!(["Chest pain", "x".repeat(121)]);
            })),
        ),
        (
            "urgent sign with a citation marker",
            "questions/q1.json: urgent[0]: must be plain text without citation markers",
            Box::new(with(|b| {
                b.manifest["format"] = json!(2);
                b.questions[0]["urgent"] = json!(["Chest pain [1]"]);
            })),
        ),
        (
            "urgent sign twice",
            "questions/q1.json: urgent[1]: repeats an earlier sign",
            Box::new(with(|b| {
                b.manifest["format"] = json!(2);
                b.questions[0]["urgent"] = json!(["Chest pain", "chest pain "]);
            })),
        ),
        (
            "bad bundle id",
            "manifest.json: id: must be lowercase",
            Box::new(with(|b| b.manifest["id"] = json!("Test_EN"))),
        ),
        (
            "version zero",
            "manifest.json: version: must be a whole number from 1",
            Box::new(with(|b| b.manifest["version"] = json!(0))),
        ),
        (
            "missing title",
            "manifest.json: title: is required",
            Box::new(with(|b| {
                b.manifest.as_object_mut().map(|m| m.remove("title"));
            })),
        ),
        (
            "empty publisher",
            "manifest.json: publisher: must not be empty",
            Box::new(with(|b| b.manifest["publisher"] = json!("  "))),
        ),
        (
            "bad language tag",
            "manifest.json: language: must be a BCP 47",
            Box::new(with(|b| b.manifest["language"] = json!("english please"))),
        ),
        (
            "impossible date",
            "manifest.json: published: must be a real date",
            Box::new(with(|b| b.manifest["published"] = json!("2026-02-30"))),
        ),
        (
            "no topics",
            "manifest.json: topics: must hold 1 to 200 items",
            Box::new(with(|b| b.manifest["topics"] = json!([]))),
        ),
        (
            "unknown manifest field",
            "manifest.json: titel: unknown field",
            Box::new(with(|b| b.manifest["titel"] = json!("x"))),
        ),
        (
            "question id differs from file",
            "questions/q1.json: id: is \"other\"",
            Box::new(|dir: &Path| {
                let path = base().write(&dir.join("bundle"));
                let mut q: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(path.join("questions/q1.json")).expect("read"))
                        .expect("json");
                q["id"] = json!("other");
                rewrite_listed(&path, "questions/q1.json", &serde_json::to_vec(&q).expect("json"));
                path
            }),
        ),
        (
            "unknown topic",
            "questions/q1.json: topic: \"nope\" is not a topic",
            Box::new(with(|b| b.questions[0]["topic"] = json!("nope"))),
        ),
        (
            "question too long",
            "questions/q1.json: question: must be 1 to 200 characters",
            Box::new(with(|b| b.questions[0]["question"] = json!("x".repeat(201)))),
        ),
        (
            "no ask-your-doctor items",
            "questions/q1.json: ask_your_doctor: must hold 1 to 12 items",
            Box::new(with(|b| b.questions[0]["ask_your_doctor"] = json!([]))),
        ),
        (
            "http reference url",
            "questions/q1.json: references[0].url: must start with https://",
            Box::new(with(|b| {
                b.questions[0]["references"][0]["url"] = json!("http://example.com")
            })),
        ),
        (
            "duplicate reference number",
            "reference number 1 appears twice",
            Box::new(with(|b| {
                let r = b.questions[0]["references"][0].clone();
                if let Some(list) = b.questions[0]["references"].as_array_mut() {
                    list.push(r);
                }
            })),
        ),
        (
            "citation of a missing reference",
            "questions/q1.json: summary: cites [7]",
            Box::new(with(|b| b.questions[0]["summary"] = json!("A claim [7]. Another [1]."))),
        ),
        (
            "typo in a field name",
            "questions/q2.json: ask_you_doctor: unknown field",
            Box::new(with(|b| b.questions[1]["ask_you_doctor"] = json!(["x"]))),
        ),
        (
            "bad reviewed date",
            "questions/q1.json: reviewed: must be a real date",
            Box::new(with(|b| b.questions[0]["reviewed"] = json!("15/01/2026"))),
        ),
        (
            "pmid with letters",
            "questions/q1.json: references[0].pmid: must be digits only",
            Box::new(with(|b| b.questions[0]["references"][0]["pmid"] = json!("PMID123"))),
        ),
        (
            "doi without 10.",
            "questions/q1.json: references[0].doi: must start with 10.",
            Box::new(with(|b| b.questions[0]["references"][0]["doi"] = json!("doi:11.1/x"))),
        ),
        (
            "invalid JSON",
            "questions/q2.json: is not valid JSON",
            Box::new(|dir: &Path| {
                let path = base().write(&dir.join("bundle"));
                rewrite_listed(&path, "questions/q2.json", b"{ \"id\": \"q2\", ");
                path
            }),
        ),
        (
            "tampered file",
            "questions/q1.json: its SHA-256 is",
            Box::new(|dir: &Path| {
                let path = base().write(&dir.join("bundle"));
                std::fs::write(path.join("questions/q1.json"), b"{}").expect("write");
                path
            }),
        ),
        (
            "unlisted file",
            "notes.txt: is not listed in manifest.json files",
            Box::new(|dir: &Path| {
                let path = base().write(&dir.join("bundle"));
                std::fs::write(path.join("notes.txt"), b"hello").expect("write");
                path
            }),
        ),
        (
            "listed file missing",
            "manifest.json: files[questions/q2.json]: is listed but missing",
            Box::new(|dir: &Path| {
                let path = base().write(&dir.join("bundle"));
                std::fs::remove_file(path.join("questions/q2.json")).expect("remove");
                path
            }),
        ),
        (
            "no manifest",
            "manifest.json: is missing",
            Box::new(|dir: &Path| {
                let path = base().write(&dir.join("bundle"));
                std::fs::remove_file(path.join("manifest.json")).expect("remove");
                path
            }),
        ),
        (
            "file over 1 MiB",
            "is larger than 1024 KiB",
            Box::new(with(|b| {
                b.questions[0]["keywords"] = json!(vec!["word".repeat(25); 11000])
            })),
        ),
        (
            "symlink in a folder",
            "is a symbolic link",
            Box::new(|dir: &Path| {
                let path = base().write(&dir.join("bundle"));
                std::os::unix::fs::symlink("/etc/passwd", path.join("questions/link.json")).expect("symlink");
                path
            }),
        ),
        (
            "zip entry escaping the bundle",
            "points outside the bundle",
            Box::new(|dir: &Path| raw_zip(dir, &[("../evil.json", b"{}")])),
        ),
        (
            "absolute zip entry",
            "points outside the bundle",
            Box::new(|dir: &Path| raw_zip(dir, &[("/etc/evil.json", b"{}")])),
        ),
        (
            "duplicate zip entry",
            "appears twice",
            Box::new(|dir: &Path| raw_zip(dir, &[("manifest.json", b"{}"), ("./manifest.json", b"{}")])),
        ),
        (
            "not newer",
            "is not newer than the installed version",
            Box::new(|dir: &Path| BundleBuilder::new("test-en", 1, "en", 2).write(&dir.join("bundle"))),
        ),
    ]
}

/// Rewrites a file and fixes its hash in the manifest, so only the intended problem remains.
fn rewrite_listed(bundle: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(bundle.join(name), bytes).expect("write");
    let manifest_path = bundle.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).expect("read")).expect("json");
    manifest["files"][name] = json!(kiosk_tests::sha256_hex(bytes));
    std::fs::write(manifest_path, serde_json::to_vec(&manifest).expect("json")).expect("write");
}

fn raw_zip(dir: &Path, entries: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.join("bad.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        std::io::Write::write_all(&mut zip, bytes).expect("write");
    }
    zip.finish().expect("finish");
    path
}

#[test]
fn every_bad_bundle_is_refused_with_its_message_and_changes_nothing() {
    let data = temp_dir();
    let src = temp_dir();
    let good = base().write(&src.path().join("good"));
    let imported = kiosk(data.path(), &["bundle", "import", good.to_str().expect("utf-8")]);
    assert_eq!(imported.code, 0, "the good bundle must import first: {imported:?}");
    let list_before = kiosk(data.path(), &["bundle", "list", "--json"]).stdout;
    let show_before = kiosk(data.path(), &["show", "q1", "--json"]).stdout;

    let cases = cases();
    assert!(cases.len() >= 20, "the table covers at least 20 kinds of bad bundle");
    for (index, (name, expected, make)) in cases.iter().enumerate() {
        let dir = src.path().join(format!("case-{index}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let path = make(&dir);
        let run = kiosk(data.path(), &["bundle", "import", path.to_str().expect("utf-8")]);
        assert_eq!(
            run.code, 1,
            "case {name:?}: a bad bundle is refused with exit 1: {run:?}"
        );
        let output = format!("{}{}", run.stdout, run.stderr);
        assert!(
            output.contains(expected),
            "case {name:?}: the message must say {expected:?}: {run:?}"
        );
        assert!(
            !output.contains("panicked"),
            "case {name:?}: nothing may panic on bad input: {run:?}"
        );
        assert_eq!(
            kiosk(data.path(), &["bundle", "list", "--json"]).stdout,
            list_before,
            "case {name:?}: a refused import must not change the installed bundles"
        );
        assert_eq!(
            kiosk(data.path(), &["show", "q1", "--json"]).stdout,
            show_before,
            "case {name:?}: a refused import must not change what is shown"
        );
    }
}

#[test]
fn validate_refuses_the_same_table_without_touching_the_store() {
    let data = temp_dir();
    let src = temp_dir();
    for (index, (name, expected, make)) in cases().iter().enumerate() {
        if *name == "not newer" {
            continue; // a versioning rule of import, not of the bundle itself
        }
        let dir = src.path().join(format!("case-{index}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let path = make(&dir);
        let run = kiosk(data.path(), &["bundle", "validate", path.to_str().expect("utf-8")]);
        assert_eq!(run.code, 1, "case {name:?}: validate exits 1 for a bad bundle: {run:?}");
        assert!(
            run.stdout.contains(expected),
            "case {name:?}: validate prints {expected:?} on stdout: {run:?}"
        );
    }
}
