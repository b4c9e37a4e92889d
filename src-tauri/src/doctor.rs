//! `clinic-kiosk doctor`: checks an installation and says, for each problem, what to do.
//!
//! IT runs it after installing the package, and whenever a kiosk misbehaves, often over SSH and
//! while the kiosk is running. So every check only looks: nothing opens a window, creates or
//! writes the database, or prints. Each check ends as ok, a warning (works, but look at it) or a
//! failure (the kiosk cannot do its job); the command exits 0 only when nothing failed.

mod system;

use std::path::Path;

use kiosk_core::settings::{Settings, TrustedKeyEntry};
use kiosk_core::store::health::SignedBundle;
use kiosk_core::store::health::{self, DatabaseHealth, StaffPinHealth, REVIEW_INTERVAL_DAYS};
use kiosk_core::store::DATABASE_FILE;
use kiosk_core::trust::TrustedKey;
use serde::Serialize;

/// How one check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Nothing to do.
    Ok,
    /// The kiosk works, but someone should look at this.
    Warn,
    /// The kiosk cannot do its job until this is fixed.
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What was checked, e.g. "database".
    pub name: &'static str,
    /// How it ended.
    pub status: Status,
    /// What was found and, when it is not ok, what to do.
    pub message: String,
}

impl Check {
    fn ok(name: &'static str, message: impl Into<String>) -> Self {
        Check {
            name,
            status: Status::Ok,
            message: message.into(),
        }
    }
    fn warn(name: &'static str, message: impl Into<String>) -> Self {
        Check {
            name,
            status: Status::Warn,
            message: message.into(),
        }
    }
    fn fail(name: &'static str, message: impl Into<String>) -> Self {
        Check {
            name,
            status: Status::Fail,
            message: message.into(),
        }
    }
}

/// What the doctor looks at: the settings as loaded and the data folder they lead to.
pub struct Installation<'a> {
    /// The settings file that was read (or looked for).
    pub settings_path: &'a Path,
    /// The settings in force (the defaults when the file is bad).
    pub settings: &'a Settings,
    /// What was wrong with the settings file, if anything.
    pub settings_problem: Option<&'a str>,
    /// The data folder.
    pub data_dir: &'a Path,
}

/// Runs every check, in the order the report shows them.
pub fn examine(installation: &Installation<'_>) -> Vec<Check> {
    let database = installation.data_dir.join(DATABASE_FILE);
    let database_health = health::check_database(&database);
    // The printer staff chose on the staff screen wins over the file, as in the kiosk.
    let effective = installation
        .settings
        .with_overrides(&health::staff_overrides(&database));
    vec![
        settings(installation),
        system::display(),
        database_check(&database, &database_health),
        staff_pin(&database),
        content_age(&database, &database_health),
        review_status(&database, &database_health),
        trusted_keys(&installation.settings.trusted_keys, &health::signed_bundles(&database)),
        system::printer(effective.printer.as_deref()),
        system::print_spool(),
        system::update_source(
            installation.settings.update_source.as_deref(),
            installation.settings.index_key.as_deref(),
        ),
        system::free_disk(installation.data_dir),
    ]
}

/// Whether the installation passes: no check failed.
pub fn passes(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.status != Status::Fail)
}

/// The report for a person: one line per check, then a summary.
pub fn render(installation: &Installation<'_>, checks: &[Check]) -> String {
    let mut out = format!(
        "Clinic Kiosk doctor: settings {}, data folder {}\n",
        installation.settings_path.display(),
        installation.data_dir.display()
    );
    for check in checks {
        let tag = match check.status {
            Status::Ok => "[ ok ]",
            Status::Warn => "[warn]",
            Status::Fail => "[FAIL]",
        };
        out.push_str(&format!("{tag} {}: {}\n", check.name, check.message));
    }
    let count = |status| checks.iter().filter(|c| c.status == status).count();
    out.push_str(&format!(
        "{} checks: {} ok, {} warning(s), {} failed\n",
        checks.len(),
        count(Status::Ok),
        count(Status::Warn),
        count(Status::Fail)
    ));
    out
}

