//! The Debian package's files: the settings template documents every key and parses, the
//! service runs the kiosk the way docs/deploy.md says and is confined, USB sticks are mounted
//! read-only with safe options, and the bundler ships what it names.

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
        "Environment=XDG_RUNTIME_DIR=/run/clinic-kiosk",
        "User=clinic-kiosk",
        "Environment=LIBSEAT_BACKEND=seatd",
        "Wants=seatd.service",
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
    assert!(
        !unit.lines().any(|l| l.trim_start().starts_with("PAMName=")),
        "no PAM session: pam_systemd moves cage and the app out of the service's control group, \
         and systemd then ignores their READY=1 and WATCHDOG=1 (scripts/boot-test.sh found this)"
    );
}

#[test]
fn the_service_is_confined_and_says_why_for_each_setting_left_out() {
    let unit = read("packaging/clinic-kiosk.service");
    let set = |line: &str| unit.lines().any(|l| l.trim() == line);
    for line in [
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/clinic-kiosk",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes",
        "ProtectKernelLogs=yes",
        "ProtectControlGroups=yes",
        "RestrictSUIDSGID=yes",
        "LockPersonality=yes",
        "SystemCallArchitectures=native",
        "CapabilityBoundingSet=",
        "UMask=0077",
        "LimitCORE=0",
        "RuntimeDirectory=clinic-kiosk",
    ] {
        assert!(set(line), "clinic-kiosk.service must have `{line}`");
    }
    assert!(
        unit.lines().any(|l| l.starts_with("TasksMax=")),
        "TasksMax bounds a runaway"
    );
    let memory_max = unit
        .lines()
        .find_map(|l| l.strip_prefix("MemoryMax="))
        .and_then(|v| v.strip_suffix('M'))
        .and_then(|v| v.parse::<u32>().ok())
        .expect("MemoryMax=<n>M is set");
    assert!(
        memory_max >= 260 + 150,
        "MemoryMax={memory_max}M must leave room for the app (~260 MiB) and an import (150 MiB)"
    );
    let memory_high = unit
        .lines()
        .find_map(|l| l.strip_prefix("MemoryHigh="))
        .and_then(|v| v.strip_suffix('M'))
        .and_then(|v| v.parse::<u32>().ok())
        .expect("MemoryHigh=<n>M is set");
    assert!(
        (260 + 150..memory_max).contains(&memory_high),
        "MemoryHigh={memory_high}M must be below MemoryMax={memory_max}M, so WebKit drops its caches \
         before the kernel kills the kiosk, yet above the app with an import (410 MiB)"
    );
    for left_out in [
        "PrivateDevices=",
        "PrivateNetwork=",
        "IPAddressDeny=",
        "PrivateUsers=",
        "MemoryDenyWriteExecute=",
        "ProcSubset=",
        "RootDirectory=",
    ] {
        assert!(
            unit.lines().any(|l| l.starts_with('#') && l.contains(left_out)),
            "{left_out} is left out, so a comment in the unit must say why"
        );
    }
}

/// `systemd-analyze security --offline=true` rates the unit 4.0 ("OK") or lower.
#[test]
fn the_service_exposure_score_is_ok() {
    let unit = workspace_root().join("packaging/clinic-kiosk.service");
    let output = std::process::Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--no-pager"])
        .arg(&unit)
        .output()
        .expect("systemd-analyze (package systemd) must be installed to check the unit");
    let text = String::from_utf8_lossy(&output.stdout);
    let score: f64 = text
        .lines()
        .find(|l| l.contains("Overall exposure level"))
        .and_then(|l| l.split(':').nth(1))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no score in systemd-analyze's output: {text}"));
    assert!(score <= 4.0, "exposure {score} is above 4.0: {text}");
}

#[test]
fn usb_sticks_are_mounted_read_only_with_safe_options() {
    let rule = read("packaging/99-clinic-kiosk-usb.rules");
    assert!(
        rule.contains(r#"ENV{ID_BUS}=="usb""#) && rule.contains("usb-stick add $devnode"),
        "the udev rule hands USB file systems to the helper: {rule}"
    );
    let helper = read("packaging/usb-stick");
    let options = helper
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("local common=\"")
                .and_then(|l| l.strip_suffix('"'))
        })
        .expect("the helper's common mount options");
    for option in ["$mode", "nosymfollow", "nodev", "nosuid", "noexec", "umask=0077"] {
        assert!(
            options.split(',').any(|o| o == option),
            "mount option {option} missing in {options}"
        );
    }
    assert!(
        helper.contains("options_for \"$fstype\" ro"),
        "a stick is first mounted read-only"
    );
    assert_eq!(
        kiosk_core::usb::WRITE_SOCKET,
        read("packaging/clinic-kiosk-usb-write.socket")
            .lines()
            .find_map(|l| l.strip_prefix("ListenStream="))
            .expect("ListenStream="),
        "the app asks the socket the package listens on"
    );
    let scanned = kiosk_core::scan::REMOVABLE_ROOTS;
    assert!(
        helper.contains("ROOT=/run/media/clinic-kiosk") && scanned.contains(&"/run/media"),
        "sticks are mounted where the staff screen looks ({scanned:?})"
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
