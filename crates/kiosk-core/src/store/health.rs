//! Looking at an installed database without changing it, for `clinic-kiosk doctor`.
//!
//! IT runs the doctor as root on a kiosk whose database belongs to the kiosk's own user, often
//! while the kiosk is running. So nothing here creates, migrates or writes the database: it is
//! opened read-only, and a missing file is reported as missing rather than created.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use time::{Date, Duration};

use crate::Result;

/// How long an answer may go without a clinician's review before the doctor warns about it.
pub const REVIEW_INTERVAL_DAYS: i64 = 365;

/// What `PRAGMA integrity_check` says about a database file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseHealth {
    /// There is no database file yet (the kiosk creates it on first start).
    Missing,
    /// The integrity check passed.
    Healthy {
        /// Installed bundles.
        bundles: u32,
        /// Installed questions, all languages.
        questions: u32,
    },
    /// The file is there but this user may not read it (e.g. the doctor run without root).
    Unreadable(String),
    /// The file cannot be used: what SQLite said, first problem first.
    Damaged(String),
}

/// How current one installed bundle's answers are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewAge {
    /// Bundle id.
    pub bundle_id: String,
    /// Its questions.
    pub questions: u32,
    /// Questions last reviewed before the cut-off.
    pub overdue: u32,
    /// The oldest review date in the bundle, `YYYY-MM-DD`.
    pub oldest_reviewed: String,
}

/// Checks the database at `path` read-only with `PRAGMA integrity_check`.
pub fn check_database(path: &Path) -> DatabaseHealth {
    match std::fs::File::open(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return DatabaseHealth::Missing,
        Err(error) => return DatabaseHealth::Unreadable(error.to_string()),
        Ok(_) => {}
    }
    match integrity(path) {
        Ok(health) => health,
        Err(error) => DatabaseHealth::Damaged(error.to_string()),
    }
}

fn integrity(path: &Path) -> rusqlite::Result<DatabaseHealth> {
    let conn = open_read_only(path)?;
    let mut statement = conn.prepare("PRAGMA integrity_check")?;
    let problems = statement
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if problems.iter().any(|line| line != "ok") {
        return Ok(DatabaseHealth::Damaged(problems.join("; ")));
    }
    let bundles = conn.query_row("SELECT COUNT(*) FROM bundle", [], |row| row.get(0))?;
    let questions = conn.query_row("SELECT COUNT(*) FROM question", [], |row| row.get(0))?;
    Ok(DatabaseHealth::Healthy { bundles, questions })
}