fn settings(installation: &Installation<'_>) -> Check {
    let path = installation.settings_path.display();
    match installation.settings_problem {
        Some(problem) => Check::fail(
            "settings",
            format!("{problem}. Until it is fixed the kiosk refuses every import and update (the installed content keeps serving); correct the named line, then restart the kiosk (systemctl restart clinic-kiosk)"),
        ),
        None if installation.settings_path.exists() => Check::ok("settings", format!("{path} is valid")),
        None => Check::ok("settings", format!("no settings file at {path}; the defaults are used")),
    }
}

fn staff_pin(database: &Path) -> Check {
    match health::staff_pin(database) {
        StaffPinHealth::Set => Check::ok("staff PIN", "a staff PIN is set"),
        StaffPinHealth::OnlyInDatabase => Check::warn(
            "staff PIN",
            "a staff PIN is set, but its copy beside the database is missing, so a rebuilt database would lose it; restart the kiosk (systemctl restart clinic-kiosk) to write it",
        ),
        StaffPinHealth::NotSet => Check::fail(
            "staff PIN",
            "no staff PIN is set, so nobody can open the staff screen and the kiosk does not let anyone choose one; set it with `clinic-kiosk staff set-pin` (as the kiosk's user)",
        ),
    }
}

fn database_check(database: &Path, database_health: &DatabaseHealth) -> Check {
    let path = database.display();
    match database_health {
        DatabaseHealth::Healthy { bundles, questions } => Check::ok(
            "database",
            format!("{path} passes the integrity check ({bundles} bundle(s), {questions} question(s))"),
        ),
        DatabaseHealth::Missing => Check::warn(
            "database",
            format!("{path} does not exist yet; the kiosk creates it with the default content when it first starts (or run `clinic-kiosk bundle list` as the kiosk's user)"),
        ),
        DatabaseHealth::Unreadable(reason) => Check::fail(
            "database",
            format!("{path} cannot be read by this user ({reason}); run the doctor as root (sudo clinic-kiosk doctor)"),
        ),
        DatabaseHealth::Damaged(reason) => Check::fail(
            "database",
            format!("{path} is damaged ({reason}). Stop the kiosk (systemctl stop clinic-kiosk), move the file aside (mv {path} {path}.damaged; also its -wal and -shm files if present) and start the kiosk again: it rebuilds the database from the default content and the kept copy of every bundle it had imported"),
        ),
    }
}

fn content_age(database: &Path, database_health: &DatabaseHealth) -> Check {
    if !matches!(database_health, DatabaseHealth::Healthy { .. }) {
        return Check::warn("content age", "not checked: the database cannot be read (see above)");
    }
    let today = time::OffsetDateTime::now_utc().date();
    let ages = match health::review_ages(database, today) {
        Ok(ages) => ages,
        Err(error) => return Check::warn("content age", format!("not checked: {error}")),
    };
    let overdue: Vec<String> = ages
        .iter()
        .filter(|age| age.overdue > 0)
        .map(|age| {
            format!(
                "{} ({} of {} answers, oldest reviewed {})",
                age.bundle_id, age.overdue, age.questions, age.oldest_reviewed
            )
        })
        .collect();
    if overdue.is_empty() {
        Check::ok(
            "content age",
            format!(
                "every answer of {} bundle(s) was reviewed within the last {REVIEW_INTERVAL_DAYS} days",
                ages.len()
            ),
        )
    } else {
        Check::warn(
            "content age",
            format!(
                "answers not reviewed for over {REVIEW_INTERVAL_DAYS} days: {}. Ask the publisher for an updated bundle and import it",
                overdue.join("; ")
            ),
        )
    }
}

/// Draft content (no clinician named in `reviewed_by`) works, but tells every patient it is a draft.
fn review_status(database: &Path, database_health: &DatabaseHealth) -> Check {
    if !matches!(database_health, DatabaseHealth::Healthy { .. }) {
        return Check::warn("review status", "not checked: the database cannot be read (see above)");
    }
    match health::draft_bundles(database) {
        Err(error) => Check::warn("review status", format!("not checked: {error}")),
        Ok(drafts) if drafts.is_empty() => Check::ok(
            "review status",
            "every installed bundle names the clinician who reviewed it",
        ),
        Ok(drafts) => Check::warn(
            "review status",
            format!(
                "draft content, not yet checked by a clinician: {}. Patients are told so on every answer and sheet. \
                 Have your clinician review it and import a reviewed copy (docs/content.md, \"Making a reviewed copy\")",
                drafts.join(", ")
            ),
        ),
    }
}

