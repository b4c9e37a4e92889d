//! Hostile bundle files: each is refused while it is read, with a reason, and without reading more
//! than the limits allow. (Peak memory of the whole CLI is measured by the integration tests.)

use std::io::Write as _;
use std::path::{Path, PathBuf};

use kiosk_core::bundle::{BundleFiles, Limits};
use kiosk_core::library::Library;
use kiosk_core::trust::{generate_keypair, KeyProtection};
use kiosk_core::Error;

fn zip_of(dir: &Path, entries: &[(&str, &[u8])]) -> PathBuf {
    let path = dir.join("hostile.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
    path
}

fn refusal(result: kiosk_core::Result<BundleFiles>) -> String {
    match result {
        Err(Error::InvalidBundle(problems)) => problems.iter().map(ToString::to_string).collect(),
        Err(other) => format!("other error: {other}"),
        Ok(_) => "accepted".to_string(),
    }
}

#[test]
fn a_compression_bomb_entry_is_refused_by_its_ratio() {
    let dir = tempfile::tempdir().expect("temp");
    let zeros = vec![0u8; 1024 * 1024];
    let path = zip_of(dir.path(), &[("manifest.json", b"{}"), ("questions/a.json", &zeros)]);
    let message = refusal(BundleFiles::read_path(&path, Limits::default()));
    assert!(
        message.contains("questions/a.json") && message.contains("times its compressed size"),
        "1 MiB of zeros compresses about 1000 to 1 and must be refused as a bomb: {message}"
    );
}

#[test]
fn the_total_is_enforced_while_reading_not_after() {
    let dir = tempfile::tempdir().expect("temp");
    let limits = Limits {
        max_total_bytes: 3000,
        ..Limits::default()
    };
    let text = vec![b'a'; 1000];
    let names: Vec<String> = (0..10).map(|i| format!("questions/q{i}.json")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("manifest.json", b"{}")];
    entries.extend(names.iter().map(|n| (n.as_str(), text.as_slice())));
    let path = zip_of(dir.path(), &entries);
    let message = refusal(BundleFiles::read_path(&path, limits));
    assert!(
        message.contains("larger than"),
        "the total limit refuses the bundle: {message}"
    );
}

#[test]
fn duplicate_entry_names_in_a_zip_are_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("dup.zip");
    // The zip writer refuses duplicates, so the second copy is written under a same-length name
    // and renamed in the raw bytes (both the local header and the central directory).
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    for (name, text) in [("questions/a.json", "inspected"), ("questions/b.json", "installed")] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
    let bytes = std::fs::read(&path).expect("read");
    let renamed = replace_all(&bytes, b"questions/b.json", b"questions/a.json");
    std::fs::write(&path, renamed).expect("write");
    let message = refusal(BundleFiles::read_path(&path, Limits::default()));
    assert!(
        message.contains("same file name twice"),
        "a zip whose inspector and installer could see different copies must be refused: {message}"
    );
}

