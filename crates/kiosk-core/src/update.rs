//! Shared updates for many kiosks. An update source — a folder (e.g. a network share) or an
//! `https://` address — serves `index.json` listing the latest bundles with the SHA-256 of each zip.
//! A check downloads each bundle that is missing or newer to a temporary file in the data folder
//! (with a size cap), verifies the hash, then imports it through the same pipeline as staff imports
//! (signature, validation, one transaction). The kiosk serves the old content until the new one is
//! committed; a failure leaves it in place, is logged and audited, and shows on the staff screen.
//! A zip that was downloaded intact but refused (invalid, badly signed, not what the index says)
//! is remembered by its SHA-256: the automatic check does not download or audit it again until the
//! index offers a different file, while the staff screen keeps showing that it failed and when.
//!
//! Plain `http://` is accepted only for `127.0.0.1`, `::1` and `localhost` (tests and local
//! mirrors); every other address must be `https://`, and no redirect is followed. With
//! `index_key` set, the index must carry a valid, expiring seal (`seal.rs`).

mod fetch;
mod publish;
pub mod seal;

use std::io::{Read as _, Write as _};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::library::{log_audit, result_of, Library};
use crate::store::{
    AuditAction, AuditEntry, AuditResult, AuditSource, ImportOptions, ImportOutcome, Store, UpdateCheck, UpdateFailure,
};
use crate::trust::TrustedKey;
use crate::{Error, Result};

pub use fetch::Source;
pub use publish::{publish, IndexSigning, Published};

/// The index file's name in a source.
pub const INDEX_FILE: &str = "index.json";
/// The largest bundle download accepted by default.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// The largest `index.json` accepted.
pub const MAX_INDEX_BYTES: u64 = 1024 * 1024;
/// How long a download may take before it is given up.
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(120);

/// `index.json`: the latest bundles a source offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    /// Index format; this kiosk reads 1.
    pub format: u32,
    /// One entry per bundle.
    pub bundles: Vec<IndexEntry>,
}

/// One bundle in `index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    /// Bundle id.
    pub id: String,
    /// Bundle version.
    pub version: u32,
    /// BCP 47 language tag (for people reading the index).
    #[serde(default)]
    pub language: String,
    /// The zip, relative to the index (or an absolute `https://` address).
    pub url: String,
    /// SHA-256 of the zip, 64 lowercase hex digits.
    pub sha256: String,
}

/// Options of a check.
#[derive(Debug, Clone, Copy)]
pub struct UpdateOptions {
    /// The largest bundle download accepted, in bytes.
    pub max_bytes: u64,
    /// Who started the check, for the audit log.
    pub source: AuditSource,
    /// Whether to try again a zip this kiosk already refused (same bundle, same SHA-256). Periodic
    /// checks do not, so a bad bundle costs one download and one audit row, not one per check; a
    /// check someone asks for on purpose (`update --once`) does.
    pub retry_refused: bool,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            source: AuditSource::Automatic,
            retry_refused: false,
        }
    }
}

/// What one check did.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateReport {
    /// Bundles imported.
    pub imported: Vec<ImportOutcome>,
    /// Bundles already current.
    pub current: Vec<String>,
    /// Bundles that failed or were refused, with the reason.
    pub failures: Vec<String>,
    /// What worked but needs a look, e.g. an index past its expiry.
    pub warnings: Vec<String>,
}

impl UpdateReport {
    /// Whether everything went well.
    pub fn ok(&self) -> bool {
        self.failures.is_empty() && self.warnings.is_empty()
    }
}

/// Checks `source` once and imports what is newer. The store is locked only to read installed
/// versions and to import, so the kiosk keeps serving while bundles download. The outcome is
/// remembered for the staff screen; failures are audited.
pub fn check_once(
    library: &Library,
    store: &Mutex<Store>,
    source: &str,
    options: UpdateOptions,
) -> Result<UpdateReport> {
    let result = run(library, store, source, options);
    let check = UpdateCheck {
        at: crate::store::now_rfc3339(),
        source: source.to_string(),
        ok: result.as_ref().is_ok_and(UpdateReport::ok),
        message: match &result {
            Ok(report) => summary(report),
            Err(error) => error.to_string(),
        },
    };
    if let Ok(store) = store.lock() {
        if let Err(error) = store.record_update_check(&check) {
            tracing::error!(%error, "the update check could not be recorded");
        }
        if let Err(error) = &result {
            let entry = AuditEntry::new(options.source, AuditAction::Update, "index.json", source)
                .ended(AuditResult::Failed, error.to_string());
            log_audit(&store, &entry);
        }
    }
    match &result {
        Ok(report) if report.ok() => tracing::info!(%source, message = %check.message, "update check done"),
        _ => tracing::warn!(%source, message = %check.message, "update check failed"),
    }
    result
}

