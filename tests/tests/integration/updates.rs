//! Shared updates: `clinic-kiosk publish` writes zips and index.json; `clinic-kiosk update --once`
//! reads them from a folder or a local web server (Python's http.server on 127.0.0.1), imports a
//! good signed bundle, and refuses a tampered or oversized one without touching what is shown.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kiosk_tests::{audit_log, installed, keygen, kiosk, sign, temp_dir, tool_available, BundleBuilder};

/// A static web server on 127.0.0.1 serving one folder; stopped when dropped.
struct WebServer {
    child: Child,
    port: u16,
}

impl WebServer {
    fn start(dir: &Path) -> WebServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new("python3")
            .args([
                "-m",
                "http.server",
                "--bind",
                "127.0.0.1",
                &port.to_string(),
                "--directory",
            ])
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 starts");
        let server = WebServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the test web server must start within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for WebServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A publisher folder with one signed bundle, published to `out`; returns the config trusting it.
fn published(work: &Path, id: &str, version: u32, questions: usize) -> (PathBuf, PathBuf) {
    let (public, secret) = keygen(work, "publisher");
    let bundles = work.join("bundles");
    let dir = BundleBuilder::new(id, version, "en", questions).write(&bundles.join(id));
    sign(&dir, &secret);
    let out = work.join("site");
    let run = kiosk(work, &["publish", s(&bundles), s(&out)]);
    assert_eq!(run.code, 0, "publish writes the site: {run:?}");
    assert!(
        run.stdout.contains("bundle format 1: every kiosk can read it"),
        "publish says which kiosks can read what it publishes: {run:?}"
    );
    let key = std::fs::read_to_string(&public).expect("public key");
    let line = key.lines().last().expect("key line");
    let config = work.join("config.toml");
    std::fs::write(&config, format!("trusted_keys = [\"{line}\"]\n")).expect("config written");
    (out, config)
}

#[test]
fn update_from_a_folder_imports_a_newer_signed_bundle() {
    let data = temp_dir();
    let work = temp_dir();
    let (site, config) = published(work.path(), "shared-en", 2, 3);
    assert!(
        site.join("index.json").is_file() && site.join("shared-en-2.zip").is_file(),
        "publish writes index.json and the zip"
    );
    let run = kiosk(
        data.path(),
        &["--config", s(&config), "update", "--once", "--source", s(&site)],
    );
    assert_eq!(run.code, 0, "the update imports: {run:?}");
    assert_eq!(installed(data.path(), "shared-en"), Some((2, 3)));
    let again = kiosk(
        data.path(),
        &["--config", s(&config), "update", "--once", "--source", s(&site)],
    );
    assert_eq!(again.code, 0, "a second check finds nothing new: {again:?}");
    assert!(again.stdout.contains("up to date"), "and says so: {again:?}");
}

#[test]
fn update_over_http_imports_good_bundles_and_refuses_tampered_and_oversized_ones() {
    if !tool_available("update_over_http…", "python3") {
        return;
    }
    let data = temp_dir();
    let work = temp_dir();
    let (site, config) = published(work.path(), "web-en", 2, 3);
    let server = WebServer::start(&site);
    let update = |extra: &[&str]| {
        let mut args = vec!["--config", s(&config), "update", "--once", "--source"];
        let url = server.url();
        args.push(&url);
        args.extend_from_slice(extra);
        kiosk(data.path(), &args)
    };

    let good = update(&[]);
    assert_eq!(
        good.code, 0,
        "a good signed bundle imports over http from 127.0.0.1: {good:?}"
    );
    assert_eq!(installed(data.path(), "web-en"), Some((2, 3)));

    // Tampered: a newer zip whose bytes no longer match the SHA-256 in index.json.
    let index_path = site.join("index.json");
    let mut index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&index_path).expect("index")).expect("json");
    index["bundles"][0]["version"] = 3.into();
    index["bundles"][0]["url"] = "web-en-3.zip".into();
    std::fs::write(&index_path, serde_json::to_vec(&index).expect("json")).expect("index written");
    let mut bytes = std::fs::read(site.join("web-en-2.zip")).expect("zip");
    let last = bytes.len() - 1;
    bytes[last] ^= 0xFF;
    std::fs::write(site.join("web-en-3.zip"), bytes).expect("tampered zip");
    let tampered = update(&[]);
    assert_eq!(tampered.code, 1, "a tampered download is refused: {tampered:?}");
    assert!(
        tampered.stderr.contains("SHA-256"),
        "because its hash differs: {tampered:?}"
    );
    assert_eq!(
        installed(data.path(), "web-en"),
        Some((2, 3)),
        "the old content keeps serving"
    );

    // Oversized: larger than the download cap, refused before it is read in full.
    let big = vec![7u8; 3 * 1024 * 1024];
    std::fs::write(site.join("web-en-3.zip"), &big).expect("big file");
    index["bundles"][0]["sha256"] = kiosk_tests::sha256_hex(&big).into();
    std::fs::write(&index_path, serde_json::to_vec(&index).expect("json")).expect("index written");
    let oversized = update(&["--max-download-mib", "1"]);
    assert_eq!(oversized.code, 1, "an oversized download is refused: {oversized:?}");
    assert!(
        oversized.stderr.contains("larger than 1 MiB"),
        "because of its size: {oversized:?}"
    );
    assert_eq!(
        installed(data.path(), "web-en"),
        Some((2, 3)),
        "the old content keeps serving"
    );

    let log = audit_log(data.path());
    let updates: Vec<_> = log.iter().filter(|e| e["action"] == "update").collect();
    assert_eq!(updates.len(), 3, "the import and both refusals are audited: {log:?}");
    assert_eq!(updates[0]["result"], "refused", "newest first: the oversized one");
    assert_eq!(updates[2]["result"], "ok");
    assert_eq!(updates[2]["to_version"], 2);

    let remote = kiosk(data.path(), &["update", "--once", "--source", "http://example.org/"]);
    assert_eq!(remote.code, 1, "plain http to another machine is refused: {remote:?}");
    assert!(remote.stderr.contains("https://"), "saying https is needed: {remote:?}");
}

#[test]
fn publishing_a_format_2_bundle_says_older_kiosks_cannot_read_it() {
    let work = temp_dir();
    let bundles = work.path().join("bundles");
    std::fs::create_dir(&bundles).expect("folder");
    let sample = kiosk_tests::workspace_root().join("data/bundles/oncology-en");
    let copy = bundles.join("oncology-en");
    std::fs::create_dir_all(copy.join("questions")).expect("folder");
    std::fs::copy(sample.join("manifest.json"), copy.join("manifest.json")).expect("manifest");
    for entry in std::fs::read_dir(sample.join("questions")).expect("questions") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, copy.join("questions").join(path.file_name().expect("name"))).expect("copy");
    }
    let out = work.path().join("site");
    let run = kiosk(work.path(), &["publish", s(&bundles), s(&out)]);
    assert_eq!(run.code, 0, "publish writes the site: {run:?}");
    assert!(
        run.stdout
            .contains("bundle format 2: only kiosks that read format 2 can read it"),
        "publish warns that the sample library (urgent signs) needs kiosks of format 2: {run:?}"
    );
}
