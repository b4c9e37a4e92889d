//! The kiosk's settings file (TOML), e.g. `/etc/clinic-kiosk/config.toml`.
//!
//! A bad settings file must never keep a kiosk from starting, and must never open it up either:
//! [`Settings::load`] returns the defaults marked with the [`SettingsProblem`] (the line and the
//! key), the installed content keeps serving, and every import and update is refused
//! ([`Settings::require_valid`]) until the file is fixed. The defaults trust no key, so without
//! that refusal one typo would let unsigned bundles in.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Where the settings file is looked for when none is named.
pub const DEFAULT_SETTINGS_PATH: &str = "/etc/clinic-kiosk/config.toml";

/// Settings a clinic may set. Every key is optional; the defaults are documented beside each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Printed at the top of the "questions for your doctor" sheet. Default: none.
    #[serde(default)]
    pub clinic_name: Option<String>,
    /// The CUPS printer to print to. Default: the system default printer.
    #[serde(default)]
    pub printer: Option<String>,
    /// Seconds without a touch before the kiosk asks "Are you still there?". Default: 90.
    #[serde(default)]
    pub idle_seconds: Option<u32>,
    /// Seconds the "Are you still there?" countdown lasts before the kiosk resets (at least 20,
    /// WCAG 2.2.1). Default: 30.
    #[serde(default)]
    pub idle_warning_seconds: Option<u32>,
    /// Run locked down: fullscreen, undecorated, always on top, left only through the staff
    /// gesture and PIN. Same as `--kiosk`. Default: false.
    #[serde(default)]
    pub kiosk: bool,
    /// The language a patient sees first and after every reset (BCP 47, e.g. "es"). Default: "en".
    #[serde(default)]
    pub default_language: Option<String>,
    /// The folder holding the content database and kept bundles. Default: `$CLINIC_KIOSK_DATA_DIR`,
    /// else the platform data folder.
    #[serde(default)]
    pub data_dir: Option<PathBuf>,
    /// Publisher public keys (minisign format, the base64 key line) whose signed bundles are
    /// accepted, each either plain (`"RW…"`: any bundle) or limited to bundle ids
    /// (`{ key = "RW…", bundles = ["oncology-*"] }`). When any is set, unsigned bundles are
    /// refused. Default: none.
    #[serde(default)]
    pub trusted_keys: Vec<TrustedKeyEntry>,
    /// Where shared updates come from: a folder or an `https://` URL serving `index.json`.
    /// Default: none (no automatic updates).
    #[serde(default)]
    pub update_source: Option<String>,
    /// The minisign public key (base64 line) that must sign the update source's `index.json`
    /// (`index.json.minisig`, with an expiry). Only this key's publisher can freeze or reorder
    /// the index. Default: none (the index is not checked; `doctor` warns).
    #[serde(default)]
    pub index_key: Option<String>,
    /// Minutes between update checks. Default: 15.
    #[serde(default)]
    pub update_interval_minutes: Option<u32>,
    /// A folder (besides USB sticks under /media and /run/media) where staff find bundles to
    /// import. Default: none.
    #[serde(default)]
    pub import_folder: Option<PathBuf>,
    /// What was wrong with the settings file these settings stand in for; never read from the file.
    #[serde(skip)]
    pub problem: Option<SettingsProblem>,
}

/// One `trusted_keys` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum TrustedKeyEntry {
    /// `"RW…"`: the key may sign any bundle.
    Any(String),
    /// `{ key = "RW…", bundles = ["oncology-*"] }`: the key may sign only these bundle ids.
    Limited(LimitedKey),
}

/// A key limited to bundle ids: each pattern is an exact id or a prefix ending in `*`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitedKey {
    /// The base64 key line.
    pub key: String,
    /// The bundle ids (or `prefix-*` patterns) the key may sign.
    pub bundles: Vec<String>,
}

impl TrustedKeyEntry {
    /// The base64 key line (or the text written in its place).
    pub fn key(&self) -> &str {
        match self {
            TrustedKeyEntry::Any(key) => key,
            TrustedKeyEntry::Limited(limited) => &limited.key,
        }
    }

