//! The editor's Save, New and Export, each one step of the authoring crate with the editor's own
//! part around it: a thin wrapper, kept here because the authoring crate belongs to the command
//! line's `bundle new` / `bundle pack` and the editor only adds the writing of its forms
//! (`kiosk_core::draft::write_folder`) before the crate's `refresh_files`.

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{validate, BundleFiles, Limits, ValidationReport};
use kiosk_core::draft::{open_folder, write_folder, DraftBundle};
use serde::Serialize;
use serde_json::Value;

use crate::error::{CommandError, ErrorCode};

/// What Save did: the manifest as written (with its file list) and the check of the whole folder.
#[derive(Debug, Serialize)]
pub struct Saved {
    /// `manifest.json` as it is now on disk.
    pub manifest: Value,
    /// Every problem and warning `bundle validate` would print for the folder.
    pub validation: ValidationReport,
}

/// Writes the forms into `dir`, recomputes the manifest's `files`, and checks the folder.
pub fn save(dir: &Path, manifest: &Value, questions: &[Value]) -> Result<Saved, CommandError> {
    write_folder(dir, manifest, questions)?;
    authoring::refresh_files(dir).map_err(from_authoring)?;
    let files = BundleFiles::read_path(dir, Limits::default())?;
    let validation = validate(&files).report;
    let manifest = open_folder(dir)?.map(|b| b.manifest).unwrap_or(Value::Null);
    Ok(Saved { manifest, validation })
}

/// Starts a bundle in `dir` with the starter content, and opens it.
pub fn start(dir: &Path, choices: authoring::NewBundle) -> Result<Option<DraftBundle>, CommandError> {
    authoring::new_bundle(dir, choices).map_err(from_authoring)?;
    Ok(open_folder(dir)?)
}

/// Packs the saved folder: full check, optional version raise, signature, zip; all or nothing.
pub fn export(
    dir: &Path,
    out: &str,
    key: &str,
    password: &str,
    bump: bool,
) -> Result<authoring::PackReport, CommandError> {
    let key = match key.trim() {
        "" => None,
        path => {
            let password = Some(password.to_string()).filter(|p| !p.is_empty());
            Some(authoring::SigningKey::read(Path::new(path), password).map_err(from_authoring)?)
        }
    };
    let out = Some(out.trim()).filter(|o| !o.is_empty()).map(PathBuf::from);
    authoring::pack(dir, authoring::PackOptions { out, key, bump }).map_err(from_authoring)
}

/// The authoring crate's errors in the page's `{code, message}` shape.
fn from_authoring(error: authoring::Error) -> CommandError {
    match error {
        authoring::Error::Core(core) => core.into(),
        authoring::Error::Key { .. } => CommandError::new(ErrorCode::SignatureRefused, error.to_string()),
        other => CommandError::new(ErrorCode::SaveFailed, other.to_string()),
    }
}
