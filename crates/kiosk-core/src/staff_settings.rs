//! The four settings staff may change on the staff screen: clinic name, idle time, default language
//! and printer.
//!
//! The settings file is written by IT; staff cannot edit it from the kiosk. A staff change is kept
//! in the database as an override of one key and wins over the file; clearing it ("Use the settings
//! file value") brings the file's value back. On first start there are no overrides, so the file's
//! values apply. Changes arrive as JSON from the staff screen, are parsed and checked here into a
//! [`SettingsChanges`] that can only hold valid values, and are then written in one transaction.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::settings::Settings;

/// The languages the kiosk has interface text for. `ui/i18n/<code>.json` must exist for each.
pub const UI_LANGUAGES: &[&str] = &["en", "es"];
/// The shortest idle time staff may choose, in seconds.
pub const MIN_IDLE_SECONDS: u32 = 30;
/// The longest idle time staff may choose, in seconds (30 minutes).
pub const MAX_IDLE_SECONDS: u32 = 1800;
/// The longest clinic name, in characters, that fits the top of the sheet.
pub const MAX_CLINIC_NAME_CHARS: usize = 80;
/// The longest CUPS queue name.
pub const MAX_PRINTER_NAME_CHARS: usize = 127;

/// A setting staff may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingKey {
    /// Printed at the top of the sheet.
    ClinicName,
    /// Seconds without a touch before "Are you still there?".
    IdleSeconds,
    /// The language a patient sees first and after every reset.
    DefaultLanguage,
    /// The CUPS queue sheets print to.
    Printer,
}

impl SettingKey {
    /// Every key, in the order the staff screen shows them.
    pub const ALL: [SettingKey; 4] = [
        SettingKey::ClinicName,
        SettingKey::IdleSeconds,
        SettingKey::DefaultLanguage,
        SettingKey::Printer,
    ];

    /// The key as stored and as the settings file spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SettingKey::ClinicName => "clinic_name",
            SettingKey::IdleSeconds => "idle_seconds",
            SettingKey::DefaultLanguage => "default_language",
            SettingKey::Printer => "printer",
        }
    }

    /// The key spelled `name`, if it is one staff may change.
    pub fn parse(name: &str) -> Option<SettingKey> {
        SettingKey::ALL.into_iter().find(|key| key.as_str() == name)
    }
}

impl std::fmt::Display for SettingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused change: the field and what is wrong with it, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct SettingError {
    /// The field as the page sent it.
    pub field: String,
    /// What is wrong and what to do, for a person.
    pub problem: String,
}

impl SettingError {
    fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        SettingError {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

/// The four settings, each `None` when not set. Used for the file's values and for the staff
/// overrides. A printer override of `""` means "the system default printer", even when the file
/// names one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StaffSettings {
    /// Printed at the top of the sheet.
    pub clinic_name: Option<String>,
    /// Seconds without a touch before "Are you still there?".
    pub idle_seconds: Option<u32>,
    /// The language a patient sees first and after every reset.
    pub default_language: Option<String>,
    /// The CUPS queue sheets print to.
    pub printer: Option<String>,
}

impl StaffSettings {
    /// The four values as the settings file gives them.
    pub fn from_file(settings: &Settings) -> Self {
        StaffSettings {
            clinic_name: settings.clinic_name.clone(),
            idle_seconds: settings.idle_seconds,
            default_language: settings.default_language.clone(),
            printer: settings.printer.clone(),
        }
    }

    /// Fills in the value stored for `key`. A stored value that no longer passes the checks is
    /// skipped (and logged) so the file's value applies rather than a wrong one.
    pub(crate) fn set_stored(&mut self, key: SettingKey, text: &str) {
        let checked = match check(key, &serde_json::Value::String(text.to_string())) {
            Ok(checked) => checked,
            Err(error) => {
                tracing::warn!(%error, "a stored staff setting is not valid; the settings file value applies");
                return;
            }
        };
        match key {
            SettingKey::ClinicName => self.clinic_name = Some(checked),
            SettingKey::IdleSeconds => self.idle_seconds = checked.parse().ok(),
            SettingKey::DefaultLanguage => self.default_language = Some(checked),
            SettingKey::Printer => self.printer = Some(checked),
        }
    }
}

/// The four settings as the kiosk uses them, defaults applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EffectiveStaffSettings {
    /// Printed at the top of the sheet; `None` prints none.
    pub clinic_name: Option<String>,
    /// Seconds without a touch before "Are you still there?".
    pub idle_seconds: u32,
    /// The language a patient sees first (one of [`UI_LANGUAGES`]).
    pub default_language: String,
    /// The CUPS queue; `None` is the system default printer.
    pub printer: Option<String>,
}

