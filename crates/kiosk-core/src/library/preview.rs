//! What an import would change, shown to staff before they confirm: the signature status, every
//! validation problem and readability warning, and which questions are added, changed or removed
//! compared with the installed version. Nothing is written. The files are read and checked without
//! the store; only the comparison with the installed content takes the store lock.

use std::path::Path;

use serde::Serialize;

use super::Library;
use crate::bundle::{validate, Problem};
use crate::store::{BundleSummary, Store};
use crate::trust::{self, SignatureStatus};
use crate::{Error, Result};

/// A question that an import adds, changes or removes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionChange {
    /// Question id.
    pub id: String,
    /// The question text (the new one for added and changed, the old one for removed).
    pub question: String,
}

/// What importing a bundle would do.
#[derive(Debug, Clone, Serialize)]
pub struct ImportPreview {
    /// The path previewed.
    pub path: String,
    /// The digest of the files as read ([`crate::bundle::BundleFiles::digest`]): the import must
    /// present it, so exactly what was previewed is installed. `None` when nothing could be read.
    pub digest: Option<String>,
    /// The signature status when the signature is acceptable.
    pub signature: Option<SignatureStatus>,
    /// The bundle, when it is valid.
    pub bundle: Option<BundleSummary>,
    /// The version installed now, if any.
    pub installed_version: Option<u32>,
    /// Questions new in this bundle.
    pub added: Vec<QuestionChange>,
    /// Questions whose content differs from the installed version.
    pub changed: Vec<QuestionChange>,
    /// Installed questions this bundle no longer has.
    pub removed: Vec<QuestionChange>,
    /// Validation errors (the bundle cannot be imported).
    pub errors: Vec<Problem>,
    /// Warnings: unsigned content, readability, uncited references.
    pub warnings: Vec<String>,
    /// Why the import would be refused, if it would.
    pub refusal: Option<String>,
}

/// A preview read and checked without the store: what [`PreparedPreview::finish`] compares with
/// the installed content, under the store lock only for that comparison.
#[derive(Debug)]
pub struct PreparedPreview {
    preview: ImportPreview,
    bundle: Option<crate::bundle::Bundle>,
}

impl Library {
    /// Previews importing the bundle at `path` over what `store` holds. Unreadable paths are an
    /// error; every other refusal is described in the preview.
    pub fn preview(&self, store: &Store, path: &Path) -> Result<ImportPreview> {
        self.prepare_preview(path)?.finish(store)
    }

    /// Reads and checks the bundle at `path` (signature first, then validation) without touching
    /// the store, so the kiosk's screens never wait behind a staff preview of a large stick.
    pub fn prepare_preview(&self, path: &Path) -> Result<PreparedPreview> {
        let mut preview = ImportPreview {
            path: crate::bundle::printable(&path.display().to_string()),
            digest: None,
            signature: None,
            bundle: None,
            installed_version: None,
            added: Vec::new(),
            changed: Vec::new(),
            removed: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            refusal: None,
        };
        let done = |preview| Ok(PreparedPreview { preview, bundle: None });
        let files = match self.read_path(path) {
            Ok(files) => files,
            Err(Error::InvalidBundle(problems)) => {
                preview.refusal = Some(Error::InvalidBundle(problems.clone()).to_string());
                preview.errors = problems;
                return done(preview);
            }
            Err(Error::Signature(error)) => {
                preview.refusal = Some(error.to_string());
                return done(preview);
            }
            Err(error) => return Err(error),
        };
        preview.digest = Some(files.digest());
        match trust::check_signature(&files, &self.keys) {
            Ok(status) => {
                preview.warnings.extend(status.warning());
                preview.signature = Some(status);
            }
            Err(error) => {
                preview.refusal = Some(error.to_string());
                return done(preview);
            }
        }
        let validation = validate(&files);
        preview
            .warnings
            .extend(validation.report.warnings.iter().map(ToString::to_string));
        if validation.bundle().is_none() {
            preview.errors = validation.report.errors.clone();
            preview.refusal = Some(Error::InvalidBundle(validation.report.errors).to_string());
            return done(preview);
        }
        Ok(PreparedPreview {
            preview,
            bundle: validation.into_bundle().ok(),
        })
    }
}

impl PreparedPreview {
    /// Compares the checked bundle with what `store` holds: the installed version, and the
    /// questions added, changed and removed.
    pub fn finish(self, store: &Store) -> Result<ImportPreview> {
        let PreparedPreview { mut preview, bundle } = self;
        let Some(bundle) = bundle else {
            return Ok(preview);
        };
        let manifest = bundle.manifest();
        preview.installed_version = store.installed_version(&manifest.id)?;
        if let Some(installed) = preview.installed_version.filter(|v| *v >= manifest.version) {
            preview.refusal = Some(
                Error::NotNewer {
                    id: manifest.id.clone(),
                    installed,
                    offered: manifest.version,
                }
                .to_string(),
            );
        }
        let mut installed = store.question_bodies(&manifest.id)?;
        for question in bundle.questions() {
            let change = QuestionChange {
                id: question.id.clone(),
                question: question.question.clone(),
            };
            match installed.remove(&question.id) {
                None => preview.added.push(change),
                Some((_, body)) => {
                    if serde_json::to_string(question).ok().as_deref() != Some(body.as_str()) {
                        preview.changed.push(change);
                    }
                }
            }
        }
        preview.removed = installed
            .into_iter()
            .map(|(id, (question, _))| QuestionChange { id, question })
            .collect();
        preview.bundle = Some(BundleSummary {
            id: manifest.id.clone(),
            version: manifest.version,
            language: manifest.language.clone(),
            title: manifest.title.clone(),
            publisher: manifest.publisher.clone(),
            published: manifest.published.clone(),
            questions: u32::try_from(bundle.questions().len()).unwrap_or(u32::MAX),
            reviewed_by: manifest.reviewed_by.clone(),
        });
        Ok(preview)
    }
}
