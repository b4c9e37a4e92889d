//! The Debian package's files: the settings template documents every key and parses, the
//! service runs the kiosk the way docs/deploy.md says, and the bundler ships what it names.

use kiosk_core::settings::Settings;
use kiosk_tests::workspace_root;

fn read(relative: &str) -> String {
    std::fs::read_to_string(workspace_root().join(relative))
        .unwrap_or_else(|e| panic!("{relative} must be readable: {e}"))
}

/// The settings keys, as documented beside `Settings` (kept in sync by the test below).
const KEYS: [&str; 12] = [
    "clinic_name",
    "printer",
    "idle_seconds",
    "idle_warning_seconds",
    "kiosk",
    "default_language",
    "data_dir",
    "trusted_keys",
    "update_source",
    "index_key",
    "update_interval_minutes",
    "import_folder",
];

#[test]
fn the_settings_template_parses_and_names_every_key() {
    let template = read("packaging/config.toml");
    let settings = Settings::parse(&template)
        .unwrap_or_else(|e| panic!("the packaged settings file must parse, or every kiosk starts on defaults: {e}"));
    assert_eq!(
        settings.data_dir.as_deref(),
        Some(std::path::Path::new("/var/lib/clinic-kiosk")),
        "the package's data folder is the one postinst creates"
    );
    for key in KEYS {
        assert!(
            template.contains(&format!("\n# {key} = ")) || template.contains(&format!("\n{key} = ")),
            "packaging/config.toml must document {key} with its default"
        );
    }
    let uncommented: String = template
        .lines()
        .map(|line| line.strip_prefix("# ").unwrap_or(line))
        .filter(|line| KEYS.iter().any(|key| line.starts_with(&format!("{key} = "))))
        .collect::<Vec<_>>()
        .join("\n");
    let every_example = Settings::parse(&uncommented)
        .unwrap_or_else(|e| panic!("every commented-out example must be valid when uncommented: {e}"));
    assert_eq!(
        every_example.idle_seconds(),
        kiosk_core::settings::DEFAULT_IDLE_SECONDS,
        "the idle time shown is the real default"
    );
    assert_eq!(
        every_example.idle_warning_seconds(),
        kiosk_core::settings::DEFAULT_IDLE_WARNING_SECONDS,
        "the countdown shown is the real default"
    );
    assert_eq!(
        every_example.update_interval_minutes(),
        kiosk_core::settings::DEFAULT_UPDATE_INTERVAL_MINUTES,
        "the update interval shown is the real default"
    );
    assert_eq!(every_example.default_language(), "en");
    assert!(!every_example.kiosk, "the kiosk key shows its default, false");
}

#[test]
fn the_service_keeps_a_locked_down_kiosk_running() {
    let unit = read("packaging/clinic-kiosk.service");
    for line in [
        "ExecStart=/usr/bin/cage -d -- /usr/bin/clinic-kiosk --kiosk",
        "User=clinic-kiosk",
        "PAMName=login",
        "TTYPath=/dev/tty1",
        "Conflicts=getty@tty1.service",
        "Restart=always",
        "Type=notify",
        "NotifyAccess=all",
        "Environment=WEBKIT_DISABLE_DMABUF_RENDERER=1",
    ] {
        assert!(
            unit.lines().any(|l| l.trim() == line),
            "clinic-kiosk.service must have `{line}`"
        );
    }
    assert!(
        unit.lines().any(|l| l.starts_with("WatchdogSec=")),
        "a hung window must be restarted: WatchdogSec is needed"
    );
}

#[test]
fn the_bundler_ships_every_packaging_file() {
    let config: serde_json::Value =
        serde_json::from_str(&read("src-tauri/tauri.conf.json")).expect("tauri.conf.json is JSON");
    let deb = &config["bundle"]["linux"]["deb"];
    let files = deb["files"].as_object().expect("bundle.linux.deb.files");
    for (target, source) in files {
        let source = source.as_str().expect("a path");
        assert!(
            workspace_root().join("src-tauri").join(source).exists(),
            "{target} is packaged from {source}, which must exist"
        );
    }
    for script in ["postInstallScript", "preRemoveScript", "postRemoveScript"] {
        let path = deb[script].as_str().unwrap_or_else(|| panic!("{script} is set"));
        assert!(
            workspace_root().join("src-tauri").join(path).exists(),
            "{script} {path} must exist"
        );
    }
    let depends: Vec<&str> = deb["depends"]
        .as_array()
        .expect("depends")
        .iter()
        .filter_map(|d| d.as_str())
        .collect();
    for package in ["cage", "cups-client"] {
        assert!(depends.contains(&package), "the package must depend on {package}");
    }
}
