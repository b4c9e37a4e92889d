//! Hostile bundles cost little: each of these is refused (or, for the valid one, imported) by the
//! real `clinic-kiosk bundle import` with its peak memory under 150 MiB, no panic, and the
//! installed content unchanged. Peak memory is the child's `ru_maxrss`, read by a small Python
//! wrapper (python3 is one of the test packages) so that no other process of the test run counts.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use kiosk_tests::{kiosk, kiosk_bin, sha256_hex, temp_dir, tool_available, zip_folder, BundleBuilder, Run};
use serde_json::{json, Value};

const PEAK_LIMIT_KIB: u64 = 150 * 1024;

const MEASURE: &str = r#"
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], capture_output=True)
sys.stdout.buffer.write(r.stdout)
sys.stderr.buffer.write(r.stderr)
sys.stderr.write("\npeak_rss_kib=%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(r.returncode)
"#;

/// Runs `clinic-kiosk --data-dir DATA ARGS…` and returns its result and peak RSS in KiB.
fn kiosk_measured(data_dir: &Path, args: &[&str]) -> (Run, u64) {
    let run: Run = Command::new("python3")
        .args(["-c", MEASURE])
        .arg(kiosk_bin())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CLINIC_KIOSK_DATA_DIR")
        .env("RUST_LOG", "warn")
        .output()
        .expect("python3 can be started")
        .into();
    let peak = run
        .stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("peak_rss_kib="))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("the wrapper prints the peak: {run:?}"));
    (run, peak)
}

fn manifest(files: &serde_json::Map<String, Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "format": 1, "id": "hostile-en", "version": 1, "title": "Hostile", "publisher": "Nobody",
        "language": "en", "published": "2026-01-15", "disclaimer": "None.",
        "topics": [{ "id": "basics", "title": "Basics" }],
        "files": files,
    }))
    .expect("json")
}

fn deflated() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false)
}

