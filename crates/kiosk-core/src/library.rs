//! The one import pipeline staff, IT and the updater share: read the files, check the signature on
//! the raw manifest (before anything is parsed), validate, install in one transaction with its audit
//! record, then keep a copy for rollback and recovery. Also the preview staff see before they
//! confirm, rollback to a kept version, and opening the database with corruption recovery.

mod preview;
mod recovery;
#[cfg(test)]
mod recovery_tests;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::bundle::{validate, Bundle, BundleFiles, Limits, Problem};
use crate::kept;
use crate::store::{
    AuditAction, AuditEntry, AuditResult, AuditSource, ImportOptions, ImportOutcome, Provenance, Store,
};
use crate::trust::{self, SignatureStatus, TrustedKey};
use crate::{Error, Result};

pub use crate::store::BundleSummary;
pub use preview::{ImportPreview, PreparedPreview, QuestionChange};
pub use recovery::{open, DefaultBundle, Opened};

/// The data folder and the trusted keys: everything an import needs besides the store.
#[derive(Debug, Clone)]
pub struct Library {
    data_dir: PathBuf,
    keys: Vec<TrustedKey>,
    /// The key that must seal the update source's index (`index_key`), if set.
    index_key: Option<TrustedKey>,
}

/// A bundle that passed the signature check and validation, ready to install.
#[derive(Debug)]
pub struct Checked {
    files: BundleFiles,
    bundle: Bundle,
    /// The signature status.
    pub signature: SignatureStatus,
    /// Validation warnings (readability, uncited references, empty topics).
    pub warnings: Vec<Problem>,
}

impl Checked {
    /// The validated bundle.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// The digest of the files checked ([`BundleFiles::digest`]).
    pub fn digest(&self) -> String {
        self.files.digest()
    }
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// Versions and question count.
    pub outcome: ImportOutcome,
    /// The signature status.
    pub signature: SignatureStatus,
    /// Validation warnings, and a note if the kept copy could not be written.
    pub warnings: Vec<String>,
}

impl Library {
    /// A library over `data_dir` trusting `trusted_keys` (the settings' base64 key lines). A key
    /// that cannot be read is an error, so a typo never turns the signature check off.
    pub fn new(data_dir: &Path, trusted_keys: &[crate::settings::TrustedKeyEntry]) -> Result<Self> {
        Ok(Library {
            data_dir: data_dir.to_path_buf(),
            keys: trust::trusted_keys(trusted_keys)?,
            index_key: None,
        })
    }

    /// The library the kiosk's settings call for. Settings that stand in for a bad settings file
    /// refuse, so a typo never turns the signature check off (see [`Settings::require_valid`]).
    ///
    /// [`Settings::require_valid`]: crate::settings::Settings::require_valid
    pub fn for_settings(data_dir: &Path, settings: &crate::settings::Settings) -> Result<Self> {
        settings.require_valid()?;
        let mut library = Library::new(data_dir, &settings.trusted_keys)?;
        if let Some(key) = &settings.index_key {
            library.index_key = Some(TrustedKey::parse(key)?);
        }
        Ok(library)
    }

    /// The key that must seal the update source's index, if the settings name one.
    pub fn index_key(&self) -> Option<&TrustedKey> {
        self.index_key.as_ref()
    }