    /// The bundle id patterns the key is limited to; `None` for a plain key.
    pub fn bundles(&self) -> Option<&[String]> {
        match self {
            TrustedKeyEntry::Any(_) => None,
            TrustedKeyEntry::Limited(limited) => Some(&limited.bundles),
        }
    }
}

impl From<&str> for TrustedKeyEntry {
    fn from(key: &str) -> Self {
        TrustedKeyEntry::Any(key.to_string())
    }
}

/// A settings file that could not be read or parsed: where, and what is wrong (with its line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("settings file {}: {message}", path.display())]
pub struct SettingsProblem {
    /// The settings file.
    pub path: PathBuf,
    /// What is wrong, e.g. "line 2: unknown field `printerr`, expected one of …".
    pub message: String,
}

/// The idle time when none is set.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;
/// The countdown when none is set.
pub const DEFAULT_IDLE_WARNING_SECONDS: u32 = 30;
/// Minutes between update checks when none is set.
pub const DEFAULT_UPDATE_INTERVAL_MINUTES: u32 = 15;
/// The shortest countdown allowed, so a patient has time to answer.
pub const MIN_IDLE_WARNING_SECONDS: u32 = 20;

impl Settings {
    /// Reads settings from `path`. A missing file gives the defaults silently; an unreadable or
    /// invalid one gives the defaults and a message saying what is wrong and where.
    ///
    /// A bad file gives the defaults with [`Settings::problem`] set, so imports and updates stay
    /// off ([`Settings::require_valid`]) while the installed content keeps serving.
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        let message = match std::fs::read_to_string(path) {
            Ok(text) => match Settings::parse(&text) {
                Ok(settings) => return (settings, None),
                Err(message) => message,
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Settings::default(), None),
            Err(e) => format!("cannot be read: {e}"),
        };
        let problem = SettingsProblem {
            path: path.to_path_buf(),
            message,
        };
        let warning =
            format!("{problem}; imports and updates are off until it is fixed, the installed content keeps serving");
        (
            Settings {
                problem: Some(problem),
                ..Settings::default()
            },
            Some(warning),
        )
    }

    /// Refuses when these settings stand in for a bad settings file: everything that brings in
    /// content (imports, rollbacks, updates) asks this first.
    pub fn require_valid(&self) -> crate::Result<()> {
        match &self.problem {
            None => Ok(()),
            Some(problem) => Err(crate::Error::BadSettings {
                path: problem.path.clone(),
                message: problem.message.clone(),
            }),
        }
    }

    /// Seconds of no touch before the "Are you still there?" question (at least 5).
    pub fn idle_seconds(&self) -> u32 {
        self.idle_seconds.unwrap_or(DEFAULT_IDLE_SECONDS).max(5)
    }

    /// Seconds of countdown before the reset (never under 20).
    pub fn idle_warning_seconds(&self) -> u32 {
        self.idle_warning_seconds
            .unwrap_or(DEFAULT_IDLE_WARNING_SECONDS)
            .max(MIN_IDLE_WARNING_SECONDS)
    }

    /// Minutes between checks of `update_source` (at least 1).
    pub fn update_interval_minutes(&self) -> u32 {
        self.update_interval_minutes
            .unwrap_or(DEFAULT_UPDATE_INTERVAL_MINUTES)
            .max(1)
    }

    /// The time between checks of `update_source`.
    pub fn update_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::from(self.update_interval_minutes()) * 60)
    }

    /// The language shown first and after a reset.
    pub fn default_language(&self) -> &str {
        self.default_language.as_deref().unwrap_or("en")
    }

    /// Parses settings text; the error names the line and the key.
    pub fn parse(text: &str) -> Result<Settings, String> {
        let settings = Self::parse_toml(text)?;
        if settings
            .printer
            .as_deref()
            .is_some_and(|p| p.trim_start().starts_with('-'))
        {
            return Err(
                "printer: must not start with - (it would be read as an option of the print commands); use the CUPS queue name as `lpstat -e` lists it"
                    .to_string(),
            );
        }
        Ok(settings)
    }

    fn parse_toml(text: &str) -> Result<Settings, String> {
        toml::from_str::<Settings>(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = e.message().trim().to_string();
            match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            }
        })
    }

    /// The settings path: `explicit`, else `$CLINIC_KIOSK_CONFIG`, else [`DEFAULT_SETTINGS_PATH`].
    pub fn path(explicit: Option<PathBuf>) -> PathBuf {
        explicit
            .or_else(|| {
                std::env::var_os("CLINIC_KIOSK_CONFIG")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from(DEFAULT_SETTINGS_PATH))
    }
}

