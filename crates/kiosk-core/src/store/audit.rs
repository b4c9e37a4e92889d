//! The audit log: every import, rollback, refused update and recovery, with when, who asked (staff,
//! the command line, the automatic updater, or the start-up check), which bundle, from which version
//! to which, and the result; every staff change of settings, every staff PIN change, wrong PIN and
//! exit from kiosk mode. Also the last check of the shared update source.
//! The log is bounded: each detail is cut to 4 KiB, and rows older than a year or beyond the newest
//! 10,000 are deleted as new ones are written.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::Store;
use crate::Result;

/// Who started an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditSource {
    /// Staff on the kiosk's staff screen.
    Staff,
    /// IT on the command line.
    Cli,
    /// The periodic update check.
    Automatic,
    /// The start-up database check.
    Startup,
}

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A bundle import from a file or folder.
    Import,
    /// A rollback to a kept earlier version.
    Rollback,
    /// An import from the shared update source.
    Update,
    /// A corrupt database moved aside and rebuilt.
    Recover,
    /// Staff changed settings on the staff screen (the bundle is empty; the detail names the keys).
    Settings,
    /// The staff PIN was set or changed (never the PIN or its hash, only that it changed).
    StaffPin,
    /// A wrong staff PIN was entered (the detail says the wait that follows).
    WrongPin,
    /// Staff left kiosk mode.
    LeaveKiosk,
}

/// How it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditResult {
    /// Done.
    Ok,
    /// Refused: the content or its signature was not acceptable.
    Refused,
    /// Failed: the source, network, disk or database had a problem.
    Failed,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who started it.
    pub source: AuditSource,
    /// What was done.
    pub action: AuditAction,
    /// The bundle id, or the file name when the bundle could not be read.
    pub bundle: String,
    /// The path or URL the bundle came from.
    pub origin: String,
    /// The version installed before.
    pub from_version: Option<u32>,
    /// The version installed (or offered, when refused).
    pub to_version: Option<u32>,
    /// How it ended.
    pub result: AuditResult,
    /// The reason, for refusals and failures.
    pub detail: String,
}

impl AuditEntry {
    /// A new entry stamped now; the versions are filled in by whoever knows them.
    pub fn new(source: AuditSource, action: AuditAction, bundle: &str, origin: &str) -> Self {
        AuditEntry {
            at: super::now_rfc3339(),
            source,
            action,
            bundle: bundle.to_string(),
            origin: origin.to_string(),
            from_version: None,
            to_version: None,
            result: AuditResult::Ok,
            detail: String::new(),
        }
    }

    /// The same entry marked as ended with `result` for `detail`.
    pub fn ended(mut self, result: AuditResult, detail: impl Into<String>) -> Self {
        self.result = result;
        self.detail = detail.into();
        self
    }
}

/// The last check of the update source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateCheck {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The folder or URL checked.
    pub source: String,
    /// Whether the check and every import it tried succeeded.
    pub ok: bool,
    /// What happened, for a person.
    pub message: String,
}

fn text<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

/// The most bytes of an audit detail kept; a longer one is cut at a character boundary and marked.
pub const MAX_DETAIL_BYTES: usize = 4096;
/// Audit rows older than this many days are deleted as new ones are written …
pub const KEEP_DAYS: i64 = 365;
/// … and never more than this many rows are kept (the newest).
pub const KEEP_ROWS: i64 = 10_000;

/// `text` cut to at most [`MAX_DETAIL_BYTES`] bytes, marked when cut.
pub(crate) fn capped(text: &str) -> String {
    if text.len() <= MAX_DETAIL_BYTES {
        return text.to_string();
    }
    const MARK: &str = " … (cut: the full list is shown by `clinic-kiosk bundle validate`)";
    let mut end = MAX_DETAIL_BYTES - MARK.len();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{MARK}", &text[..end])
}

