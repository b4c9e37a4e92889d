//! Shared fixtures for the integration and end-to-end tests: the built `clinic-kiosk` binary, a
//! fresh data folder per test, and a builder that writes valid (or deliberately broken) bundles.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

/// The `clinic-kiosk` binary, built once per test run (or `$CLINIC_KIOSK_BIN` when set).
pub fn kiosk_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(bin) = std::env::var_os("CLINIC_KIOSK_BIN") {
            return PathBuf::from(bin);
        }
        // The workspace's own test build (which makes target/debug/clinic-kiosk through the app's
        // integration test): a no-op after `cargo test --workspace`, whereas
        // `cargo build -p clinic-kiosk` would resolve other features and rebuild Tauri.
        let mut build = Command::new(env!("CARGO"));
        build.args(["test", "--workspace", "--all-targets", "--no-run", "--quiet"]);
        // Cargo gives a running test the variables of its package (CARGO_MANIFEST_DIR,
        // CARGO_PKG_NAME, …). Build scripts such as ring's rerun when those change, so passing
        // them on would rebuild ring, rustls and everything above them, twice per test run.
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if name.starts_with("CARGO_PKG_")
                || name.starts_with("CARGO_MANIFEST_")
                || name.starts_with("CARGO_CFG_")
                || [
                    "CARGO_CRATE_NAME",
                    "CARGO_BIN_NAME",
                    "CARGO_PRIMARY_PACKAGE",
                    "CARGO_TARGET_TMPDIR",
                    "OUT_DIR",
                ]
                .contains(&name.as_ref())
            {
                build.env_remove(name.as_ref());
            }
        }
        let status = build.current_dir(workspace_root()).status().expect("cargo can be run");
        assert!(
            status.success(),
            "building clinic-kiosk must succeed before its tests can run"
        );
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| workspace_root().join("target"));
        target.join("debug").join("clinic-kiosk")
    })
}

/// A fresh temporary folder; removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder can be made")
}

/// The result of one CLI run, with helpers for asserts.
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `clinic-kiosk --data-dir DATA ARGS…`.
pub fn kiosk(data_dir: &Path, args: &[&str]) -> Run {
    Command::new(kiosk_bin())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CLINIC_KIOSK_DATA_DIR")
        .env("RUST_LOG", "warn")
        .output()
        .expect("clinic-kiosk can be started")
        .into()
}

/// Runs `clinic-kiosk --data-dir DATA ARGS…` with `input` on its standard input.
pub fn kiosk_with_input(data_dir: &Path, args: &[&str], input: &str) -> Run {
    use std::io::Write as _;
    let mut child = Command::new(kiosk_bin())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CLINIC_KIOSK_DATA_DIR")
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("clinic-kiosk can be started");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    child.wait_with_output().expect("clinic-kiosk ends").into()
}

/// SHA-256 as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A question as JSON with every required field, citing reference 1.
pub fn question(id: &str, topic: &str, text: &str) -> Value {
    json!({
        "id": id,
        "topic": topic,
        "question": text,
        "summary": format!("A short plain answer about {text} [1]."),
        "sections": [{ "heading": "What the research says", "paragraphs": ["One study looked at this [1]."] }],
        "ask_your_doctor": ["Is this right for me?", "What happens next?", "Who do I call?"],
        "references": [{ "n": 1, "text": "Example A. A study. J Test. 2020.", "doi": "10.1000/test.1" }],
        "reviewed": "2026-01-15",
        "keywords": ["example"]
    })
}

/// Builds a bundle on disk. Tests change the JSON values to make broken bundles.
#[derive(Clone)]
pub struct BundleBuilder {
    /// The manifest without `files` (filled in by [`BundleBuilder::write`]).
    pub manifest: Value,
    /// Question files by id.
    pub questions: Vec<Value>,
    /// Extra files (relative path, bytes) written as they are.
    pub extra_files: Vec<(String, Vec<u8>)>,
    /// Whether to list extra files in the manifest.
    pub list_extra_files: bool,
}

impl BundleBuilder {
    /// A valid bundle `id` version `version` in `language` with `count` questions in topic `basics`.
    pub fn new(id: &str, version: u32, language: &str, count: usize) -> Self {
        let questions = (1..=count)
            .map(|i| {
                question(
                    &format!("q{i}"),
                    "basics",
                    &format!("Test question number {i} about liver care"),
                )
            })
            .collect();
        BundleBuilder {
            manifest: json!({
                "format": 1,
                "id": id,
                "version": version,
                "title": "Test bundle",
                "publisher": "Test publisher",
                "language": language,
                "published": "2026-01-15",
                "disclaimer": "Test disclaimer: general information only.",
                "topics": [{ "id": "basics", "title": "Basics" }]
            }),
            questions,
            extra_files: Vec::new(),
            list_extra_files: true,
        }
    }

