//! The publisher's side of shared updates: turn a folder of bundles into the zips, `index.json`
//! and its seal `index.json.minisig` (see `seal.rs`) that any static web server (or a network
//! share) can serve to kiosks.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Index, IndexEntry, INDEX_FILE};
use crate::bundle::{validate, BundleFiles, Limits};
use crate::kept::write_zip;
use crate::{Error, Result};

/// How the index is sealed: the publisher's secret key file's text, its password (for an
/// encrypted key; `None` asks on the terminal), and the days the index stays current.
#[derive(Debug, Clone)]
pub struct IndexSigning {
    /// The text of the secret key file.
    pub secret_file: String,
    /// The key's password, if it is encrypted.
    pub password: Option<String>,
    /// Days until the index expires.
    pub valid_days: u32,
}

/// What `publish` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Published {
    /// The index as written.
    pub index: Index,
    /// Bundles without a signature (kiosks that trust a key will refuse them).
    pub unsigned: Vec<String>,
    /// Each bundle's format, by id: kiosks that read only an older format refuse a newer one (the
    /// index cannot say it, since kiosks refuse unknown index fields).
    pub formats: std::collections::BTreeMap<String, u32>,
    /// The index file.
    pub index_path: PathBuf,
    /// The seal beside it, when a key was given.
    pub signature_path: Option<PathBuf>,
}

/// Validates every bundle (folder or zip) directly inside `bundles_dir`, writes each as
/// `<id>-<version>.zip` into `out_dir`, and writes `index.json` last, atomically, so a kiosk never
/// sees an index naming a zip that is not there yet. Any invalid bundle refuses the whole publish.
///
/// With `signing`, the index is sealed: `index.json.minisig` (with an expiry in its trusted
/// comment) is written first, then `index.json`. A kiosk reading between the two writes sees a
/// seal that does not match and retries at its next check.
pub fn publish(bundles_dir: &Path, out_dir: &Path, signing: Option<&IndexSigning>) -> Result<Published> {
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(bundles_dir)
        .map_err(|e| Error::Unreadable {
            path: bundles_dir.to_path_buf(),
            reason: e.to_string(),
        })?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            !name.starts_with('.')
                && (p.join(crate::bundle::MANIFEST).is_file() || name.to_ascii_lowercase().ends_with(".zip"))
        })
        .collect();
    candidates.sort();
    let mut bundles = Vec::new();
    for path in &candidates {
        let files = BundleFiles::read_path(path, Limits::default())?;
        let bundle = validate(&files).into_bundle()?;
        bundles.push((files, bundle));
    }
    if bundles.is_empty() {
        return Err(Error::Unreadable {
            path: bundles_dir.to_path_buf(),
            reason: "it holds no bundle folders or .zip files".into(),
        });
    }
    std::fs::create_dir_all(out_dir)?;
    let mut index = Index {
        format: 1,
        bundles: Vec::new(),
    };
    let mut unsigned = Vec::new();
    let mut formats = std::collections::BTreeMap::new();
    for (files, bundle) in &bundles {
        let manifest = bundle.manifest();
        formats.insert(manifest.id.clone(), manifest.format);
        let name = format!("{}-{}.zip", manifest.id, manifest.version);
        let zip_path = out_dir.join(&name);
        write_zip(files, &zip_path)?;
        if files.signature().is_none() {
            unsigned.push(manifest.id.clone());
        }
        index.bundles.push(IndexEntry {
            id: manifest.id.clone(),
            version: manifest.version,
            language: manifest.language.clone(),
            url: name,
            sha256: crate::bundle::sha256_file(&zip_path)?,
        });
    }
    let index_path = out_dir.join(INDEX_FILE);
    let index_bytes = serde_json::to_vec_pretty(&index).map_err(std::io::Error::other)?;
    let signature_path = match signing {
        Some(signing) => {
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            let comment = super::seal::trusted_comment(now, signing.valid_days);
            let signature =
                crate::trust::sign_bytes(&index_bytes, &signing.secret_file, signing.password.clone(), &comment)?;
            let path = out_dir.join(super::seal::INDEX_SIGNATURE_FILE);
            write_atomically(out_dir, &path, signature.as_bytes())?;
            Some(path)
        }
        None => None,
    };
    write_atomically(out_dir, &index_path, &index_bytes)?;
    Ok(Published {
        index,
        unsigned,
        formats,
        index_path,
        signature_path,
    })
}

fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(temp.as_file_mut(), bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
