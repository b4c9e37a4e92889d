//! `clinic-kiosk doctor`: a healthy installation passes, and each kind of breakage is reported on
//! its own line with what to do. Settings, display and data folder are set per test, so the
//! machine's own /etc/clinic-kiosk/config.toml and display do not leak in.

use std::path::Path;
use std::process::Command;

use kiosk_tests::{kiosk_bin, temp_dir, BundleBuilder, Run};
use serde_json::Value;

/// minisign's own public key, from its README: a real, well-formed key.
const MINISIGN_KEY: &str = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";

/// Runs `clinic-kiosk --data-dir DATA --config CONFIG ARGS…` with a Wayland display that exists
/// when `display` is given and no display at all otherwise.
fn run(data: &Path, config: &Path, display: Option<&Path>, args: &[&str]) -> Run {
    let mut command = Command::new(kiosk_bin());
    command
        .arg("--data-dir")
        .arg(data)
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("CLINIC_KIOSK_DATA_DIR")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("RUST_LOG", "warn");
    if let Some(socket) = display {
        command.env("WAYLAND_DISPLAY", socket);
    }
    command.output().expect("clinic-kiosk can be started").into()
}

/// IT sets the staff PIN as the package check does: `staff set-pin` reading it from stdin.
fn set_pin(data: &Path, config: &Path) {
    use std::io::Write as _;
    let mut child = Command::new(kiosk_bin())
        .arg("--data-dir")
        .arg(data)
        .arg("--config")
        .arg(config)
        .args(["staff", "set-pin"])
        .env_remove("CLINIC_KIOSK_DATA_DIR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("clinic-kiosk can be started");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"402917\n")
        .expect("the PIN is written");
    let run: Run = child.wait_with_output().expect("set-pin ends").into();
    assert_eq!(run.code, 0, "IT sets the staff PIN: {run:?}");
}

fn line<'a>(run: &'a Run, check: &str) -> &'a str {
    run.stdout
        .lines()
        .find(|l| l.get(7..).is_some_and(|rest| rest.starts_with(&format!("{check}:"))))
        .unwrap_or_else(|| panic!("the report must have a line for {check}: {run:?}"))
}

fn assert_line(run: &Run, check: &str, tag: &str, needle: &str) {
    let found = line(run, check);
    assert!(
        found.starts_with(tag) && found.contains(needle),
        "{check} must be reported as {tag} mentioning {needle:?}, found {found:?}"
    );
}

#[test]
fn a_healthy_installation_passes() {
    let data = temp_dir();
    let setup = temp_dir();
    let updates = setup.path().join("updates");
    std::fs::create_dir(&updates).expect("update folder");
    // The doctor asks the folder exactly as the updater does: its index.json must be readable.
    std::fs::write(updates.join("index.json"), r#"{"format":1,"bundles":[]}"#).expect("index");
    let socket = setup.path().join("wayland-0");
    // A stand-in for the compositor: a socket someone listens on (doctor connects to it).
    let _compositor = std::os::unix::net::UnixListener::bind(&socket).expect("a stand-in for the compositor's socket");
    let config = setup.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "printer = \"PDF\"\ntrusted_keys = [\"{MINISIGN_KEY}\"]\nupdate_source = \"{}\"\n",
            updates.display()
        ),
    )
    .expect("settings");
    let first = run(data.path(), &config, Some(&socket), &["bundle", "list"]);
    assert_eq!(
        first.code, 0,
        "the kiosk's first start installs the default content: {first:?}"
    );
    let no_pin = run(data.path(), &config, Some(&socket), &["doctor"]);
    assert_line(&no_pin, "staff PIN", "[FAIL]", "staff set-pin");
    assert_eq!(no_pin.code, 1, "without a staff PIN the doctor fails: {no_pin:?}");
    set_pin(data.path(), &config);

    let report = run(data.path(), &config, Some(&socket), &["doctor"]);
    assert_line(&report, "staff PIN", "[ ok ]", "is set");
    assert_line(&report, "settings", "[ ok ]", "is valid");
    assert_line(&report, "display", "[ ok ]", "Wayland display");
    assert_line(&report, "database", "[ ok ]", "passes the integrity check");
    assert_line(&report, "trusted keys", "[ ok ]", "1 minisign public key(s)");
    assert_line(&report, "update source", "[ ok ]", "is readable");
    assert_line(
        &report,
        "review status",
        "[warn]",
        "draft content, not yet checked by a clinician: oncology-en, oncology-es",
    );
    assert!(
        !line(&report, "content age").starts_with("[FAIL]"),
        "old content is a warning, never a failure: {report:?}"
    );
    assert!(
        !line(&report, "free disk").starts_with("[FAIL]"),
        "the test machine has room: {report:?}"
    );
    let failed = report.stdout.lines().any(|l| l.starts_with("[FAIL]"));
    assert_eq!(
        report.code,
        if failed { 1 } else { 0 },
        "exit 0 exactly when no check failed: {report:?}"
    );
    if std::env::var("KIOSK_E2E_REQUIRED").is_ok_and(|v| v == "1") {
        assert_line(&report, "printer", "[ ok ]", "PDF is ready");
        assert_eq!(report.code, 0, "with CI's printer, everything passes: {report:?}");
    }
}