/// Checks `source` now and then every `interval`, forever, handing each outcome to `report`. The
/// kiosk's background updater and `clinic-kiosk update` (without `--once`) share this loop.
pub fn keep_checking(
    library: &Library,
    store: &Mutex<Store>,
    source: &str,
    options: UpdateOptions,
    interval: Duration,
    mut report: impl FnMut(&Result<UpdateReport>),
) -> ! {
    loop {
        report(&check_once(library, store, source, options));
        std::thread::sleep(interval);
    }
}

/// Whether `source` can be used, asked exactly as a check asks it but without downloading or
/// importing anything: the address is allowed, `index.json` answers within `timeout` and is an
/// index this kiosk reads. Returns where the index was found. `clinic-kiosk doctor` uses this so
/// that it never disagrees with the updater.
///
/// With `index_key`, the seal is checked too; the answer then carries the expiry warning, if any.
pub fn probe(source: &str, timeout: Duration, index_key: Option<&TrustedKey>) -> Result<Probe> {
    let located = Source::parse(source)?;
    let (_, warning) = read_index(&located, source, timeout, index_key)?;
    Ok(Probe {
        index: located.describe(INDEX_FILE),
        warning,
    })
}

/// What [`probe`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// Where the index was found.
    pub index: String,
    /// A sealed index past its expiry.
    pub warning: Option<String>,
}

/// Reads the index and, when an index key is set, its seal; returns the index and the expiry
/// warning, if it is past.
fn read_index(
    located: &Source,
    source: &str,
    timeout: Duration,
    index_key: Option<&TrustedKey>,
) -> Result<(Index, Option<String>)> {
    let index_bytes = located.read_index(timeout)?;
    let warning = match index_key {
        Some(key) => {
            let signature = located.read_index_signature(timeout);
            let sealed = seal::check(&index_bytes, signature.as_deref(), key, source)?;
            sealed.expiry_warning(time::OffsetDateTime::now_utc().unix_timestamp())
        }
        None => None,
    };
    let index = parse_index(&index_bytes, source)?;
    Ok((index, warning))
}

fn parse_index(index_bytes: &[u8], source: &str) -> Result<Index> {
    let index: Index = serde_json::from_slice(index_bytes).map_err(|e| Error::Update {
        source_name: source.to_string(),
        reason: format!("{INDEX_FILE} is not valid ({e})"),
        refused: false,
    })?;
    if index.format != 1 {
        return Err(Error::Update {
            source_name: source.to_string(),
            reason: format!("{INDEX_FILE} has format {}; this kiosk reads format 1", index.format),
            refused: false,
        });
    }
    Ok(index)
}

fn summary(report: &UpdateReport) -> String {
    let mut parts = Vec::new();
    if !report.imported.is_empty() {
        let names: Vec<String> = report
            .imported
            .iter()
            .map(|o| format!("{} {}", o.id, o.version))
            .collect();
        parts.push(format!("imported {}", names.join(", ")));
    }
    if !report.failures.is_empty() {
        parts.push(format!("failed: {}", report.failures.join("; ")));
    }
    if parts.is_empty() {
        parts.push(format!("up to date ({} bundle(s))", report.current.len()));
    }
    parts.extend(report.warnings.iter().cloned());
    parts.join("; ")
}

fn run(library: &Library, store: &Mutex<Store>, source: &str, options: UpdateOptions) -> Result<UpdateReport> {
    let source_ref = Source::parse(source)?;
    let (index, warning) = read_index(&source_ref, source, DOWNLOAD_TIMEOUT, library.index_key())?;
    let mut report = UpdateReport {
        imported: Vec::new(),
        current: Vec::new(),
        failures: Vec::new(),
        warnings: warning.into_iter().collect(),
    };
    for entry in &index.bundles {
        let installed = lock(store)?.installed_version(&entry.id)?;
        if installed.is_some_and(|v| v >= entry.version) {
            report.current.push(entry.id.clone());
            continue;
        }
        if !options.retry_refused {
            let remembered = lock(store)?
                .update_failure(&entry.id)?
                .filter(|failure| failure.sha256.eq_ignore_ascii_case(&entry.sha256));
            if let Some(failure) = remembered {
                report.failures.push(format!(
                    "{} {}: refused at {}, and not tried again until the update source offers a different file (or someone runs `clinic-kiosk update --once`): {}",
                    entry.id, entry.version, failure.at, failure.reason
                ));
                continue;
            }
        }
        match update_one(library, store, &source_ref, entry, installed, options) {
            Ok(outcome) => {
                lock(store)?.clear_update_failure(&entry.id)?;
                report.imported.push(outcome);
            }
            Err(error) => report.failures.push(format!("{} {}: {error}", entry.id, entry.version)),
        }
    }
    Ok(report)
}

