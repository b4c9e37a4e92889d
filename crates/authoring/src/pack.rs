//! `bundle pack`: from a bundle folder to the zip that goes on a stick or a web server, in one
//! step that either completes or changes nothing. It recomputes `files`, raises the version when
//! asked, runs the engine's full check, signs the manifest with the publisher's key and writes
//! the zip. All of that is prepared first (the zip and the new manifest as temporary files beside
//! their targets); only when every step has succeeded are they renamed into place.

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{validate, BundleFiles, Limits, ValidationReport, MANIFEST, SIGNATURE};
use kiosk_core::trust::{check_raw, sign_manifest, SignatureStatus};
use serde::Serialize;

use crate::atomic::{parent_of, Staged};
use crate::manifest::manifest_with_files;
use crate::{Error, Result};

/// A publisher's secret key, read from its file (as `bundle keygen` or `minisign -G` writes it).
#[derive(Clone)]
pub struct SigningKey {
    path: PathBuf,
    secret_file: String,
    password: Option<String>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// Reads the secret key file at `path`. `password` unlocks an encrypted key; with `None` an
    /// encrypted key asks for it on the terminal.
    pub fn read(path: &Path, password: Option<String>) -> Result<Self> {
        let secret_file = std::fs::read_to_string(path).map_err(|e| Error::Key {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Ok(SigningKey {
            path: path.to_path_buf(),
            secret_file,
            password,
        })
    }
}

/// How to pack.
#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// Where to write the zip (a file, or a folder to write `<id>-<version>.zip` into); default
    /// `<id>-<version>.zip` beside the bundle folder.
    pub out: Option<PathBuf>,
    /// The key that signs the manifest; without it the zip is unsigned.
    pub key: Option<SigningKey>,
    /// Raise the manifest's version by one.
    pub bump: bool,
}

/// What was written when packing succeeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Packed {
    /// The bundle id.
    pub id: String,
    /// The version in the zip.
    pub version: u32,
    /// The version before `--bump`, when it was raised.
    pub bumped_from: Option<u32>,
    /// How many questions the bundle holds.
    pub questions: usize,
    /// The zip written.
    pub zip: PathBuf,
    /// The key id that signed it, when it is signed.
    pub signed_by: Option<String>,
    /// Whether `manifest.json` in the folder was rewritten (new `files` or version).
    pub manifest_changed: bool,
    /// Whether the folder's old signature was removed because the manifest changed and no key
    /// was given to sign it again (the zip is then unsigned).
    pub removed_stale_signature: bool,
}

/// The outcome of [`pack`]: every problem and warning as `bundle validate` reports them, and what
/// was written, which is `None` exactly when there were errors (then nothing was written).
#[derive(Debug, Clone, Serialize)]
pub struct PackReport {
    /// Errors, warnings and readability scores of the bundle as it would be packed.
    pub validation: ValidationReport,
    /// What was written; `None` when the bundle has errors.
    pub packed: Option<Packed>,
}