fn replace_all(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = haystack.to_vec();
    let mut i = 0;
    while i + from.len() <= out.len() {
        if &out[i..i + from.len()] == from {
            out[i..i + from.len()].copy_from_slice(to);
            i += from.len();
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn too_many_entries_are_refused_before_anything_is_read() {
    let dir = tempfile::tempdir().expect("temp");
    let limits = Limits {
        max_entries: 50,
        ..Limits::default()
    };
    let names: Vec<String> = (0..60).map(|i| format!("questions/q{i}.json")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), b"{}".as_slice())).collect();
    let path = zip_of(dir.path(), &entries);
    let message = refusal(BundleFiles::read_path(&path, limits));
    assert!(message.contains("more than 50 entries"), "{message}");
}

#[test]
fn a_fifo_in_a_bundle_folder_is_refused_and_does_not_hang() {
    let dir = tempfile::tempdir().expect("temp");
    let bundle = dir.path().join("b");
    std::fs::create_dir_all(bundle.join("questions")).expect("mkdir");
    std::fs::write(bundle.join("manifest.json"), "{}").expect("write");
    let fifo = bundle.join("questions/a.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo makes the FIFO");
    let message = refusal(BundleFiles::read_path(&bundle, Limits::default()));
    assert!(
        message.contains("questions/a.json") && message.contains("not a regular file"),
        "a FIFO is refused at once instead of waiting for a writer: {message}"
    );
    // A FIFO given as the bundle itself is refused too.
    let result = BundleFiles::read_path(&fifo, Limits::default());
    assert!(matches!(result, Err(Error::Unreadable { .. })), "{result:?}");
}

#[test]
fn with_trusted_keys_an_unsigned_zip_is_refused_before_its_questions_are_decompressed() {
    let dir = tempfile::tempdir().expect("temp");
    let pair = generate_keypair(KeyProtection::Unencrypted).expect("keygen");
    let key_line = pair.public_file.lines().last().expect("key line").to_string();
    let library =
        Library::new(dir.path(), &[kiosk_core::settings::TrustedKeyEntry::Any(key_line)]).expect("a valid key");
    // The question is a 2 MiB bomb: if it were decompressed first, the refusal would name it.
    let zeros = vec![0u8; 2 * 1024 * 1024];
    let path = zip_of(dir.path(), &[("questions/a.json", &zeros), ("manifest.json", b"{}")]);
    let result = library.read_path(&path);
    assert!(
        matches!(result, Err(Error::Signature(_))),
        "the signature is checked first, so the refusal is about the signature: {result:?}"
    );
}

#[test]
fn control_characters_in_file_names_are_escaped_in_messages() {
    let dir = tempfile::tempdir().expect("temp");
    let path = zip_of(
        dir.path(),
        &[
            ("manifest.json", br#"{"format": 1, "files": {}}"#),
            ("questions/a\nFAKE LINE\u{202e}.json", b"{}"),
        ],
    );
    let files = BundleFiles::read_path(&path, Limits::default()).expect("read");
    let report = kiosk_core::bundle::validate(&files).report;
    let text: String = report.errors.iter().map(|p| format!("{p}\n")).collect();
    assert!(
        !text.contains("\nFAKE LINE") && !text.contains('\u{202e}'),
        "a file name cannot start a new line or reverse text in a message: {text:?}"
    );
    assert!(text.contains("a\\u{000a}FAKE LINE\\u{202e}.json"), "{text:?}");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn a_refused_update_zip_is_not_tried_again_until_it_changes() {
    use kiosk_core::store::Store;
    use kiosk_core::update::{check_once, UpdateOptions};
    let data = tempfile::tempdir().expect("temp");
    let share = tempfile::tempdir().expect("temp");
    let offer = |body: &[u8]| {
        let zip = zip_of(share.path(), &[("manifest.json", body)]);
        let index = serde_json::json!({ "format": 1, "bundles": [{
            "id": "bad-en", "version": 1, "url": "hostile.zip",
            "sha256": sha256_hex(&std::fs::read(zip).expect("zip")) }] });
        std::fs::write(share.path().join("index.json"), index.to_string()).expect("index");
    };
    offer(b"{}");
    let library = Library::without_keys(data.path());
    let store = std::sync::Mutex::new(Store::open(&data.path().join("kiosk.sqlite3")).expect("store"));
    let source = share.path().to_str().expect("utf-8");
    let audit_rows = || store.lock().expect("lock").audit_log(1000).expect("audit").len();

    let first = check_once(&library, &store, source, UpdateOptions::default()).expect("checked");
    assert_eq!(first.failures.len(), 1, "the invalid bundle is refused: {first:?}");
    let rows = audit_rows();
    for _ in 0..3 {
        let again = check_once(&library, &store, source, UpdateOptions::default()).expect("checked");
        assert!(
            again.failures[0].contains("refused at") && again.failures[0].contains("not tried again"),
            "the staff screen still shows that it failed, and when: {again:?}"
        );
    }
    assert_eq!(
        audit_rows(),
        rows,
        "the same refused zip adds no audit row at each check"
    );
    let shown = store
        .lock()
        .expect("lock")
        .last_update_check()
        .expect("read")
        .expect("a check");
    assert!(!shown.ok && shown.message.contains("refused at"), "{shown:?}");

    offer(br#"{"format": 1}"#);
    check_once(&library, &store, source, UpdateOptions::default()).expect("checked");
    assert_eq!(audit_rows(), rows + 1, "a different zip for the bundle is tried again");
    let once = UpdateOptions {
        retry_refused: true,
        ..UpdateOptions::default()
    };
    check_once(&library, &store, source, once).expect("checked");
    assert_eq!(audit_rows(), rows + 2, "a check asked for on purpose tries again");
}

#[test]
fn hidden_direction_and_zero_width_characters_are_refused_but_joiners_are_not() {
    let question = |text: &str| {
        serde_json::json!({
            "id": "q1", "topic": "basics", "question": text,
            "summary": "A short answer.", "ask_your_doctor": ["Is this right for me?"],
            "reviewed": "2026-01-15"
        })
    };
    let check = |text: &str| {
        let bytes = serde_json::to_vec(&question(text)).expect("json");
        let manifest = serde_json::json!({
            "format": 1, "id": "b", "version": 1, "title": "T", "publisher": "P", "language": "fa",
            "published": "2026-01-15", "disclaimer": "D", "topics": [{ "id": "basics", "title": "B" }],
            "files": { "questions/q1.json": sha256_hex(&bytes) }
        });
        let files = BundleFiles::from_entries(
            [
                (
                    "manifest.json".to_string(),
                    serde_json::to_vec(&manifest).expect("json"),
                ),
                ("questions/q1.json".to_string(), bytes),
            ],
            Limits::default(),
        )
        .expect("small");
        kiosk_core::bundle::validate(&files).report.errors
    };
    for hidden in ['\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{feff}'] {
        let errors = check(&format!("Is this {hidden}safe?"));
        assert!(
            errors
                .iter()
                .any(|p| p.field == "question" && p.message.contains("invisible character")),
            "U+{:04X} is refused: {errors:?}",
            u32::from(hidden)
        );
    }
    let persian = "می\u{200c}خواهم بدانم";
    assert!(check(persian).is_empty(), "ZWNJ is needed by Persian");
    assert!(check("क्\u{200d}ष क्या है").is_empty(), "ZWJ is needed by Indic scripts");
}