fn update_one(
    library: &Library,
    store: &Mutex<Store>,
    source: &Source,
    entry: &IndexEntry,
    installed: Option<u32>,
    options: UpdateOptions,
) -> Result<ImportOutcome> {
    let origin = source.describe(&entry.url);
    let mut audit = AuditEntry::new(options.source, AuditAction::Update, &entry.id, &origin);
    audit.from_version = installed;
    audit.to_version = Some(entry.version);
    let temp = match download(library, source, entry, options.max_bytes) {
        Ok(temp) => temp,
        Err(error) => {
            log_audit(&*lock(store)?, &audit.ended(result_of(&error), error.to_string()));
            return Err(error);
        }
    };
    let result = check_and_install(library, store, &temp, entry, origin, audit);
    if let Err(error) = &result {
        if !matches!(error, Error::Database(_) | Error::Migration(_) | Error::Io(_)) {
            let failure = UpdateFailure {
                bundle: entry.id.clone(),
                sha256: entry.sha256.clone(),
                at: crate::store::now_rfc3339(),
                reason: error.to_string(),
            };
            if let Err(error) = lock(store)?.record_update_failure(&failure) {
                tracing::error!(%error, "a refused update could not be remembered");
            }
        }
    }
    result
}

/// Checks a downloaded zip whose hash matched the index, then installs it. A refusal here is a
/// property of those exact bytes, so the caller remembers it by their hash.
fn check_and_install(
    library: &Library,
    store: &Mutex<Store>,
    temp: &tempfile::NamedTempFile,
    entry: &IndexEntry,
    origin: String,
    audit: AuditEntry,
) -> Result<ImportOutcome> {
    let checked = match library.check_path(temp.path()) {
        Ok(checked) => checked,
        Err(error) => {
            log_audit(&*lock(store)?, &audit.ended(result_of(&error), error.to_string()));
            return Err(error);
        }
    };
    if checked.bundle().manifest().id != entry.id || checked.bundle().manifest().version != entry.version {
        let error = Error::Update {
            source_name: origin,
            reason: format!(
                "the zip holds {} version {}, but {INDEX_FILE} lists {} version {}",
                checked.bundle().manifest().id,
                checked.bundle().manifest().version,
                entry.id,
                entry.version
            ),
            refused: true,
        };
        log_audit(&*lock(store)?, &audit.ended(AuditResult::Refused, error.to_string()));
        return Err(error);
    }
    let mut store = lock(store)?;
    Ok(library
        .install(&mut store, &checked, audit, ImportOptions::default())?
        .outcome)
}

/// Downloads (or copies) a bundle zip into a temporary file in the data folder, refusing it past
/// `max_bytes` or when its SHA-256 differs from the index.
fn download(library: &Library, source: &Source, entry: &IndexEntry, max_bytes: u64) -> Result<tempfile::NamedTempFile> {
    let dir = library.data_dir().join("downloads");
    std::fs::create_dir_all(&dir)?;
    let mut temp = tempfile::Builder::new().suffix(".zip").tempfile_in(&dir)?;
    let mut hasher = Sha256::new();
    let mut written: u64 = 0;
    let origin = source.describe(&entry.url);
    let too_large = || Error::Update {
        source_name: origin.clone(),
        reason: format!(
            "the bundle is larger than {} MiB, the download limit",
            max_bytes / (1024 * 1024)
        ),
        refused: true,
    };
    let mut reader = source.open_bundle(&entry.url, max_bytes)?;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let read = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.to_string().contains("limit") => return Err(too_large()),
            Err(e) => {
                return Err(Error::Update {
                    source_name: origin.clone(),
                    reason: format!("the download failed ({e})"),
                    refused: false,
                })
            }
        };
        written += read as u64;
        if written > max_bytes {
            return Err(too_large());
        }
        hasher.update(&buffer[..read]);
        temp.write_all(&buffer[..read])?;
    }
    temp.as_file().sync_all()?;
    let actual = hex::encode(hasher.finalize());
    if !actual.eq_ignore_ascii_case(&entry.sha256) {
        return Err(Error::Update {
            source_name: origin,
            reason: format!(
                "its SHA-256 is {actual} but {INDEX_FILE} lists {}; the file was changed or damaged on the way",
                entry.sha256
            ),
            refused: true,
        });
    }
    Ok(temp)
}

fn lock(store: &Mutex<Store>) -> Result<std::sync::MutexGuard<'_, Store>> {
    store
        .lock()
        .map_err(|_| Error::Io(std::io::Error::other("the content store is unavailable")))
}