#[test]
fn a_broken_installation_names_each_problem_and_what_to_do() {
    let data = temp_dir();
    let setup = temp_dir();
    let database = data.path().join("kiosk.sqlite3");
    let junk = vec![b'#'; 16 * 1024];
    std::fs::write(&database, &junk).expect("a damaged database");
    let missing = setup.path().join("no-such-share");
    let config = setup.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "trusted_keys = [\"{MINISIGN_KEY}\", \"RWQnot-a-key\"]\nupdate_source = \"{}\"\nprinter = \"No_Such_Printer\"\n",
            missing.display()
        ),
    )
    .expect("settings");

    let report = run(data.path(), &config, None, &["doctor"]);
    assert_eq!(report.code, 1, "a broken installation fails the doctor: {report:?}");
    assert_line(&report, "database", "[FAIL]", "is damaged");
    assert_line(&report, "database", "[FAIL]", "move the file aside");
    assert_line(&report, "content age", "[warn]", "not checked");
    assert_line(&report, "review status", "[warn]", "not checked");
    assert_line(&report, "trusted keys", "[FAIL]", "trusted_keys[1]");
    assert_line(&report, "update source", "[FAIL]", "no-such-share");
    assert_line(&report, "printer", "[FAIL]", "No_Such_Printer");
    assert!(
        report.stderr.contains("this installation has problems"),
        "the summary goes to stderr: {report:?}"
    );
    assert_eq!(
        std::fs::read(&database).expect("still there"),
        junk,
        "the doctor only looks: it must not touch a damaged database"
    );

    let json = run(data.path(), &config, None, &["doctor", "--json"]);
    let value: Value = serde_json::from_str(&json.stdout).unwrap_or_else(|e| panic!("JSON ({e}): {json:?}"));
    assert_eq!(value["passes"], false, "--json says whether it passed: {value}");
    let names: Vec<&str> = value["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "settings",
            "display",
            "database",
            "staff PIN",
            "content age",
            "review status",
            "trusted keys",
            "printer",
            "print spool",
            "update source",
            "free disk"
        ],
        "every check is reported, in a stable order"
    );
}

#[test]
fn a_bad_settings_file_names_line_and_key_and_the_kiosk_still_starts() {
    let data = temp_dir();
    let setup = temp_dir();
    let config = setup.path().join("config.toml");
    std::fs::write(
        &config,
        format!("trusted_keys = [\"{MINISIGN_KEY}\"]\n\nidle_secondz = 60\n"),
    )
    .expect("settings");

    let report = run(data.path(), &config, None, &["doctor"]);
    assert_line(&report, "settings", "[FAIL]", "line 3");
    assert_line(&report, "settings", "[FAIL]", "idle_secondz");
    assert_line(&report, "settings", "[FAIL]", "refuses every import");

    let list = run(data.path(), &config, None, &["bundle", "list"]);
    assert_eq!(list.code, 0, "a bad settings file must not stop the kiosk: {list:?}");
    assert!(
        list.stderr.contains("line 3") && list.stderr.contains("imports and updates are off"),
        "and the log says what is wrong: {list:?}"
    );
    let show = run(data.path(), &config, None, &["show", "ici-liver-metastases"]);
    assert_eq!(show.code, 0, "the installed content keeps serving: {show:?}");

    // The defaults trust no key; were the file's typo to fall back to them, this unsigned bundle
    // would import. It must be refused, naming the line to fix.
    let unsigned = BundleBuilder::new("unsigned-en", 1, "en", 2).write(&setup.path().join("unsigned"));
    let import = run(
        data.path(),
        &config,
        None,
        &["bundle", "import", unsigned.to_str().expect("utf-8")],
    );
    assert_ne!(
        import.code, 0,
        "a settings typo must not let unsigned bundles in: {import:?}"
    );
    assert!(
        import.stderr.contains("line 3") && import.stderr.contains("imports and updates are off"),
        "the refusal says why and which line: {import:?}"
    );
    let updates = setup.path().join("updates");
    std::fs::create_dir(&updates).expect("update folder");
    std::fs::write(updates.join("index.json"), r#"{"format":1,"bundles":[]}"#).expect("index");
    let update = run(
        data.path(),
        &config,
        None,
        &["update", "--once", "--source", updates.to_str().expect("utf-8")],
    );
    assert_ne!(update.code, 0, "updates stop too: {update:?}");
}

#[test]
fn answers_past_their_review_are_a_warning() {
    let data = temp_dir();
    let setup = temp_dir();
    let config = setup.path().join("config.toml");
    std::fs::write(&config, "").expect("settings");
    let mut old = BundleBuilder::new("old-en", 1, "en", 2);
    for question in &mut old.questions {
        question["reviewed"] = "2020-01-15".into();
    }
    let bundle = old.write(&setup.path().join("old"));
    let import = run(
        data.path(),
        &config,
        None,
        &["bundle", "import", bundle.to_str().expect("utf-8")],
    );
    assert_eq!(import.code, 0, "{import:?}");

    let report = run(data.path(), &config, None, &["doctor"]);
    assert_line(
        &report,
        "content age",
        "[warn]",
        "old-en (2 of 2 answers, oldest reviewed 2020-01-15)",
    );
}