    /// A library that trusts no key: unsigned bundles pass with a warning.
    pub fn without_keys(data_dir: &Path) -> Self {
        Library {
            data_dir: data_dir.to_path_buf(),
            keys: Vec::new(),
            index_key: None,
        }
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Reads a bundle folder or zip, checks its signature, then validates it.
    pub fn check_path(&self, path: &Path) -> Result<Checked> {
        self.check_files(self.read_path(path)?)
    }

    /// Like [`Library::check_path`], and refused unless the files read now are the ones a preview
    /// read (`digest` from [`PreparedPreview`]): staff import exactly what they were shown.
    pub fn check_previewed(&self, path: &Path, digest: &str) -> Result<Checked> {
        let checked = self.check_path(path)?;
        if checked.digest() == digest {
            Ok(checked)
        } else {
            Err(Error::InvalidBundle(vec![Problem::new(
                "bundle",
                "",
                "changed since it was checked (the stick or folder was written to); check it again before importing",
            )]))
        }
    }

    /// Reads a bundle folder or zip; when keys are trusted, its signature is checked as soon as
    /// the manifest and signature are read, before anything else is decompressed.
    pub fn read_path(&self, path: &Path) -> Result<BundleFiles> {
        BundleFiles::read_path_gated(path, Limits::default(), &|manifest, signature| {
            if !self.keys.is_empty() {
                trust::check_raw(manifest.unwrap_or_default(), signature, &self.keys)?;
            }
            Ok(())
        })
    }

    /// Checks the signature over the raw manifest, then validates.
    pub fn check_files(&self, files: BundleFiles) -> Result<Checked> {
        let signature = trust::check_signature(&files, &self.keys)?;
        let validation = validate(&files);
        let warnings = validation.report.warnings.clone();
        let bundle = validation.into_bundle()?;
        // A key limited to bundle ids signs only those (known once the manifest is validated).
        trust::check_scope(&signature, &self.keys, &bundle.manifest().id)?;
        Ok(Checked {
            files,
            bundle,
            signature,
            warnings,
        })
    }

    /// Installs a checked bundle with its audit record, then keeps a copy of it.
    pub fn install(
        &self,
        store: &mut Store,
        checked: &Checked,
        audit: AuditEntry,
        options: ImportOptions,
    ) -> Result<Imported> {
        let signer = match &checked.signature {
            SignatureStatus::Verified(signer) => Some(signer.clone()),
            _ => None,
        };
        let is_rollback = audit.action == AuditAction::Rollback;
        let provenance = Provenance {
            signer,
            audit: Some(audit.clone()),
        };
        // The kept copy is compressed and written on another core while the transaction runs;
        // it is put in place only once the transaction committed (dropped, it is deleted).
        let manifest = checked.bundle.manifest();
        let (imported, pending) = std::thread::scope(|scope| {
            let pending = (!is_rollback).then(|| {
                scope.spawn(|| kept::prepare_keep(&self.data_dir, &manifest.id, manifest.version, &checked.files))
            });
            let imported = store.import_with(&checked.bundle, options, &provenance);
            let pending = pending.map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            (imported, pending)
        });
        let outcome = match imported {
            Ok(outcome) => outcome,
            Err(error) => {
                let mut refused = audit.ended(result_of(&error), error.to_string());
                refused.bundle = checked.bundle.manifest().id.clone();
                refused.from_version = store.installed_version(&refused.bundle).ok().flatten();
                refused.to_version = Some(checked.bundle.manifest().version);
                log_audit(store, &refused);
                return Err(error);
            }
        };
        let mut warnings: Vec<String> = checked.signature.warning().into_iter().collect();
        warnings.extend(checked.warnings.iter().map(ToString::to_string));
        if let Some(pending) = pending {
            if let Err(error) = pending.and_then(kept::PendingKeep::finish) {
                tracing::warn!(%error, bundle = %outcome.id, "the imported bundle could not be kept for rollback");
                warnings.push(format!(
                    "the bundle is installed, but no copy could be kept for rollback: {error}"
                ));
            }
        }
        Ok(Imported {
            outcome,
            signature: checked.signature.clone(),
            warnings,
        })
    }

    /// Checks and installs the bundle at `path`; a refusal is written to the audit log too.
    pub fn import_path(
        &self,
        store: &mut Store,
        path: &Path,
        source: AuditSource,
        action: AuditAction,
        options: ImportOptions,
    ) -> Result<Imported> {
        let checked = self.check_path(path);
        self.import_checked(store, path, checked, source, action, options)
    }

    /// Installs a bundle read and checked from `path` beforehand (outside the store lock), or
    /// audits why it was refused.
    pub fn import_checked(
        &self,
        store: &mut Store,
        path: &Path,
        checked: Result<Checked>,
        source: AuditSource,
        action: AuditAction,
        options: ImportOptions,
    ) -> Result<Imported> {
        let origin = crate::bundle::printable(&path.display().to_string());
        let audit = AuditEntry::new(source, action, &file_label(path), &origin);
        match checked {
            Ok(checked) => self.install(store, &checked, audit, options),
            Err(error) => {
                log_audit(store, &audit.ended(result_of(&error), error.to_string()));
                Err(error)
            }
        }
    }

    /// Installs the newest kept version older than the installed one, on purpose (staff or IT).
    pub fn rollback(&self, store: &mut Store, id: &str, source: AuditSource) -> Result<Imported> {
        let installed = store.installed_version(id)?;
        let target = installed.and_then(|installed| {
            kept::versions(&self.data_dir, id)
                .ok()?
                .into_iter()
                .rfind(|v| *v < installed)
        });
        let audit = AuditEntry::new(source, AuditAction::Rollback, id, "");
        let Some(target) = target else {
            let error = Error::NothingToRollBack { id: id.to_string() };
            let mut refused = audit.ended(AuditResult::Refused, error.to_string());
            refused.from_version = installed;
            log_audit(store, &refused);
            return Err(error);
        };
        let path = kept::kept_path(&self.data_dir, id, target);
        let mut audit = audit;
        audit.origin = path.display().to_string();
        let checked = match self.check_path(&path) {
            Ok(checked) => checked,
            Err(error) => {
                let mut refused = audit.ended(result_of(&error), error.to_string());
                refused.from_version = installed;
                refused.to_version = Some(target);
                log_audit(store, &refused);
                return Err(error);
            }
        };
        self.install(store, &checked, audit, ImportOptions { allow_downgrade: true })
    }
}

/// How a failed import is recorded: content and signature problems are refusals, the rest failures.
pub(crate) fn result_of(error: &Error) -> AuditResult {
    match error {
        Error::InvalidBundle(_)
        | Error::NotNewer { .. }
        | Error::QuestionIdTaken { .. }
        | Error::Signature(_)
        | Error::NothingToRollBack { .. }
        | Error::Update { refused: true, .. } => AuditResult::Refused,
        _ => AuditResult::Failed,
    }
}

/// Writes an audit entry; a log that cannot be written is reported but never hides the real error.
pub(crate) fn log_audit(store: &Store, entry: &AuditEntry) {
    if let Err(error) = store.record_audit(entry) {
        tracing::error!(%error, "the audit log could not be written");
    }
}

fn file_label(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    crate::bundle::printable(&name)
}