impl EffectiveStaffSettings {
    /// The values `settings` (already with overrides) makes the kiosk use.
    pub fn of(settings: &Settings) -> Self {
        EffectiveStaffSettings {
            clinic_name: settings.clinic_name.clone(),
            idle_seconds: settings.idle_seconds(),
            default_language: ui_language(settings.default_language()).to_string(),
            printer: settings.printer.clone().filter(|p| !p.trim().is_empty()),
        }
    }
}

/// What the staff screen shows: the file's values, the staff overrides, and what applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffSettingsReport {
    /// The raw values of the settings file (`None` when the file does not set the key).
    pub file: StaffSettings,
    /// The staff overrides (`None` when the key is not overridden).
    pub overrides: StaffSettings,
    /// What the kiosk uses now.
    pub effective: EffectiveStaffSettings,
}

impl StaffSettingsReport {
    /// The report for the settings file `file` and the stored `overrides`.
    pub fn new(file: &Settings, overrides: StaffSettings) -> Self {
        StaffSettingsReport {
            file: StaffSettings::from_file(file),
            effective: EffectiveStaffSettings::of(&file.with_overrides(&overrides)),
            overrides,
        }
    }
}

/// The interface language used for `tag`: its primary subtag when the kiosk has text for it, else
/// English.
pub fn ui_language(tag: &str) -> &'static str {
    let primary = crate::store::primary_language(tag);
    UI_LANGUAGES
        .iter()
        .copied()
        .find(|lang| *lang == primary)
        .unwrap_or("en")
}

impl Settings {
    /// The effective settings: these file settings with every overridden key replaced. A printer
    /// override of `""` means the system default printer.
    pub fn with_overrides(&self, overrides: &StaffSettings) -> Settings {
        let mut effective = self.clone();
        if let Some(name) = &overrides.clinic_name {
            effective.clinic_name = Some(name.clone());
        }
        if let Some(seconds) = overrides.idle_seconds {
            effective.idle_seconds = Some(seconds);
        }
        if let Some(language) = &overrides.default_language {
            effective.default_language = Some(language.clone());
        }
        if let Some(printer) = &overrides.printer {
            effective.printer = Some(printer.clone()).filter(|p| !p.is_empty());
        }
        effective
    }
}

/// A checked set of staff changes: per key, `Some(value)` sets the override (in its stored text
/// form), `None` clears it. Only [`SettingsChanges::parse`] makes one, so every value is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsChanges(BTreeMap<SettingKey, Option<String>>);

impl SettingsChanges {
    /// Parses the staff screen's `changes` object: keys are any of the four settings; a value sets
    /// the override, `null` clears it. Every field is checked; the first problem is returned and
    /// nothing is changed.
    pub fn parse(changes: &serde_json::Map<String, serde_json::Value>) -> Result<Self, SettingError> {
        let mut checked = BTreeMap::new();
        for (name, value) in changes {
            let key = SettingKey::parse(name).ok_or_else(|| {
                SettingError::new(
                    name,
                    "is not a setting the staff screen can change; use clinic_name, idle_seconds, default_language or printer",
                )
            })?;
            let value = match value {
                serde_json::Value::Null => None,
                value => Some(check(key, value)?),
            };
            checked.insert(key, value);
        }
        Ok(SettingsChanges(checked))
    }

    /// The changes, key by key: `Some` sets, `None` clears.
    pub fn iter(&self) -> impl Iterator<Item = (SettingKey, Option<&str>)> {
        self.0.iter().map(|(key, value)| (*key, value.as_deref()))
    }