/// For each installed bundle, how many of its answers were last reviewed more than
/// [`REVIEW_INTERVAL_DAYS`] before `today`. Reads the database at `path` read-only.
pub fn review_ages(path: &Path, today: Date) -> Result<Vec<ReviewAge>> {
    let cutoff = review_cutoff(today);
    let conn = open_read_only(path)?;
    let mut statement = conn.prepare(
        "SELECT bundle_id, COUNT(*), SUM(reviewed < ?1), MIN(reviewed)
         FROM question GROUP BY bundle_id ORDER BY bundle_id",
    )?;
    let ages = statement
        .query_map([cutoff], |row| {
            Ok(ReviewAge {
                bundle_id: row.get(0)?,
                questions: row.get(1)?,
                overdue: row.get(2)?,
                oldest_reviewed: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ages)
}

/// The installed bundles no clinician is named as having reviewed, by id. A database written by
/// a kiosk from before review status (no `reviewed_by` column yet) holds only drafts.
pub fn draft_bundles(path: &Path) -> Result<Vec<String>> {
    let conn = open_read_only(path)?;
    let has_column: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('bundle') WHERE name = 'reviewed_by'",
        [],
        |row| row.get(0),
    )?;
    let sql = if has_column {
        "SELECT id FROM bundle WHERE reviewed_by IS NULL OR trim(reviewed_by) = '' ORDER BY id"
    } else {
        "SELECT id FROM bundle ORDER BY id"
    };
    let mut statement = conn.prepare(sql)?;
    let ids = statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

/// The review date before which an answer is overdue, `YYYY-MM-DD` (such dates sort as text).
fn review_cutoff(today: Date) -> String {
    let cutoff = today
        .checked_sub(Duration::days(REVIEW_INTERVAL_DAYS))
        .unwrap_or(Date::MIN);
    format!(
        "{:04}-{:02}-{:02}",
        cutoff.year(),
        u8::from(cutoff.month()),
        cutoff.day()
    )
}

/// The settings staff changed on the staff screen, read without writing (the doctor applies them
/// over the settings file, as the kiosk does). Empty when the database or the table is missing.
pub fn staff_overrides(path: &Path) -> crate::staff_settings::StaffSettings {
    let mut overrides = crate::staff_settings::StaffSettings::default();
    if !path.is_file() {
        return overrides;
    }
    let Ok(conn) = open_read_only(path) else {
        return overrides;
    };
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT key, value FROM setting_override")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap_or_default();
    for (key, value) in rows {
        if let Some(key) = crate::staff_settings::SettingKey::parse(&key) {
            overrides.set_stored(key, &value);
        }
    }
    overrides
}

/// An installed bundle and the key that signed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedBundle {
    /// Bundle id.
    pub bundle_id: String,
    /// Installed version.
    pub version: u32,
    /// The key id that verified it at import.
    pub key_id: String,
}

/// The installed bundles that were verified by a key at import, read without writing. Empty when
/// the database is missing or unreadable.
pub fn signed_bundles(path: &Path) -> Vec<SignedBundle> {
    if !path.is_file() {
        return Vec::new();
    }
    let Ok(conn) = open_read_only(path) else {
        return Vec::new();
    };
    conn.prepare("SELECT id, version, signer_key_id FROM bundle WHERE signer_key_id IS NOT NULL ORDER BY id")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| {
                Ok(SignedBundle {
                    bundle_id: r.get(0)?,
                    version: r.get(1)?,
                    key_id: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap_or_default()
}

/// Where the staff PIN is found, read without writing: in its file beside the database, in the
/// database only (an older kiosk; the file is written at the next start), or nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffPinHealth {
    /// The PIN hash file holds a PIN (a rebuilt database keeps it).
    Set,
    /// Only the database holds the PIN; the kiosk writes the file at its next start.
    OnlyInDatabase,
    /// No PIN is set: nobody can open the staff screen or leave kiosk mode.
    NotSet,
}

/// Whether a staff PIN is set for the database at `path`.
pub fn staff_pin(path: &Path) -> StaffPinHealth {
    if super::staff_pin_file::read_pin_file(&super::staff_pin_file(path)).is_some() {
        return StaffPinHealth::Set;
    }
    let in_database = path.is_file()
        && open_read_only(path)
            .and_then(|conn| conn.query_row("SELECT count(*) FROM staff_pin", [], |r| r.get::<_, i64>(0)))
            .is_ok_and(|n| n > 0);
    if in_database {
        StaffPinHealth::OnlyInDatabase
    } else {
        StaffPinHealth::NotSet
    }
}

fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::store::{Store, DATABASE_FILE};

    #[test]
    fn the_doctor_sees_the_printer_staff_chose() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(DATABASE_FILE);
        assert_eq!(
            staff_overrides(&path),
            crate::staff_settings::StaffSettings::default(),
            "no database: no overrides, and none is created"
        );
        assert!(!path.exists(), "the doctor never creates a database");
        let mut store = Store::open(&path)?;
        let changes = serde_json::json!({ "printer": "Front_Desk" });
        let changes = crate::staff_settings::SettingsChanges::parse(changes.as_object().expect("object"))
            .expect("a valid change");
        store.save_setting_overrides(&changes, crate::store::AuditSource::Staff)?;
        let effective = crate::settings::Settings::default().with_overrides(&staff_overrides(&path));
        assert_eq!(
            effective.printer.as_deref(),
            Some("Front_Desk"),
            "the doctor checks the printer the kiosk will really use"
        );
        Ok(())
    }

    #[test]
    fn a_year_old_review_is_overdue() {
        assert_eq!(review_cutoff(date!(2026 - 11 - 27)), "2025-11-27");
        assert_eq!(review_cutoff(date!(2024 - 03 - 01)), "2023-03-02", "leap years count");
    }

    #[test]
    fn a_missing_a_damaged_and_a_fresh_database() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(DATABASE_FILE);
        assert_eq!(
            check_database(&path),
            DatabaseHealth::Missing,
            "the doctor never creates a database"
        );
        assert!(!path.exists(), "checking a missing database must not create it");

        drop(Store::open(&path)?);
        assert_eq!(
            check_database(&path),
            DatabaseHealth::Healthy {
                bundles: 0,
                questions: 0
            },
            "a fresh database passes"
        );
        assert!(review_ages(&path, date!(2026 - 11 - 27))?.is_empty());

        let junk = dir.path().join("junk.sqlite3");
        std::fs::write(&junk, vec![b'x'; 8192])?;
        assert!(
            matches!(check_database(&junk), DatabaseHealth::Damaged(_)),
            "a file that is not a database is reported as damaged"
        );
        Ok(())
    }
}
