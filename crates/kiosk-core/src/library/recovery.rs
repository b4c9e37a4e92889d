//! Opening the database at start with `PRAGMA quick_check`. A corrupt database (or a file that is
//! not a database) is moved aside as `kiosk.sqlite3.corrupt-<timestamp>` and rebuilt from the
//! embedded defaults and the newest kept copy of every bundle, so the kiosk keeps serving; the
//! recovery is logged and written to the (new) audit log.

use std::path::{Path, PathBuf};

use super::{log_audit, Library};
use crate::bundle::{validate, BundleFiles, MANIFEST};
use crate::kept;
use crate::store::{AuditAction, AuditEntry, AuditResult, AuditSource, ImportOptions, Store, DATABASE_FILE};
use crate::{Error, Result};

/// An open store, and where the corrupt database went if it had to be rebuilt.
pub struct Opened {
    /// The store, with the defaults installed.
    pub store: Store,
    /// The corrupt file moved aside, when the database was rebuilt.
    pub moved_aside: Option<PathBuf>,
}

/// A default bundle the binary carries. Its manifest is read at every start; its files only when
/// the store does not hold its version yet (decompressing them took milliseconds of every launch).
pub trait DefaultBundle {
    /// The bytes of its `manifest.json`, if it has one.
    fn manifest(&self) -> Option<&[u8]>;
    /// All its files.
    fn files(&self) -> Result<BundleFiles>;
}

/// Files already read, as tests give them.
impl DefaultBundle for BundleFiles {
    fn manifest(&self) -> Option<&[u8]> {
        self.get(MANIFEST)
    }

    fn files(&self) -> Result<BundleFiles> {
        Ok(self.clone())
    }
}

/// Opens (creating if needed) the database in `library`'s data folder, rebuilding it when it is
/// corrupt, and installs any default bundle that is missing or older than the one given.
///
/// A database that is missing while kept copies are there is rebuilt from them too: that is how IT
/// recovers from damage `clinic-kiosk doctor` found, by moving the file aside with the kiosk stopped.
pub fn open<D: DefaultBundle>(library: &Library, defaults: &[D]) -> Result<Opened> {
    let data_dir = library.data_dir();
    std::fs::create_dir_all(data_dir)?;
    let path = data_dir.join(DATABASE_FILE);
    let missing_with_kept_copies = !path.exists() && kept::kept_ids(data_dir).is_ok_and(|ids| !ids.is_empty());
    let (mut store, moved_aside) = match Store::open_checked(&path) {
        Ok(store) => (store, None),
        Err(error) if is_corruption(&error) => {
            let aside = move_aside(&path)?;
            tracing::warn!(%error, moved_to = %aside.display(), "the content database was damaged; it was moved aside and is being rebuilt");
            (Store::open(&path)?, Some(aside))
        }
        Err(error) => return Err(error),
    };
    for default in defaults {
        if installed_already(&store, default.manifest()) {
            continue;
        }
        let files = match default.files() {
            Ok(files) => files,
            Err(error) => {
                tracing::error!(%error, "a default bundle carried by this binary cannot be read");
                continue;
            }
        };
        match validate(&files).into_bundle() {
            Ok(bundle) => {
                if let Some(outcome) = store.import_if_newer(&bundle)? {
                    // Kept like any import, so staff can roll back to the default after an update.
                    if let Err(error) = kept::keep(data_dir, &outcome.id, outcome.version, &files) {
                        tracing::warn!(%error, bundle = %outcome.id, "the default bundle could not be kept");
                    }
                }
            }
            Err(error) => tracing::error!(%error, "a default bundle carried by this binary is invalid"),
        }
    }
    let rebuilt = match &moved_aside {
        Some(aside) => Some((aside.clone(), "the damaged database was moved aside")),
        None if missing_with_kept_copies => Some((path.clone(), "the database was missing")),
        None => None,
    };
    if let Some((source, why)) = rebuilt {
        let restored = restore_kept(library, &mut store);
        let restored = if restored.is_empty() {
            "none".to_string()
        } else {
            restored.join(", ")
        };
        tracing::warn!(%restored, "{why}; the database was rebuilt from the defaults and kept bundles");
        let entry = AuditEntry::new(
            AuditSource::Startup,
            AuditAction::Recover,
            "*",
            &source.display().to_string(),
        )
        .ended(
            AuditResult::Ok,
            format!("{why}; rebuilt from the defaults and kept bundles: {restored}"),
        );
        log_audit(&store, &entry);
    }
    Ok(Opened { store, moved_aside })
}

/// Whether the store already holds this default bundle's version (or a newer one), read from its
/// manifest's `id` and `version` alone. Then `import_if_newer` would do nothing, so the bundle is
/// not validated again: validating the embedded library at every start took most of the kiosk's
/// launch time (docs/performance.md, "Launch time"). A manifest that cannot be read this way goes
/// the whole way, and validation reports it.
fn installed_already(store: &Store, manifest: Option<&[u8]>) -> bool {
    #[derive(serde::Deserialize)]
    struct Head {
        id: String,
        version: u32,
    }
    let Some(head) = manifest.and_then(|bytes| serde_json::from_slice::<Head>(bytes).ok()) else {
        return false;
    };
    matches!(store.installed_version(&head.id), Ok(Some(installed)) if installed >= head.version)
}

/// Re-imports the newest kept version of every bundle; returns `id version` of each restored.
fn restore_kept(library: &Library, store: &mut Store) -> Vec<String> {
    let mut restored = Vec::new();
    for id in kept::kept_ids(library.data_dir()).unwrap_or_default() {
        let Some(version) = kept::versions(library.data_dir(), &id)
            .ok()
            .and_then(|v| v.last().copied())
        else {
            continue;
        };
        let path = kept::kept_path(library.data_dir(), &id, version);
        let result = library.check_path(&path).and_then(|checked| {
            let audit = AuditEntry::new(
                AuditSource::Startup,
                AuditAction::Recover,
                &id,
                &path.display().to_string(),
            );
            library.install(store, &checked, audit, ImportOptions::default())
        });
        match result {
            Ok(_) => restored.push(format!("{id} {version}")),
            Err(Error::NotNewer { .. }) => {}
            Err(error) => tracing::warn!(%error, bundle = %id, "a kept bundle could not be restored"),
        }
    }
    restored
}

/// Whether an open failure means the file is damaged (as opposed to busy or unreadable).
fn is_corruption(error: &Error) -> bool {
    match error {
        Error::Database(rusqlite::Error::SqliteFailure(e, _)) => matches!(
            e.code,
            rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
        ),
        Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => matches!(
            err.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        ),
        _ => false,
    }
}

/// Renames the database and its WAL and shared-memory files aside; returns the new database path.
fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let aside = path.with_file_name(format!("{DATABASE_FILE}.corrupt-{stamp}"));
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{DATABASE_FILE}{suffix}"));
        if side.exists() {
            std::fs::rename(
                &side,
                aside.with_file_name(format!("{DATABASE_FILE}.corrupt-{stamp}{suffix}")),
            )?;
        }
    }
    Ok(aside)
}