pub(super) fn insert_audit(conn: &Connection, entry: &AuditEntry) -> Result<()> {
    let cutoff = (time::OffsetDateTime::now_utc() - time::Duration::days(KEEP_DAYS))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    conn.execute("DELETE FROM audit WHERE at < ?1", [cutoff])?;
    conn.execute(
        "DELETE FROM audit WHERE rowid <= (SELECT rowid FROM audit ORDER BY rowid DESC LIMIT 1 OFFSET ?1)",
        [KEEP_ROWS - 1],
    )?;
    conn.execute(
        "INSERT INTO audit (at, source, action, bundle, origin, from_version, to_version, result, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            entry.at,
            text(entry.source),
            text(entry.action),
            entry.bundle,
            entry.origin,
            entry.from_version,
            entry.to_version,
            text(entry.result),
            capped(&entry.detail)
        ],
    )?;
    Ok(())
}

impl Store {
    /// Appends an entry to the audit log (for refusals and failures; successful imports are logged
    /// inside their own transaction).
    pub fn record_audit(&self, entry: &AuditEntry) -> Result<()> {
        insert_audit(&self.conn, entry)
    }

    /// The newest `limit` audit entries, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, source, action, bundle, origin, from_version, to_version, result, detail
             FROM audit ORDER BY rowid DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            let source: String = r.get(1)?;
            let action: String = r.get(2)?;
            let result: String = r.get(7)?;
            Ok(AuditEntry {
                at: r.get(0)?,
                source: parse(&source).unwrap_or(AuditSource::Cli),
                action: parse(&action).unwrap_or(AuditAction::Import),
                bundle: r.get(3)?,
                origin: r.get(4)?,
                from_version: r.get(5)?,
                to_version: r.get(6)?,
                result: parse(&result).unwrap_or(AuditResult::Failed),
                detail: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Remembers the outcome of an update check for the staff screen.
    pub fn record_update_check(&self, check: &UpdateCheck) -> Result<()> {
        self.conn.execute(
            "INSERT INTO update_check (id, at, source, ok, message) VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET at = excluded.at, source = excluded.source, ok = excluded.ok,
                                            message = excluded.message",
            params![check.at, check.source, check.ok, capped(&check.message)],
        )?;
        Ok(())
    }

    /// The last update check, if there was one.
    pub fn last_update_check(&self) -> Result<Option<UpdateCheck>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at, source, ok, message FROM update_check WHERE id = 1",
                [],
                |r| {
                    Ok(UpdateCheck {
                        at: r.get(0)?,
                        source: r.get(1)?,
                        ok: r.get(2)?,
                        message: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_entries_round_trip_newest_first() -> Result<()> {
        let store = Store::open_in_memory()?;
        let first = AuditEntry::new(AuditSource::Cli, AuditAction::Import, "a", "/x/a.zip");
        let second = AuditEntry::new(AuditSource::Automatic, AuditAction::Update, "b", "https://h/b.zip")
            .ended(AuditResult::Refused, "bad hash");
        store.record_audit(&first)?;
        store.record_audit(&second)?;
        let log = store.audit_log(10)?;
        assert_eq!(
            log,
            vec![second, first],
            "staff read the newest entry first, exactly as written"
        );
        Ok(())
    }

    #[test]
    fn details_are_cut_to_4_kib_and_old_or_surplus_rows_are_pruned() -> Result<()> {
        let store = Store::open_in_memory()?;
        let huge = AuditEntry::new(AuditSource::Automatic, AuditAction::Update, "b", "x")
            .ended(AuditResult::Refused, "é".repeat(1_000_000));
        store.record_audit(&huge)?;
        let detail = &store.audit_log(1)?[0].detail;
        assert!(
            detail.len() <= MAX_DETAIL_BYTES && detail.ends_with("validate`)"),
            "a 2 MB reason is cut to 4 KiB and says so: {} bytes",
            detail.len()
        );
        let mut old = AuditEntry::new(AuditSource::Cli, AuditAction::Import, "old", "x");
        old.at = "2001-01-01T00:00:00Z".into();
        store.record_audit(&old)?;
        store.record_audit(&AuditEntry::new(AuditSource::Cli, AuditAction::Import, "new", "x"))?;
        assert!(
            store.audit_log(100)?.iter().all(|e| e.bundle != "old"),
            "a row older than a year is deleted when the next is written"
        );
        for _ in 0..(KEEP_ROWS + 5) {
            store.record_audit(&AuditEntry::new(AuditSource::Cli, AuditAction::Import, "many", "x"))?;
        }
        let count: i64 = store.conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?;
        assert_eq!(count, KEEP_ROWS, "at most 10,000 rows are kept");
        Ok(())
    }
}
