//! The check the kiosk runs on its database at every start, before it trusts it: every page, with
//! a cost that does not grow with the search indexes' entries.
//!
//! A plain `PRAGMA quick_check` also asks each FTS5 index to verify all its entries against its
//! text, which reads the whole index: on a library of 20,000 questions that took 1.3 s of every
//! start, and it grows with the library (docs/performance.md, "Launch time"). A failing disk or a
//! torn write damages pages, and every page is checked here. The entries are checked by
//! `clinic-kiosk doctor`, which runs the full `PRAGMA integrity_check` (`health.rs`).

use rusqlite::Connection;

use crate::Result;

/// What `PRAGMA quick_check` finds wrong with the database's pages, table by table: first the schema
/// table, whose check also walks the list of free pages, then every ordinary table with its
/// indexes, the search indexes' own storage tables included. `None` when all is sound.
pub(super) fn page_damage(conn: &Connection) -> Result<Option<String>> {
    let mut tables = vec!["sqlite_schema".to_string()];
    let mut ordinary = conn.prepare(
        "SELECT name FROM sqlite_schema
         WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
         ORDER BY rootpage",
    )?;
    for name in ordinary.query_map([], |row| row.get::<_, String>(0))? {
        tables.push(name?);
    }
    let mut check = conn.prepare("SELECT * FROM pragma_quick_check(?1)")?;
    for table in &tables {
        let verdict: String = check.query_row([table], |row| row.get(0))?;
        if verdict != "ok" {
            return Ok(Some(format!("{table}: {verdict}")));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use std::io::{Seek, SeekFrom, Write};
    use std::path::Path;

    use rusqlite::Connection;

    use crate::bundle::{validate, BundleFiles, Limits};
    use crate::store::health::{check_database, DatabaseHealth};
    use crate::store::{ImportOptions, Store, DATABASE_FILE};
    use crate::{Error, Result};

    const PAGE: u64 = 4096;

    /// A database holding the sample English bundle, closed (so its WAL is folded into the file).
    fn library(dir: &Path) -> Result<std::path::PathBuf> {
        let path = dir.join(DATABASE_FILE);
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/bundles/oncology-en");
        let bundle = validate(&BundleFiles::read_path(&sample, Limits::default())?).into_bundle()?;
        let mut store = Store::open(&path)?;
        store.import(&bundle, ImportOptions::default())?;
        drop(store);
        Ok(path)
    }

    fn scribble_over_page(path: &Path, page: u64) {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .expect("the database opens");
        file.seek(SeekFrom::Start((page - 1) * PAGE)).expect("seek");
        file.write_all(&[0xA5; PAGE as usize]).expect("scribbled");
    }

    fn is_damage(result: Result<Store>) -> bool {
        matches!(result, Err(Error::Database(rusqlite::Error::SqliteFailure(e, _)))
            if e.code == rusqlite::ErrorCode::DatabaseCorrupt)
    }

    #[test]
    fn a_damaged_page_of_a_search_index_stops_the_start() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = library(dir.path())?;
        let root: u32 = Connection::open(&path)?.query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'question_text_fts_data'",
            [],
            |row| row.get(0),
        )?;
        scribble_over_page(&path, u64::from(root));
        assert!(
            is_damage(Store::open_checked(&path)),
            "the answer index's storage is checked page by page at start, so its damage is found"
        );
        Ok(())
    }

    #[test]
    fn a_damaged_list_of_free_pages_stops_the_start() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = library(dir.path())?;
        let first_free: u64 = {
            let conn = Connection::open(&path)?;
            conn.execute_batch(
                "CREATE TABLE scratch (b BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
                 INSERT INTO scratch SELECT zeroblob(8000) FROM n;
                 DROP TABLE scratch;
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )?;
            let header = std::fs::read(&path)?;
            u64::from(u32::from_be_bytes(header[32..36].try_into().expect("four bytes")))
        };
        assert!(first_free > 0, "dropping the table left free pages");
        scribble_over_page(&path, first_free);
        assert!(
            is_damage(Store::open_checked(&path)),
            "the free pages are checked with the schema, so a damaged list of them is found"
        );
        Ok(())
    }

    #[test]
    fn an_index_whose_entries_no_longer_match_its_text_is_left_to_the_doctor() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = library(dir.path())?;
        Connection::open(&path)?.execute(
            "UPDATE question_title_fts_content SET c1 = 'words the index has never seen'",
            [],
        )?;
        let store = Store::open_checked(&path);
        assert!(
            store.is_ok(),
            "the start reads pages, not every entry of the search indexes, so its time does not grow with the library"
        );
        drop(store);
        assert!(
            matches!(check_database(&path), DatabaseHealth::Damaged(ref problem) if problem.contains("question_title_fts")),
            "`clinic-kiosk doctor` checks every entry and names the index: {:?}",
            check_database(&path)
        );
        Ok(())
    }
}