/// Changes the `trusted_keys` list of the settings file at `path` with `edit`, keeping every other
/// key, comment and the file's permissions, and replaces the file atomically (a reader sees the old
/// file or the new one). A file that does not parse is left alone and reported.
pub fn edit_trusted_keys(
    path: &Path,
    edit: impl FnOnce(&mut Vec<TrustedKeyEntry>),
) -> crate::Result<Vec<TrustedKeyEntry>> {
    let fail = |reason: String| crate::Error::Settings {
        path: path.to_path_buf(),
        reason,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(fail(e.to_string())),
    };
    let current = Settings::parse(&text).map_err(|m| fail(format!("{m}; fix it first")))?;
    let mut keys = current.trusted_keys;
    edit(&mut keys);
    let mut document: toml_edit::Document = text.parse().map_err(|e: toml_edit::TomlError| fail(e.to_string()))?;
    let mut array = toml_edit::Array::new();
    for entry in &keys {
        match entry {
            TrustedKeyEntry::Any(key) => array.push(key.as_str()),
            TrustedKeyEntry::Limited(limited) => {
                let mut table = toml_edit::InlineTable::new();
                table.insert("key", limited.key.as_str().into());
                let mut bundles = toml_edit::Array::new();
                for pattern in &limited.bundles {
                    bundles.push(pattern.as_str());
                }
                table.insert("bundles", toml_edit::Value::Array(bundles));
                array.push(toml_edit::Value::InlineTable(table));
            }
        }
    }
    document["trusted_keys"] = toml_edit::value(array);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(e.to_string()))?;
    std::io::Write::write_all(temp.as_file_mut(), document.to_string().as_bytes()).map_err(|e| fail(e.to_string()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| fail(e.to_string()))?;
    }
    temp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    temp.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_default() {
        let s = Settings::parse("clinic_name = \"Riverside Oncology\"\nprinter = \"PDF\"\n").expect("valid");
        assert_eq!(s.clinic_name.as_deref(), Some("Riverside Oncology"));
        let all = Settings::parse(
            "kiosk = true\ndefault_language = \"es\"\ndata_dir = \"/var/lib/k\"\ntrusted_keys = [\"RWQ\"]\nupdate_source = \"https://x.invalid/\"\nupdate_interval_minutes = 5\nimport_folder = \"/srv/b\"\n",
        )
        .expect("every documented key parses");
        assert!(all.kiosk);
        assert_eq!(all.default_language(), "es");
        assert_eq!(all.update_interval_minutes(), 5);
        assert_eq!(all.trusted_keys, vec![TrustedKeyEntry::from("RWQ")]);
        assert_eq!(
            Settings::parse("").expect("empty is fine"),
            Settings::default(),
            "every key is optional"
        );
    }

    #[test]
    fn trusted_keys_may_be_limited_to_bundle_ids_and_keep_their_limits_when_edited() -> crate::Result<()> {
        let text = "trusted_keys = [\"RWQplain\", { key = \"RWQonc\", bundles = [\"oncology-*\"] }]\n";
        let parsed = Settings::parse(text).expect("both forms parse");
        assert_eq!(parsed.trusted_keys[0].bundles(), None, "a plain key signs any bundle");
        assert_eq!(
            parsed.trusted_keys[1].bundles(),
            Some(&["oncology-*".to_string()][..]),
            "the limited form keeps its patterns"
        );
        assert!(
            Settings::parse("trusted_keys = [{ key = \"RWQ\", bundle = [\"a\"] }]\n").is_err(),
            "a misspelt field is an error, not a key without limits"
        );
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text)?;
        edit_trusted_keys(&path, |keys| keys.push("RWQnew".into()))?;
        let after = Settings::parse(&std::fs::read_to_string(&path)?).expect("still valid");
        assert_eq!(after.trusted_keys.len(), 3);
        assert_eq!(
            after.trusted_keys[1], parsed.trusted_keys[1],
            "`trust add` keeps another key's limits"
        );
        Ok(())
    }

    #[test]
    fn the_countdown_never_drops_under_twenty_seconds() {
        let s = Settings::parse("idle_seconds = 1\nidle_warning_seconds = 3\n").expect("valid");
        assert_eq!(
            s.idle_warning_seconds(),
            MIN_IDLE_WARNING_SECONDS,
            "a patient always gets 20 s to answer"
        );
        assert_eq!(s.idle_seconds(), 5, "idle time has a floor too");
        assert_eq!(Settings::default().idle_seconds(), DEFAULT_IDLE_SECONDS);
    }

    #[test]
    fn a_bad_settings_file_names_the_line_and_key() {
        let dash = Settings::parse("printer = \"-h evil\"\n").expect_err("an option, not a printer");
        assert!(dash.contains("must not start with -"), "{dash}");
        let error = Settings::parse("clinic_name = \"A\"\nprinterr = \"PDF\"\n").expect_err("typo");
        assert!(error.contains("line 2"), "the line is named: {error}");
        assert!(error.contains("printerr"), "the key is named: {error}");
    }

    #[test]
    fn editing_trusted_keys_keeps_other_keys_and_comments() -> crate::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# our kiosk\nclinic_name = \"Riverside\"\n")?;
        let keys = edit_trusted_keys(&path, |keys| keys.push("RWQabc".into()))?;
        assert_eq!(keys, vec![TrustedKeyEntry::from("RWQabc")]);
        let text = std::fs::read_to_string(&path)?;
        assert!(
            text.contains("# our kiosk") && text.contains("clinic_name = \"Riverside\""),
            "{text}"
        );
        let parsed = Settings::parse(&text).expect("still valid");
        assert_eq!(parsed.trusted_keys, vec![TrustedKeyEntry::from("RWQabc")]);
        edit_trusted_keys(&path, |keys| keys.clear())?;
        assert!(Settings::parse(&std::fs::read_to_string(&path)?)
            .expect("valid")
            .trusted_keys
            .is_empty());
        std::fs::write(&path, "clinic_name = 5")?;
        assert!(
            edit_trusted_keys(&path, |_| {}).is_err(),
            "a broken file is not overwritten"
        );
        assert_eq!(std::fs::read_to_string(&path)?, "clinic_name = 5");
        Ok(())
    }

    #[test]
    fn a_bad_file_gives_defaults_that_refuse_imports() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "trusted_keys = [\"RWQ\"]\nidle_secondz = 60\n").expect("write");
        let (settings, warning) = Settings::load(&path);
        assert_eq!(
            Settings {
                problem: None,
                ..settings.clone()
            },
            Settings::default(),
            "the kiosk starts with defaults rather than not at all"
        );
        assert!(warning.is_some_and(|w| w.contains("line 2")), "and says what is wrong");
        let refused = settings.require_valid().expect_err("imports stop");
        assert!(
            refused.to_string().contains("line 2") && refused.to_string().contains("idle_secondz"),
            "the refusal names the line and the key: {refused}"
        );
        let (fine, none) = Settings::load(&dir.path().join("missing.toml"));
        assert!(none.is_none(), "no file is not a problem");
        assert!(fine.require_valid().is_ok(), "and imports go on");
    }
}