    /// Writes the bundle into `dir` (created), computing the manifest's `files` hashes.
    pub fn write(&self, dir: &Path) -> PathBuf {
        std::fs::create_dir_all(dir.join("questions")).expect("bundle folder can be made");
        let mut files = serde_json::Map::new();
        for question in &self.questions {
            let id = question["id"].as_str().unwrap_or("unnamed");
            let bytes = serde_json::to_vec_pretty(question).expect("json serialises");
            let name = format!("questions/{id}.json");
            files.insert(name.clone(), Value::String(sha256_hex(&bytes)));
            std::fs::write(dir.join(&name), bytes).expect("question can be written");
        }
        for (name, bytes) in &self.extra_files {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("folder can be made");
            }
            std::fs::write(&path, bytes).expect("extra file can be written");
            if self.list_extra_files {
                files.insert(name.clone(), Value::String(sha256_hex(bytes)));
            }
        }
        let mut manifest = self.manifest.clone();
        if manifest.get("files").is_none() {
            manifest["files"] = Value::Object(files);
        }
        std::fs::write(
            dir.join("manifest.json"),
            serde_json::to_vec_pretty(&manifest).expect("json serialises"),
        )
        .expect("manifest can be written");
        dir.to_path_buf()
    }
}

/// Zips a folder. With `top_folder`, every entry sits under that folder name, as "compress
/// folder" in a file manager makes it.
pub fn zip_folder(dir: &Path, out: &Path, top_folder: Option<&str>) -> PathBuf {
    let file = std::fs::File::create(out).expect("zip can be created");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("folder can be read") {
            let path = entry.expect("entry can be read").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            let name = match top_folder {
                Some(top) => format!("{top}/{relative}"),
                None => relative,
            };
            zip.start_file(name, options).expect("zip entry can be started");
            std::io::Write::write_all(&mut zip, &std::fs::read(&path).expect("file can be read")).expect("zip written");
        }
    }
    zip.finish().expect("zip can be finished");
    out.to_path_buf()
}

/// Whether an external tool needed by a test is installed. Without it the test is skipped with a
/// message, or fails when `KIOSK_E2E_REQUIRED=1` (as `scripts/test.sh` and CI set), so a broken
/// set-up never passes silently.
pub fn tool_available(test: &str, tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let required = std::env::var("KIOSK_E2E_REQUIRED").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "{test} needs `{tool}`; install it with scripts/system-packages.sh test"
        );
        eprintln!("skipping {test}: `{tool}` is not installed (scripts/system-packages.sh test)");
    }
    found
}

/// A publisher key pair made with `clinic-kiosk bundle keygen --unencrypted`: (public, secret) paths.
pub fn keygen(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let prefix = dir.join(name);
    let run: Run = Command::new(kiosk_bin())
        .args(["bundle", "keygen", "--unencrypted", "--out"])
        .arg(&prefix)
        .output()
        .expect("clinic-kiosk can be started")
        .into();
    assert_eq!(run.code, 0, "keygen must work: {run:?}");
    (prefix.with_extension("pub"), prefix.with_extension("key"))
}

/// Signs a bundle folder or zip with `clinic-kiosk bundle sign`.
pub fn sign(bundle: &Path, secret: &Path) {
    let run: Run = Command::new(kiosk_bin())
        .args(["bundle", "sign"])
        .arg(bundle)
        .arg("--key")
        .arg(secret)
        .output()
        .expect("clinic-kiosk can be started")
        .into();
    assert_eq!(run.code, 0, "signing a valid bundle must work: {run:?}");
}

/// The installed (version, question count) of a bundle, read straight from the database.
pub fn installed(data_dir: &Path, id: &str) -> Option<(u32, u32)> {
    let store =
        kiosk_core::store::Store::open(&data_dir.join(kiosk_core::store::DATABASE_FILE)).expect("the database opens");
    store
        .bundles()
        .expect("bundles can be listed")
        .into_iter()
        .find(|b| b.id == id)
        .map(|b| (b.version, b.questions))
}

/// The audit log as JSON, newest first (`clinic-kiosk audit --json`).
pub fn audit_log(data_dir: &Path) -> Vec<Value> {
    let run = kiosk(data_dir, &["audit", "--json"]);
    assert_eq!(run.code, 0, "the audit log can be read: {run:?}");
    serde_json::from_str::<Value>(&run.stdout)
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_else(|| panic!("audit --json prints a JSON list: {run:?}"))
}