/// Packs the bundle folder `dir` into a zip. Content problems come back in the report (nothing
/// written); an unreadable folder, a bad key or a failed write is an error (nothing written).
pub fn pack(dir: &Path, options: PackOptions) -> Result<PackReport> {
    let refused = |errors| PackReport {
        validation: ValidationReport {
            errors,
            ..ValidationReport::default()
        },
        packed: None,
    };
    if !dir.is_dir() {
        let reason = if dir.exists() {
            "it is not a bundle folder (pack makes a zip from a folder; a zip is already packed)"
        } else {
            "no such folder"
        };
        return Err(kiosk_core::Error::Unreadable {
            path: dir.to_path_buf(),
            reason: reason.into(),
        }
        .into());
    }
    let files = match BundleFiles::read_path(dir, Limits::default()) {
        Ok(files) => files,
        Err(kiosk_core::Error::InvalidBundle(problems)) => return Ok(refused(problems)),
        Err(error) => return Err(error.into()),
    };
    let old_manifest = files.get(MANIFEST).map(<[u8]>::to_vec);
    let Some(old_manifest) = old_manifest else {
        return Ok(refused(validate(&files).report.errors));
    };
    let manifest = match manifest_with_files(&old_manifest, &files, options.bump) {
        Ok(manifest) => manifest,
        Err(problem) => return Ok(refused(vec![problem])),
    };
    let manifest_changed = manifest != old_manifest;
    let mut entries: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter(|(name, _)| *name != MANIFEST)
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    entries.push((MANIFEST.to_string(), manifest.clone()));
    let unsigned = BundleFiles::from_entries(entries, Limits::default())?;
    let mut validation = validate(&unsigned);
    warn_extra_files(&unsigned, &mut validation.report.warnings);
    let Some(bundle) = validation.bundle() else {
        return Ok(PackReport {
            validation: validation.report,
            packed: None,
        });
    };
    let (id, version) = (bundle.manifest().id.clone(), bundle.manifest().version);
    let questions = bundle.questions().len();
    let bumped_from = options.bump.then(|| version - 1);

    let (signature, removed_stale_signature) = match (&options.key, files.signature()) {
        (Some(key), _) => (Some(sign(&manifest, key)?), false),
        (None, Some(old)) if !manifest_changed => (Some(old.to_vec()), false),
        (None, Some(_)) => (None, true),
        (None, None) => (None, false),
    };
    let signed_by = match signature.as_deref().map(|s| check_raw(&manifest, Some(s), &[])) {
        Some(Ok(SignatureStatus::Unchecked { key_id })) => Some(key_id),
        _ => None,
    };
    let name = format!("{id}-{version}.zip");
    let zip = match options.out {
        // A folder, e.g. a USB stick's: the zip goes into it under its usual name.
        Some(out) if out.is_dir() => out.join(name),
        Some(out) => out,
        None => parent_of(&std::fs::canonicalize(dir)?).join(name),
    };
    refuse_inside(&zip, dir)?;
    let packed_files = match &signature {
        Some(signature) => unsigned.with_signature(signature.clone()),
        None => unsigned,
    };

    // Everything that can fail is done; stage the writes, then move them into place.
    let staged_zip = stage_zip(&packed_files, &zip)?;
    let staged_manifest = manifest_changed
        .then(|| Staged::new(&dir.join(MANIFEST), &manifest))
        .transpose()?;
    let staged_signature = match (&signature, &options.key) {
        (Some(signature), Some(_)) => Some(Staged::new(&dir.join(SIGNATURE), signature)?),
        _ => None,
    };
    staged_zip.commit()?;
    if let Some(staged) = staged_manifest {
        staged.commit()?;
    }
    if let Some(staged) = staged_signature {
        staged.commit()?;
    }
    if removed_stale_signature {
        std::fs::remove_file(dir.join(SIGNATURE))?;
    }
    Ok(PackReport {
        validation: validation.report,
        packed: Some(Packed {
            id,
            version,
            bumped_from,
            questions,
            zip,
            signed_by,
            manifest_changed,
            removed_stale_signature,
        }),
    })
}

/// Pack lists every file of the folder, so a stray file (an old zip, a note) would travel with
/// the bundle unnoticed: say so. Such files are valid (kiosks ignore them), hence a warning.
fn warn_extra_files(files: &BundleFiles, warnings: &mut Vec<kiosk_core::bundle::Problem>) {
    let is_question = |name: &str| {
        name.strip_prefix("questions/")
            .and_then(|rest| rest.strip_suffix(".json"))
            .is_some_and(|stem| !stem.is_empty() && !stem.contains('/'))
    };
    for name in files.names().filter(|n| *n != MANIFEST && !is_question(n)) {
        warnings.push(kiosk_core::bundle::Problem::new(
            name,
            "",
            "is not a question file: it is packed and listed, but kiosks do not use it; remove it from the folder if it got there by accident",
        ));
    }
}

fn sign(manifest: &[u8], key: &SigningKey) -> Result<Vec<u8>> {
    let signature = sign_manifest(manifest, &key.secret_file, key.password.clone()).map_err(|e| Error::Key {
        path: key.path.clone(),
        reason: e.to_string(),
    })?;
    Ok(signature.into_bytes())
}

/// A zip inside the folder would be an unlisted file of the bundle the next time it is packed.
fn refuse_inside(zip: &Path, dir: &Path) -> Result<()> {
    let folder = std::fs::canonicalize(dir)?;
    let zip_parent = std::fs::canonicalize(parent_of(zip)).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("cannot write {}: its folder {e}", zip.display()),
        ))
    })?;
    if zip_parent.starts_with(&folder) {
        return Err(Error::OutputInsideBundle {
            out: zip.to_path_buf(),
            dir: dir.to_path_buf(),
        });
    }
    Ok(())
}

/// The zip written beside `out` by the engine's own zip writer, ready to be renamed into place.
fn stage_zip(files: &BundleFiles, out: &Path) -> Result<Staged> {
    Staged::written_by(out, |path| Ok(kiosk_core::kept::write_zip(files, path)?))
}