    /// Whether there is nothing to change.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A line for the audit log naming the keys set and cleared (never their values).
    pub fn describe(&self) -> String {
        let names = |set: bool| {
            self.iter()
                .filter(|(_, value)| value.is_some() == set)
                .map(|(key, _)| key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        let (set, cleared) = (names(true), names(false));
        if !set.is_empty() {
            parts.push(format!("set {set}"));
        }
        if !cleared.is_empty() {
            parts.push(format!("back to the settings file: {cleared}"));
        }
        format!("settings changed by staff: {}", parts.join("; "))
    }
}

/// Checks one value and returns its stored text form.
fn check(key: SettingKey, value: &serde_json::Value) -> Result<String, SettingError> {
    let fail = |problem: &str| Err(SettingError::new(key.as_str(), problem));
    match key {
        SettingKey::ClinicName => {
            let Some(name) = value.as_str().map(str::trim) else {
                return fail("must be text; type the clinic's name");
            };
            if name.is_empty() {
                return fail("is empty; type the clinic's name, or choose \"Use the settings file\"");
            }
            if name.chars().count() > MAX_CLINIC_NAME_CHARS {
                return fail("is longer than 80 characters; shorten it so it fits the top of the sheet");
            }
            if name.chars().any(char::is_control) {
                return fail("holds a line break or other control character; type the name on one line");
            }
            Ok(name.to_string())
        }
        SettingKey::IdleSeconds => {
            let seconds = match value {
                serde_json::Value::Number(n) => n.as_u64(),
                serde_json::Value::String(s) => s.trim().parse::<u64>().ok(),
                _ => None,
            };
            match seconds {
                Some(s) if (u64::from(MIN_IDLE_SECONDS)..=u64::from(MAX_IDLE_SECONDS)).contains(&s) => {
                    Ok(s.to_string())
                }
                _ => fail("must be a whole number of seconds from 30 to 1800 (30 minutes); enter one in that range"),
            }
        }
        SettingKey::DefaultLanguage => {
            let language = value
                .as_str()
                .map(|s| s.trim().to_ascii_lowercase())
                .unwrap_or_default();
            if UI_LANGUAGES.contains(&language.as_str()) {
                Ok(language)
            } else {
                fail("must be a language the kiosk has screens for: en (English) or es (Spanish); choose one of them")
            }
        }
        SettingKey::Printer => {
            let Some(name) = value.as_str().map(str::trim) else {
                return fail("must be a printer name; choose one from the list");
            };
            if name.starts_with('-') {
                return fail("must not start with - (it would be read as an option of the print commands); choose one from the list, or the system default");
            }
            let shape_ok = name.chars().count() <= MAX_PRINTER_NAME_CHARS
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if shape_ok {
                Ok(name.to_string())
            } else {
                fail("is not a CUPS printer name (letters, digits, - _ . only, up to 127 characters); choose one from the list, or the system default")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn changes(value: Value) -> Result<SettingsChanges, SettingError> {
        SettingsChanges::parse(value.as_object().expect("an object"))
    }

    #[test]
    fn good_changes_are_kept_in_their_stored_form() {
        let parsed = changes(json!({
            "clinic_name": "  Riverside Oncology ",
            "idle_seconds": 120,
            "default_language": "ES",
            "printer": "Front_Desk-2.a",
        }))
        .expect("all valid");
        let values: Vec<_> = parsed.iter().collect();
        assert_eq!(
            values,
            vec![
                (SettingKey::ClinicName, Some("Riverside Oncology")),
                (SettingKey::IdleSeconds, Some("120")),
                (SettingKey::DefaultLanguage, Some("es")),
                (SettingKey::Printer, Some("Front_Desk-2.a")),
            ],
            "values are trimmed and normalised before they are stored"
        );
        let cleared = changes(json!({ "printer": null, "idle_seconds": "45" })).expect("valid");
        assert_eq!(
            cleared.iter().collect::<Vec<_>>(),
            vec![(SettingKey::IdleSeconds, Some("45")), (SettingKey::Printer, None)],
            "null clears an override; digits as text are accepted"
        );
        assert_eq!(
            changes(json!({ "printer": "" }))
                .expect("valid")
                .iter()
                .collect::<Vec<_>>(),
            vec![(SettingKey::Printer, Some(""))],
            "an empty printer means the system default"
        );
    }

    #[test]
    fn bad_changes_name_the_field_and_what_to_do() {
        let long_name = "x".repeat(81);
        let long_printer = "p".repeat(128);
        let cases = [
            (json!({ "clinic_name": "" }), "clinic_name", "is empty"),
            (json!({ "clinic_name": "   " }), "clinic_name", "is empty"),
            (json!({ "clinic_name": long_name }), "clinic_name", "80 characters"),
            (json!({ "clinic_name": "A\nB" }), "clinic_name", "one line"),
            (json!({ "clinic_name": 5 }), "clinic_name", "must be text"),
            (json!({ "idle_seconds": 29 }), "idle_seconds", "from 30 to 1800"),
            (json!({ "idle_seconds": 1801 }), "idle_seconds", "from 30 to 1800"),
            (json!({ "idle_seconds": -40 }), "idle_seconds", "from 30 to 1800"),
            (json!({ "idle_seconds": 60.5 }), "idle_seconds", "whole number"),
            (json!({ "idle_seconds": "soon" }), "idle_seconds", "whole number"),
            (
                json!({ "default_language": "fr" }),
                "default_language",
                "en (English) or es",
            ),
            (
                json!({ "default_language": 1 }),
                "default_language",
                "en (English) or es",
            ),
            (json!({ "printer": "Front Desk" }), "printer", "CUPS printer name"),
            (json!({ "printer": "a/b" }), "printer", "CUPS printer name"),
            (json!({ "printer": "-h" }), "printer", "must not start with -"),
            (json!({ "printer": long_printer }), "printer", "up to 127"),
            (json!({ "kiosk": false }), "kiosk", "not a setting"),
        ];
        for (input, field, words) in cases {
            let error = changes(input.clone()).expect_err("refused");
            assert_eq!(error.field, field, "the error names the field for {input}");
            assert!(
                error.to_string().starts_with(&format!("{field}: ")) && error.problem.contains(words),
                "{input} must be refused saying {words:?}, got {error}"
            );
        }
        assert_eq!(
            changes(json!({ "idle_seconds": 30 })).map(|c| c.is_empty()),
            Ok(false),
            "30 seconds is the lowest allowed"
        );
        assert!(
            changes(json!({ "idle_seconds": 1800 })).is_ok(),
            "30 minutes is the highest"
        );
    }

    #[test]
    fn overrides_win_over_the_file_key_by_key() {
        let file = Settings::parse(
            "clinic_name = \"From file\"\nidle_seconds = 60\nprinter = \"PDF\"\nupdate_interval_minutes = 7\n",
        )
        .expect("valid");
        let overrides = StaffSettings {
            clinic_name: Some("From staff".into()),
            default_language: Some("es".into()),
            printer: Some(String::new()),
            ..StaffSettings::default()
        };
        let effective = file.with_overrides(&overrides);
        assert_eq!(effective.clinic_name.as_deref(), Some("From staff"), "staff wins");
        assert_eq!(
            effective.idle_seconds(),
            60,
            "a key staff did not change keeps the file value"
        );
        assert_eq!(effective.default_language(), "es");
        assert_eq!(
            effective.printer, None,
            "an empty printer override is the system default"
        );
        assert_eq!(effective.update_interval_minutes(), 7, "other settings are the file's");
        assert_eq!(
            file.with_overrides(&StaffSettings::default()),
            file,
            "no overrides (first start): the file's values apply"
        );
    }

    #[test]
    fn the_report_shows_file_overrides_and_defaults_applied() {
        let file = Settings::parse("default_language = \"pt-BR\"\n").expect("valid");
        let report = StaffSettingsReport::new(
            &file,
            StaffSettings {
                idle_seconds: Some(300),
                ..StaffSettings::default()
            },
        );
        assert_eq!(
            report.file.default_language.as_deref(),
            Some("pt-BR"),
            "the raw file value"
        );
        assert_eq!(
            report.effective,
            EffectiveStaffSettings {
                clinic_name: None,
                idle_seconds: 300,
                default_language: "en".into(),
                printer: None,
            },
            "a language without screens falls back to English, as the kiosk shows it"
        );
    }

    #[test]
    fn the_audit_line_names_keys_not_values() {
        let parsed = changes(json!({ "clinic_name": "Secret Name", "printer": null })).expect("valid");
        let line = parsed.describe();
        assert_eq!(
            line,
            "settings changed by staff: set clinic_name; back to the settings file: printer"
        );
    }
}