/// 4,000 entries of 1 MiB of zeros, each listed in the manifest with its true hash (4 GiB inflated
/// from about 4 MB). The deflated entry is made once and copied raw under each name.
fn zeros_4000(dir: &Path) -> PathBuf {
    let zeros = vec![0u8; 1024 * 1024];
    let seed = dir.join("seed.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&seed).expect("create"));
    writer.start_file("seed", deflated()).expect("entry");
    writer.write_all(&zeros).expect("write");
    writer.finish().expect("finish");
    let hash = Value::String(sha256_hex(&zeros));
    let names: Vec<String> = (0..4000).map(|i| format!("questions/q{i}.json")).collect();
    let files: serde_json::Map<String, Value> = names.iter().map(|n| (n.clone(), hash.clone())).collect();
    let path = dir.join("zeros.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    zip.start_file("manifest.json", deflated()).expect("entry");
    zip.write_all(&manifest(&files)).expect("write");
    let mut seed = zip::ZipArchive::new(std::fs::File::open(&seed).expect("open")).expect("seed zip");
    for name in &names {
        let entry = seed.by_index_raw(0).expect("seed entry");
        zip.raw_copy_file_rename(entry, name).expect("copy");
    }
    zip.finish().expect("finish");
    path
}

/// One entry whose headers declare 2 KiB but whose deflated data holds 64 MiB.
fn lying_entry(dir: &Path) -> PathBuf {
    let path = dir.join("lying.zip");
    let big = vec![0u8; 64 * 1024 * 1024];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    zip.start_file("manifest.json", deflated()).expect("entry");
    zip.write_all(&manifest(&serde_json::Map::new())).expect("write");
    zip.start_file("questions/q1.json", deflated()).expect("entry");
    zip.write_all(&big).expect("write");
    zip.finish().expect("finish");
    let mut bytes = std::fs::read(&path).expect("read");
    let real = (64u32 * 1024 * 1024).to_le_bytes();
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(4) {
        if bytes[i..i + 4] == real {
            bytes[i..i + 4].copy_from_slice(&2048u32.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(
        patched, 2,
        "the local header and the central directory both declare 2 KiB now"
    );
    std::fs::write(&path, bytes).expect("write");
    path
}

/// 100,000 tiny entries.
fn tiny_100000(dir: &Path) -> PathBuf {
    let path = dir.join("tiny.zip");
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(std::fs::File::create(&path).expect("create")));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("manifest.json", stored).expect("entry");
    zip.write_all(&manifest(&serde_json::Map::new())).expect("write");
    for i in 0..100_000 {
        zip.start_file(format!("questions/q{i}.json"), stored).expect("entry");
        zip.write_all(b"{}").expect("write");
    }
    zip.finish().expect("finish");
    path
}

/// A 10,000-question bundle; with `unknown_topic`, every question names a topic that does not exist.
fn ten_thousand(dir: &Path, unknown_topic: bool) -> PathBuf {
    let mut builder = BundleBuilder::new("big-en", 1, "en", 10_000);
    if unknown_topic {
        for question in &mut builder.questions {
            question["topic"] = json!("no-such-topic");
        }
    }
    let name = if unknown_topic { "unknown" } else { "valid" };
    let folder = builder.write(&dir.join(name));
    zip_folder(&folder, &dir.join(format!("{name}.zip")), None)
}

fn bundle_list(data: &Path) -> String {
    kiosk(data, &["bundle", "list", "--json"]).stdout
}

#[test]
fn hostile_bundles_are_refused_within_150_mib_and_change_nothing() {
    if !tool_available(
        "hostile_bundles_are_refused_within_150_mib_and_change_nothing",
        "python3",
    ) {
        return;
    }
    let src = temp_dir();
    let data = temp_dir();
    let before = bundle_list(data.path());
    type Make = fn(&Path) -> PathBuf;
    let cases: [(&str, Make, &str); 4] = [
        (
            "4,000 entries of 1 MiB of zeros",
            zeros_4000,
            "times its compressed size",
        ),
        (
            "an entry declaring 2 KiB but holding 64 MiB",
            lying_entry,
            "questions/q1.json: cannot be unpacked",
        ),
        ("100,000 tiny entries", tiny_100000, "entries"),
        (
            "10,000 questions naming an unknown topic",
            |d| ten_thousand(d, true),
            "more problem(s)",
        ),
    ];
    for (name, make, expected) in cases {
        let path = make(src.path());
        let (run, peak) = kiosk_measured(data.path(), &["bundle", "import", path.to_str().expect("utf-8")]);
        let output = format!("{}{}", run.stdout, run.stderr);
        assert_eq!(run.code, 1, "{name}: refused with exit 1: {output}");
        assert!(
            output.contains(expected),
            "{name}: the refusal says {expected:?}: {output}"
        );
        assert!(!output.contains("panicked"), "{name}: no panic: {output}");
        assert!(
            peak < PEAK_LIMIT_KIB,
            "{name}: peak memory {} MiB must stay under 150 MiB",
            peak / 1024
        );
        assert!(
            output.len() < 64 * 1024,
            "{name}: the refusal is bounded (at most 100 problems), not {} bytes",
            output.len()
        );
        assert_eq!(bundle_list(data.path()), before, "{name}: installed content unchanged");
    }
    let log = kiosk_tests::audit_log(data.path());
    assert!(
        log.iter()
            .all(|e| e["detail"].as_str().unwrap_or_default().len() <= 4096),
        "every audit detail is at most 4 KiB"
    );
}

#[test]
fn a_valid_10000_question_bundle_still_imports_within_150_mib() {
    if !tool_available("a_valid_10000_question_bundle_still_imports_within_150_mib", "python3") {
        return;
    }
    let src = temp_dir();
    let data = temp_dir();
    let path = ten_thousand(src.path(), false);
    let (run, peak) = kiosk_measured(data.path(), &["bundle", "import", path.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "a valid bundle of 10,000 questions imports: {run:?}");
    assert!(
        peak < PEAK_LIMIT_KIB,
        "peak memory {} MiB must stay under 150 MiB",
        peak / 1024
    );
    assert_eq!(kiosk_tests::installed(data.path(), "big-en"), Some((1, 10_000)));
}
