//! The publisher's side of shared updates: turn a folder of bundles into the zips and `index.json`
//! that any static web server (or a network share) can serve to kiosks.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Index, IndexEntry, INDEX_FILE};
use crate::bundle::{validate, BundleFiles, Limits};
use crate::kept::write_zip;
use crate::{Error, Result};

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
}

/// Validates every bundle (folder or zip) directly inside `bundles_dir`, writes each as
/// `<id>-<version>.zip` into `out_dir`, and writes `index.json` last, atomically, so a kiosk never
/// sees an index naming a zip that is not there yet. Any invalid bundle refuses the whole publish.
pub fn publish(bundles_dir: &Path, out_dir: &Path) -> Result<Published> {
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
    let mut temp = tempfile::NamedTempFile::new_in(out_dir)?;
    serde_json::to_writer_pretty(temp.as_file_mut(), &index).map_err(std::io::Error::other)?;
    temp.as_file().sync_all()?;
    temp.persist(&index_path).map_err(|e| e.error)?;
    Ok(Published {
        index,
        unsigned,
        formats,
        index_path,
    })
}
