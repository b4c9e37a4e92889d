//! The SQLite store: installed bundles, their questions and the search index.
//!
//! Every connection sets its own pragmas (WAL, `synchronous=FULL`, foreign keys, a busy timeout);
//! the schema moves forward only through the append-only migrations in `migrations/`. Importing a
//! bundle replaces its previous version in one `BEGIN IMMEDIATE` transaction, so readers see the old
//! content until the new one is committed, and a refused or interrupted import changes nothing.

mod audit;
pub mod health;
mod import;
mod question_order;
mod read;
mod search;
mod setting_override;
mod staff_pin;
mod staff_pin_file;
mod start_check;
mod update_failure;
mod usage;
mod vocabulary;

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

pub use audit::{AuditAction, AuditEntry, AuditResult, AuditSource, UpdateCheck};
pub use import::{ImportOptions, ImportOutcome, Provenance};
pub use read::{
    Answer, AnswerSection, BundleInfo, BundleSummary, InstalledBundle, Page, QuestionEntry, ReviewStatus, TopicEntry,
};
pub use search::{SearchHit, SearchResults};
pub use staff_pin::{PinCheck, StaffPin, StaffPinError};
pub use staff_pin_file::{staff_pin_file, STAFF_PIN_FILE};
pub use update_failure::UpdateFailure;
pub use usage::{QuestionOpens, SheetPrints, UsageReport};

use crate::Result;

const MIGRATION_LIST: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_init.sql")),
    M::up(include_str!("migrations/0002_staff_pin.sql")),
    M::up(include_str!("migrations/0003_signed_bundles.sql")),
    M::up(include_str!("migrations/0004_audit.sql")),
    M::up(include_str!("migrations/0005_usage.sql")),
    M::up(include_str!("migrations/0006_setting_override.sql")),
    M::up(include_str!("migrations/0007_update_failure.sql")),
    M::up(include_str!("migrations/0008_reviewed_by.sql")),
    M::up(include_str!("migrations/0009_staff_pin_audit.sql")),
    M::up(include_str!("migrations/0010_search_word.sql")),
    M::up(include_str!("migrations/0011_lighter_text_index.sql")),
    M::up(include_str!("migrations/0012_index_write_settings.sql")),
    M::up(include_str!("migrations/0013_question_position.sql")),
];

/// The schema's migrations, oldest first.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_LIST);

/// The file name of the database inside the data folder.
pub const DATABASE_FILE: &str = "kiosk.sqlite3";

/// An open content database.
pub struct Store {
    conn: Connection,
    /// The copy of the staff PIN hash beside the database (none for a store in memory).
    pin_file: Option<std::path::PathBuf>,
    /// When this process last read or wrote the wrong-PIN wait (see `staff_pin.rs`).
    pin_wait_mark: Option<std::time::Instant>,
    /// The words misspelled searches are corrected to, per language (see `vocabulary.rs`).
    vocabularies: std::cell::RefCell<vocabulary::VocabularyCache>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        Self::prepare(Connection::open(path)?, Some(path))
    }

    /// An empty database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<&Path>) -> Result<Self> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        MIGRATIONS.to_latest(&mut conn)?;
        vocabulary::record_missing_words(&mut conn)?;
        let mut store = Store {
            conn,
            pin_file: path.map(staff_pin_file),
            pin_wait_mark: None,
            vocabularies: Default::default(),
        };
        store.sync_staff_pin_file()?;
        Ok(store)
    }

    /// Opens the database only if every page of it passes the check the kiosk runs at start before
    /// it trusts a database ([`start_check::page_damage`]). A file that is not a database at all fails the same way.
    pub fn open_checked(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        if let Some(damage) = start_check::page_damage(&conn)? {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(format!("quick_check found damage: {damage}")),
            )
            .into());
        }
        Self::prepare(conn, Some(path))
    }

    /// A store over `conn` as it is (no pragmas, no migrations, no PIN file), for migration tests.
    #[cfg(test)]
    pub(crate) fn from_connection(conn: Connection) -> Self {
        Store {
            conn,
            pin_file: None,
            pin_wait_mark: None,
            vocabularies: Default::default(),
        }
    }

    /// The result of `PRAGMA integrity_check`: `"ok"` when the database is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// The current time as RFC 3339 UTC, as every table stores it.
pub(crate) fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The primary language subtag, lowercased: `pt-BR` is `pt`. Content is matched on it.
pub(crate) fn primary_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(
            MIGRATIONS.validate().is_ok(),
            "every migration must apply cleanly to an empty database"
        );
    }

    #[test]
    fn pragmas_are_set_per_connection() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join(DATABASE_FILE))?;
        let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        let sync: i64 = store.conn.pragma_query_value(None, "synchronous", |r| r.get(0))?;
        let fk: i64 = store.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        assert_eq!(mode, "wal", "WAL lets the kiosk read while an import writes");
        assert_eq!(
            sync, 2,
            "synchronous=FULL so a power cut cannot lose a committed import"
        );
        assert_eq!(fk, 1, "foreign keys keep topics and questions tied to their bundle");
        Ok(())
    }

    #[test]
    fn answers_imported_before_the_lighter_text_index_are_found_after_it() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(DATABASE_FILE);
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/bundles/oncology-es");
        let files = crate::bundle::BundleFiles::read_path(&sample, crate::bundle::Limits::default())?;
        let bundle = crate::bundle::validate(&files).into_bundle()?;
        // Words of answer text, some of them found only in paragraphs, not in any question.
        let queries = ["fiebre", "hígado", "náuseas", "seguro", "glóbulos", "radioterapia"];
        let before: Vec<Vec<String>> = {
            let mut conn = Connection::open(&path)?;
            MIGRATIONS.to_version(&mut conn, 10)?;
            let mut store = Store::from_connection(conn);
            store.import(&bundle, ImportOptions::default())?;
            queries
                .iter()
                .map(|q| Ok(store.search(q, "es", 50)?.into_iter().map(|h| h.id).collect()))
                .collect::<Result<_>>()?
        };
        let store = Store::open(&path)?;
        for (query, found_before) in queries.iter().zip(&before) {
            let found_after: Vec<String> = store.search(query, "es", 50)?.into_iter().map(|h| h.id).collect();
            assert!(
                !found_before.is_empty(),
                "{query} must find answers before the migration"
            );
            assert_eq!(
                &found_after, found_before,
                "migration 0011 must carry every installed answer's text into the new index ({query})"
            );
        }
        Ok(())
    }

    #[test]
    fn both_search_indexes_write_large_segments_and_merge_them_seldom() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join(DATABASE_FILE))?;
        for index in ["question_title_fts", "question_text_fts"] {
            let setting = |key: &str| -> Result<i64> {
                Ok(store
                    .conn
                    .query_row(&format!("SELECT v FROM {index}_config WHERE k = ?1"), [key], |r| {
                        r.get(0)
                    })?)
            };
            assert_eq!(
                setting("hashsize")?,
                16 * 1024 * 1024,
                "{index}: migration 0012 sets a 16 MiB buffer, which makes importing a large bundle faster"
            );
            assert_eq!(
                setting("automerge")?,
                16,
                "{index}: migration 0012 merges segments 16 at a time, so a growing library is not rewritten again and again"
            );
        }
        Ok(())
    }

    #[test]
    fn primary_language_ignores_region() {
        assert_eq!(primary_language("pt-BR"), "pt");
        assert_eq!(primary_language("ES"), "es");
    }
}
