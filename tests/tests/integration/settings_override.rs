//! Staff settings (clinic name, idle time, default language, printer) are stored in the database and
//! win over the settings file, also after a restart; on first start the file's values apply.

use kiosk_core::settings::Settings;
use kiosk_core::staff_settings::{SettingsChanges, StaffSettings};
use kiosk_core::store::{AuditSource, Store, DATABASE_FILE};
use kiosk_tests::{kiosk, temp_dir};
use serde_json::json;

#[test]
fn a_staff_setting_wins_over_the_file_after_a_restart() -> kiosk_core::Result<()> {
    let data = temp_dir();
    let config = data.path().join("config.toml");
    std::fs::write(
        &config,
        "clinic_name = \"From the file\"\nidle_seconds = 120\nprinter = \"PDF\"\n",
    )?;
    let database = data.path().join(DATABASE_FILE);
    let (file, problem) = Settings::load(&config);
    assert_eq!(problem, None, "the settings file is valid");

    {
        let store = Store::open(&database)?;
        assert_eq!(
            file.with_overrides(&store.setting_overrides()?),
            file,
            "on first start (no staff change) the file's values apply"
        );
    }
    {
        let mut store = Store::open(&database)?;
        let changes = json!({ "clinic_name": "From staff", "printer": "" });
        let changes = SettingsChanges::parse(changes.as_object().expect("object")).expect("valid changes");
        store.save_setting_overrides(&changes, AuditSource::Staff)?;
    }

    let store = Store::open(&database)?;
    let effective = file.with_overrides(&store.setting_overrides()?);
    assert_eq!(
        effective.clinic_name.as_deref(),
        Some("From staff"),
        "after a restart the staff's clinic name still wins over the file"
    );
    assert_eq!(
        effective.printer, None,
        "the staff chose the system default printer over the file's PDF"
    );
    assert_eq!(
        effective.idle_seconds(),
        120,
        "a key staff did not change keeps the file's value"
    );
    assert_eq!(
        Settings::load(&config).0,
        file,
        "the settings file itself is never changed by the staff screen"
    );
    drop(store);

    let audit = kiosk(data.path(), &["audit"]);
    assert_eq!(
        audit.code, 0,
        "the audit log reads with settings lines in it: {audit:?}"
    );
    assert!(
        audit
            .stdout
            .contains("settings changed by staff: set clinic_name, printer"),
        "IT sees which settings staff changed: {audit:?}"
    );
    Ok(())
}

#[test]
fn clearing_a_staff_setting_brings_the_file_value_back() -> kiosk_core::Result<()> {
    let data = temp_dir();
    let file = Settings::parse("default_language = \"es\"\n").expect("valid");
    let mut store = Store::open(&data.path().join(DATABASE_FILE))?;
    let set = json!({ "default_language": "en" });
    store.save_setting_overrides(
        &SettingsChanges::parse(set.as_object().expect("object")).expect("valid"),
        AuditSource::Staff,
    )?;
    assert_eq!(
        file.with_overrides(&store.setting_overrides()?).default_language(),
        "en"
    );
    let clear = json!({ "default_language": null });
    let overrides = store.save_setting_overrides(
        &SettingsChanges::parse(clear.as_object().expect("object")).expect("valid"),
        AuditSource::Staff,
    )?;
    assert_eq!(
        overrides,
        StaffSettings::default(),
        "\"Use the settings file value\" removes the override"
    );
    assert_eq!(
        file.with_overrides(&overrides).default_language(),
        "es",
        "and the file's language applies again"
    );
    Ok(())
}