fn trusted_keys(keys: &[TrustedKeyEntry], signed: &[SignedBundle]) -> Check {
    if keys.is_empty() {
        return Check::warn(
            "trusted keys",
            "none set, so unsigned bundles are accepted. Add your content publisher's minisign public key to trusted_keys in the settings file",
        );
    }
    let bad: Vec<String> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, key)| {
            // The same parse the import pipeline uses (kiosk_core::trust::trusted_keys).
            TrustedKey::from_entry(key)
                .err()
                .map(|_| format!("trusted_keys[{i}] {:?}", abbreviate(key.key())))
        })
        .collect();
    if bad.is_empty() {
        let trusted: Vec<String> = keys
            .iter()
            .filter_map(|k| TrustedKey::from_entry(k).ok())
            .map(|k| k.key_id().to_string())
            .collect();
        let orphaned: Vec<String> = signed
            .iter()
            .filter(|b| !trusted.contains(&b.key_id))
            .map(|b| format!("{} {} (key {})", b.bundle_id, b.version, b.key_id))
            .collect();
        if !orphaned.is_empty() {
            return Check::warn(
                "trusted keys",
                format!(
                    "installed bundles signed by a key that is no longer trusted: {}. They keep serving; import them again signed by a trusted key, or remove them",
                    orphaned.join(", ")
                ),
            );
        }
        Check::ok(
            "trusted keys",
            format!("{} minisign public key(s), all well formed", keys.len()),
        )
    } else {
        Check::fail(
            "trusted keys",
            format!(
                "not a minisign public key: {}. Copy the key line (the second line of the publisher's .pub file, starting with RW) exactly",
                bad.join("; ")
            ),
        )
    }
}

fn abbreviate(text: &str) -> String {
    const SHOWN: usize = 16;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// minisign's own public key, from its README.
    const MINISIGN_KEY: &str = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";

    #[test]
    fn bundles_signed_by_a_key_no_longer_trusted_are_a_warning() {
        let signed = [SignedBundle {
            bundle_id: "oncology-en".into(),
            version: 3,
            key_id: "0123456789ABCDEF".into(),
        }];
        let check = trusted_keys(&[MINISIGN_KEY.into()], &signed);
        assert_eq!(check.status, Status::Warn, "{}", check.message);
        assert!(
            check.message.contains("oncology-en 3") && check.message.contains("0123456789ABCDEF"),
            "the bundle and the key are named: {}",
            check.message
        );
    }

    #[test]
    fn trusted_keys_are_parsed_as_minisign_keys() {
        assert_eq!(trusted_keys(&[MINISIGN_KEY.into()], &[]).status, Status::Ok);
        assert_eq!(
            trusted_keys(&[], &[]).status,
            Status::Warn,
            "no keys works, but lets unsigned bundles in"
        );
        let bad = trusted_keys(&[MINISIGN_KEY.into(), "not-a-key".into()], &[]);
        assert_eq!(bad.status, Status::Fail, "a typo in a key must not go unnoticed");
        assert!(
            bad.message.contains("trusted_keys[1]"),
            "the bad key is named: {}",
            bad.message
        );
    }

    #[test]
    fn the_report_has_one_line_per_check_and_a_summary() {
        let settings = Settings::default();
        let installation = Installation {
            settings_path: Path::new("/etc/clinic-kiosk/config.toml"),
            settings: &settings,
            settings_problem: None,
            data_dir: Path::new("/var/lib/clinic-kiosk"),
        };
        let checks = vec![Check::ok("display", "fine"), Check::fail("printer", "gone")];
        let text = render(&installation, &checks);
        assert!(text.contains("[ ok ] display: fine\n"), "{text}");
        assert!(text.contains("[FAIL] printer: gone\n"), "{text}");
        assert!(text.ends_with("2 checks: 1 ok, 0 warning(s), 1 failed\n"), "{text}");
        assert!(!passes(&checks), "one failure fails the installation");
        assert!(passes(&checks[..1]));
    }
}
